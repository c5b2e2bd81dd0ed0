//! Snapshots of the world for people: what the UI draws and what tests assert on.

use alloc::string::String;
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::ids::ProducerId;
use crate::log::Record;
use crate::partitioner::KeyMode;
use crate::time::Instant;

/// The whole world at one instant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimView {
    /// The virtual clock.
    pub now: Instant,
    /// The seed the world was made with.
    pub seed: u64,
    /// Topics by name.
    pub topics: Vec<TopicView>,
    /// Producers in creation order.
    pub producers: Vec<ProducerView>,
}

/// One topic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicView {
    /// Its name.
    pub name: String,
    /// Its partitions, by id.
    pub partitions: Vec<PartitionView>,
}

/// One partition of a topic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartitionView {
    /// The partition id.
    pub id: u32,
    /// The first retained offset.
    pub log_start_offset: u64,
    /// The next offset to be written (LEO).
    pub log_end_offset: u64,
    /// The newest few records, oldest first (for drawing).
    pub recent: Vec<Record>,
}

/// One producer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProducerView {
    /// Its id.
    pub id: ProducerId,
    /// The topic it writes to.
    pub topic: String,
    /// Records per second.
    pub rate_per_sec: u32,
    /// How it picks keys and partitions.
    pub key_mode: KeyMode,
    /// Whether it is paused.
    pub paused: bool,
}
