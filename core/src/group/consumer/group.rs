//! The coordinator's consumer-protocol group (`modern/consumer/ConsumerGroup.java` and the
//! consumer paths of `GroupMetadataManager.java`, reference §3.2–§3.3): members, the group epoch,
//! the target assignment and its epoch, and who holds which partition. Pure: the caller owns the
//! clock, the timers and the wire, and is told which timers to set.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::assignor::server::ServerAssignorName;
use crate::assignor::{MemberSubscription, TopicPartition};
use crate::error::SimError;
use crate::vec_map::VecMap;

use super::error::HeartbeatError;
use super::heartbeat::{HeartbeatRequest, HeartbeatResponse, JOIN_EPOCH, LEAVE_EPOCH, STATIC_LEAVE_EPOCH};
use super::member::ConsumerMember;
use super::member_epoch::check_member_epoch;
use super::partition_epochs::PartitionEpochs;
use super::reconcile::{MemberState, Reconcile, ReconcileError, reconcile};
use super::state::ConsumerGroupState;

/// The broker's `group.consumer.*` settings (`GroupCoordinatorConfig`), with the ranges the
/// broker allows them in (themselves settings).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsumerGroupConfig {
    /// `group.consumer.heartbeat.interval.ms` (5000).
    pub heartbeat_interval_ms: u32,
    /// `group.consumer.min.heartbeat.interval.ms` (5000).
    pub min_heartbeat_interval_ms: u32,
    /// `group.consumer.max.heartbeat.interval.ms` (15000).
    pub max_heartbeat_interval_ms: u32,
    /// `group.consumer.session.timeout.ms` (45000).
    pub session_timeout_ms: u32,
    /// `group.consumer.min.session.timeout.ms` (45000).
    pub min_session_timeout_ms: u32,
    /// `group.consumer.max.session.timeout.ms` (60000).
    pub max_session_timeout_ms: u32,
    /// `group.consumer.assignment.interval.ms`: at most one new target this often (1000).
    pub assignment_interval_ms: u32,
    /// `group.consumer.min.assignment.interval.ms` (0).
    pub min_assignment_interval_ms: u32,
    /// `group.consumer.max.assignment.interval.ms` (15000).
    pub max_assignment_interval_ms: u32,
    /// `group.consumer.assignors`: the first is the default (`uniform`, `range`).
    pub assignors: Vec<ServerAssignorName>,
}

impl Default for ConsumerGroupConfig {
    fn default() -> Self {
        ConsumerGroupConfig {
            heartbeat_interval_ms: 5_000,
            min_heartbeat_interval_ms: 5_000,
            max_heartbeat_interval_ms: 15_000,
            session_timeout_ms: 45_000,
            min_session_timeout_ms: 45_000,
            max_session_timeout_ms: 60_000,
            assignment_interval_ms: 1_000,
            min_assignment_interval_ms: 0,
            max_assignment_interval_ms: 15_000,
            assignors: ServerAssignorName::ALL.to_vec(),
        }
    }
}

