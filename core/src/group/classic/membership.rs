//! Membership and the session: Heartbeat, LeaveGroup, session expiry and removal
//! (`classicGroupHeartbeat*`, `classicGroupLeave*`, `expireClassicGroupMemberHeartbeat`, reference §1.5–§1.6).

use alloc::string::String;
use alloc::vec;

use super::coordinator::Ctx;
use super::{Group, GroupState, RebalanceCause, RemovalReason};
use crate::effects::Due;
use crate::event::SimEvent;
use crate::protocol::{ErrorCode, LeaveReason, Response};
use crate::time::Duration;

impl Group {
    /// `classicGroupHeartbeatToClassicGroup`: every accepted heartbeat pushes the session deadline.
    pub(super) fn heartbeat(
        &mut self,
        member_id: &str,
        instance_id: Option<&str>,
        generation: i32,
        cx: &mut Ctx<'_>,
    ) -> ErrorCode {
        if self.state == GroupState::Dead {
            return ErrorCode::UnknownMemberId;
        }
        let index = match self.validate_member(member_id, instance_id) {
            Ok(index) => index,
            Err(error) => return error,
        };
        if generation != self.generation {
            return ErrorCode::IllegalGeneration;
        }
        let session = self.members[index].session_timeout_ms;
        let due = Due::MemberExpiry { group: self.id.clone(), member: member_id.into() };
        cx.fx.set(due, cx.now + Duration::from_millis(session));
        match self.state {
            GroupState::PreparingRebalance => ErrorCode::RebalanceInProgress,
            GroupState::Empty => ErrorCode::UnknownMemberId,
            _ => ErrorCode::None,
        }
    }

    /// `classicGroupLeaveToClassicGroup`: the member goes at once and the group rebalances now.
    pub(super) fn leave(&mut self, member_id: &str, reason: LeaveReason, cx: &mut Ctx<'_>) -> ErrorCode {
        if self.state == GroupState::Dead {
            return ErrorCode::UnknownMemberId;
        }
        if let Some(pos) = self.pending.iter().position(|p| p == member_id) {
            self.pending.remove(pos);
            cx.fx.cancel(Due::MemberExpiry { group: self.id.clone(), member: member_id.into() });
            self.maybe_complete_join(cx);
            return ErrorCode::None;
        }
        let Some(index) = self.index_of(member_id) else { return ErrorCode::UnknownMemberId };
        let client_id = self.members[index].client_id.clone();
        let cause = match reason {
            LeaveReason::Close => RebalanceCause::MemberLeft { client_id },
            LeaveReason::PollTimeout => RebalanceCause::PollTimeout { client_id },
        };
        self.remove_then_rebalance(index, RemovalReason::Left, cause, cx);
        ErrorCode::None
    }

    /// `expireClassicGroupMemberHeartbeat`.
    pub(super) fn expire_member(&mut self, member_id: &str, cx: &mut Ctx<'_>) {
        if let Some(pos) = self.pending.iter().position(|p| p == member_id) {
            self.pending.remove(pos);
            cx.fx
                .emit(SimEvent::PendingMemberExpired { group: self.id.clone(), member_id: member_id.into() });
            self.maybe_complete_join(cx);
            return;
        }
        let Some(index) = self.index_of(member_id) else { return };
        let member = &self.members[index];
        if member.has_satisfied_heartbeat() {
            return; // parked in a rebalance: the session timer cannot expire it
        }
        let reason = if member.is_new { RemovalReason::JoinTimeout } else { RemovalReason::SessionTimeout };
        let cause = RebalanceCause::SessionTimeout { client_id: member.client_id.clone() };
        self.remove_then_rebalance(index, reason, cause, cx);
    }

    pub(super) fn remove_then_rebalance(
        &mut self,
        index: usize,
        reason: RemovalReason,
        cause: RebalanceCause,
        cx: &mut Ctx<'_>,
    ) {
        if matches!(self.state, GroupState::Stable | GroupState::CompletingRebalance) {
            self.open_record(&cause, cx.now);
        }
        self.remove_member(index, reason, cx);
        match self.state {
            GroupState::Stable | GroupState::CompletingRebalance => self.prepare_rebalance(cause, cx),
            GroupState::PreparingRebalance => self.maybe_complete_join(cx),
            GroupState::Empty | GroupState::Dead => {}
        }
    }

    pub(super) fn remove_member(&mut self, index: usize, reason: RemovalReason, cx: &mut Ctx<'_>) {
        let member = self.members.remove(index);
        cx.fx.cancel(Due::MemberExpiry { group: self.id.clone(), member: member.member_id.clone() });
        if member.awaiting_join {
            let response = Response::JoinGroup {
                error: ErrorCode::UnknownMemberId,
                generation: -1,
                protocol: None,
                leader: String::new(),
                member_id: member.member_id.clone(),
                members: vec![],
            };
            cx.fx.respond(member.join_conn, &self.id, response);
        }
        if self.leader.as_deref() == Some(member.member_id.as_str()) {
            // ClassicGroup.remove: the next leader is the first member (Java: HashMap order).
            self.leader = self.members.first().map(|m| m.member_id.clone());
        }
        cx.fx.emit(SimEvent::MemberRemoved {
            group: self.id.clone(),
            member_id: member.member_id,
            consumer: member.conn.consumer,
            reason,
        });
    }
}
