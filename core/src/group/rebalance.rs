//! What both kinds of group keep of a rebalance for the playground's record (not a Kafka
//! structure: it feeds the events the page draws): `classic/record.rs` and `consumer/record.rs`
//! open and finish it.

use alloc::string::String;

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
