//! Which partition a produced record goes to: Kafka's built-in partitioning (reference §7).

use alloc::format;
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::rng::SimRng;

/// Kafka's `Utils.murmur2`: 32-bit MurmurHash2 with seed `0x9747b28c` (reference §7.1).
///
/// Returns the same bits as Java's signed `int`; compare with `as i32`.
pub fn murmur2(data: &[u8]) -> u32 {
    const SEED: u32 = 0x9747_b28c;
    const M: u32 = 0x5bd1_e995;
    const R: u32 = 24;
    let len = data.len();
    let mut h = SEED ^ (len as u32);
    let mut blocks = data.chunks_exact(4);
    for block in &mut blocks {
        let mut k = u32::from_le_bytes([block[0], block[1], block[2], block[3]]);
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h = h.wrapping_mul(M);
        h ^= k;
    }
    let tail = blocks.remainder();
    if tail.len() >= 3 {
        h ^= u32::from(tail[2]) << 16;
    }
    if tail.len() >= 2 {
        h ^= u32::from(tail[1]) << 8;
    }
    if !tail.is_empty() {
        h ^= u32::from(tail[0]);
        h = h.wrapping_mul(M);
    }
    h ^= h >> 13;
    h = h.wrapping_mul(M);
    h ^= h >> 15;
    h
}

/// Kafka's `BuiltInPartitioner.partitionForKey`: `toPositive(murmur2(key)) % numPartitions`, where
/// `toPositive` masks the sign bit (it is not `abs`).
pub fn partition_for_key(key: &[u8], num_partitions: u32) -> u32 {
    (murmur2(key) & 0x7fff_ffff) % num_partitions
}

/// The bytes of key number `n` as the simulation's producers write it: `key-<n>`.
pub fn key_bytes(n: u32) -> Vec<u8> {
    format!("key-{n}").into_bytes()
}

/// How a producer picks keys and partitions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "mode")]
pub enum KeyMode {
    /// Keys drawn uniformly from `key-0 .. key-(key_space-1)`, partitioned by murmur2 (§7.1).
    Keyed {
        /// How many distinct keys there are (at least 1).
        key_space: u32,
    },
    /// Null keys with the built-in sticky partitioner (KIP-794, §7.2): stay on one random
    /// partition for `batch_records` records (a full `batch.size`), then switch to another.
    Sticky {
        /// Records per batch: `batch.size` (16384 bytes) over the record size (at least 1).
        batch_records: u32,
    },
    /// `RoundRobinPartitioner` (§7.3): a per-topic counter from 0, key ignored.
    RoundRobin,
    /// Every record to one explicit partition (§7 rule 1).
    Explicit {
        /// The partition.
        partition: u32,
    },
}

impl Default for KeyMode {
    /// Null keys, sticky: what a producer without keys does in Kafka 3.3 and later. 16 records a
    /// batch is `batch.size` (16384 bytes) over 1 KiB records.
    fn default() -> Self {
        KeyMode::Sticky { batch_records: 16 }
    }
}

/// A producer's partitioning state for one topic.
#[derive(Clone, Debug, Default)]
pub struct Partitioner {
    sticky: Option<(u32, u32)>, // (partition, records sent to it in this batch)
    counter: u32,
}

impl Partitioner {
    /// Picks the key and partition of the next record to a topic of `num_partitions` partitions.
    /// Errors (an explicit partition that does not exist) come back as `Err(partition)`.
    pub fn next(
        &mut self,
        mode: &KeyMode,
        num_partitions: u32,
        rng: &mut SimRng,
    ) -> Result<(Option<u32>, u32), u32> {
        match *mode {
            KeyMode::Keyed { key_space } => {
                let key = rng.below(key_space.max(1));
                Ok((Some(key), partition_for_key(&key_bytes(key), num_partitions)))
            }
            KeyMode::Sticky { batch_records } => {
                let (partition, sent) = match self.sticky {
                    Some((p, sent)) if sent < batch_records.max(1) && p < num_partitions => (p, sent),
                    // KIP-794 (`BuiltInPartitioner.nextPartition`, reference §7.2): the next sticky
                    // partition is drawn among all partitions, the current one included.
                    _ => (rng.below(num_partitions), 0),
                };
                self.sticky = Some((partition, sent + 1));
                Ok((None, partition))
            }
            KeyMode::RoundRobin => {
                let partition = (self.counter & 0x7fff_ffff) % num_partitions;
                self.counter = self.counter.wrapping_add(1);
                Ok((None, partition))
            }
            KeyMode::Explicit { partition } if partition < num_partitions => Ok((None, partition)),
            KeyMode::Explicit { partition } => Err(partition),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sticky_stays_for_a_batch_then_draws_again() {
        let mode = KeyMode::Sticky { batch_records: 4 };
        let mut p = Partitioner::default();
        let mut rng = SimRng::new(3, 0);
        let picks: Vec<u32> = (0..400).map(|_| p.next(&mode, 5, &mut rng).unwrap().1).collect();
        for batch in picks.chunks(4) {
            assert!(batch.iter().all(|&q| q == batch[0]), "{picks:?}");
        }
        // KIP-794 (`BuiltInPartitioner.nextPartition`: `random % availablePartitions.size()`):
        // the draw includes the current partition, so about one batch in five stays put.
        let stays = picks.chunks(4).zip(picks.chunks(4).skip(1)).filter(|(a, b)| a[0] == b[0]).count();
        assert!((8..=35).contains(&stays), "{stays} of 99 switches stayed on the same partition");
        assert_eq!(picks.iter().copied().max(), Some(4));
    }

    #[test]
    fn explicit_partition_out_of_range_is_an_error() {
        let mut rng = SimRng::new(0, 0);
        let mut p = Partitioner::default();
        assert_eq!(p.next(&KeyMode::Explicit { partition: 3 }, 3, &mut rng), Err(3));
        assert_eq!(p.next(&KeyMode::Explicit { partition: 2 }, 3, &mut rng), Ok((None, 2)));
    }
}
