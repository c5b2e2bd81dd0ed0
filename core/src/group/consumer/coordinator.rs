//! A consumer-protocol group on its coordinator (`GroupMetadataManager.consumerGroupHeartbeat`,
//! `consumerGroupFenceMember` and the session and rebalance timers it schedules, reference
//! §3.2–§3.3): the pure [`ConsumerGroup`] with what the world gives it, that is requests, the
//! clock, the timers and the wire. What both kinds of group share, committed offsets and their
//! retention, is kept here as the classic group keeps it.

use alloc::string::String;
use alloc::vec::Vec;

use super::{
    ConsumerGroup, ConsumerGroupState, HeartbeatRequest, LEAVE_EPOCH, RebalanceTimer, STATIC_LEAVE_EPOCH,
};
use crate::assignor::TopicPartition;
use crate::effects::Due;
use crate::event::SimEvent;
use crate::group::{Ctx, RebalanceCause, RemovalReason};
use crate::ids::{Conn, ConsumerId};
use crate::protocol::{ErrorCode, Request, Response};
use crate::rng::SimRng;
use crate::time::{Duration, Instant};
use crate::vec_map::VecMap;

/// The hosted group.
#[derive(Clone, Debug)]
pub(crate) struct Hosted {
    pub group: ConsumerGroup,
    /// The broker that coordinates it.
    pub coordinator: u32,
    /// Committed offsets: the next offset to consume, per partition.
    pub offsets: VecMap<TopicPartition, u64>,
    /// Which consumer each member is, and its `client.id` (for events and views).
    pub clients: VecMap<String, (ConsumerId, String)>,
    /// The epoch each member's rebalance timer was started at (Kafka keys the timer by member).
    rebalance_epochs: VecMap<String, i32>,
    /// The state last reported.
    pub state: ConsumerGroupState,
    /// When it became Empty: its offsets expire `offsets.retention.minutes` after.
    empty_since: Instant,
    /// The rebalance under way, for the record (`record.rs`).
    pub(super) rebalance: Option<crate::group::Rebalance>,
    rng: SimRng,
}

impl Hosted {
    pub fn new(id: &str, coordinator: u32, offsets: VecMap<TopicPartition, u64>, rng: SimRng) -> Self {
        Hosted {
            group: ConsumerGroup::new(id),
            coordinator,
            offsets,
            clients: VecMap::new(),
            rebalance_epochs: VecMap::new(),
            state: ConsumerGroupState::Empty,
            empty_since: Instant::ZERO,
            rebalance: None,
            rng,
        }
    }

    fn id(&self) -> &str {
        &self.group.group_id
    }

    /// The client id a member speaks for, for events.
    pub(super) fn client_of(&self, member_id: &str) -> String {
        self.clients.get(member_id).map(|(_, c)| c.clone()).unwrap_or_else(|| member_id.into())
    }

    /// Handles one request from consumer `conn`; `topics` is the cluster's metadata.
    pub fn handle_request(
        &mut self,
        conn: Conn,
        client_id: &str,
        request: Request,
        topics: &VecMap<String, u32>,
        cx: &mut Ctx<'_>,
    ) {
        match request {
            Request::ConsumerGroupHeartbeat(req) => self.heartbeat(conn, client_id, req, topics, cx),
            Request::OffsetCommit { member_id, generation, offsets, .. } => {
                self.offset_commit(conn, &member_id, generation, offsets, cx);
            }
            Request::OffsetFetch { partitions } => {
                crate::group::offsets::answer_fetch(
                    &self.group.group_id,
                    &self.offsets,
                    conn,
                    partitions,
                    cx.fx,
                );
            }
            // A classic member's request to a group of the other kind (the playground refuses to
            // add one, so only a restart racing a conversion gets here): what a coordinator with
            // `group.consumer.migration.policy=disabled` answers.
            Request::JoinGroup { member_id, .. } => {
                let response = Response::JoinGroup {
                    error: ErrorCode::GroupIdNotFound,
                    generation: -1,
                    protocol: None,
                    leader: String::new(),
                    member_id,
                    members: Vec::new(),
                };
                cx.fx.respond(conn, self.id(), response);
            }
            Request::SyncGroup { .. } => {
                let response =
                    Response::SyncGroup { error: ErrorCode::GroupIdNotFound, assignment: Vec::new() };
                cx.fx.respond(conn, self.id(), response);
            }
            Request::Heartbeat { .. } => {
                cx.fx.respond(conn, self.id(), Response::Heartbeat { error: ErrorCode::GroupIdNotFound });
            }
            Request::LeaveGroup { .. } => {
                cx.fx.respond(conn, self.id(), Response::LeaveGroup { error: ErrorCode::GroupIdNotFound });
            }
            Request::FindCoordinator { .. } => {}
        }
    }

