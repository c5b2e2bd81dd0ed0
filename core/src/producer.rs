//! Producers: append records to a topic at a steady rate in simulated time.

use alloc::string::String;

use serde::{Deserialize, Serialize};

use crate::error::SimError;
use crate::ids::ProducerId;
use crate::partitioner::{KeyMode, Partitioner};
use crate::rng::SimRng;
use crate::time::{Duration, Instant};

/// The most records per second one producer may send (one per simulated millisecond).
pub const MAX_RATE: u32 = 1000;

/// What a producer writes and how fast.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProducerConfig {
    /// The topic it writes to.
    pub topic: String,
    /// Records per second of simulated time, `0..=MAX_RATE` (0 sends nothing).
    pub rate_per_sec: u32,
    /// How keys and partitions are chosen.
    pub key_mode: KeyMode,
}

impl Default for ProducerConfig {
    fn default() -> Self {
        ProducerConfig { topic: String::from("orders"), rate_per_sec: 5, key_mode: KeyMode::default() }
    }
}

impl ProducerConfig {
    /// Checks the settings that do not depend on the world.
    pub fn validate(&self) -> Result<(), SimError> {
        if self.rate_per_sec > MAX_RATE {
            return Err(SimError::InvalidRate(self.rate_per_sec));
        }
        if let KeyMode::Keyed { key_space: 0 } = self.key_mode {
            return Err(SimError::InvalidSetting("key_space must be at least 1"));
        }
        Ok(())
    }
}

/// A producer's state inside the world.
#[derive(Clone, Debug)]
pub(crate) struct Producer {
    pub id: ProducerId,
    pub config: ProducerConfig,
    pub paused: bool,
    /// Removed for good: it sends nothing and takes no more commands.
    pub removed: bool,
    pub partitioner: Partitioner,
    pub rng: SimRng,
    /// Sends are spaced exactly: the k-th send after `base` is due at `base + k * 1000 / rate` ms.
    base: Instant,
    sent_since_base: u64,
}

impl Producer {
    pub fn new(id: ProducerId, config: ProducerConfig, rng: SimRng, now: Instant) -> Self {
        Producer {
            id,
            config,
            paused: false,
            removed: false,
            partitioner: Partitioner::default(),
            rng,
            base: now,
            sent_since_base: 1,
        }
    }

    /// When the next record is due, or `None` if the producer is paused or has rate 0.
    pub fn next_send(&self) -> Option<Instant> {
        let rate = u64::from(self.config.rate_per_sec);
        if self.paused || self.removed || rate == 0 {
            return None;
        }
        Some(self.base + Duration::from_millis(self.sent_since_base * 1000 / rate))
    }

    /// Records that one send happened.
    pub fn sent(&mut self) {
        self.sent_since_base += 1;
    }

    /// Restarts the spacing from `now` (after a pause, resume or rate change).
    pub fn rebase(&mut self, now: Instant) {
        self.base = now;
        self.sent_since_base = 1;
    }
}
