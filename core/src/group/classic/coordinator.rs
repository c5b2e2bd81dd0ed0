//! The coordinator's entry points: one request or one deadline at a time, dispatched to the
//! handlers in `join.rs`, `sync.rs`, `membership.rs` and `offsets.rs` (`GroupMetadataManager.classicGroup*`,
//! reference §1.3–§1.8). Each takes `now`, changes the group, and pushes responses, deadlines and events.

use alloc::vec::Vec;

use super::join::Join;
use super::{Group, GroupState};
use crate::config::BrokerConfig;
use crate::effects::{Due, Effects};
use crate::event::SimEvent;
use crate::group::consumer::HeartbeatError;
use crate::ids::Conn;
use crate::protocol::{ErrorCode, Request, Response};
use crate::time::Instant;

/// The context every handler needs.
pub(crate) struct Ctx<'a> {
    pub now: Instant,
    pub broker: &'a BrokerConfig,
    pub fx: &'a mut Effects,
}

impl Group {
    /// Handles one request from consumer `conn` (whose `client.id` is `client_id`).
    pub fn handle_request(&mut self, conn: Conn, client_id: &str, request: Request, cx: &mut Ctx<'_>) {
        match request {
            Request::JoinGroup {
                member_id,
                instance_id,
                session_timeout_ms,
                rebalance_timeout_ms,
                protocols,
            } => {
                let join =
                    Join { member_id, instance_id, session_timeout_ms, rebalance_timeout_ms, protocols };
                self.join(conn, client_id, join, cx);
            }
            Request::SyncGroup { member_id, instance_id, generation, assignments } => {
                let error = self.sync(conn, &member_id, instance_id.as_deref(), generation, assignments, cx);
                if let Some(error) = error {
                    cx.fx.respond(conn, &self.id, Response::SyncGroup { error, assignment: Vec::new() });
                }
            }
            Request::Heartbeat { member_id, instance_id, generation } => {
                let error = self.heartbeat(&member_id, instance_id.as_deref(), generation, cx);
                cx.fx.respond(conn, &self.id, Response::Heartbeat { error });
            }
            Request::LeaveGroup { member_id, reason } => {
                let error = self.leave(&member_id, reason, cx);
                cx.fx.respond(conn, &self.id, Response::LeaveGroup { error });
            }
            Request::OffsetCommit { member_id, instance_id, generation, offsets } => {
                self.offset_commit(conn, &member_id, instance_id.as_deref(), generation, offsets, cx);
            }
            Request::OffsetFetch { partitions } => self.offset_fetch(conn, partitions, cx),
            // Answered by whichever broker receives it, from the metadata (`Sim::deliver`).
            Request::FindCoordinator { .. } => {}
            // A consumer-protocol member's heartbeat to a classic group that has members (the
            // playground refuses to add one; only a restart racing gets here).
            Request::ConsumerGroupHeartbeat(_) if !crate::CONSUMER_PROTOCOL => {}
            Request::ConsumerGroupHeartbeat(_) => {
                let error = HeartbeatError::GroupIdNotFound { group_id: self.id.clone() };
                cx.fx.respond(conn, &self.id, Response::ConsumerGroupHeartbeat(Err(error)));
            }
        }
    }

    /// Handles one of the group's deadlines.
    pub fn handle_timer(&mut self, due: &Due, cx: &mut Ctx<'_>) {
        match due {
            Due::MemberExpiry { member, .. } => self.expire_member(member, cx),
            Due::InitialRebalance(_) => self.try_complete_initial_rebalance(cx),
            Due::JoinTimeout(_) if self.state == GroupState::PreparingRebalance => self.complete_join(cx),
            Due::PendingSync(_) => self.expire_pending_sync(cx),
            Due::OffsetsExpiry(_) => self.expire_offsets(cx),
            _ => {}
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    /// `ClassicGroup.validateMember`.
    pub(super) fn validate_member(
        &self,
        member_id: &str,
        instance_id: Option<&str>,
    ) -> Result<usize, ErrorCode> {
        if let Some(instance) = instance_id {
            match self.members.iter().find(|m| m.instance_id.as_deref() == Some(instance)) {
                None => return Err(ErrorCode::UnknownMemberId),
                Some(m) if m.member_id != member_id => return Err(ErrorCode::FencedInstanceId),
                Some(_) => {}
            }
        }
        self.index_of(member_id).ok_or(ErrorCode::UnknownMemberId)
    }

    /// `hasAllMembersJoined`.
    pub(super) fn all_joined(&self) -> bool {
        self.pending.is_empty() && self.members.iter().all(|m| m.awaiting_join)
    }

    /// The group's rebalance timeout: the largest of its members' (`max.poll.interval.ms`).
    pub(super) fn rebalance_timeout_ms(&self) -> u64 {
        self.members.iter().map(|m| m.rebalance_timeout_ms).max().unwrap_or(0)
    }

    pub(super) fn transition(&mut self, to: GroupState, cx: &mut Ctx<'_>) {
        debug_assert!(self.state.can_transition_to(to), "{} → {to} is not a Kafka transition", self.state);
        cx.fx.emit(SimEvent::GroupStateChanged { group: self.id.clone(), from: self.state, to });
        self.prev_state = self.state;
        self.state = to;
        self.state_since = cx.now;
        match to {
            GroupState::Empty => self.schedule_offsets_expiry(cx),
            _ => cx.fx.cancel(Due::OffsetsExpiry(self.id.clone())),
        }
    }
}
