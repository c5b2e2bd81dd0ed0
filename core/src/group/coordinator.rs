//! The coordinator's handlers (`GroupMetadataManager.classicGroup*`, reference §1.3–§1.8).
//! Each takes `now`, changes the group, and pushes responses, deadlines and events.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use super::{Group, GroupState, Member, Rebalance, RebalanceCause, RemovalReason};
use crate::assignor::{AssignorName, MemberSubscription, TopicPartition};
use crate::config::BrokerConfig;
use crate::effects::{Due, Effects};
use crate::event::SimEvent;
use crate::ids::ConsumerId;
use crate::protocol::{ErrorCode, LeaveReason, Request, Response, Subscription};
use crate::time::{Duration, Instant};

/// `CLASSIC_GROUP_NEW_MEMBER_JOIN_TIMEOUT_MS`: a new member must finish its first join in 5 minutes.
pub const NEW_MEMBER_JOIN_TIMEOUT_MS: u64 = 5 * 60 * 1000;

/// The parts of a JoinGroup request.
struct Join {
    member_id: String,
    instance_id: Option<String>,
    session_timeout_ms: u64,
    rebalance_timeout_ms: u64,
    protocols: Vec<(AssignorName, Subscription)>,
}

/// The context every handler needs.
pub(crate) struct Ctx<'a> {
    pub now: Instant,
    pub broker: &'a BrokerConfig,
    pub fx: &'a mut Effects,
}