    /// ConsumerGroupHeartbeat: the group answers, and the timers follow (the session timer
    /// restarts with every accepted heartbeat but a leave; the rebalance timer as the group says).
    fn heartbeat(
        &mut self,
        conn: Conn,
        client_id: &str,
        req: HeartbeatRequest,
        topics: &VecMap<String, u32>,
        cx: &mut Ctx<'_>,
    ) {
        let config = cx.broker.consumer_groups();
        let before = self.group.group_epoch;
        let target_before = self.group.assignment_epoch;
        // A static member coming back under a new member id replaces the one that left with -2.
        let static_holder = req.instance_id.as_ref().and_then(|instance| {
            self.group
                .members()
                .find(|m| m.instance_id.as_ref() == Some(instance))
                .map(|m| m.member_id.clone())
        });
        let known = self.group.member(&req.member_id).is_some();
        let owners = self.rebalance.is_none().then(|| self.owners());
        let rng = &mut self.rng;
        let result =
            self.group.heartbeat(&req, cx.now.as_millis(), topics, &config, &mut || uuid_string(rng));
        let accepted = match result {
            Ok(accepted) => accepted,
            Err(error) => {
                return cx.fx.respond(conn, self.id(), Response::ConsumerGroupHeartbeat(Err(error)));
            }
        };
        let member_id = accepted.response.member_id.clone();
        let cause = match req.member_epoch {
            LEAVE_EPOCH => {
                self.forget(&member_id, RemovalReason::Left, cx);
                RebalanceCause::MemberLeft { client_id: client_id.into() }
            }
            STATIC_LEAVE_EPOCH => RebalanceCause::MemberLeft { client_id: client_id.into() },
            _ => {
                if let Some(old) = static_holder.filter(|old| *old != member_id) {
                    self.cancel_timers(&old, cx);
                    self.clients.remove(old.as_str());
                    cx.fx.emit(SimEvent::StaticMemberReplaced {
                        group: self.id().into(),
                        old_member_id: old,
                        member_id: member_id.clone(),
                        consumer: conn.consumer,
                    });
                } else if !known {
                    cx.fx.emit(SimEvent::MemberAdded {
                        group: self.id().into(),
                        member_id: member_id.clone(),
                        consumer: conn.consumer,
                    });
                }
                self.clients.insert(member_id.clone(), (conn.consumer, client_id.into()));
                let session = Duration::from_millis(config.session_timeout_ms.into());
                cx.fx.set(self.session_due(&member_id), cx.now + session);
                match accepted.rebalance_timer {
                    RebalanceTimer::Keep => {}
                    RebalanceTimer::Start { epoch, timeout_ms } => {
                        self.rebalance_epochs.insert(member_id.clone(), epoch);
                        let at = cx.now + Duration::from_millis(timeout_ms.max(0) as u64);
                        cx.fx.set(self.rebalance_due(&member_id), at);
                    }
                    RebalanceTimer::Cancel => {
                        self.rebalance_epochs.remove(member_id.as_str());
                        cx.fx.cancel(self.rebalance_due(&member_id));
                    }
                }
                if known {
                    RebalanceCause::MetadataChanged { client_id: client_id.into() }
                } else {
                    RebalanceCause::MemberJoined { client_id: client_id.into() }
                }
            }
        };
        cx.fx.respond(conn, self.id(), Response::ConsumerGroupHeartbeat(Ok(accepted.response)));
        self.report(before, target_before, cause, owners, cx);
    }

    /// Tells what moved: the group epoch, a new target, the state.
    /// `owners` is who held what before the change (taken while no rebalance is open).
    fn report(
        &mut self,
        epoch_before: i32,
        target_before: i32,
        cause: RebalanceCause,
        owners: Option<VecMap<TopicPartition, String>>,
        cx: &mut Ctx<'_>,
    ) {
        if self.group.group_epoch != epoch_before {
            let epoch = self.group.group_epoch;
            cx.fx.emit(SimEvent::GroupEpochBumped { group: self.id().into(), epoch, cause: cause.clone() });
            if let Some(before) = owners {
                self.open_record(cause, epoch_before, before, cx);
            }
        }
        let group = &self.group;
        if group.assignment_epoch != target_before && group.members().next().is_some() {
            let mut target: Vec<(String, Vec<TopicPartition>)> = Vec::new();
            for m in group.members() {
                target.push((self.client_of(&m.member_id), group.target_of(&m.member_id)));
            }
            cx.fx.emit(SimEvent::TargetAssignmentComputed {
                group: group.group_id.clone(),
                epoch: group.assignment_epoch,
                target,
            });
        }
        let now = self.group.state();
        if now != self.state {
            cx.fx.emit(SimEvent::ConsumerGroupStateChanged {
                group: self.id().into(),
                from: self.state,
                to: now,
            });
            self.state = now;
            self.maybe_finish_record(now, cx);
            if now == ConsumerGroupState::Empty {
                self.empty_since = cx.now;
                self.schedule_offsets_expiry(cx);
            } else {
                cx.fx.cancel(Due::OffsetsExpiry(self.id().into()));
            }
        }
    }

