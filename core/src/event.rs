//! Everything observable, as timestamped events. The UI and the tests read these; they never reach
//! into the world's internals.

use alloc::string::String;
use core::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::ProducerId;
use crate::time::Instant;

/// An event and the simulated time it happened at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamped {
    /// When.
    pub at: Instant,
    /// What.
    pub event: SimEvent,
}

/// Something that happened in the world.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum SimEvent {
    /// A topic was created.
    TopicCreated {
        /// Its name.
        topic: String,
        /// How many partitions it has.
        partitions: u32,
    },
    /// Partitions were added to a topic.
    PartitionsAdded {
        /// The topic.
        topic: String,
        /// The count before.
        from: u32,
        /// The count now.
        to: u32,
    },
    /// A producer was added.
    ProducerAdded {
        /// Its id.
        producer: ProducerId,
        /// The topic it writes to.
        topic: String,
    },
    /// A record was appended to a partition.
    Produced {
        /// Who wrote it.
        producer: ProducerId,
        /// Where.
        topic: String,
        /// Which partition.
        partition: u32,
        /// At which offset.
        offset: u64,
        /// Its key number, if keyed.
        key: Option<u32>,
    },
}

impl fmt::Display for Stamped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{:>9}] {}", self.at, self.event)
    }
}

impl fmt::Display for SimEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SimEvent::TopicCreated { topic, partitions } => {
                write!(f, "topic {topic} created with {partitions} partitions")
            }
            SimEvent::PartitionsAdded { topic, from, to } => {
                write!(f, "topic {topic} grew from {from} to {to} partitions")
            }
            SimEvent::ProducerAdded { producer, topic } => write!(f, "{producer} writes to {topic}"),
            SimEvent::Produced { producer, topic, partition, offset, key } => {
                write!(f, "{producer} → {topic}-{partition} @{offset}")?;
                match key {
                    Some(k) => write!(f, " key-{k}"),
                    None => f.write_str(" (null key)"),
                }
            }
        }
    }
}
