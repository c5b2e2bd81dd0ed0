//! The invariants a faithful run keeps, as a checker that tests and the UI run after every step.
//! It reads only events and views, never the world's internals, so it checks the simulation from
//! the outside.
//!
//! ```
//! use groupsim::{InvariantChecker, Sim, SimConfig};
//!
//! let mut sim = Sim::new(SimConfig::default())?;
//! let mut checker = InvariantChecker::default();
//! while let Some(_) = sim.step().filter(|t| t.as_millis() < 10_000) {
//!     while let Some(e) = sim.poll_event() {
//!         checker.observe(&e);
//!     }
//!     checker.check_view(&sim.view());
//! }
//! assert!(checker.violations().is_empty());
//! # Ok::<(), groupsim::SimError>(())
//! ```

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::{Deserialize, Serialize};

use crate::assignor::TopicPartition;
use crate::consumer::{Life, MemberState};
use crate::event::{SimEvent, Stamped};
use crate::ids::{ConsumerId, ConsumerSet, GroupOf};
use crate::time::Instant;
use crate::vec_map::{VecMap, VecSet};
use crate::view::SimView;

/// A named property of every run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Invariant {
    /// Always: within one generation of a group, no partition is owned by two consumers.
    OneOwnerPerGeneration,
    /// Always: a group's committed offset for a partition never goes backwards.
    CommitsNeverGoBackwards,
    /// Always: a group processes each partition's records in order without skipping any, except
    /// where `auto.offset.reset` moved the position on purpose (no loss).
    NoSkippedRecords,
    /// Always: a record is processed twice by a group only if one of its two processors failed
    /// without a graceful close: a crash (the new owner redoes what was not committed), lost
    /// partitions, a poll timeout, or a cut link (a zombie redoes what the new owner did).
    DuplicatesOnlyAfterFailure,
}

impl Invariant {
    /// Every invariant, for listing.
    pub const ALL: [Invariant; 4] = [
        Invariant::OneOwnerPerGeneration,
        Invariant::CommitsNeverGoBackwards,
        Invariant::NoSkippedRecords,
        Invariant::DuplicatesOnlyAfterFailure,
    ];

    /// A one-line statement of the property.
    pub fn statement(self) -> &'static str {
        match self {
            Invariant::OneOwnerPerGeneration => "within a generation, every partition has at most one owner",
            Invariant::CommitsNeverGoBackwards => "committed offsets never go backwards",
            Invariant::NoSkippedRecords => "no record is skipped (no loss)",
            Invariant::DuplicatesOnlyAfterFailure => {
                "records are processed twice only around a failure: a crash, a cut link, a poll timeout, \
                 lost partitions, or a close whose last commit could not land"
            }
        }
    }
}

impl fmt::Display for Invariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.statement())
    }
}

/// A broken invariant and the moment it broke.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    /// When.
    pub at: Instant,
    /// Which.
    pub invariant: Invariant,
    /// What exactly.
    pub detail: String,
}

/// Watches events and views and records every violation.
#[derive(Clone, Debug, Default)]
pub struct InvariantChecker {
    now: Instant,
    group_of: GroupOf,
    committed: VecMap<(String, TopicPartition), u64>,
    /// The offset after the last record each group processed, per partition.
    processed: VecMap<(String, TopicPartition), u64>,
    /// Positions moved by `auto.offset.reset`: the next record there may jump ahead.
    reset: Vec<(String, TopicPartition)>,
    failed: ConsumerSet,
    /// Consumers whose last commit failed or was rejected: closing now loses that progress.
    commit_pending: ConsumerSet,
    violations: Vec<Violation>,
}

/// The generation a consumer-protocol member's partitions are counted in: one for all epochs.
const ANY_EPOCH: i32 = i32::MIN;