impl ConsumerGroupConfig {
    /// `verifyConsumerGroupConfigs`, with Kafka's messages (its `ConfigException`s), and the
    /// assignor list's own check (a list of distinct names, at least one).
    pub fn validate(&self) -> Result<(), SimError> {
        let distinct = self.assignors.iter().enumerate().all(|(i, a)| !self.assignors[..i].contains(a));
        let checks: [(bool, &'static str); 14] = [
            // `ConfigDef.Range.atLeast(1)`'s words, for the one value below it.
            (
                self.min_heartbeat_interval_ms >= 1,
                "Invalid value 0 for configuration group.consumer.min.heartbeat.interval.ms: Value must be at least 1",
            ),
            (
                self.min_session_timeout_ms >= 1,
                "Invalid value 0 for configuration group.consumer.min.session.timeout.ms: Value must be at least 1",
            ),
            (
                self.max_heartbeat_interval_ms >= self.min_heartbeat_interval_ms,
                "group.consumer.max.heartbeat.interval.ms must be greater than or equal to group.consumer.min.heartbeat.interval.ms",
            ),
            (
                self.heartbeat_interval_ms >= self.min_heartbeat_interval_ms,
                "group.consumer.heartbeat.interval.ms must be greater than or equal to group.consumer.min.heartbeat.interval.ms",
            ),
            (
                self.heartbeat_interval_ms <= self.max_heartbeat_interval_ms,
                "group.consumer.heartbeat.interval.ms must be less than or equal to group.consumer.max.heartbeat.interval.ms",
            ),
            (
                self.max_session_timeout_ms >= self.min_session_timeout_ms,
                "group.consumer.max.session.timeout.ms must be greater than or equal to group.consumer.min.session.timeout.ms",
            ),
            (
                self.session_timeout_ms >= self.min_session_timeout_ms,
                "group.consumer.session.timeout.ms must be greater than or equal to group.consumer.min.session.timeout.ms",
            ),
            (
                self.session_timeout_ms <= self.max_session_timeout_ms,
                "group.consumer.session.timeout.ms must be less than or equal to group.consumer.max.session.timeout.ms",
            ),
            (
                self.heartbeat_interval_ms < self.session_timeout_ms,
                "group.consumer.heartbeat.interval.ms must be less than group.consumer.session.timeout.ms",
            ),
            (
                self.max_assignment_interval_ms >= self.min_assignment_interval_ms,
                "group.consumer.max.assignment.interval.ms must be greater than or equal to group.consumer.min.assignment.interval.ms",
            ),
            (
                self.assignment_interval_ms >= self.min_assignment_interval_ms,
                "group.consumer.assignment.interval.ms must be greater than or equal to group.consumer.min.assignment.interval.ms",
            ),
            (
                self.assignment_interval_ms <= self.max_assignment_interval_ms,
                "group.consumer.assignment.interval.ms must be less than or equal to group.consumer.max.assignment.interval.ms",
            ),
            // The playground's words: Kafka's list validator rejects these too.
            (!self.assignors.is_empty(), "group.consumer.assignors must name at least one assignor"),
            (distinct, "group.consumer.assignors must not list an assignor twice"),
        ];
        match checks.iter().find(|(ok, _)| !ok) {
            Some(&(_, why)) => Err(SimError::InvalidSetting(why)),
            None => Ok(()),
        }
    }
}

/// What to do with a member's rebalance timeout after its heartbeat (`maybeReconcile`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RebalanceTimer {
    /// Leave it as it is.
    Keep,
    /// (Re)start it: if the member is still at `epoch` when it fires, fence it.
    Start {
        /// The member's epoch now.
        epoch: i32,
        /// Its rebalance timeout.
        timeout_ms: i64,
    },
    /// Cancel it.
    Cancel,
}

/// An accepted heartbeat: the answer, and the rebalance timer to set. The session timeout
/// restarts with every accepted heartbeat (not with a leave).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    /// The answer.
    pub response: HeartbeatResponse,
    /// The member's rebalance timeout.
    pub rebalance_timer: RebalanceTimer,
}

/// A consumer-protocol group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsumerGroup {
    /// `group.id`.
    pub group_id: String,
    /// Moves ahead whenever what the target depends on changes (reference §3.2).
    pub group_epoch: i32,
    /// The group epoch the target assignment was computed at.
    pub assignment_epoch: i32,
    /// When the target was last computed (none: compute at once).
    assignment_time_ms: Option<u64>,
    members: VecMap<String, ConsumerMember>,
    /// Static members: instance id → member id.
    static_members: VecMap<String, String>,
    /// The target assignment: member id → topic → partitions.
    target: VecMap<String, VecMap<String, Vec<u32>>>,
    partition_epochs: PartitionEpochs,
    /// The partition counts of the subscribed topics that exist, as of the last heartbeat (the
    /// playground's stand-in for Kafka's metadata hash).
    metadata: VecMap<String, u32>,
}

impl ConsumerGroup {
    /// A new group: epoch 1 with an empty target at epoch 1, so the first computed target is
    /// epoch 2 (KAFKA-20268).
    pub fn new(group_id: &str) -> Self {
        ConsumerGroup {
            group_id: group_id.into(),
            group_epoch: 1,
            assignment_epoch: 1,
            assignment_time_ms: None,
            members: VecMap::default(),
            static_members: VecMap::default(),
            target: VecMap::default(),
            partition_epochs: PartitionEpochs::default(),
            metadata: VecMap::default(),
        }
    }

