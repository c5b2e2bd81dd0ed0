//! A partition's log: records at increasing offsets, with bounded retention.
//!
//! Kafka deletes whole segments by size or age and moves the log-start offset forward; the
//! simulation keeps at most `retention` records per partition and does the same, so a run of any
//! length uses flat memory while offsets keep counting up.

use alloc::collections::VecDeque;
use alloc::rc::Rc;
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

/// Records per shared chunk: a clone of a log (a checkpoint of the world) shares every chunk, and
/// an append after it copies at most this many records.
const CHUNK: usize = 512;

/// The records of one partition still within retention, in chunks shared between clones
/// (`Rc`, copied on write), so a checkpoint of the world costs next to nothing per partition.
#[derive(Clone, Debug)]
pub struct PartitionLog {
    chunks: VecDeque<Rc<Vec<Record>>>,
    /// Records of the first chunk already past retention.
    skip: usize,
    /// Records within retention.
    len: usize,
    log_end: u64,
    retention: u32,
}

impl PartitionLog {
    /// An empty log that keeps at most `retention` records (at least one).
    pub fn new(retention: u32) -> Self {
        PartitionLog { chunks: VecDeque::new(), skip: 0, len: 0, log_end: 0, retention: retention.max(1) }
    }

    /// The offset the next appended record gets (Kafka's log-end offset, LEO).
    pub fn log_end_offset(&self) -> u64 {
        self.log_end
    }

    /// The first offset still stored; equals the log-end offset when the log is empty.
    pub fn log_start_offset(&self) -> u64 {
        self.log_end - self.len as u64
    }

    /// Appends a record and returns its offset, dropping the oldest record past retention.
    pub fn append(&mut self, key: Option<u32>, timestamp: Instant, producer: ProducerId) -> u64 {
        let offset = self.log_end;
        let record = Record { offset, key, timestamp, producer };
        match self.chunks.back_mut() {
            Some(last) if last.len() < CHUNK => Rc::make_mut(last).push(record),
            _ => self.chunks.push_back(Rc::new(alloc::vec![record])),
        }
        self.log_end += 1;
        self.len += 1;
        if self.len > self.retention as usize {
            self.len -= 1;
            self.skip += 1;
            if self.chunks.front().is_some_and(|first| self.skip == first.len()) {
                self.chunks.pop_front();
                self.skip = 0;
            }
        }
        offset
    }

    /// The newest `n` records, oldest first.
    pub fn tail(&self, n: usize) -> impl Iterator<Item = &Record> {
        let skip = self.skip;
        self.chunks
            .iter()
            .enumerate()
            .flat_map(move |(i, chunk)| chunk[if i == 0 { skip } else { 0 }..].iter())
            .skip(self.len.saturating_sub(n))
    }
}

/// Every topic's partition logs, by topic name.
pub(crate) type Topics = alloc::collections::BTreeMap<alloc::string::String, Vec<PartitionLog>>;

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

    /// Retention record by record across chunk boundaries, and a clone that shares the chunks
    /// is unchanged by appends to the original.
    #[test]
    fn chunks_keep_exact_retention_and_clones_stay_as_they_were() {
        let mut log = PartitionLog::new(1_000);
        for _ in 0..2_600 {
            log.append(None, Instant::ZERO, ProducerId(0));
        }
        assert_eq!((log.log_start_offset(), log.log_end_offset()), (1_600, 2_600));
        assert_eq!(log.tail(3).map(|r| r.offset).collect::<Vec<_>>(), [2_597, 2_598, 2_599]);
        assert_eq!(log.tail(5_000).count(), 1_000);
        assert_eq!(log.tail(5_000).next().map(|r| r.offset), Some(1_600));
        let checkpoint = log.clone();
        for _ in 0..700 {
            log.append(Some(1), Instant::ZERO, ProducerId(0));
        }
        assert_eq!(checkpoint.log_start_offset(), 1_600);
        assert_eq!(checkpoint.tail(1).next().map(|r| (r.offset, r.key)), Some((2_599, None)));
        assert_eq!(log.log_start_offset(), 2_300);
    }
}
