//! The rebalance record: one entry per rebalance, folded from the event stream, with what the
//! coordinator knows (cause, generations, rounds, moved partitions, duration) and what only the
//! clients know (how long each member consumed nothing). Enough to draw a rebalance history and
//! compare assignors and protocols.

use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::assignor::TopicPartition;
use crate::event::{SimEvent, Stamped};
use crate::group::RebalanceCause;
use crate::ids::ConsumerId;
use crate::time::{Duration, Instant};
use crate::vec_map::VecMap;

/// How many rebalances each group keeps.
pub const HISTORY_PER_GROUP: usize = 32;

/// One rebalance, from the group leaving Stable to its last round's completion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RebalanceRecord {
    /// Why it started.
    pub cause: RebalanceCause,
    /// When it started.
    pub started_at: Instant,
    /// From start to the last round's Stable.
    pub took: Duration,
    /// The generation before.
    pub generation_before: i32,
    /// The generation after the last round.
    pub generation: i32,
    /// Join/sync rounds: 1 for eager, 2 when cooperative rounds hand partitions over.
    pub rounds: u32,
    /// Partitions whose owner changed: (partition, old client id, new client id).
    pub moved: Vec<(TopicPartition, Option<String>, Option<String>)>,
    /// A cooperative follow-up round is still expected.
    pub awaiting_follow_up: bool,
    /// Members that consumed nothing for a while (eager revokes everything) and for how long,
    /// known once they consume again. Members that never stopped (cooperative) are absent.
    pub stopped: Vec<(ConsumerId, Duration)>,
}

impl RebalanceRecord {
    /// The partitions taken from `client_id`.
    pub fn revoked_from<'a>(&'a self, client_id: &'a str) -> impl Iterator<Item = &'a TopicPartition> + 'a {
        self.moved.iter().filter(move |(_, from, _)| from.as_deref() == Some(client_id)).map(|(tp, _, _)| tp)
    }

    /// The partitions given to `client_id`.
    pub fn assigned_to<'a>(&'a self, client_id: &'a str) -> impl Iterator<Item = &'a TopicPartition> + 'a {
        self.moved.iter().filter(move |(_, _, to)| to.as_deref() == Some(client_id)).map(|(tp, _, _)| tp)
    }
}

/// Folds events into each group's recent rebalances.
#[derive(Clone, Debug, Default)]
pub struct RebalanceHistory {
    group_of: crate::ids::GroupOf,
    by_group: VecMap<String, VecDeque<RebalanceRecord>>,
}

impl RebalanceHistory {
    /// Takes one event into account.
    pub fn observe(&mut self, stamped: &Stamped) {
        match &stamped.event {
            SimEvent::ConsumerAdded { consumer, group, .. } => {
                self.group_of.insert(*consumer, group.clone());
            }
            SimEvent::RebalanceCompleted {
                group,
                cause,
                generation_before,
                generation,
                took,
                moved,
                round,
                follow_up,
            } => {
                let list = self.by_group.get_or_insert_with(group.clone(), VecDeque::new);
                let record = RebalanceRecord {
                    cause: cause.clone(),
                    started_at: Instant::from_millis(stamped.at.as_millis().saturating_sub(took.as_millis())),
                    took: *took,
                    generation_before: *generation_before,
                    generation: *generation,
                    rounds: *round,
                    moved: moved.clone(),
                    awaiting_follow_up: *follow_up,
                    stopped: Vec::new(),
                };
                match list.back_mut() {
                    Some(last) if *round > 1 && last.awaiting_follow_up => {
                        let stopped = core::mem::take(&mut last.stopped);
                        *last = RebalanceRecord { stopped, ..record };
                    }
                    _ => {
                        if list.len() == HISTORY_PER_GROUP {
                            list.pop_front();
                        }
                        list.push_back(record);
                    }
                }
            }
            SimEvent::ConsumptionResumed { consumer, stopped_for } => {
                if let Some(last) = self.last_of(*consumer) {
                    last.stopped.retain(|(c, _)| c != consumer);
                    last.stopped.push((*consumer, *stopped_for));
                    crate::sort::sort(&mut last.stopped);
                }
            }
            _ => {}
        }
    }

    fn last_of(&mut self, consumer: ConsumerId) -> Option<&mut RebalanceRecord> {
        let group = self.group_of.get(consumer)?;
        self.by_group.get_mut(group)?.back_mut()
    }

    /// A group's recent rebalances, oldest first.
    pub fn of(&self, group: &str) -> impl Iterator<Item = &RebalanceRecord> {
        self.by_group.get(group).into_iter().flatten()
    }
}