    /// `maybeUpdateGroupState`.
    pub fn state(&self) -> ConsumerGroupState {
        let reconciled = self.members.values().all(|m| m.assignment.is_reconciled_to(self.assignment_epoch));
        ConsumerGroupState::of(self.members.len(), self.group_epoch, self.assignment_epoch, reconciled)
    }

    /// The members, by member id.
    pub fn members(&self) -> impl Iterator<Item = &ConsumerMember> {
        self.members.values()
    }

    /// A member.
    pub fn member(&self, member_id: &str) -> Option<&ConsumerMember> {
        self.members.get(member_id)
    }

    /// What the target assignment gives a member, sorted.
    pub fn target_of(&self, member_id: &str) -> Vec<TopicPartition> {
        let mut out = Vec::new();
        if let Some(topics) = self.target.get(member_id) {
            for (topic, ps) in topics.iter() {
                out.extend(ps.iter().map(|&p| TopicPartition::new(topic, p)));
            }
        }
        out
    }

    /// `currentPartitionEpoch`.
    pub fn partition_epoch(&self, topic: &str, partition: u32) -> i32 {
        self.partition_epochs.current(topic, partition)
    }

    /// A heartbeat other than a leave (`consumerGroupHeartbeat`). `topics` is the cluster's
    /// metadata (topic → partition count); `new_member_id` gives a member id to a first join
    /// that comes without one.
    /// A refused heartbeat changes nothing (Kafka writes no record for it). A heartbeat with
    /// epoch -1 or -2 is a [`ConsumerGroup::leave`], as in Kafka's `consumerGroupHeartbeat`.
    pub fn heartbeat(
        &mut self,
        req: &HeartbeatRequest,
        now_ms: u64,
        topics: &VecMap<String, u32>,
        config: &ConsumerGroupConfig,
        new_member_id: &mut dyn FnMut() -> String,
    ) -> Result<Accepted, HeartbeatError> {
        if req.member_epoch == LEAVE_EPOCH || req.member_epoch == STATIC_LEAVE_EPOCH {
            // A fenced member's timers go with it; a static member away with -2 keeps them.
            let rebalance_timer =
                if req.member_epoch == LEAVE_EPOCH { RebalanceTimer::Cancel } else { RebalanceTimer::Keep };
            return self.leave(req, topics).map(|response| Accepted { response, rebalance_timer });
        }
        let before = self.clone();
        let result = self.try_heartbeat(req, now_ms, topics, config, new_member_id);
        if result.is_err() {
            *self = before;
        }
        result
    }

