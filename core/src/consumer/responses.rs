//! What the client does with each coordinator response (`AbstractCoordinator` and
//! `ConsumerCoordinator` response handlers, reference §1.7), and `onJoinComplete`.

use alloc::vec::Vec;

use super::{Consumer, Life, MemberState, partition_counts, reset_position};
use crate::assignor::{self, TopicPartition};
use crate::config::CommitMode;
use crate::effects::{Due, Effects};
use crate::event::SimEvent;
use crate::log::Topics;
use crate::protocol::{ErrorCode, Request, Response};
use crate::time::{Duration, Instant};

impl Consumer {
    /// Handles a coordinator response.
    pub fn on_response(
        &mut self,
        now: Instant,
        response: Response,
        correlation: u32,
        topics: &Topics,
        fx: &mut Effects,
    ) {
        // Only an answer to a request still waiting counts (`NetworkClient` matches answers to
        // requests by correlation id); an answer to a failed request is never delivered.
        if self.life != Life::Running || !self.answered(correlation, fx) {
            return;
        }
        let commit = matches!(response, Response::OffsetCommit { .. });
        self.handle(now, response, topics, fx);
        if commit {
            self.commit_done(now, correlation, fx);
        }
        // A response ends a wait in poll(), which then rejoins, installs an assignment or
        // fetches from the positions just set, as its loop in `KafkaConsumer.poll` does.
        if self.parked && self.life == Life::Running {
            self.parked = false;
            fx.set(Due::Wake(self.id), now);
        }
    }

