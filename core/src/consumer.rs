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

use crate::assignor::{self, AssignorName, TopicPartition};
use crate::config::{CommitMode, ConsumerConfig, OffsetReset};
use crate::effects::{Due, Effects};
use crate::event::SimEvent;
use crate::ids::ConsumerId;
use crate::log::Topics;
use crate::protocol::{ErrorCode, LeaveReason, Request, Response, Subscription};
use crate::time::{Duration, Instant};

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

    // ---- the application thread -----------------------------------------------------------------

    /// Processes the next record of the current batch, or polls when the batch is done.
    pub fn on_wake(&mut self, now: Instant, topics: &Topics, fx: &mut Effects) {
        self.parked = false;
        if self.life != Life::Running || self.stalled {
            return;
        }
        let Some((partition, offset)) = self.batch.pop_front() else { return self.poll(now, topics, fx) };
        fx.emit(SimEvent::Consumed {
            group: self.config.group_id.clone(),
            consumer: self.id,
            partition,
            offset,
        });
        if self.batch.is_empty() {
            if self.config.commit == CommitMode::AfterProcessing {
                self.commit_positions(fx); // commitSync() after the batch
            }
            // The loop goes straight back to poll().
            self.poll(now, topics, fx);
        } else {
            fx.set(Due::Wake(self.id), now + Duration::from_millis(self.config.processing_ms_per_record));
        }
    }

    /// `KafkaConsumer.poll`: (re)join if needed, auto-commit when due, then fetch a batch.
    fn poll(&mut self, now: Instant, topics: &Topics, fx: &mut Effects) {
        self.last_poll = now;
        if let Some(assignment) = self.pending.take() {
            self.install(now, assignment, fx);
        }
        if self.rejoin_needed && self.state != MemberState::PreparingRebalance {
            self.join_prepare(now, fx);
            self.send_join(fx);
            if !self.cooperative() {
                return self.park(now, fx);
            }
        }
        // Eager members own nothing during a rebalance; cooperative ones keep consuming.
        if self.assignment.is_empty() {
            return self.park(now, fx);
        }
        if self.state == MemberState::Stable
            && let CommitMode::Auto { interval_ms } = self.config.commit
            && now >= self.next_auto_commit
        {
            self.commit_positions(fx);
            self.next_auto_commit = now + Duration::from_millis(interval_ms);
        }
        self.fetch(topics, fx);
        if self.batch.is_empty() {
            return self.park(now, fx);
        }
        fx.set(Due::Wake(self.id), now + Duration::from_millis(self.config.processing_ms_per_record));
    }

    /// Waits in `poll()`: until records arrive ([`Consumer::records_arrived`]), a response
    /// arrives, `fetch.max.wait.ms` passes, or the next auto-commit is due, whichever is first
    /// (`ConsumerCoordinator.timeToNextPoll` bounds the wait by the auto-commit deadline).
    fn park(&mut self, now: Instant, fx: &mut Effects) {
        self.parked = true;
        let mut until = now + Duration::from_millis(FETCH_MAX_WAIT_MS);
        if matches!(self.config.commit, CommitMode::Auto { .. })
            && self.state == MemberState::Stable
            && !self.assignment.is_empty()
            && self.next_auto_commit > now
        {
            until = until.min(self.next_auto_commit);
        }
        fx.set(Due::Wake(self.id), until);
    }

    /// Records were appended to partition `partition` of `topic`: a parked fetch for it
    /// completes now. True when this consumer was waiting for them (the caller wakes it).
    pub fn records_arrived(&mut self, topic: &str, partition: u32) -> bool {
        // Cheap checks first: this runs for every consumer on every record produced.
        let waiting = self.parked
            && self.life == Life::Running
            && self
                .assignment
                .iter()
                .any(|(tp, p)| tp.partition == partition && p.is_some() && tp.topic == topic);
        if waiting {
            self.parked = false;
        }
        waiting
    }

    /// Takes up to `max.poll.records` from the assigned partitions, starting one partition further
    /// each poll so no partition starves. Positions advance now, as in Kafka.
    fn fetch(&mut self, topics: &Topics, fx: &mut Effects) {
        let mut room = self.config.max_poll_records as u64;
        let (id, reset, batch) = (self.id, self.config.auto_offset_reset, &mut self.batch);
        // References, not copies of the keys: this runs at every poll.
        let mut partitions: Vec<(&TopicPartition, &mut Option<u64>)> = self.assignment.iter_mut().collect();
        let n = partitions.len();
        for i in 0..n {
            let (tp, slot) = &mut partitions[(self.fetch_cursor + i) % n];
            let Some(position) = **slot else { continue };
            let Some(log) = topics.get(&tp.topic).and_then(|t| t.get(tp.partition as usize)) else {
                continue;
            };
            let mut position = position;
            if position < log.log_start_offset() || position > log.log_end_offset() {
                // OFFSET_OUT_OF_RANGE: the reset policy decides.
                position = reset_position(reset, tp, topics);
                fx.emit(SimEvent::PositionReset { consumer: id, partition: (*tp).clone(), offset: position });
            }
            let take = (log.log_end_offset() - position).min(room);
            batch.extend((position..position + take).map(|o| ((*tp).clone(), o)));
            **slot = Some(position + take);
            room -= take;
            if room == 0 {
                break;
            }
        }
        self.fetch_cursor = if n == 0 { 0 } else { (self.fetch_cursor + 1) % n };
    }

    /// Commits the position of every partition whose position is known.
    fn commit_positions(&mut self, fx: &mut Effects) {
        let offsets: Vec<(TopicPartition, u64)> =
            self.assignment.iter().filter_map(|(tp, p)| p.map(|p| (tp.clone(), p))).collect();
        self.commit(offsets, fx);
    }

    /// Sends an OffsetCommit. Like Java's `generationIfStable()`, only a Stable member commits;
    /// otherwise the commit fails locally and a later one covers it.
    fn commit(&mut self, offsets: Vec<(TopicPartition, u64)>, fx: &mut Effects) {
        if self.generation < 0 || offsets.is_empty() {
            return;
        }
        if self.state != MemberState::Stable {
            fx.emit(SimEvent::CommitFailed { consumer: self.id, partitions: offsets.len() as u32 });
            return;
        }
        let request = Request::OffsetCommit {
            member_id: self.member_id.clone(),
            instance_id: self.config.instance_id.clone(),
            generation: self.generation,
            offsets,
        };
        fx.request(self.id, self.group(), request);
    }

    /// `onJoinPrepare` (at a poll, so the batch is done): lost partitions after a reset
    /// generation; otherwise commit (auto-commit) and, eager only, revoke everything.
    fn join_prepare(&mut self, now: Instant, fx: &mut Effects) {
        self.batch.clear();
        if self.assignment.is_empty() {
            return;
        }
        let partitions: Vec<TopicPartition> = self.assignment.keys().cloned().collect();
        if self.generation < 0 {
            fx.emit(SimEvent::PartitionsLost { consumer: self.id, partitions });
        } else {
            if matches!(self.config.commit, CommitMode::Auto { .. }) {
                self.commit_positions(fx);
            }
            if self.cooperative() {
                return; // keeps every subscribed partition and goes on consuming
            }
            fx.emit(SimEvent::PartitionsRevoked { consumer: self.id, partitions });
        }
        self.assignment.clear();
        self.stopped_since.get_or_insert(now);
    }

    fn send_join(&mut self, fx: &mut Effects) {
        // Each assignor writes its own metadata: ownedPartitions and the generation on the
        // wire, and for `sticky` its userData with the last assignment (reference §4.3).
        let owned: Vec<TopicPartition> = self.assignment.keys().cloned().collect();
        let protocols = self
            .config
            .assignors
            .iter()
            .map(|&a| {
                let (owned, generation) = match a {
                    AssignorName::Sticky => self.last_assignment.clone(),
                    _ => (owned.clone(), self.generation),
                };
                (a, Subscription { topics: self.config.topics.clone(), owned, generation })
            })
            .collect();
        let request = Request::JoinGroup {
            member_id: self.member_id.clone(),
            instance_id: self.config.instance_id.clone(),
            session_timeout_ms: self.config.session_timeout_ms,
            rebalance_timeout_ms: self.config.max_poll_interval_ms,
            protocols,
        };
        self.state = MemberState::PreparingRebalance;
        self.rejoin_needed = false;
        // The heartbeat thread pauses while the JoinGroup is in flight (reference §9.3).
        self.next_heartbeat = None;
        fx.cancel(Due::Heartbeat(self.id));
        fx.request(self.id, self.group(), request);
    }

    // ---- the heartbeat thread --------------------------------------------------------------------

    /// Sends a heartbeat, or leaves the group if `poll()` has not run within `max.poll.interval.ms`.
    pub fn on_heartbeat(&mut self, now: Instant, fx: &mut Effects) {
        if self.life != Life::Running
            || !matches!(self.state, MemberState::CompletingRebalance | MemberState::Stable)
        {
            return;
        }
        if now - self.last_poll > Duration::from_millis(self.config.max_poll_interval_ms) {
            // handlePollTimeoutExpiry → maybeLeaveGroup: only dynamic members send LeaveGroup.
            // Static members send nothing; the coordinator only notices at the session timeout.
            fx.emit(SimEvent::PollTimeout { consumer: self.id });
            if !self.is_static() {
                let leave = Request::LeaveGroup {
                    member_id: self.member_id.clone(),
                    reason: LeaveReason::PollTimeout,
                };
                fx.request(self.id, self.group(), leave);
            }
            self.reset(true);
            self.next_heartbeat = None;
            return;
        }
        let request = Request::Heartbeat {
            member_id: self.member_id.clone(),
            instance_id: self.config.instance_id.clone(),
            generation: self.generation,
        };
        fx.request(self.id, self.group(), request);
        self.schedule_heartbeat(now, fx);
    }

    fn schedule_heartbeat(&mut self, now: Instant, fx: &mut Effects) {
        let at = now + Duration::from_millis(self.config.heartbeat_interval_ms);
        self.next_heartbeat = Some(at);
        fx.set(Due::Heartbeat(self.id), at);
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

    // ---- responses -----------------------------------------------------------------------------

    /// Handles a coordinator response.
    pub fn on_response(&mut self, now: Instant, response: Response, topics: &Topics, fx: &mut Effects) {
        if self.life != Life::Running {
            return;
        }
        self.handle(now, response, topics, fx);
        // A response ends a wait in poll(), which then rejoins, installs an assignment or
        // fetches from the positions just set, as its loop in `KafkaConsumer.poll` does.
        if self.parked && self.life == Life::Running {
            self.parked = false;
            fx.set(Due::Wake(self.id), now);
        }
    }

    fn handle(&mut self, now: Instant, response: Response, topics: &Topics, fx: &mut Effects) {
        let error = response.error();
        match response {
            Response::JoinGroup { .. } if self.state != MemberState::PreparingRebalance => {}
            Response::JoinGroup {
                error: ErrorCode::None,
                generation,
                protocol,
                leader,
                member_id,
                members,
            } => {
                self.generation = generation;
                self.member_id = member_id;
                self.state = MemberState::CompletingRebalance;
                self.schedule_heartbeat(now, fx);
                let mut assignments = Vec::new();
                if leader == self.member_id
                    && let Some(protocol) = protocol
                {
                    let counts = partition_counts(topics, &members);
                    assignments = assignor::assign(protocol, &counts, &members).into_iter().collect();
                }
                let request = Request::SyncGroup {
                    member_id: self.member_id.clone(),
                    instance_id: self.config.instance_id.clone(),
                    generation,
                    assignments,
                };
                fx.request(self.id, self.group(), request);
            }
            Response::JoinGroup { error: ErrorCode::MemberIdRequired, member_id, .. } => {
                self.member_id = member_id;
                self.send_join(fx);
            }
            Response::SyncGroup { .. } if self.state != MemberState::CompletingRebalance => {}
            Response::SyncGroup { error: ErrorCode::None, assignment } => {
                // onJoinComplete runs in the application thread: now if it waits in poll(),
                // else when its batch is done.
                self.pending = Some(assignment);
                if self.batch.is_empty() && !self.stalled {
                    fx.set(Due::Wake(self.id), now);
                }
            }
            Response::Heartbeat { .. }
                if !matches!(self.state, MemberState::CompletingRebalance | MemberState::Stable) => {}
            Response::Heartbeat { error: ErrorCode::RebalanceInProgress } => {
                // Only a Stable member rejoins; in CompletingRebalance it counts as received.
                if self.state == MemberState::Stable {
                    self.rejoin_needed = true;
                }
            }
            Response::OffsetFetch { offsets } => self.start_positions(now, offsets, topics, fx),
            Response::OffsetCommit { error: ErrorCode::None, .. } | Response::LeaveGroup { .. } => {}
            // Java raises RebalanceInProgressException to the committer; the heartbeat already
            // tells it to rejoin.
            Response::OffsetCommit { error: ErrorCode::RebalanceInProgress, .. } => {}
            Response::OffsetCommit { .. }
                if !matches!(self.state, MemberState::CompletingRebalance | MemberState::Stable) => {}
            _ => self.on_error(error, fx),
        }
    }

    /// The client's reaction to an error in a Join/Sync/Heartbeat/Commit response (reference §1.7).
    fn on_error(&mut self, error: ErrorCode, fx: &mut Effects) {
        match error {
            ErrorCode::None => {}
            ErrorCode::UnknownMemberId => self.reset(true),
            ErrorCode::IllegalGeneration => self.reset(false),
            ErrorCode::RebalanceInProgress | ErrorCode::CoordinatorNotAvailable => self.rejoin_needed = true,
            ErrorCode::MemberIdRequired => {}
            ErrorCode::FencedInstanceId
            | ErrorCode::InconsistentGroupProtocol
            | ErrorCode::InvalidSessionTimeout => {
                self.life = Life::Failed { error };
                self.next_heartbeat = None;
                fx.cancel(Due::Wake(self.id));
                fx.cancel(Due::Heartbeat(self.id));
                fx.emit(SimEvent::ConsumerFailed { consumer: self.id, error });
            }
        }
        if matches!(error, ErrorCode::UnknownMemberId | ErrorCode::IllegalGeneration) {
            self.next_heartbeat = None;
            fx.cancel(Due::Heartbeat(self.id));
        }
    }

    /// `onJoinComplete`: take the new assignment and fetch committed offsets for what is new.
    /// Cooperative: what is no longer assigned is committed (the application's rebalance
    /// listener does that in `onPartitionsRevoked`), revoked, and the member rejoins so the
    /// follow-up rebalance can hand it to its new owner.
    fn install(&mut self, now: Instant, assignment: Vec<TopicPartition>, fx: &mut Effects) {
        self.state = MemberState::Stable;
        let revoked: Vec<(TopicPartition, Option<u64>)> = self
            .assignment
            .iter()
            .filter(|(tp, _)| !assignment.contains(tp))
            .map(|(tp, p)| (tp.clone(), *p))
            .collect();
        if !revoked.is_empty() {
            self.commit(revoked.iter().filter_map(|(tp, p)| p.map(|p| (tp.clone(), p))).collect(), fx);
            fx.emit(SimEvent::PartitionsRevoked {
                consumer: self.id,
                partitions: revoked.into_iter().map(|(tp, _)| tp).collect(),
            });
            self.rejoin_needed = true;
        }
        self.last_assignment = (assignment.clone(), self.generation);
        let previous = core::mem::take(&mut self.assignment);
        self.assignment = crate::sort::map_of(
            assignment.iter().map(|tp| (tp.clone(), previous.get(tp).copied().flatten())),
        );
        if let CommitMode::Auto { interval_ms } = self.config.commit {
            self.next_auto_commit = now + Duration::from_millis(interval_ms);
        }
        fx.emit(SimEvent::PartitionsAssigned {
            consumer: self.id,
            generation: self.generation,
            partitions: assignment.clone(),
        });
        let missing: Vec<TopicPartition> =
            self.assignment.iter().filter(|(_, p)| p.is_none()).map(|(tp, _)| tp.clone()).collect();
        if missing.is_empty() {
            self.resume(now, fx);
        } else {
            fx.request(self.id, self.group(), Request::OffsetFetch { partitions: missing });
        }
    }

    /// Sets the starting positions from the committed offsets, else `auto.offset.reset`.
    fn start_positions(
        &mut self,
        now: Instant,
        offsets: Vec<(TopicPartition, Option<u64>)>,
        topics: &Topics,
        fx: &mut Effects,
    ) {
        for (tp, committed) in offsets {
            if let Some(None) = self.assignment.get(&tp) {
                let (offset, committed) = match committed {
                    Some(c) => (c, true),
                    None => (reset_position(self.config.auto_offset_reset, &tp, topics), false),
                };
                self.assignment.insert(tp.clone(), Some(offset));
                fx.emit(SimEvent::PositionSet { consumer: self.id, partition: tp, offset, committed });
            }
        }
        if self.assignment.values().all(Option::is_some) {
            self.resume(now, fx);
        }
    }

    fn resume(&mut self, now: Instant, fx: &mut Effects) {
        if let Some(since) = self.stopped_since.take()
            && !self.assignment.is_empty()
        {
            fx.emit(SimEvent::ConsumptionResumed { consumer: self.id, stopped_for: now - since });
        }
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