    fn try_heartbeat(
        &mut self,
        req: &HeartbeatRequest,
        now_ms: u64,
        topics: &VecMap<String, u32>,
        config: &ConsumerGroupConfig,
        new_member_id: &mut dyn FnMut() -> String,
    ) -> Result<Accepted, HeartbeatError> {
        req.validate()?;
        let member_id = if req.member_id.is_empty() { new_member_id() } else { req.member_id.clone() };
        let (old_id, member) = self.look_up(&member_id, req)?;
        // A static member replacing the one that left with -2 takes over its target.
        if old_id != member_id
            && let Some(t) = self.target.remove(old_id.as_str())
        {
            self.target.insert(member_id.clone(), t);
        }
        let mut updated = member.clone();
        if let Some(instance) = &req.instance_id {
            updated.instance_id = Some(instance.clone());
        }
        if let Some(ms) = req.rebalance_timeout_ms {
            updated.rebalance_timeout_ms = i64::from(ms);
        }
        if let Some(assignor) = req.server_assignor {
            updated.server_assignor = Some(assignor);
        }
        if let Some(subscribed) = &req.subscribed {
            let mut sorted = subscribed.clone();
            crate::sort::sort(&mut sorted);
            sorted.dedup();
            updated.subscribed = sorted;
        }
        let subscription_changed = updated.subscribed != member.subscribed;
        let assignor_changed = self.preferred_assignor(None, config)
            != self.preferred_assignor(Some((&old_id, &updated)), config);
        // The partition counts of what the group subscribes to: a new topic or a grown one
        // moves the group epoch too (Kafka's metadata hash).
        let metadata = self.subscribed_metadata(Some((&old_id, &updated)), topics);
        if subscription_changed || assignor_changed || metadata != self.metadata {
            self.group_epoch += 1;
        }
        self.metadata = metadata;
        // The target: computed again when the group epoch moved ahead, at most once per interval.
        if self.assignment_epoch < self.group_epoch && self.may_assign(now_ms, config) {
            self.compute_target(&old_id, &updated, topics, config)?;
            self.assignment_time_ms = Some(now_ms);
        }
        let mut timer = RebalanceTimer::Keep;
        if subscription_changed || !updated.assignment.is_reconciled_to(self.assignment_epoch) {
            let target = self.target.get(member_id.as_str()).cloned().unwrap_or_default();
            let epochs = &self.partition_epochs;
            let next = reconcile(
                &updated.assignment,
                &Reconcile {
                    target_epoch: self.assignment_epoch,
                    target: &target,
                    subscribed: &updated.subscribed,
                    subscription_changed,
                    owned: req.owned.as_deref(),
                    partition_epoch: &|t, p| epochs.current(t, p),
                },
            )
            .map_err(|ReconcileError::UnknownState| HeartbeatError::FencedMemberEpoch {
                message: ReconcileError::UnknownState.to_string(),
            })?;
            if next != updated.assignment {
                timer = if next.state == MemberState::UnrevokedPartitions {
                    RebalanceTimer::Start {
                        epoch: next.member_epoch,
                        timeout_ms: updated.rebalance_timeout_ms,
                    }
                } else {
                    RebalanceTimer::Cancel
                };
                updated.assignment = next;
            }
        }
        let assigned_changed = updated.assignment.assigned != member.assignment.assigned;
        self.replace(&old_id, updated);
        let stored = &self.members[member_id.as_str()];
        let response = HeartbeatResponse {
            member_id: member_id.clone(),
            member_epoch: stored.assignment.member_epoch,
            heartbeat_interval_ms: config.heartbeat_interval_ms,
            assignment: (req.member_epoch == JOIN_EPOCH || req.is_full() || assigned_changed)
                .then(|| stored.assigned()),
        };
        Ok(Accepted { response, rebalance_timer: timer })
    }

    /// The member a heartbeat speaks for, checked (`getOrMaybeSubscribe{Dynamic,Static}ConsumerGroupMember`),
    /// with the id it has in the group now: a copy, or a new member on a first join. A static
    /// member joining under a new member id replaces the one that left with -2 and carries on
    /// from where that one was, at epoch 0.
    fn look_up(
        &self,
        member_id: &str,
        req: &HeartbeatRequest,
    ) -> Result<(String, ConsumerMember), HeartbeatError> {
        let joining = req.member_epoch == JOIN_EPOCH;
        let owned = req.owned.as_deref();
        let same = |m: ConsumerMember| (m.member_id.clone(), m);
        let Some(instance) = &req.instance_id else {
            return match self.members.get(member_id) {
                Some(m) => {
                    check_member_epoch(&m.assignment, req.member_epoch, owned)?;
                    Ok(same(m.clone()))
                }
                None if joining => Ok(same(ConsumerMember::new(member_id))),
                None => Err(self.unknown(member_id)),
            };
        };
        let existing =
            self.static_members.get(instance.as_str()).and_then(|id| self.members.get(id.as_str()));
        match existing {
            None if joining => Ok(same(
                self.members.get(member_id).cloned().unwrap_or_else(|| ConsumerMember::new(member_id)),
            )),
            None => Err(HeartbeatError::UnknownInstanceId { instance_id: instance.clone() }),
            Some(old) if joining => {
                if old.assignment.member_epoch != STATIC_LEAVE_EPOCH {
                    return Err(HeartbeatError::UnreleasedInstanceId {
                        member_id: member_id.into(),
                        instance_id: instance.clone(),
                        holder: old.member_id.clone(),
                    });
                }
                // `Builder(existing, memberId).setMemberEpoch(0).setPreviousMemberEpoch(0)`.
                let mut new = old.clone();
                new.member_id = member_id.into();
                new.assignment.member_epoch = 0;
                new.assignment.previous_member_epoch = 0;
                Ok((old.member_id.clone(), new))
            }
            Some(old) => {
                if old.member_id != member_id {
                    return Err(HeartbeatError::FencedInstanceId {
                        message: format!(
                            "Static member {member_id} with instance id {instance} was fenced by member {}.",
                            old.member_id
                        ),
                    });
                }
                check_member_epoch(&old.assignment, req.member_epoch, owned)?;
                Ok(same(old.clone()))
            }
        }
    }

