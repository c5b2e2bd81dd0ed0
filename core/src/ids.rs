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

/// A set of consumers, by id: ids are small and dense, so a list of flags does what a
/// `BTreeSet<ConsumerId>` would with less code in the page (no tree for this key type).
#[derive(Clone, Debug, Default)]
pub(crate) struct ConsumerSet(alloc::vec::Vec<bool>);

impl ConsumerSet {
    pub fn insert(&mut self, id: ConsumerId) {
        let index = id.0 as usize;
        if self.0.len() <= index {
            self.0.resize(index + 1, false);
        }
        self.0[index] = true;
    }

    pub fn remove(&mut self, id: ConsumerId) {
        if let Some(flag) = self.0.get_mut(id.0 as usize) {
            *flag = false;
        }
    }

    pub fn contains(&self, id: ConsumerId) -> bool {
        self.0.get(id.0 as usize).copied().unwrap_or(false)
    }
}

/// Each consumer's group, by id (the same reason as [`ConsumerSet`]).
#[derive(Clone, Debug, Default)]
pub(crate) struct GroupOf(alloc::vec::Vec<Option<alloc::string::String>>);

impl GroupOf {
    pub fn insert(&mut self, id: ConsumerId, group: alloc::string::String) {
        let index = id.0 as usize;
        if self.0.len() <= index {
            self.0.resize(index + 1, None);
        }
        self.0[index] = Some(group);
    }

    pub fn get(&self, id: ConsumerId) -> Option<&alloc::string::String> {
        self.0.get(id.0 as usize).and_then(Option::as_ref)
    }
}