    /// Handles one of the group's deadlines.
    pub fn handle_timer(&mut self, due: &Due, topics: &VecMap<String, u32>, cx: &mut Ctx<'_>) {
        let (before, target_before) = (self.group.group_epoch, self.group.assignment_epoch);
        let (member, reason) = match due {
            Due::ConsumerSession { member, .. } => (member.clone(), RemovalReason::SessionTimeout),
            Due::ConsumerRebalance { member, .. } => (member.clone(), RemovalReason::RevocationTimeout),
            Due::OffsetsExpiry(_) => return self.expire_offsets(cx),
            _ => return,
        };
        let owners = self.rebalance.is_none().then(|| self.owners());
        let client_id = self.client_of(&member);
        let removed = match reason {
            RemovalReason::SessionTimeout => self.group.fence(&member, topics),
            _ => {
                let epoch = self.rebalance_epochs.remove(member.as_str()).unwrap_or(i32::MIN);
                self.group.rebalance_timeout(&member, epoch, topics)
            }
        };
        if !removed {
            return;
        }
        self.forget(&member, reason, cx);
        let cause = match reason {
            RemovalReason::SessionTimeout => RebalanceCause::SessionTimeout { client_id },
            _ => RebalanceCause::RevocationTimeout { client_id },
        };
        self.report(before, target_before, cause, owners, cx);
    }

    /// A member is gone: its timers go with it.
    fn forget(&mut self, member_id: &str, reason: RemovalReason, cx: &mut Ctx<'_>) {
        self.cancel_timers(member_id, cx);
        if let Some((consumer, _)) = self.clients.remove(member_id) {
            cx.fx.emit(SimEvent::MemberRemoved {
                group: self.id().into(),
                member_id: member_id.into(),
                consumer,
                reason,
            });
        }
    }

    fn cancel_timers(&mut self, member_id: &str, cx: &mut Ctx<'_>) {
        self.rebalance_epochs.remove(member_id);
        cx.fx.cancel(self.session_due(member_id));
        cx.fx.cancel(self.rebalance_due(member_id));
    }

    fn session_due(&self, member_id: &str) -> Due {
        Due::ConsumerSession { group: self.id().into(), member: member_id.into() }
    }

    fn rebalance_due(&self, member_id: &str) -> Due {
        Due::ConsumerRebalance { group: self.id().into(), member: member_id.into() }
    }

    /// OffsetCommit from a member at `member_epoch` (`validateOffsetCommit`, KIP-1251).
    fn offset_commit(
        &mut self,
        conn: Conn,
        member_id: &str,
        member_epoch: i32,
        offsets: Vec<(TopicPartition, u64)>,
        cx: &mut Ctx<'_>,
    ) {
        let partitions: Vec<TopicPartition> = offsets.iter().map(|(tp, _)| tp.clone()).collect();
        let error = match self.group.validate_offset_commit(member_id, member_epoch, &partitions) {
            Ok(()) => ErrorCode::None,
            Err(super::OffsetError::StaleMemberEpoch { .. }) => ErrorCode::StaleMemberEpoch,
            Err(super::OffsetError::UnknownMemberId { .. }) => ErrorCode::UnknownMemberId,
        };
        crate::group::offsets::answer_commit(
            &self.group.group_id,
            &mut self.offsets,
            conn,
            error,
            offsets,
            cx.fx,
        );
    }

    /// As for a classic group: the first retention check at or after
    /// `offsets.retention.minutes` since the group became Empty.
    fn schedule_offsets_expiry(&mut self, cx: &mut Ctx<'_>) {
        let at = crate::group::offsets::expiry_at(self.empty_since, cx.broker);
        cx.fx.set(Due::OffsetsExpiry(self.id().into()), at);
    }

    /// An Empty group whose offsets expired is deleted (Empty → Dead).
    fn expire_offsets(&mut self, cx: &mut Ctx<'_>) {
        if self.state != ConsumerGroupState::Empty {
            return;
        }
        let partitions = self.offsets.len() as u32;
        self.offsets.clear();
        cx.fx.emit(SimEvent::OffsetsExpired {
            group: self.id().into(),
            partitions,
            empty_since: self.empty_since,
        });
        let to = ConsumerGroupState::Dead;
        cx.fx.emit(SimEvent::ConsumerGroupStateChanged { group: self.id().into(), from: self.state, to });
        self.state = to;
    }
}