    fn unknown(&self, member_id: &str) -> HeartbeatError {
        HeartbeatError::UnknownMemberId { member_id: member_id.into(), group_id: self.group_id.clone() }
    }

    /// Puts `member` in the group in place of the member `old_id` (the same id but for a static
    /// replacement), keeping who holds which partition up to date.
    fn replace(&mut self, old_id: &str, member: ConsumerMember) {
        let old = self.members.remove(old_id);
        if let Some(instance) = old.as_ref().and_then(|o| o.instance_id.as_ref()) {
            self.static_members.remove(instance.as_str());
        }
        // Partitions move from one holder's epoch to the other's; a clash is a bug, and the
        // invariants (a partition has one owner) report it.
        let _ = self.partition_epochs.update(old.as_ref().map(|o| &o.assignment), Some(&member.assignment));
        if let Some(instance) = &member.instance_id {
            self.static_members.insert(instance.clone(), member.member_id.clone());
        }
        self.members.insert(member.member_id.clone(), member);
    }

    /// Whether a new target may be computed now (`canComputeNextTargetAssignment`).
    fn may_assign(&self, now_ms: u64, config: &ConsumerGroupConfig) -> bool {
        match self.assignment_time_ms {
            None => true,
            Some(_) if config.assignment_interval_ms == 0 => true,
            Some(at) => now_ms >= at + u64::from(config.assignment_interval_ms),
        }
    }

    /// The server assignor the group's next target comes from.
    pub fn assignor(&self, config: &ConsumerGroupConfig) -> ServerAssignorName {
        self.preferred_assignor(None, config)
    }

    /// `computePreferredServerAssignor`: the assignor most members ask for, else the broker's
    /// first; with `swap` standing in for one member. Kafka counts in a `HashMap` and keeps the
    /// first of equal counts in its order, which for these two names is `uniform`, then `range`
    /// (`ServerAssignorName::ALL`), whatever the broker's list.
    fn preferred_assignor(
        &self,
        swap: Option<(&str, &ConsumerMember)>,
        config: &ConsumerGroupConfig,
    ) -> ServerAssignorName {
        let mut counts: Vec<(ServerAssignorName, u32)> =
            ServerAssignorName::ALL.iter().map(|&a| (a, 0)).collect();
        let asked = self.members_with(swap).filter_map(|m| m.server_assignor);
        for a in asked {
            if let Some(c) = counts.iter_mut().find(|(n, _)| *n == a) {
                c.1 += 1;
            }
        }
        let best = counts.iter().fold(None, |best: Option<(ServerAssignorName, u32)>, &(a, c)| match best {
            Some((_, bc)) if bc >= c => best,
            _ if c > 0 => Some((a, c)),
            _ => best,
        });
        best.map(|(a, _)| a)
            .or_else(|| config.assignors.first().copied())
            .unwrap_or(ServerAssignorName::Uniform)
    }

