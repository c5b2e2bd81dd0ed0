//! The consumer client: its application thread (poll, process records one by one, commit) and
//! its heartbeat thread, as `AbstractCoordinator` / `ConsumerCoordinator` run them (reference
//! §1.5, §1.7, §2.2, §6). Eager rebalancing revokes every partition before rejoining;
//! cooperative rebalancing (when every configured assignor supports it) keeps consuming and
//! revokes only what the new assignment takes away, then rejoins once more.

use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::{Deserialize, Serialize};

use crate::assignor::{self, TopicPartition};
pub(crate) use crate::config::ConsumerConfig;
use crate::config::OffsetReset;
use crate::effects::{Due, Effects};
use crate::event::SimEvent;
use crate::ids::ConsumerId;
use crate::log::Topics;
use crate::protocol::{Api, ErrorCode};
use crate::time::Instant;
use crate::vec_map::VecMap;

mod close;
mod heartbeat;
mod kip848;
pub mod membership;
mod poll;
mod requests;
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
    pub assignment: VecMap<TopicPartition, Option<u64>>,
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
    /// Its connection to the brokers ([`crate::ids::Conn`]): answers to an older one are dropped.
    pub epoch: u32,
    /// Requests sent on this connection and not answered yet, oldest first.
    inflight: VecDeque<InFlight>,
    /// The correlation id of the last request sent.
    correlation: u32,
    /// Where the agenda's request timer is set, if anywhere.
    request_timer: Option<Instant>,
    /// Whether it knows its coordinator: false after `markCoordinatorUnknown`, until
    /// FindCoordinator answers. A new consumer starts knowing it (its first lookup is not drawn).
    pub coordinator_known: bool,
    /// The broker it sends its group requests to.
    pub coordinator_broker: u32,
    /// No FindCoordinator before this (`retry.backoff.ms` after a failed one).
    find_not_before: Instant,
    /// No JoinGroup before this (`retry.backoff.ms` after a failed join).
    join_not_before: Instant,
    /// `onJoinPrepare` is still to run before the next JoinGroup (`needsJoinPrepare`).
    needs_join_prepare: bool,
    /// The leader's `assignmentSnapshot`: the partition counts it assigned from. A poll that sees
    /// other counts rejoins (`ConsumerCoordinator.rejoinNeededOrPending`).
    assignment_snapshot: Option<VecMap<String, u32>>,
    /// The last successful heartbeat answer (or the thread's start): the client's session timer.
    last_heartbeat_ok: Instant,
    /// `close()` waits for the application to finish the records `poll()` returned.
    pub closing: bool,
    /// With `group.protocol=consumer`: its KIP-848 membership (then `state`, `generation` and
    /// `member_id` above stay unused).
    kip848: KipSlot,
}

/// Where a consumer-protocol consumer keeps its state; copied only in a build that has the
/// protocol, so a build without it links none of its code.
#[derive(Debug, Default)]
struct KipSlot(Option<kip848::Kip848>);

impl Clone for KipSlot {
    fn clone(&self) -> Self {
        KipSlot(if crate::CONSUMER_PROTOCOL { self.0.clone() } else { None })
    }
}

/// A request waiting for its answer.
#[derive(Clone, Debug)]
struct InFlight {
    correlation: u32,
    api: Api,
    sent_at: Instant,
    deadline: Instant,
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
            assignment: VecMap::new(),
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
            epoch: 0,
            inflight: VecDeque::new(),
            correlation: 0,
            request_timer: None,
            coordinator_known: true,
            coordinator_broker: 0,
            find_not_before: now,
            join_not_before: now,
            needs_join_prepare: true,
            assignment_snapshot: None,
            last_heartbeat_ok: now,
            closing: false,
            kip848: KipSlot(None),
        }
    }

    /// A consumer-protocol consumer: its membership, with a member id drawn from `rng`.
    pub fn with_consumer_protocol(mut self, rng: &mut crate::rng::SimRng, now: Instant) -> Self {
        self.kip848 = KipSlot(Some(kip848::Kip848::new(&self.config, rng, now)));
        self
    }

    /// Its KIP-848 membership, if it speaks the consumer protocol.
    pub fn membership(&self) -> Option<&membership::Membership> {
        self.kip().map(|k| &k.membership)
    }

    /// Its consumer-protocol state: always `None` in a build without the consumer protocol,
    /// so every path that needs it compiles away there ([`crate::CONSUMER_PROTOCOL`]).
    fn kip(&self) -> Option<&kip848::Kip848> {
        if crate::CONSUMER_PROTOCOL { self.kip848.0.as_ref() } else { None }
    }

    fn kip_mut(&mut self) -> Option<&mut kip848::Kip848> {
        if crate::CONSUMER_PROTOCOL { self.kip848.0.as_mut() } else { None }
    }

    /// `ConsumerCoordinator`'s protocol: COOPERATIVE only if every configured assignor supports
    /// it (reference §2.1), so the default `[range, cooperative-sticky]` runs eager.
    pub fn cooperative(&self) -> bool {
        !self.config.assignors.is_empty() && self.config.assignors.iter().all(|a| a.supports_cooperative())
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
        self.needs_join_prepare = true;
    }

    /// Records the last `poll()` returned that are not processed yet.
    pub fn fetched(&self) -> u32 {
        self.batch.len() as u32
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

    pub(super) fn stop(&mut self, life: Life, fx: &mut Effects) {
        self.life = life;
        self.next_heartbeat = None;
        self.inflight.clear();
        self.request_timer = None;
        fx.cancel(Due::Wake(self.id));
        fx.cancel(Due::Heartbeat(self.id));
        fx.cancel(Due::RequestTimeout(self.id));
    }
}

/// The partition counts the leader sees in its metadata for the members' subscribed topics.
fn partition_counts(topics: &Topics, members: &[assignor::MemberSubscription]) -> VecMap<String, u32> {
    members
        .iter()
        .flat_map(|m| m.topics.iter())
        .filter_map(|t| topics.get(t).map(|parts| (t.clone(), parts.len() as u32)))
        .collect()
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
