//! The consumer client: its application thread (poll, process records one by one, commit) and
//! its heartbeat thread, as `AbstractCoordinator` / `ConsumerCoordinator` run them (reference
//! §1.5, §1.7, §2.2, §6). Eager rebalancing revokes every partition before rejoining;
//! cooperative rebalancing (when every configured assignor supports it) keeps consuming and
//! revokes only what the new assignment takes away, then rejoins once more.

use alloc::collections::{BTreeMap, VecDeque};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::{Deserialize, Serialize};

use crate::assignor::{self, TopicPartition};
use crate::config::{ConsumerConfig, OffsetReset};
use crate::effects::{Due, Effects};
use crate::event::SimEvent;
use crate::ids::ConsumerId;
use crate::log::Topics;
use crate::protocol::{ErrorCode, LeaveReason, Request};
use crate::time::Instant;

mod heartbeat;
mod poll;
mod responses;

/// `fetch.max.wait.ms` (Kafka's default): how long the broker holds a fetch that found no
/// records before answering it empty. A `poll()` with nothing to return waits this long at most.
pub const FETCH_MAX_WAIT_MS: u64 = 500;

/// The client's view of its membership (`AbstractCoordinator.MemberState`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MemberState {
    /// Not in a generation.
    Unjoined,
    /// JoinGroup sent.
    PreparingRebalance,
    /// JoinGroup answered, SyncGroup sent.
    CompletingRebalance,
    /// Assignment received.
    Stable,
}

/// Whether the client process is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "life", rename_all = "kebab-case")]
pub enum Life {
    /// Polling, processing, heartbeating.
    Running,
    /// Closed gracefully.
    Closed,
    /// Crashed: silent from now on.
    Killed,
    /// Stopped on a fatal protocol error.
    Failed {
        /// The error.
        error: ErrorCode,
    },
}

impl fmt::Display for MemberState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// One consumer client.
#[derive(Clone, Debug)]
pub(crate) struct Consumer {
    pub id: ConsumerId,
    pub config: ConsumerConfig,
    pub life: Life,
    pub state: MemberState,
    pub member_id: String,
    pub generation: i32,
    rejoin_needed: bool,
    /// Assigned partitions and their positions (the next offset to process); `None` until the
    /// committed offset has been fetched.
    pub assignment: BTreeMap<TopicPartition, Option<u64>>,
    /// Records returned by the last poll and not processed yet.
    batch: VecDeque<(TopicPartition, u64)>,
    pub last_poll: Instant,
    next_auto_commit: Instant,
    pub next_heartbeat: Option<Instant>,
    /// When consumption stopped for a rebalance, until positions are known again.
    stopped_since: Option<Instant>,
    fetch_cursor: usize,
    /// A SyncGroup assignment waiting for the application thread's next `poll()`, where Java
    /// runs `onJoinComplete`.
    pending: Option<Vec<TopicPartition>>,
    /// `StickyAssignor`'s userData: the last assignment and its generation, sent even after an
    /// eager revoke emptied the owned partitions.
    last_assignment: (Vec<TopicPartition>, i32),
    /// Processing is stuck on a record (a slow consumer): no `poll()` until it resumes.
    pub stalled: bool,
    /// Waiting in `poll()` with nothing to return: its fetch is parked at the broker. Records
    /// arriving in an assigned partition, or any response from the coordinator, end the wait.
    parked: bool,
}

impl Consumer {
    pub fn new(id: ConsumerId, config: ConsumerConfig, now: Instant) -> Self {
        Consumer {
            id,
            config,
            life: Life::Running,
            state: MemberState::Unjoined,
            member_id: String::new(),
            generation: -1,
            rejoin_needed: true,
            assignment: BTreeMap::new(),
            batch: VecDeque::new(),
            last_poll: now,
            next_auto_commit: now,
            next_heartbeat: None,
            stopped_since: None,
            fetch_cursor: 0,
            pending: None,
            last_assignment: (Vec::new(), -1),
            stalled: false,
            parked: false,
        }
    }