impl InvariantChecker {
    /// Checks one event.
    pub fn observe(&mut self, stamped: &Stamped) {
        self.now = stamped.at;
        match &stamped.event {
            SimEvent::ConsumerAdded { consumer, group, .. } => {
                self.group_of.insert(*consumer, group.clone());
            }
            SimEvent::ConsumerKilled { consumer, .. }
            | SimEvent::PartitionsLost { consumer, .. }
            | SimEvent::PollTimeout { consumer }
            | SimEvent::ConsumerFailed { consumer, .. }
            | SimEvent::LinkChanged { consumer, cut: true } => {
                self.failed.insert(*consumer);
            }
            SimEvent::CommitFailed { consumer, .. } | SimEvent::CommitRejected { consumer, .. } => {
                self.commit_pending.insert(*consumer);
            }
            SimEvent::ConsumerClosed { consumer } if self.commit_pending.contains(*consumer) => {
                // A graceful close whose last commit could not land is a failure to commit.
                self.failed.insert(*consumer);
            }
            SimEvent::PositionSet { consumer, partition, committed: false, .. }
            | SimEvent::PositionReset { consumer, partition, .. } => {
                if let Some(group) = self.group_of.get(*consumer) {
                    let key = (group.clone(), partition.clone());
                    if !self.reset.contains(&key) {
                        self.reset.push(key);
                    }
                }
            }
            SimEvent::Committed { group, consumer, partition, offset, .. } => {
                self.commit_pending.remove(*consumer);
                let key = (group.clone(), partition.clone());
                if let Some(&before) = self.committed.get(&key)
                    && *offset < before
                {
                    self.violate(
                        Invariant::CommitsNeverGoBackwards,
                        format!("{group} committed {partition} = {offset} after {before}"),
                    );
                }
                self.committed.insert(key, *offset);
            }
            SimEvent::Consumed { group, consumer, partition, offset } => {
                let key = (group.clone(), partition.clone());
                let reset = match self.reset.iter().position(|k| *k == key) {
                    Some(index) => {
                        self.reset.swap_remove(index);
                        true
                    }
                    None => false,
                };
                match self.processed.get(&key) {
                    Some(&next) if *offset > next && !reset => self.violate(
                        Invariant::NoSkippedRecords,
                        format!(
                            "{group} skipped {partition} offsets {next}..{offset} ({consumer} jumped ahead)"
                        ),
                    ),
                    _ => {}
                }
                let next = self.processed.get_or_insert_with(key, || 0);
                *next = (*next).max(offset + 1);
            }
            SimEvent::Duplicate { group, partition, offset, first, again }
                if !self.failed.contains(*first) && !self.failed.contains(*again) =>
            {
                self.violate(
                    Invariant::DuplicatesOnlyAfterFailure,
                    format!("{group}: {partition}@{offset} processed by {first} and again by {again}; neither failed"),
                );
            }
            _ => {}
        }
    }

    /// Checks a snapshot: one owner per partition within each group's generation. In a
    /// consumer-protocol group, strictly: no two of its members own a partition at the same
    /// instant, whatever their epochs (partition epochs make it so); a client its coordinator
    /// has removed is a zombie, out of the group, as in a classic group's older generation.
    pub fn check_view(&mut self, view: &SimView) {
        self.now = view.now;
        let mut owners: VecMap<(&str, i32, &TopicPartition), ConsumerId> = VecMap::new();
        let mut found = Vec::new();
        for c in &view.consumers {
            let member_of = |c: &crate::view::ConsumerView| {
                view.groups
                    .iter()
                    .any(|g| g.id == c.group && g.members.iter().any(|m| m.member_id == c.member_id))
            };
            let counted = match c.membership {
                Some(_) => member_of(c),
                None => matches!(c.state, MemberState::Stable | MemberState::CompletingRebalance),
            };
            if c.life != Life::Running || !counted {
                continue;
            }
            let generation = if c.membership.is_some() { ANY_EPOCH } else { c.generation };
            for (tp, _) in &c.assignment {
                if let Some(other) = owners.insert((&c.group, generation, tp), c.id) {
                    let when = match c.membership {
                        Some(_) => String::from("at once"),
                        None => format!("generation {}", c.generation),
                    };
                    found.push(format!("{tp} owned by {other} and {} in {} {when}", c.id, c.group));
                }
            }
        }
        for detail in found {
            self.violate(Invariant::OneOwnerPerGeneration, detail);
        }
    }

    /// The partitions where a group that has a running member subscribed has not yet processed
    /// up to the log end: empty once every record has been processed ("eventually, no loss").
    pub fn unprocessed(&self, view: &SimView) -> Vec<(String, TopicPartition, u64)> {
        let mut behind = Vec::new();
        let groups: VecSet<(&str, &str)> = view
            .consumers
            .iter()
            .filter(|c| c.life == Life::Running)
            .flat_map(|c| c.subscribed.iter().map(move |t| (c.group.as_str(), t.as_str())))
            .collect();
        for (group, topic) in groups {
            let Some(t) = view.topics.iter().find(|t| t.name == topic) else { continue };
            for p in &t.partitions {
                let tp = TopicPartition::new(topic, p.id);
                let done = self.processed.get(&(group.into(), tp.clone())).copied().unwrap_or(0);
                if done < p.log_end_offset {
                    behind.push((group.into(), tp, p.log_end_offset - done));
                }
            }
        }
        behind
    }

    /// Every violation so far, oldest first.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    fn violate(&mut self, invariant: Invariant, detail: String) {
        self.violations.push(Violation { at: self.now, invariant, detail });
    }
}
