//! JoinGroup: the join phase of a rebalance (`GroupMetadataManager.classicGroupJoin*`, reference §1.3,
//! §2.3 for static members).

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use super::coordinator::Ctx;
use super::{Group, GroupState, Member, RebalanceCause, RemovalReason};
use crate::assignor::{AssignorName, MemberSubscription};
use crate::effects::Due;
use crate::event::SimEvent;
use crate::ids::Conn;
use crate::protocol::{ErrorCode, Response, Subscription};
use crate::time::Duration;

/// `CLASSIC_GROUP_NEW_MEMBER_JOIN_TIMEOUT_MS`: a new member must finish its first join in 5 minutes.
pub const NEW_MEMBER_JOIN_TIMEOUT_MS: u64 = 5 * 60 * 1000;

/// The parts of a JoinGroup request.
pub(super) struct Join {
    pub member_id: String,
    pub instance_id: Option<String>,
    pub session_timeout_ms: u64,
    pub rebalance_timeout_ms: u64,
    pub protocols: Vec<(AssignorName, Subscription)>,
}

impl Group {
    pub(super) fn join(&mut self, conn: Conn, client_id: &str, join: Join, cx: &mut Ctx<'_>) {
        let session = join.session_timeout_ms;
        let error =
            if session < cx.broker.min_session_timeout_ms || session > cx.broker.max_session_timeout_ms {
                Some(ErrorCode::InvalidSessionTimeout) // GroupCoordinatorService.joinGroup
            } else if self.state == GroupState::Dead {
                Some(ErrorCode::UnknownMemberId) // a deleted group knows no member
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
    pub(super) fn join_new(&mut self, conn: Conn, client_id: &str, join: Join, cx: &mut Ctx<'_>) {
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
    pub(super) fn join_existing(&mut self, conn: Conn, client_id: &str, join: Join, cx: &mut Ctx<'_>) {
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
    pub(super) fn add_member(&mut self, conn: Conn, client_id: &str, join: Join, cx: &mut Ctx<'_>) {
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
            join_conn: conn,
            sync_conn: conn,
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
        cx.fx.emit(SimEvent::MemberAdded { group: self.id.clone(), member_id, consumer: conn.consumer });
        self.maybe_prepare_rebalance_or_complete_join(
            RebalanceCause::MemberJoined { client_id: client_id.into() },
            cx,
        );
    }

    /// `updateStaticMemberThenRebalanceOrCompleteJoin` (KIP-345, reference §2.3): the new member id
    /// takes the old one's place; the old id is fenced from now on.
    pub(super) fn replace_static_member(
        &mut self,
        index: usize,
        conn: Conn,
        new_id: String,
        join: Join,
        cx: &mut Ctx<'_>,
    ) {
        // `ClassicGroup.replaceStaticMember`: whatever the old process still waits for is answered
        // FENCED_INSTANCE_ID at once (test `ClassicGroupTest.testReplaceGroupInstance`).
        let old = &mut self.members[index];
        if old.awaiting_join {
            old.awaiting_join = false;
            let response = Response::JoinGroup {
                error: ErrorCode::FencedInstanceId,
                generation: -1,
                protocol: None,
                leader: String::new(),
                member_id: old.member_id.clone(),
                members: vec![],
            };
            cx.fx.respond(old.join_conn, &self.id, response);
        }
        if old.awaiting_sync {
            old.awaiting_sync = false;
            let response = Response::SyncGroup { error: ErrorCode::FencedInstanceId, assignment: Vec::new() };
            cx.fx.respond(old.sync_conn, &self.id, response);
        }
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
            consumer: conn.consumer,
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

    pub(super) fn update_member(&mut self, index: usize, conn: Conn, join: Join) {
        let member = &mut self.members[index];
        member.conn = conn;
        member.join_conn = conn;
        member.protocols = join.protocols;
        member.session_timeout_ms = join.session_timeout_ms;
        member.rebalance_timeout_ms = join.rebalance_timeout_ms;
        member.awaiting_join = true;
    }

    pub(super) fn maybe_prepare_rebalance_or_complete_join(
        &mut self,
        cause: RebalanceCause,
        cx: &mut Ctx<'_>,
    ) {
        if self.state.can_rebalance() {
            self.prepare_rebalance(cause, cx);
        } else {
            self.maybe_complete_join(cx);
        }
    }

    /// `prepareRebalance`.
    pub(super) fn prepare_rebalance(&mut self, cause: RebalanceCause, cx: &mut Ctx<'_>) {
        self.open_record(&cause, cx.now);
        if self.state == GroupState::CompletingRebalance {
            for member in &mut self.members {
                member.assignment.clear();
                if member.awaiting_sync {
                    member.awaiting_sync = false;
                    let response =
                        Response::SyncGroup { error: ErrorCode::RebalanceInProgress, assignment: Vec::new() };
                    cx.fx.respond(member.sync_conn, &self.id, response);
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

    /// `tryCompleteInitialRebalanceElseSchedule`: the initial join waits at least the delay and
    /// keeps extending while new members arrive, bounded by the rebalance timeout.
    pub(super) fn try_complete_initial_rebalance(&mut self, cx: &mut Ctx<'_>) {
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
    pub(super) fn maybe_complete_join(&mut self, cx: &mut Ctx<'_>) {
        if self.state == GroupState::PreparingRebalance
            && self.prev_state != GroupState::Empty
            && self.all_joined()
        {
            self.complete_join(cx);
        }
    }

    /// `completeClassicGroupJoin`.
    pub(super) fn complete_join(&mut self, cx: &mut Ctx<'_>) {
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
    pub(super) fn respond_join(&mut self, index: usize, cx: &mut Ctx<'_>) {
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
        cx.fx.respond(self.members[index].join_conn, &self.id, response);
    }

    pub(super) fn join_error(&self, conn: Conn, error: ErrorCode, member_id: String, cx: &mut Ctx<'_>) {
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

    /// `supportsProtocols`: a newcomer must share at least one assignor with every member.
    pub(super) fn supports(&self, protocols: &[(AssignorName, Subscription)]) -> bool {
        self.members.is_empty()
            || protocols
                .iter()
                .any(|(name, _)| self.members.iter().all(|m| m.protocols.iter().any(|(n, _)| n == name)))
    }

    /// `selectProtocol`: each member votes for its first protocol that every member supports; the
    /// most votes win. Ties (Java: HashMap order) go to the candidate voted for first in join order.
    pub(super) fn select_protocol(&self) -> Option<AssignorName> {
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
    pub(super) fn subscriptions(&self) -> Vec<MemberSubscription> {
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
}
