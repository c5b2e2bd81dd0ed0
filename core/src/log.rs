//! A partition's log: records at increasing offsets, with bounded retention.
//!
//! Kafka deletes whole segments by size or age and moves the log-start offset forward; the
//! simulation keeps at most `retention` records per partition and does the same, so a run of any
//! length uses flat memory while offsets keep counting up.

use alloc::collections::VecDeque;
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::ids::ProducerId;
use crate::time::Instant;

/// One record in a partition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Its offset in the partition.
    pub offset: u64,
    /// The key's number in its producer's key space (`key-17` is `Some(17)`), or `None` for a null key.
    pub key: Option<u32>,
    /// When it was appended.
    pub timestamp: Instant,
    /// Who produced it.
    pub producer: ProducerId,
}

/// How many of the newest records a log keeps whole (the page draws the newest 8 of a
/// partition). Older records within retention are only counted: nothing in the simulation reads
/// them (a fetch takes offsets, not contents), so a copy of the world (a checkpoint) stays small
/// however much retention holds.
pub const RECORDS_KEPT: usize = 64;

/// One partition's log: how many records retention holds, and the newest of them whole.
#[derive(Clone, Debug)]
pub struct PartitionLog {
    newest: VecDeque<Record>,
    /// Records within retention.
    len: u64,
    log_end: u64,
    retention: u32,
}

impl PartitionLog {
    /// An empty log that keeps at most `retention` records (at least one).
    pub fn new(retention: u32) -> Self {
        PartitionLog { newest: VecDeque::new(), len: 0, log_end: 0, retention: retention.max(1) }
    }

    /// The offset the next appended record gets (Kafka's log-end offset, LEO).
    pub fn log_end_offset(&self) -> u64 {
        self.log_end
    }

    /// The first offset still within retention; equals the log-end offset when the log is empty.
    pub fn log_start_offset(&self) -> u64 {
        self.log_end - self.len
    }

    /// Appends a record and returns its offset; the oldest record past retention goes.
    pub fn append(&mut self, key: Option<u32>, timestamp: Instant, producer: ProducerId) -> u64 {
        let offset = self.log_end;
        self.newest.push_back(Record { offset, key, timestamp, producer });
        self.log_end += 1;
        self.len = (self.len + 1).min(u64::from(self.retention));
        if self.newest.len() as u64 > self.len.min(RECORDS_KEPT as u64) {
            self.newest.pop_front();
        }
        offset
    }

    /// The newest `n` records (at most [`RECORDS_KEPT`]), oldest first.
    pub fn tail(&self, n: usize) -> impl Iterator<Item = &Record> {
        self.newest.iter().skip(self.newest.len().saturating_sub(n))
    }
}

/// Every topic's partition logs, by topic name.
pub(crate) type Topics = crate::vec_map::VecMap<alloc::string::String, Vec<PartitionLog>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_up_from_zero() {
        let mut log = PartitionLog::new(10);
        assert_eq!(log.append(None, Instant::ZERO, ProducerId(0)), 0);
        assert_eq!(log.append(Some(3), Instant::ZERO, ProducerId(0)), 1);
        assert_eq!(log.log_end_offset(), 2);
        assert_eq!(log.log_start_offset(), 0);
        assert_eq!(log.tail(1).next().map(|r| r.key), Some(Some(3)));
    }

    #[test]
    fn retention_moves_the_log_start_and_keeps_memory_flat() {
        let mut log = PartitionLog::new(3);
        for _ in 0..10 {
            log.append(None, Instant::ZERO, ProducerId(0));
        }
        assert_eq!(log.log_start_offset(), 7);
        assert_eq!(log.log_end_offset(), 10);
        assert_eq!(log.tail(2).map(|r| r.offset).collect::<Vec<_>>(), [8, 9]);
    }

    /// Retention is counted record by record; only the newest records are kept whole.
    #[test]
    fn retention_is_exact_and_only_the_newest_are_kept_whole() {
        let mut log = PartitionLog::new(1_000);
        for _ in 0..2_600 {
            log.append(None, Instant::ZERO, ProducerId(0));
        }
        assert_eq!((log.log_start_offset(), log.log_end_offset()), (1_600, 2_600));
        assert_eq!(log.tail(3).map(|r| r.offset).collect::<Vec<_>>(), [2_597, 2_598, 2_599]);
        assert_eq!(log.tail(5_000).count(), RECORDS_KEPT);
        let mut small = PartitionLog::new(2);
        for _ in 0..5 {
            small.append(Some(1), Instant::ZERO, ProducerId(0));
        }
        assert_eq!((small.log_start_offset(), small.tail(10).count()), (3, 2));
    }
}
