//! Who processed what, per group and partition, so a record processed twice by a group becomes a
//! [`SimEvent::Duplicate`] naming both consumers (reference §6 "At-least-once").
//!
//! Processing is kept as runs `[start, end)` of offsets with their consumer, so memory grows with
//! ownership changes, not with records; old runs are dropped past a fixed count.

use alloc::collections::VecDeque;
use alloc::string::String;

use crate::assignor::TopicPartition;
use crate::event::SimEvent;
use crate::ids::ConsumerId;
use crate::vec_map::VecMap;

/// How many ownership runs per partition are remembered.
const RUNS_KEPT: usize = 64;

#[derive(Clone, Debug, Default)]
struct Runs {
    runs: VecDeque<(u64, u64, ConsumerId)>,
}

impl Runs {
    /// The offset after the last one processed, if any was.
    fn high(&self) -> Option<u64> {
        self.runs.back().map(|r| r.1)
    }

    fn who(&self, offset: u64) -> Option<ConsumerId> {
        self.runs.iter().rev().find(|(s, e, _)| (*s..*e).contains(&offset)).map(|r| r.2)
    }
}

/// The processing history of every group.
#[derive(Clone, Debug, Default)]
pub(crate) struct Delivery {
    partitions: VecMap<(String, TopicPartition), Runs>,
}

impl Delivery {
    /// Records that `consumer` of `group` processed `offset` of `tp`; returns the event for a
    /// duplicate when someone processed it before.
    pub fn processed(
        &mut self,
        group: &str,
        tp: &TopicPartition,
        offset: u64,
        consumer: ConsumerId,
    ) -> Option<SimEvent> {
        let runs = self.partitions.get_or_insert_with((group.into(), tp.clone()), Runs::default);
        if let Some(high) = runs.high()
            && offset < high
        {
            let first = runs.who(offset)?; // older than anything remembered: nothing to say
            return Some(SimEvent::Duplicate {
                group: group.into(),
                partition: tp.clone(),
                offset,
                first,
                again: consumer,
            });
        }
        match runs.runs.back_mut() {
            Some(last) if last.2 == consumer && last.1 == offset => last.1 += 1,
            _ => runs.runs.push_back((offset, offset + 1, consumer)),
        }
        if runs.runs.len() > RUNS_KEPT {
            runs.runs.pop_front();
        }
        None
    }

    /// Per partition of `group`, the offset after the last record it processed: below it every
    /// record was processed at least once, whoever owns the partition now.
    pub fn processed_of<'a>(
        &'a self,
        group: &'a str,
    ) -> impl Iterator<Item = (&'a TopicPartition, u64)> + 'a {
        self.partitions
            .iter()
            .filter(move |((g, _), _)| g == group)
            .filter_map(|((_, tp), runs)| Some((tp, runs.high()?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reprocessing_names_the_first_consumer() {
        let mut d = Delivery::default();
        let tp = TopicPartition::new("t", 0);
        let (a, b) = (ConsumerId(0), ConsumerId(1));
        for o in 5..10 {
            assert_eq!(d.processed("g", &tp, o, a), None);
        }
        let again = d.processed("g", &tp, 7, b);
        assert!(
            matches!(again, Some(SimEvent::Duplicate { offset: 7, first, again, .. }) if first == a && again == b)
        );
        assert_eq!(d.processed("other-group", &tp, 7, b), None);
        assert_eq!(d.processed("g", &tp, 10, b), None);
    }
}