    /// `ConsumerCoordinator`'s protocol: COOPERATIVE only if every configured assignor supports
    /// it (reference §2.1), so the default `[range, cooperative-sticky]` runs eager.
    pub fn cooperative(&self) -> bool {
        !self.config.assignors.is_empty() && self.config.assignors.iter().all(|a| a.supports_cooperative())
    }

    /// The group id, for sending.
    fn group(&self) -> &str {
        &self.config.group_id
    }

    fn is_static(&self) -> bool {
        self.config.instance_id.is_some()
    }

    /// `resetStateAndGeneration`: the generation goes, and with `forget_member_id` the member id.
    /// The owned partitions are lost at the next `onJoinPrepare`.
    fn reset(&mut self, forget_member_id: bool) {
        self.generation = -1;
        if forget_member_id {
            self.member_id.clear();
        }
        self.state = MemberState::Unjoined;
        self.rejoin_needed = true;
    }

    // ---- commands ---------------------------------------------------------------------------------

    /// `close()`: finish with what was processed (the unprocessed rest of the batch is given
    /// back), commit it, revoke, and send LeaveGroup if dynamic.
    pub fn close(&mut self, fx: &mut Effects) {
        if self.life != Life::Running {
            return;
        }
        while let Some((tp, offset)) = self.batch.pop_back() {
            self.assignment.insert(tp, Some(offset));
        }
        self.commit_positions(fx);
        if !self.assignment.is_empty() {
            fx.emit(SimEvent::PartitionsRevoked {
                consumer: self.id,
                partitions: self.assignment.keys().cloned().collect(),
            });
        }
        if !self.is_static() && !self.member_id.is_empty() {
            let leave = Request::LeaveGroup { member_id: self.member_id.clone(), reason: LeaveReason::Close };
            fx.request(self.id, self.group(), leave);
        }
        self.stop(Life::Closed, fx);
        fx.emit(SimEvent::ConsumerClosed { consumer: self.id });
    }

    /// A crash: no commit, no LeaveGroup, no more heartbeats.
    pub fn kill(&mut self, fx: &mut Effects) {
        if self.life != Life::Running {
            return;
        }
        let unprocessed = self.batch.len() as u32;
        self.batch.clear();
        self.stop(Life::Killed, fx);
        fx.emit(SimEvent::ConsumerKilled { consumer: self.id, unprocessed });
    }

    fn stop(&mut self, life: Life, fx: &mut Effects) {
        self.life = life;
        self.next_heartbeat = None;
        fx.cancel(Due::Wake(self.id));
        fx.cancel(Due::Heartbeat(self.id));
    }

    /// Asks the consumer to rejoin at its next poll (the leader does when metadata changes).
    pub fn request_rejoin(&mut self) {
        if self.life == Life::Running && self.state == MemberState::Stable {
            self.rejoin_needed = true;
        }
    }
}

/// The partition counts the leader sees in its metadata for the members' subscribed topics.
fn partition_counts(topics: &Topics, members: &[assignor::MemberSubscription]) -> BTreeMap<String, u32> {
    crate::sort::map_of(
        members
            .iter()
            .flat_map(|m| m.topics.iter())
            .filter_map(|t| topics.get(t).map(|parts| (t.clone(), parts.len() as u32))),
    )
}

/// Where a partition with no usable position starts: `auto.offset.reset`.
fn reset_position(reset: OffsetReset, tp: &TopicPartition, topics: &Topics) -> u64 {
    let log = topics.get(&tp.topic).and_then(|t| t.get(tp.partition as usize));
    match (reset, log) {
        (OffsetReset::Earliest, Some(log)) => log.log_start_offset(),
        (OffsetReset::Latest, Some(log)) => log.log_end_offset(),
        (_, None) => 0,
    }
}
