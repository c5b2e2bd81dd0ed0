//! SyncGroup: the leader hands out the assignment (`classicGroupSyncToClassicGroup`, reference §1.4).

use alloc::string::String;
use alloc::vec::Vec;

use super::coordinator::Ctx;
use super::{Group, GroupState, RebalanceCause, RemovalReason};
use crate::assignor::TopicPartition;
use crate::effects::Due;
use crate::ids::Conn;
use crate::protocol::{ErrorCode, Response};
use crate::time::Duration;

impl Group {
    /// `classicGroupSyncToClassicGroup`; `Some(error)` is answered at once, `None` means the
    /// response was sent or parked.
    pub(super) fn sync(
        &mut self,
        conn: Conn,
        member_id: &str,
        instance_id: Option<&str>,
        generation: i32,
        assignments: Vec<(String, Vec<TopicPartition>)>,
        cx: &mut Ctx<'_>,
    ) -> Option<ErrorCode> {
        if self.state == GroupState::Dead {
            return Some(ErrorCode::UnknownMemberId);
        }
        let index = match self.validate_member(member_id, instance_id) {
            Ok(index) => index,
            Err(error) => return Some(error),
        };
        if generation != self.generation {
            return Some(ErrorCode::IllegalGeneration);
        }
        match self.state {
            GroupState::PreparingRebalance => Some(ErrorCode::RebalanceInProgress),
            GroupState::CompletingRebalance => {
                let member = &mut self.members[index];
                member.conn = conn;
                member.sync_conn = conn;
                member.awaiting_sync = true;
                member.pending_sync = false;
                if self.leader.as_deref() == Some(member_id) {
                    for member in &mut self.members {
                        member.assignment = assignments
                            .iter()
                            .find(|(id, _)| *id == member.member_id)
                            .map(|(_, a)| a.clone())
                            .unwrap_or_default();
                    }
                    self.transition(GroupState::Stable, cx);
                    for member in &mut self.members {
                        if member.awaiting_sync {
                            member.awaiting_sync = false;
                            let response = Response::SyncGroup {
                                error: ErrorCode::None,
                                assignment: member.assignment.clone(),
                            };
                            cx.fx.respond(member.sync_conn, &self.id, response);
                            let due = Due::MemberExpiry {
                                group: self.id.clone(),
                                member: member.member_id.clone(),
                            };
                            cx.fx.set(due, cx.now + Duration::from_millis(member.session_timeout_ms));
                        }
                    }
                    self.finish_rebalance(cx);
                }
                self.maybe_cancel_pending_sync(cx);
                None
            }
            GroupState::Stable => {
                let member = &mut self.members[index];
                member.pending_sync = false;
                let response =
                    Response::SyncGroup { error: ErrorCode::None, assignment: member.assignment.clone() };
                cx.fx.respond(conn, &self.id, response);
                self.maybe_cancel_pending_sync(cx);
                None
            }
            GroupState::Empty | GroupState::Dead => Some(ErrorCode::UnknownMemberId),
        }
    }

    pub(super) fn maybe_cancel_pending_sync(&mut self, cx: &mut Ctx<'_>) {
        if self.members.iter().all(|m| !m.pending_sync) {
            cx.fx.cancel(Due::PendingSync(self.id.clone()));
        }
    }

    /// `expirePendingSync`: members that never sent SyncGroup are removed and the group rebalances.
    pub(super) fn expire_pending_sync(&mut self, cx: &mut Ctx<'_>) {
        if !matches!(self.state, GroupState::CompletingRebalance | GroupState::Stable) {
            return;
        }
        let mut removed = false;
        while let Some(index) = self.members.iter().position(|m| m.pending_sync) {
            self.remove_member(index, RemovalReason::DidNotSync, cx);
            removed = true;
        }
        if removed {
            self.prepare_rebalance(RebalanceCause::SyncTimeout, cx);
        }
    }
}
