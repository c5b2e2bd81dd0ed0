//! A partition's log: records at increasing offsets, with bounded retention.
//!
//! Kafka deletes whole segments by size or age and moves the log-start offset forward; the
//! simulation keeps at most `retention` records per partition and does the same, so a run of any
//! length uses flat memory while offsets keep counting up.

use alloc::collections::VecDeque;

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

/// The records of one partition still within retention.
#[derive(Clone, Debug)]
pub struct PartitionLog {
    records: VecDeque<Record>,
    log_end: u64,
    retention: u32,
}

impl PartitionLog {
    /// An empty log that keeps at most `retention` records (at least one).
    pub fn new(retention: u32) -> Self {
        PartitionLog { records: VecDeque::new(), log_end: 0, retention: retention.max(1) }
    }

    /// The offset the next appended record gets (Kafka's log-end offset, LEO).
    pub fn log_end_offset(&self) -> u64 {
        self.log_end
    }

    /// The first offset still stored; equals the log-end offset when the log is empty.
    pub fn log_start_offset(&self) -> u64 {
        self.records.front().map_or(self.log_end, |r| r.offset)
    }

    /// Appends a record and returns its offset, dropping the oldest record past retention.
    pub fn append(&mut self, key: Option<u32>, timestamp: Instant, producer: ProducerId) -> u64 {
        let offset = self.log_end;
        self.records.push_back(Record { offset, key, timestamp, producer });
        self.log_end += 1;
        if self.records.len() > self.retention as usize {
            self.records.pop_front();
        }
        offset
    }

    /// The newest `n` records, oldest first.
    pub fn tail(&self, n: usize) -> impl Iterator<Item = &Record> {
        self.records.iter().skip(self.records.len().saturating_sub(n))
    }
}

/// Every topic's partition logs, by topic name.
pub(crate) type Topics = alloc::collections::BTreeMap<alloc::string::String, alloc::vec::Vec<PartitionLog>>;

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

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
}