    /// The members, with `swap`'s member in place of the one with its id (or added).
    fn members_with<'a>(
        &'a self,
        swap: Option<(&'a str, &'a ConsumerMember)>,
    ) -> impl Iterator<Item = &'a ConsumerMember> + 'a {
        let (old_id, new) = match swap {
            Some((id, m)) => (Some(id), Some(m)),
            None => (None, None),
        };
        self.members.values().filter(move |m| Some(m.member_id.as_str()) != old_id).chain(new)
    }

    fn subscribed_metadata(
        &self,
        swap: Option<(&str, &ConsumerMember)>,
        topics: &VecMap<String, u32>,
    ) -> VecMap<String, u32> {
        let mut out = VecMap::default();
        for m in self.members_with(swap) {
            for t in &m.subscribed {
                if let Some(&count) = topics.get(t.as_str()) {
                    out.insert(t.clone(), count);
                }
            }
        }
        out
    }

    /// `updateTargetAssignment`: every member (with `updated` in place of `old_id`) gets its part
    /// of a new target from the preferred server assignor, each keeping its current target as
    /// what it "owns".
    fn compute_target(
        &mut self,
        old_id: &str,
        updated: &ConsumerMember,
        topics: &VecMap<String, u32>,
        config: &ConsumerGroupConfig,
    ) -> Result<(), HeartbeatError> {
        let assignor = self.preferred_assignor(Some((old_id, updated)), config);
        let subscriptions: Vec<MemberSubscription> = self
            .members_with(Some((old_id, updated)))
            .map(|m| MemberSubscription {
                member_id: m.member_id.clone(),
                instance_id: m.instance_id.clone(),
                topics: m.subscribed.clone(),
                owned: self.target_of(&m.member_id),
                generation: None,
            })
            .collect();
        let result =
            assignor.assign(topics, &subscriptions).map_err(|e| HeartbeatError::UnknownServerError {
                message: format!(
                    "Failed to compute a new target assignment for epoch {}: {e}",
                    self.group_epoch
                ),
            })?;
        self.target = result
            .iter()
            .map(|(member, tps)| {
                let mut by_topic: VecMap<String, Vec<u32>> = VecMap::default();
                for tp in tps {
                    by_topic.get_or_insert_with(tp.topic.clone(), Vec::new).push(tp.partition);
                }
                (member.clone(), by_topic)
            })
            .collect();
        self.assignment_epoch = self.group_epoch;
        Ok(())
    }

    /// A leave (`consumerGroupLeave`): epoch -1 removes the member; -2, for a static member,
    /// keeps it and its partitions until it comes back or its session times out.
    pub fn leave(
        &mut self,
        req: &HeartbeatRequest,
        topics: &VecMap<String, u32>,
    ) -> Result<HeartbeatResponse, HeartbeatError> {
        req.validate()?;
        let answer = |epoch| HeartbeatResponse {
            member_id: req.member_id.clone(),
            member_epoch: epoch,
            heartbeat_interval_ms: 0,
            assignment: None,
        };
        let Some(instance) = &req.instance_id else {
            if !self.members.contains_key(req.member_id.as_str()) {
                return Err(self.unknown(&req.member_id));
            }
            self.fence(&req.member_id, topics);
            return Ok(answer(req.member_epoch));
        };
        let Some(holder) = self.static_members.get(instance.as_str()).cloned() else {
            return Err(HeartbeatError::UnknownInstanceId { instance_id: instance.clone() });
        };
        if holder != req.member_id {
            return Err(HeartbeatError::FencedInstanceId {
                message: format!(
                    "Static member {} with instance id {instance} was fenced by member {holder}.",
                    req.member_id
                ),
            });
        }
        if req.member_epoch != STATIC_LEAVE_EPOCH {
            self.fence(&holder, topics);
            return Ok(answer(req.member_epoch));
        }
        // `consumerGroupStaticMemberGroupLeave`: epoch -2, nothing pending, assignment epochs 0.
        let mut leaving = self.members[holder.as_str()].clone();
        leaving.assignment.member_epoch = STATIC_LEAVE_EPOCH;
        leaving.assignment.pending_revocation = Default::default();
        for (_, ps) in leaving.assignment.assigned.iter_mut() {
            for (_, epoch) in ps.iter_mut() {
                *epoch = 0;
            }
        }
        self.replace(&holder, leaving);
        Ok(answer(STATIC_LEAVE_EPOCH))
    }

    /// Removes a member (`consumerGroupFenceMember`: a leave with -1, its session or rebalance
    /// timeout): its partitions are free at once and the group epoch moves on; the target is
    /// computed again at the next heartbeat. False if it was not a member.
    pub fn fence(&mut self, member_id: &str, topics: &VecMap<String, u32>) -> bool {
        let Some(old) = self.members.remove(member_id) else { return false };
        if let Some(instance) = &old.instance_id {
            self.static_members.remove(instance.as_str());
        }
        let _ = self.partition_epochs.update(Some(&old.assignment), None);
        self.target.remove(member_id);
        self.group_epoch += 1;
        self.metadata = self.subscribed_metadata(None, topics);
        if self.members.is_empty() {
            // KAFKA-20442: an empty group's target is at the new epoch, and due at once.
            self.assignment_epoch = self.group_epoch;
            self.assignment_time_ms = None;
        }
        true
    }

    /// The rebalance timeout fired for a member that was at `epoch`: fenced if still there.
    pub fn rebalance_timeout(&mut self, member_id: &str, epoch: i32, topics: &VecMap<String, u32>) -> bool {
        let still = self.members.get(member_id).is_some_and(|m| m.assignment.member_epoch == epoch);
        still && self.fence(member_id, topics)
    }
}