/// `Uuid.randomUuid().toString()` as Kafka's clients write a member id (KIP-1082): 16 random
/// bytes in URL-safe base64 without padding, 22 characters.
pub(crate) fn uuid_string(rng: &mut SimRng) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let (a, b) = (rng.next_u64(), rng.next_u64());
    let bits = (u128::from(a) << 64) | u128::from(b);
    // 21 digits of 6 bits from the top, then the last 2 bits padded with zeros.
    let digit =
        |i: u32| if i < 21 { (bits >> (122 - 6 * i)) as usize & 63 } else { ((bits & 3) << 4) as usize };
    (0..22).map(|i| ALPHABET[digit(i)] as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::BrokerConfig;
    use crate::effects::{Effect, Effects};

    fn conn(correlation: u32) -> Conn {
        Conn { consumer: ConsumerId(0), epoch: 0, correlation }
    }

    fn answers(fx: &Effects) -> Vec<Response> {
        fx.0.iter()
            .filter_map(|e| match e {
                Effect::Respond { response, .. } => Some(response.clone()),
                _ => None,
            })
            .collect()
    }

    /// A member at epoch 2 with `t-0..t-3`, all assigned at epoch 2.
    fn joined() -> (Hosted, String) {
        let mut g = Hosted::new("g", 0, VecMap::new(), SimRng::new(1, 1));
        let topics: VecMap<String, u32> = [("t".into(), 4)].into_iter().collect();
        let broker = BrokerConfig::default();
        let mut fx = Effects::default();
        let mut cx = Ctx { now: Instant::ZERO, broker: &broker, fx: &mut fx };
        let join = HeartbeatRequest { member_id: "m".into(), ..HeartbeatRequest::join(&["t"], 300_000) };
        g.handle_request(conn(1), "consumer-1", Request::ConsumerGroupHeartbeat(join), &topics, &mut cx);
        let member = g.group.member("m").expect("joined");
        assert_eq!((member.assignment.member_epoch, member.assigned().len()), (2, 4));
        (g, "m".into())
    }

    fn commit(g: &mut Hosted, member: &str, epoch: i32) -> ErrorCode {
        let broker = BrokerConfig::default();
        let mut fx = Effects::default();
        let mut cx = Ctx { now: Instant::ZERO, broker: &broker, fx: &mut fx };
        let offsets = alloc::vec![(TopicPartition::new("t", 0), 5)];
        let request =
            Request::OffsetCommit { member_id: member.into(), instance_id: None, generation: epoch, offsets };
        g.handle_request(conn(2), "consumer-1", request, &VecMap::new(), &mut cx);
        match answers(&fx).as_slice() {
            [Response::OffsetCommit { error, .. }] => *error,
            other => panic!("{other:?}"),
        }
    }

    /// Reference §3.1: commits carry the member epoch; a newer one, or an older one than the
    /// epoch a partition was assigned at (KIP-1251), is STALE_MEMBER_EPOCH (Kafka's
    /// `OffsetMetadataManagerTest.testConsumerGroupOffsetCommitWithStaleMemberEpoch` and
    /// `ConsumerGroupTest.testValidateOffsetCommitWithEpochValidation`); the member's own epoch
    /// is taken, and a stranger is UNKNOWN_MEMBER_ID. The simulated clients never send one (a
    /// client's epoch only grows, and the wire keeps each connection's order), so this test
    /// speaks to the coordinator directly.
    #[test]
    fn a_stale_commit_gets_stale_member_epoch() {
        let (mut g, m) = joined();
        assert_eq!(commit(&mut g, &m, 3), ErrorCode::StaleMemberEpoch);
        assert_eq!(commit(&mut g, &m, 1), ErrorCode::StaleMemberEpoch);
        assert!(g.offsets.is_empty(), "nothing stored");
        assert_eq!(commit(&mut g, &m, 2), ErrorCode::None);
        assert_eq!(g.offsets.get(&TopicPartition::new("t", 0)), Some(&5));
        assert_eq!(commit(&mut g, "stranger", 2), ErrorCode::UnknownMemberId);
    }

    /// KIP-1082 member ids as Kafka's `Uuid.toString` writes them: 22 URL-safe base64 digits.
    #[test]
    fn member_ids_are_22_url_safe_base64_digits() {
        let mut rng = SimRng::new(7, 3);
        let id = uuid_string(&mut rng);
        assert_eq!(id.len(), 22);
        assert!(id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{id}");
        assert_ne!(id, uuid_string(&mut rng));
        // The last digit holds 2 bits: one of A, Q, g, w.
        assert!("AQgw".contains(id.chars().last().unwrap()), "{id}");
    }
}
