//! Identifiers of the simulation's actors. All are small integers assigned in creation order, so
//! they sort, hash and serialize the same on every platform.

use core::fmt;

use serde::{Deserialize, Serialize};

/// A producer, numbered from 0 in the order producers were added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProducerId(pub u32);

impl fmt::Display for ProducerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "producer-{}", self.0 + 1)
    }
}

/// A consumer (one client instance), numbered from 0 in the order consumers were added. A
/// restarted consumer is a new instance with a new id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ConsumerId(pub u32);

/// Where an answer goes: a consumer process's connection to the brokers and the request's
/// correlation id on it (`NetworkClient` matches each answer to its request by that id). The
/// epoch grows each time the client drops its connection (a timed-out request, the coordinator
/// marked unknown) or the process is restarted, so answers to a dropped connection never reach
/// the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Conn {
    pub consumer: ConsumerId,
    pub epoch: u32,
    pub correlation: u32,
}

impl fmt::Display for ConsumerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "consumer-{}", self.0 + 1)
    }
}