    pub(super) fn handle(&mut self, now: Instant, response: Response, topics: &Topics, fx: &mut Effects) {
        let error = response.error();
        match response {
            Response::ConsumerGroupHeartbeat(result) => self.kip848_answered(now, result, fx),
            // A consumer-protocol member's refused commit fails that commit (a later one covers
            // it); its heartbeats tell it what changed.
            Response::OffsetCommit { .. } if self.kip().is_some() => {}
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
                self.start_heartbeat_thread(now, fx);
                let mut assignments = Vec::new();
                // `onLeaderElected` keeps the metadata it assigned from (`assignmentSnapshot`);
                // only the leader watches it (`onJoinComplete` clears it for followers).
                self.assignment_snapshot = None;
                if leader == self.member_id
                    && let Some(protocol) = protocol
                {
                    let counts = partition_counts(topics, &members);
                    assignments = assignor::assign(protocol, &counts, &members).into_iter().collect();
                    self.assignment_snapshot = Some(counts);
                }
                let request = Request::SyncGroup {
                    member_id: self.member_id.clone(),
                    instance_id: self.config.instance_id.clone(),
                    generation,
                    assignments,
                };
                self.send(now, request, fx);
            }
            Response::JoinGroup { error: ErrorCode::MemberIdRequired, member_id, .. } => {
                self.member_id = member_id;
                self.send_join(now, fx);
            }
            Response::SyncGroup { .. } if self.state != MemberState::CompletingRebalance => {}
            Response::SyncGroup { error: ErrorCode::None, assignment } => {
                // `SyncGroupResponseHandler`: Stable at once, so commits go through and heartbeat
                // errors count from now. onJoinComplete runs in the application thread: now if
                // it waits in poll(), else when its batch is done.
                self.state = MemberState::Stable;
                self.pending = Some(assignment);
                if self.batch.is_empty() && !self.stalled {
                    fx.set(Due::Wake(self.id), now);
                }
            }
            Response::Heartbeat { .. }
                if !matches!(self.state, MemberState::CompletingRebalance | MemberState::Stable) => {}
            Response::Heartbeat { error: ErrorCode::None } => self.last_heartbeat_ok = now,
            Response::Heartbeat { error: ErrorCode::RebalanceInProgress } => {
                // It counts as received; only a Stable member rejoins.
                self.last_heartbeat_ok = now;
                if self.state == MemberState::Stable {
                    self.rejoin_needed = true;
                }
            }
            Response::OffsetFetch { offsets } => self.start_positions(now, offsets, topics, fx),
            Response::FindCoordinator { node } => self.coordinator_found(now, node, fx),
            Response::OffsetCommit { error: ErrorCode::None, .. } | Response::LeaveGroup { .. } => {}
            // Java raises RebalanceInProgressException to the committer; the heartbeat already
            // tells it to rejoin.
            Response::OffsetCommit { error: ErrorCode::RebalanceInProgress, .. } => {}
            Response::OffsetCommit { .. }
                if !matches!(self.state, MemberState::CompletingRebalance | MemberState::Stable) => {}
            _ => self.on_error(now, error, fx),
        }
    }

    /// The client's reaction to an error in a Join/Sync/Heartbeat/Commit response (reference §1.7).
    pub(super) fn on_error(&mut self, now: Instant, error: ErrorCode, fx: &mut Effects) {
        match error {
            ErrorCode::None => {}
            ErrorCode::UnknownMemberId => self.reset(true),
            ErrorCode::IllegalGeneration => self.reset(false),
            ErrorCode::RebalanceInProgress => self.rejoin_needed = true,
            ErrorCode::CoordinatorNotAvailable => {
                self.rejoin_needed = true;
                self.disconnect(now, None, "error response COORDINATOR_NOT_AVAILABLE", fx);
            }
            ErrorCode::MemberIdRequired => {}
            // Only consumer-protocol answers carry these.
            ErrorCode::StaleMemberEpoch
            | ErrorCode::FencedMemberEpoch
            | ErrorCode::UnreleasedInstanceId
            | ErrorCode::InvalidRequest
            | ErrorCode::UnknownServerError => {}
            ErrorCode::FencedInstanceId
            | ErrorCode::GroupIdNotFound
            | ErrorCode::InconsistentGroupProtocol
            | ErrorCode::InvalidSessionTimeout => {
                self.stop(Life::Failed { error }, fx);
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
    pub(super) fn install(&mut self, now: Instant, assignment: Vec<TopicPartition>, fx: &mut Effects) {
        self.needs_join_prepare = true;
        let revoked: Vec<(TopicPartition, Option<u64>)> = self
            .assignment
            .iter()
            .filter(|(tp, _)| !assignment.contains(tp))
            .map(|(tp, p)| (tp.clone(), *p))
            .collect();
        if !revoked.is_empty() {
            self.commit(now, revoked.iter().filter_map(|(tp, p)| p.map(|p| (tp.clone(), p))).collect(), fx);
            fx.emit(SimEvent::PartitionsRevoked {
                consumer: self.id,
                partitions: revoked.into_iter().map(|(tp, _)| tp).collect(),
            });
            self.rejoin_needed = true;
        }
        self.last_assignment = (assignment.clone(), self.generation);
        // `onPartitionsAssigned(assigned − owned)`: what is new to this member.
        let added: Vec<TopicPartition> =
            assignment.iter().filter(|tp| !self.assignment.contains_key(*tp)).cloned().collect();
        let previous = core::mem::take(&mut self.assignment);
        self.assignment =
            assignment.iter().map(|tp| (tp.clone(), previous.get(tp).copied().flatten())).collect();
        if let CommitMode::Auto { interval_ms } = self.config.commit {
            self.next_auto_commit = now + Duration::from_millis(interval_ms);
        }
        fx.emit(SimEvent::PartitionsAssigned {
            consumer: self.id,
            generation: self.generation,
            partitions: assignment,
            added,
        });
        // Committed offsets for what is new are fetched by poll(), which runs on from here.
        if self.assignment.values().all(Option::is_some) {
            self.resume(now, fx);
        }
    }

    /// Sets the starting positions from the committed offsets, else `auto.offset.reset`.
    pub(super) fn start_positions(
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

    pub(super) fn resume(&mut self, now: Instant, fx: &mut Effects) {
        if let Some(since) = self.stopped_since.take()
            && !self.assignment.is_empty()
        {
            fx.emit(SimEvent::ConsumptionResumed { consumer: self.id, stopped_for: now - since });
        }
    }
}