impl Group {
    /// Handles one request from consumer `conn` (whose `client.id` is `client_id`).
    pub fn handle_request(&mut self, conn: ConsumerId, client_id: &str, request: Request, cx: &mut Ctx<'_>) {
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
                let error = self.validate_commit(&member_id, instance_id.as_deref(), generation);
                if error == ErrorCode::None {
                    for (tp, offset) in &offsets {
                        let previous = self.offsets.insert(tp.clone(), *offset);
                        cx.fx.emit(SimEvent::Committed {
                            group: self.id.clone(),
                            consumer: conn,
                            partition: tp.clone(),
                            offset: *offset,
                            previous,
                        });
                    }
                } else {
                    cx.fx.emit(SimEvent::CommitRejected { group: self.id.clone(), consumer: conn, error });
                }
                cx.fx.respond(conn, &self.id, Response::OffsetCommit { error, offsets });
            }
            Request::OffsetFetch { partitions } => {
                let offsets =
                    partitions.into_iter().map(|tp| (tp.clone(), self.offsets.get(&tp).copied())).collect();
                cx.fx.respond(conn, &self.id, Response::OffsetFetch { offsets });
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
            _ => {}
        }
    }

    // ---- JoinGroup ----------------------------------------------------------------------------

    fn join(&mut self, conn: ConsumerId, client_id: &str, join: Join, cx: &mut Ctx<'_>) {
        let session = join.session_timeout_ms;
        let error =
            if session < cx.broker.min_session_timeout_ms || session > cx.broker.max_session_timeout_ms {
                Some(ErrorCode::InvalidSessionTimeout) // GroupCoordinatorService.joinGroup
            } else if self.state == GroupState::Dead {
                Some(ErrorCode::CoordinatorNotAvailable)
            } else {
                None
            };
        if let Some(error) = error {
            return self.join_error(conn, error, join.member_id, cx);
        }
        if join.member_id.is_empty() {
            self.join_new(conn, client_id, join, cx);
        } else {
            self.join_existing(conn, client_id, join, cx);
        }
    }

    /// `classicGroupJoinNewMember`.
    fn join_new(&mut self, conn: ConsumerId, client_id: &str, join: Join, cx: &mut Ctx<'_>) {
        if !self.supports(&join.protocols) {
            return self.join_error(conn, ErrorCode::InconsistentGroupProtocol, String::new(), cx);
        }
        if let Some(instance) = join.instance_id.clone() {
            let member_id = self.generate_member_id(&instance);
            return match self.members.iter().position(|m| m.instance_id.as_deref() == Some(&instance)) {
                Some(index) => self.replace_static_member(index, conn, member_id, join, cx),
                None => self.add_member(conn, client_id, Join { member_id, ..join }, cx),
            };
        }
        // A dynamic member first gets its id back with MEMBER_ID_REQUIRED (JoinGroup v4+) and
        // must rejoin with it within the session timeout.
        let member_id = self.generate_member_id(client_id);
        self.pending.push(member_id.clone());
        let expiry = Due::MemberExpiry { group: self.id.clone(), member: member_id.clone() };
        cx.fx.set(expiry, cx.now + Duration::from_millis(join.session_timeout_ms));
        self.join_error(conn, ErrorCode::MemberIdRequired, member_id, cx);
    }

    /// `classicGroupJoinExistingMember`.
    fn join_existing(&mut self, conn: ConsumerId, client_id: &str, join: Join, cx: &mut Ctx<'_>) {
        if let Some(pos) = self.pending.iter().position(|p| *p == join.member_id) {
            self.pending.remove(pos);
            return self.add_member(conn, client_id, join, cx);
        }
        let index = match self.validate_member(&join.member_id, join.instance_id.as_deref()) {
            Ok(index) => index,
            Err(error) => return self.join_error(conn, error, join.member_id, cx),
        };
        let changed = self.members[index].protocols != join.protocols;
        let is_leader = self.leader.as_deref() == Some(join.member_id.as_str());
        let cause = RebalanceCause::MetadataChanged { client_id: client_id.into() };
        match self.state {
            GroupState::PreparingRebalance => {
                self.update_member(index, conn, join);
                self.maybe_complete_join(cx);
            }
            GroupState::CompletingRebalance if !changed => self.respond_join(index, cx),
            GroupState::Stable if !changed && !is_leader => self.respond_join(index, cx),
            GroupState::CompletingRebalance | GroupState::Stable => {
                self.update_member(index, conn, join);
                self.prepare_rebalance(cause, cx);
            }
            GroupState::Empty | GroupState::Dead => {
                self.join_error(conn, ErrorCode::UnknownMemberId, join.member_id, cx);
            }
        }
    }

    /// `addMemberThenRebalanceOrCompleteJoin`.
    fn add_member(&mut self, conn: ConsumerId, client_id: &str, join: Join, cx: &mut Ctx<'_>) {
        if self.state == GroupState::PreparingRebalance && self.prev_state == GroupState::Empty {
            self.new_member_added = true;
        }
        if self.leader.is_none() {
            self.leader = Some(join.member_id.clone()); // the first member added becomes leader
        }
        let member_id = join.member_id.clone();
        self.members.push(Member {
            member_id: join.member_id,
            instance_id: join.instance_id,
            client_id: client_id.into(),
            conn,
            session_timeout_ms: join.session_timeout_ms,
            rebalance_timeout_ms: join.rebalance_timeout_ms,
            protocols: join.protocols,
            awaiting_join: true,
            awaiting_sync: false,
            pending_sync: false,
            is_new: true,
            assignment: Vec::new(),
        });
        let expiry = Due::MemberExpiry { group: self.id.clone(), member: member_id.clone() };
        cx.fx.set(expiry, cx.now + Duration::from_millis(NEW_MEMBER_JOIN_TIMEOUT_MS));
        cx.fx.emit(SimEvent::MemberAdded { group: self.id.clone(), member_id, consumer: conn });
        self.maybe_prepare_rebalance_or_complete_join(
            RebalanceCause::MemberJoined { client_id: client_id.into() },
            cx,
        );
    }

    /// `updateStaticMemberThenRebalanceOrCompleteJoin` (KIP-345, reference §2.3): the new member id
    /// takes the old one's place; the old id is fenced from now on.
    fn replace_static_member(
        &mut self,
        index: usize,
        conn: ConsumerId,
        new_id: String,
        join: Join,
        cx: &mut Ctx<'_>,
    ) {
        let old_id = core::mem::replace(&mut self.members[index].member_id, new_id.clone());
        if self.leader.as_deref() == Some(old_id.as_str()) {
            self.leader = Some(new_id.clone());
        }
        cx.fx.cancel(Due::MemberExpiry { group: self.id.clone(), member: old_id.clone() });
        let expiry = Due::MemberExpiry { group: self.id.clone(), member: new_id.clone() };
        cx.fx.set(expiry, cx.now + Duration::from_millis(join.session_timeout_ms));
        cx.fx.emit(SimEvent::StaticMemberReplaced {
            group: self.id.clone(),
            old_member_id: old_id,
            member_id: new_id,
            consumer: conn,
        });
        let protocol_before = self.protocol;
        let client_id = self.members[index].client_id.clone();
        self.update_member(index, conn, join);
        match self.state {
            GroupState::Stable if self.select_protocol() == protocol_before => {
                // No rebalance: the member gets the current generation and its old assignment.
                self.members[index].awaiting_join = false;
                self.respond_join(index, cx);
            }
            GroupState::Stable | GroupState::CompletingRebalance => {
                self.prepare_rebalance(RebalanceCause::MemberJoined { client_id }, cx);
            }
            _ => self.maybe_complete_join(cx),
        }
    }

    fn update_member(&mut self, index: usize, conn: ConsumerId, join: Join) {
        let member = &mut self.members[index];
        member.conn = conn;
        member.protocols = join.protocols;
        member.session_timeout_ms = join.session_timeout_ms;
        member.rebalance_timeout_ms = join.rebalance_timeout_ms;
        member.awaiting_join = true;
    }

    fn maybe_prepare_rebalance_or_complete_join(&mut self, cause: RebalanceCause, cx: &mut Ctx<'_>) {
        if self.state.can_rebalance() {
            self.prepare_rebalance(cause, cx);
        } else {
            self.maybe_complete_join(cx);
        }
    }

    /// `prepareRebalance`.
    fn prepare_rebalance(&mut self, cause: RebalanceCause, cx: &mut Ctx<'_>) {
        self.open_record(&cause, cx.now);
        if self.state == GroupState::CompletingRebalance {
            for member in &mut self.members {
                member.assignment.clear();
                if member.awaiting_sync {
                    member.awaiting_sync = false;
                    let response =
                        Response::SyncGroup { error: ErrorCode::RebalanceInProgress, assignment: Vec::new() };
                    cx.fx.respond(member.conn, &self.id, response);
                }
            }
        }
        cx.fx.cancel(Due::PendingSync(self.id.clone()));
        let initial = self.state == GroupState::Empty;
        cx.fx.emit(SimEvent::RebalanceStarted { group: self.id.clone(), cause, generation: self.generation });
        self.transition(GroupState::PreparingRebalance, cx);
        if initial {
            let delay = cx.broker.initial_rebalance_delay_ms;
            self.initial_remaining_ms = self.rebalance_timeout_ms().saturating_sub(delay);
            cx.fx.set(Due::InitialRebalance(self.id.clone()), cx.now + Duration::from_millis(delay));
        } else if self.all_joined() {
            self.complete_join(cx);
        } else {
            let at = cx.now + Duration::from_millis(self.rebalance_timeout_ms());
            cx.fx.set(Due::JoinTimeout(self.id.clone()), at);
        }
    }

    /// Starts the record of a rebalance (who owned what) unless one is open. Removals call it
    /// before the member goes, so its partitions show as moved from it.
    fn open_record(&mut self, cause: &RebalanceCause, now: Instant) {
        if self.rebalance.is_some() {
            return;
        }
        // A revoking member's rejoin continues the cooperative rebalance it came from.
        let continued =
            self.follow_up.take().filter(|_| matches!(cause, RebalanceCause::MetadataChanged { .. }));
        self.rebalance = Some(match continued {
            Some(previous) => Rebalance { round: previous.round + 1, ..previous },
            None => Rebalance {
                cause: cause.clone(),
                started_at: now,
                generation_before: self.generation,
                before: crate::sort::map_of(
                    self.members
                        .iter()
                        .flat_map(|m| m.assignment.iter().map(|tp| (tp.clone(), m.client_id.clone()))),
                ),
                round: 1,
            },
        });
    }

    /// `tryCompleteInitialRebalanceElseSchedule`: the initial join waits at least the delay and
    /// keeps extending while new members arrive, bounded by the rebalance timeout.
    fn try_complete_initial_rebalance(&mut self, cx: &mut Ctx<'_>) {
        if self.state != GroupState::PreparingRebalance {
            return;
        }
        let delay = cx.broker.initial_rebalance_delay_ms;
        if self.new_member_added && self.initial_remaining_ms != 0 {
            self.new_member_added = false;
            let next = delay.min(self.initial_remaining_ms);
            self.initial_remaining_ms = self.initial_remaining_ms.saturating_sub(delay);
            cx.fx.set(Due::InitialRebalance(self.id.clone()), cx.now + Duration::from_millis(next));
        } else {
            self.complete_join(cx);
        }
    }

    /// `maybeCompleteJoinPhase`: never before the initial delay, never while someone is missing.
    fn maybe_complete_join(&mut self, cx: &mut Ctx<'_>) {
        if self.state == GroupState::PreparingRebalance
            && self.prev_state != GroupState::Empty
            && self.all_joined()
        {
            self.complete_join(cx);
        }
    }

    /// `completeClassicGroupJoin`.
    fn complete_join(&mut self, cx: &mut Ctx<'_>) {
        cx.fx.cancel(Due::JoinTimeout(self.id.clone()));
        cx.fx.cancel(Due::InitialRebalance(self.id.clone()));
        // Dynamic members that did not rejoin are dropped; static ones stay.
        while let Some(index) = self.members.iter().position(|m| !m.awaiting_join && m.instance_id.is_none())
        {
            self.remove_member(index, RemovalReason::DidNotRejoin, cx);
        }
        // maybeElectNewJoinedLeader: keep a rejoined leader, else the first rejoined member in
        // join order (Java: HashMap order).
        let leader_rejoined =
            self.leader.as_deref().and_then(|l| self.member(l)).is_some_and(|m| m.awaiting_join);
        if !leader_rejoined {
            match self.members.iter().find(|m| m.awaiting_join) {
                Some(m) => self.leader = Some(m.member_id.clone()),
                None if !self.members.is_empty() => {
                    let at = cx.now + Duration::from_millis(self.rebalance_timeout_ms());
                    cx.fx.set(Due::JoinTimeout(self.id.clone()), at);
                    return;
                }
                None => self.leader = None,
            }
        }
        // initNextGeneration
        self.generation += 1;
        if self.members.is_empty() {
            self.protocol = None;
            self.transition(GroupState::Empty, cx);
            self.finish_rebalance(cx);
            return;
        }
        self.protocol = self.select_protocol();
        self.transition(GroupState::CompletingRebalance, cx);
        cx.fx.emit(SimEvent::JoinCompleted {
            group: self.id.clone(),
            generation: self.generation,
            leader: self.leader.clone().unwrap_or_default(),
            protocol: self.protocol,
            members: self.members.len() as u32,
        });
        for index in 0..self.members.len() {
            if self.members[index].awaiting_join {
                self.respond_join(index, cx);
            }
            let member = &mut self.members[index];
            member.is_new = false;
            member.pending_sync = true;
            let (id, session) = (member.member_id.clone(), member.session_timeout_ms);
            cx.fx.set(
                Due::MemberExpiry { group: self.id.clone(), member: id },
                cx.now + Duration::from_millis(session),
            );
        }
        let at = cx.now + Duration::from_millis(self.rebalance_timeout_ms());
        cx.fx.set(Due::PendingSync(self.id.clone()), at);
    }

    /// Answers a member's JoinGroup with the current generation; the leader gets every
    /// member's subscription for the chosen protocol.
    fn respond_join(&mut self, index: usize, cx: &mut Ctx<'_>) {
        let member_id = self.members[index].member_id.clone();
        let is_leader = self.leader.as_deref() == Some(member_id.as_str());
        let members = if is_leader { self.subscriptions() } else { Vec::new() };
        self.members[index].awaiting_join = false;
        let response = Response::JoinGroup {
            error: ErrorCode::None,
            generation: self.generation,
            protocol: self.protocol,
            leader: self.leader.clone().unwrap_or_default(),
            member_id,
            members,
        };
        cx.fx.respond(self.members[index].conn, &self.id, response);
    }

    fn join_error(&self, conn: ConsumerId, error: ErrorCode, member_id: String, cx: &mut Ctx<'_>) {
        let response = Response::JoinGroup {
            error,
            generation: -1,
            protocol: None,
            leader: String::new(),
            member_id,
            members: vec![],
        };
        cx.fx.respond(conn, &self.id, response);
    }

    // ---- SyncGroup ----------------------------------------------------------------------------

    /// `classicGroupSyncToClassicGroup`; `Some(error)` is answered at once, `None` means the
    /// response was sent or parked.
    fn sync(
        &mut self,
        conn: ConsumerId,
        member_id: &str,
        instance_id: Option<&str>,
        generation: i32,
        assignments: Vec<(String, Vec<TopicPartition>)>,
        cx: &mut Ctx<'_>,
    ) -> Option<ErrorCode> {
        if self.state == GroupState::Dead {
            return Some(ErrorCode::CoordinatorNotAvailable);
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
                            cx.fx.respond(member.conn, &self.id, response);
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

    fn maybe_cancel_pending_sync(&mut self, cx: &mut Ctx<'_>) {
        if self.members.iter().all(|m| !m.pending_sync) {
            cx.fx.cancel(Due::PendingSync(self.id.clone()));
        }
    }

    /// `expirePendingSync`: members that never sent SyncGroup are removed and the group rebalances.
    fn expire_pending_sync(&mut self, cx: &mut Ctx<'_>) {
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

    // ---- Heartbeat, LeaveGroup, expiry ----------------------------------------------------------

    /// `classicGroupHeartbeatToClassicGroup`: every accepted heartbeat pushes the session deadline.
    fn heartbeat(
        &mut self,
        member_id: &str,
        instance_id: Option<&str>,
        generation: i32,
        cx: &mut Ctx<'_>,
    ) -> ErrorCode {
        if self.state == GroupState::Dead {
            return ErrorCode::CoordinatorNotAvailable;
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
    fn leave(&mut self, member_id: &str, reason: LeaveReason, cx: &mut Ctx<'_>) -> ErrorCode {
        if self.state == GroupState::Dead {
            return ErrorCode::CoordinatorNotAvailable;
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
    fn expire_member(&mut self, member_id: &str, cx: &mut Ctx<'_>) {
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

    fn remove_then_rebalance(
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

    fn remove_member(&mut self, index: usize, reason: RemovalReason, cx: &mut Ctx<'_>) {
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
            cx.fx.respond(member.conn, &self.id, response);
        }
        if self.leader.as_deref() == Some(member.member_id.as_str()) {
            // ClassicGroup.remove: the next leader is the first member (Java: HashMap order).
            self.leader = self.members.first().map(|m| m.member_id.clone());
        }
        cx.fx.emit(SimEvent::MemberRemoved {
            group: self.id.clone(),
            member_id: member.member_id,
            consumer: member.conn,
            reason,
        });
    }

    // ---- OffsetCommit --------------------------------------------------------------------------

    /// `ClassicGroup.validateOffsetCommit`.
    fn validate_commit(&self, member_id: &str, instance_id: Option<&str>, generation: i32) -> ErrorCode {
        if self.state == GroupState::Dead {
            return ErrorCode::CoordinatorNotAvailable;
        }
        if generation < 0 && member_id.is_empty() && instance_id.is_none() {
            return if self.state == GroupState::Empty {
                ErrorCode::None
            } else {
                ErrorCode::UnknownMemberId
            };
        }
        if let Err(error) = self.validate_member(member_id, instance_id) {
            return error;
        }
        if generation != self.generation {
            return ErrorCode::IllegalGeneration;
        }
        if self.state == GroupState::CompletingRebalance {
            return ErrorCode::RebalanceInProgress;
        }
        ErrorCode::None
    }

    // ---- helpers --------------------------------------------------------------------------------

    /// `ClassicGroup.validateMember`.
    fn validate_member(&self, member_id: &str, instance_id: Option<&str>) -> Result<usize, ErrorCode> {
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
    fn all_joined(&self) -> bool {
        self.pending.is_empty() && self.members.iter().all(|m| m.awaiting_join)
    }

    /// The group's rebalance timeout: the largest of its members' (`max.poll.interval.ms`).
    fn rebalance_timeout_ms(&self) -> u64 {
        self.members.iter().map(|m| m.rebalance_timeout_ms).max().unwrap_or(0)
    }

    /// `supportsProtocols`: a newcomer must share at least one assignor with every member.
    fn supports(&self, protocols: &[(AssignorName, Subscription)]) -> bool {
        self.members.is_empty()
            || protocols
                .iter()
                .any(|(name, _)| self.members.iter().all(|m| m.protocols.iter().any(|(n, _)| n == name)))
    }

    /// `selectProtocol`: each member votes for its first protocol that every member supports; the
    /// most votes win. Ties (Java: HashMap order) go to the candidate voted for first in join order.
    fn select_protocol(&self) -> Option<AssignorName> {
        let first = self.members.first()?;
        let candidates: Vec<AssignorName> = first
            .protocols
            .iter()
            .map(|(n, _)| *n)
            .filter(|n| self.members.iter().all(|m| m.protocols.iter().any(|(p, _)| p == n)))
            .collect();
        let votes: Vec<AssignorName> = self
            .members
            .iter()
            .filter_map(|m| m.protocols.iter().map(|(n, _)| *n).find(|n| candidates.contains(n)))
            .collect();
        let count = |n: &AssignorName| votes.iter().filter(|v| *v == n).count();
        let mut best: Option<AssignorName> = None;
        for vote in &votes {
            if best.is_none_or(|b| count(vote) > count(&b)) {
                best = Some(*vote);
            }
        }
        best
    }

    /// Every member's subscription for the chosen protocol, as the leader receives them.
    fn subscriptions(&self) -> Vec<MemberSubscription> {
        let Some(protocol) = self.protocol else { return Vec::new() };
        self.members
            .iter()
            .map(|m| {
                let sub = m.protocols.iter().find(|(n, _)| *n == protocol).map(|(_, s)| s.clone());
                let sub =
                    sub.unwrap_or(Subscription { topics: Vec::new(), owned: Vec::new(), generation: -1 });
                MemberSubscription {
                    member_id: m.member_id.clone(),
                    instance_id: m.instance_id.clone(),
                    topics: sub.topics,
                    owned: sub.owned,
                    generation: (sub.generation >= 0).then_some(sub.generation),
                }
            })
            .collect()
    }

    fn transition(&mut self, to: GroupState, cx: &mut Ctx<'_>) {
        debug_assert!(self.state.can_transition_to(to), "{} → {to} is not a Kafka transition", self.state);
        cx.fx.emit(SimEvent::GroupStateChanged { group: self.id.clone(), from: self.state, to });
        self.prev_state = self.state;
        self.state = to;
    }

    /// The group is Stable (or Empty) again: report what moved and how long it took.
    fn finish_rebalance(&mut self, cx: &mut Ctx<'_>) {
        let Some(rebalance) = self.rebalance.take() else { return };
        let after = crate::sort::map_of(
            self.members.iter().flat_map(|m| m.assignment.iter().map(move |tp| (tp, m.client_id.as_str()))),
        );
        let mut moved = Vec::new();
        for (tp, from) in &rebalance.before {
            let to = after.get(tp).copied();
            if to != Some(from.as_str()) {
                moved.push((tp.clone(), Some(from.clone()), to.map(String::from)));
            }
        }
        for (tp, to) in &after {
            if !rebalance.before.contains_key(*tp) {
                moved.push(((*tp).clone(), None, Some(String::from(*to))));
            }
        }
        crate::sort::sort(&mut moved);
        // Cooperative round 1 leaves moving partitions unowned while their old owner is still a
        // member: it revokes them and rejoins, and that rebalance continues this one.
        let follow_up = rebalance
            .before
            .iter()
            .any(|(tp, from)| !after.contains_key(tp) && self.members.iter().any(|m| m.client_id == *from));
        cx.fx.emit(SimEvent::RebalanceCompleted {
            group: self.id.clone(),
            cause: rebalance.cause.clone(),
            generation_before: rebalance.generation_before,
            generation: self.generation,
            took: cx.now - rebalance.started_at,
            moved,
            round: rebalance.round,
            follow_up,
        });
        self.follow_up = follow_up.then_some(rebalance);
    }
}
