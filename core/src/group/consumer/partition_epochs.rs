//! Who holds each partition, by the holder's member epoch (`ConsumerGroup.currentPartitionEpoch`,
//! `addPartitionEpochs`, `removePartitionEpochs`). A member holds what it is assigned and what it
//! is still revoking; a partition is free for a new owner only once nobody holds it.

use alloc::string::String;

use crate::vec_map::VecMap;

use super::reconcile::{EpochedPartitions, MemberAssignment, NO_EPOCH};

/// The epoch of each held partition's holder.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartitionEpochs {
    held: VecMap<String, VecMap<u32, i32>>,
}

/// A partition would get a second holder: Kafka's `IllegalStateException` in
/// `addPartitionEpochs`, a bug rather than a request's error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StillOwned {
    /// The topic.
    pub topic: String,
    /// The partition.
    pub partition: u32,
    /// The epoch asked for.
    pub epoch: i32,
    /// The epoch it is still owned at.
    pub owned_at: i32,
}

impl core::fmt::Display for StillOwned {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "Cannot set the epoch of {}-{} to {} because the partition is still owned at epoch {}",
            self.topic, self.partition, self.epoch, self.owned_at
        )
    }
}

impl PartitionEpochs {
    /// `currentPartitionEpoch`: the holder's epoch, or [`NO_EPOCH`].
    pub fn current(&self, topic: &str, partition: u32) -> i32 {
        self.held.get(topic).and_then(|ps| ps.get(&partition)).copied().unwrap_or(NO_EPOCH)
    }

    /// `maybeUpdatePartitionEpoch`: `old`'s partitions are no longer held at its epoch, and
    /// `new`'s (assigned and still revoking) are held at its epoch.
    pub fn update(
        &mut self,
        old: Option<&MemberAssignment>,
        new: Option<&MemberAssignment>,
    ) -> Result<(), StillOwned> {
        if let Some(old) = old {
            self.remove(&old.assigned, old.member_epoch);
            self.remove(&old.pending_revocation, old.member_epoch);
        }
        if let Some(new) = new {
            self.add(&new.assigned, new.member_epoch)?;
            self.add(&new.pending_revocation, new.member_epoch)?;
        }
        Ok(())
    }

    /// `removePartitionEpochs`: only what is held at `epoch` (another holder's stays).
    fn remove(&mut self, partitions: &EpochedPartitions, epoch: i32) {
        for (topic, ps) in partitions.iter() {
            if let Some(held) = self.held.get_mut(topic.as_str()) {
                for p in ps.keys() {
                    if held.get(p) == Some(&epoch) {
                        held.remove(p);
                    }
                }
                if held.is_empty() {
                    self.held.remove(topic.as_str());
                }
            }
        }
    }

    /// `addPartitionEpochs`: a partition may only be taken at a later epoch than it is held.
    fn add(&mut self, partitions: &EpochedPartitions, epoch: i32) -> Result<(), StillOwned> {
        for (topic, ps) in partitions.iter() {
            let held = self.held.get_or_insert_with(topic.clone(), VecMap::default);
            for &p in ps.keys() {
                match held.get(&p) {
                    Some(&owned_at) if owned_at >= epoch => {
                        return Err(StillOwned { topic: topic.clone(), partition: p, epoch, owned_at });
                    }
                    _ => _ = held.insert(p, epoch),
                }
            }
        }
        Ok(())
    }
}
