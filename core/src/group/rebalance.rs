//! What both kinds of group keep of a rebalance for the playground's record (not a Kafka
//! structure: it feeds the events the page draws): `classic/record.rs` and `consumer/record.rs`
//! open and finish it.

use alloc::string::String;
use alloc::vec::Vec;

use super::RebalanceCause;
use crate::assignor::TopicPartition;
use crate::time::Instant;
use crate::vec_map::VecMap;

/// An ongoing rebalance, from the moment it starts to the moment the group is Stable again.
#[derive(Clone, Debug)]
pub(crate) struct Rebalance {
    pub cause: RebalanceCause,
    pub started_at: Instant,
    pub generation_before: i32,
    /// Who owned what when it started (client ids).
    pub before: VecMap<TopicPartition, String>,
    /// 1, or more when cooperative follow-up rebalances continue it.
    pub round: u32,
}

/// A partition whose owner changed: (partition, old client id, new client id).
pub(crate) type Moved = (TopicPartition, Option<String>, Option<String>);

impl Rebalance {
    /// The partitions whose owner changed between the start and `after` (who owns what now, by
    /// client id), by topic and partition.
    pub fn moved(&self, after: &VecMap<&TopicPartition, &str>) -> Vec<Moved> {
        let mut moved = Vec::new();
        for (tp, from) in &self.before {
            let to = after.get(tp).copied();
            if to != Some(from.as_str()) {
                moved.push((tp.clone(), Some(from.clone()), to.map(String::from)));
            }
        }
        for (tp, to) in after {
            if !self.before.contains_key(*tp) {
                moved.push(((*tp).clone(), None, Some(String::from(*to))));
            }
        }
        crate::sort::sort(&mut moved);
        moved
    }
}
