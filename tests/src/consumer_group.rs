//! The coordinator's KIP-848 consumer group (reference §3.2–§3.3; Kafka's `GroupMetadataManager`
//! consumer paths and `modern/consumer/ConsumerGroup.java` as of 2026 trunk, which start a group
//! at epoch 1 — KAFKA-20268 — and compute a target at most once per
//! `group.consumer.assignment.interval.ms`). Heartbeats are given directly, with their times;
//! after every step the group is checked: a partition is held by at most one member.

use groupsim::assignor::TopicPartition;
use groupsim::assignor::server::ServerAssignorName;
use groupsim::group::consumer::{
    ConsumerGroup, ConsumerGroupConfig, ConsumerGroupState, HeartbeatError, HeartbeatRequest,
    HeartbeatResponse, LEAVE_EPOCH, MemberState, RebalanceTimer, STATIC_LEAVE_EPOCH,
};
use groupsim::vec_map::VecMap;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::topics;

/// A group under test: the cluster's topics, the broker settings, and member ids handed out in
/// order (`m1`, `m2`, …), as a client would generate them.
struct World {
    group: ConsumerGroup,
    topics: VecMap<String, u32>,
    config: ConsumerGroupConfig,
    next_id: u32,
}

impl World {
    fn new(counts: &[(&str, u32)]) -> Self {
        World {
            group: ConsumerGroup::new("g"),
            topics: topics(counts),
            config: ConsumerGroupConfig::default(),
            next_id: 0,
        }
    }

    fn send(
        &mut self,
        req: HeartbeatRequest,
        now_ms: u64,
    ) -> Result<(HeartbeatResponse, RebalanceTimer), HeartbeatError> {
        let next_id = &mut self.next_id;
        let mut fresh = || {
            *next_id += 1;
            format!("m{next_id}")
        };
        let result = self.group.heartbeat(&req, now_ms, &self.topics, &self.config, &mut fresh);
        self.assert_one_holder();
        result.map(|a| (a.response, a.rebalance_timer))
    }

    fn ok(&mut self, req: HeartbeatRequest, now_ms: u64) -> HeartbeatResponse {
        self.send(req, now_ms).unwrap_or_else(|e| panic!("refused: {e}")).0
    }

    fn join(&mut self, subscribed: &[&str], now_ms: u64) -> HeartbeatResponse {
        self.ok(HeartbeatRequest::join(subscribed, 300_000), now_ms)
    }

    /// Every partition some member is assigned or revoking is held by exactly that member, at
    /// its epoch: no partition has two holders (partition epochs, reference §3.4).
    fn assert_one_holder(&self) {
        let mut seen: Vec<TopicPartition> = Vec::new();
        for m in self.group.members() {
            for tp in m.assigned().into_iter().chain(m.revoking()) {
                assert!(!seen.contains(&tp), "{tp} has two holders");
                assert_eq!(
                    self.group.partition_epoch(&tp.topic, tp.partition),
                    m.assignment.member_epoch,
                    "{tp}"
                );
                seen.push(tp);
            }
        }
    }

    fn state_of(&self, member: &str) -> (MemberState, i32, Vec<String>) {
        let m = self.group.member(member).unwrap_or_else(|| panic!("{member} is not a member"));
        (
            m.assignment.state,
            m.assignment.member_epoch,
            m.assigned().iter().map(ToString::to_string).collect(),
        )
    }
}

fn tps(topic: &str, ps: &[u32]) -> Vec<TopicPartition> {
    ps.iter().map(|&p| TopicPartition::new(topic, p)).collect()
}

fn names(list: &[TopicPartition]) -> Vec<String> {
    list.iter().map(ToString::to_string).collect()
}

native_and_wasm_test! {
    /// The reference's worked example (§3.4), with 2026's epochs: A alone gets all four at epoch
    /// 2; B joins (epoch 3), waits while A revokes 2 and 3, then gets them. A never stops
    /// consuming 0 and 1.
    fn a_member_joins_a_stable_group_and_the_owner_revokes_before_it_gets_them() {
        let mut w = World::new(&[("t", 4)]);
        let a = w.join(&["t"], 0);
        assert_eq!((a.member_id.as_str(), a.member_epoch), ("m1", 2));
        assert_eq!(names(a.assignment.as_ref().expect("a join is answered with the assignment")), ["t-0", "t-1", "t-2", "t-3"]);
        assert_eq!(w.group.state(), ConsumerGroupState::Stable);

        let b = w.join(&["t"], 5_000);
        assert_eq!((w.group.group_epoch, w.group.assignment_epoch), (3, 3));
        assert_eq!(names(&w.group.target_of("m1")), ["t-0", "t-1"]);
        assert_eq!(names(&w.group.target_of("m2")), ["t-2", "t-3"]);
        assert_eq!((b.member_epoch, b.assignment), (3, Some(vec![])), "B waits: A still holds 2 and 3");
        assert_eq!(w.state_of("m2").0, MemberState::UnreleasedPartitions);
        assert_eq!(w.group.state(), ConsumerGroupState::Reconciling);

        let (a, timer) = w.send(HeartbeatRequest::beat("m1", 2, Some(tps("t", &[0, 1, 2, 3]))), 5_500).expect("ok");
        assert_eq!((a.member_epoch, names(a.assignment.as_ref().expect("it changed"))), (2, vec!["t-0".into(), "t-1".into()]));
        assert_eq!(timer, RebalanceTimer::Start { epoch: 2, timeout_ms: 300_000 });
        assert_eq!(w.state_of("m1").0, MemberState::UnrevokedPartitions);

        let (a, timer) = w.send(HeartbeatRequest::beat("m1", 2, Some(tps("t", &[0, 1]))), 6_000).expect("ok");
        assert_eq!((a.member_epoch, a.assignment), (3, None), "revoked: on to epoch 3, nothing new to tell");
        assert_eq!(timer, RebalanceTimer::Cancel);
        assert_eq!(w.group.partition_epoch("t", 2), -1, "t-2 is free");

        let b = w.ok(HeartbeatRequest::beat("m2", 3, Some(vec![])), 10_000);
        assert_eq!(names(b.assignment.as_ref().expect("it changed")), ["t-2", "t-3"]);
        assert_eq!(w.state_of("m2"), (MemberState::Stable, 3, vec!["t-2".into(), "t-3".into()]));
        assert_eq!(w.group.state(), ConsumerGroupState::Stable);
    }
}

native_and_wasm_test! {
    /// `group.consumer.assignment.interval.ms` (1 s): a second join within the second after the
    /// last target waits (the group is ASSIGNING) until a heartbeat after it.
    fn a_new_target_waits_for_the_assignment_interval() {
        let mut w = World::new(&[("t", 4)]);
        w.join(&["t"], 0);
        let b = w.join(&["t"], 400);
        assert_eq!((w.group.group_epoch, w.group.assignment_epoch), (3, 2));
        assert_eq!(w.group.state(), ConsumerGroupState::Assigning);
        assert_eq!(b.member_epoch, 2, "B reconciles to the target there is: nothing");
        w.ok(HeartbeatRequest::beat("m1", 2, Some(tps("t", &[0, 1, 2, 3]))), 999);
        assert_eq!(w.group.assignment_epoch, 2);
        w.ok(HeartbeatRequest::beat("m1", 2, Some(tps("t", &[0, 1, 2, 3]))), 1_000);
        assert_eq!(w.group.assignment_epoch, 3);
    }
}

native_and_wasm_test! {
    /// `throwIfConsumerGroupMemberEpochIsInvalid`: a greater epoch is fenced; the previous epoch
    /// is accepted when the heartbeat owns only what the member is assigned (its answer was
    /// lost), fenced otherwise; an unknown member id is UNKNOWN_MEMBER_ID.
    fn member_epochs_are_checked_with_the_lost_response_rule() {
        let mut w = World::new(&[("t", 4)]);
        w.join(&["t"], 0);
        w.join(&["t"], 5_000);
        // A moves 2 → 2 (revoking) → 3: its previous epoch is 2.
        w.ok(HeartbeatRequest::beat("m1", 2, Some(tps("t", &[0, 1, 2, 3]))), 5_100);
        w.ok(HeartbeatRequest::beat("m1", 2, Some(tps("t", &[0, 1]))), 5_200);
        assert_eq!(w.state_of("m1").1, 3);

        let err = w.send(HeartbeatRequest::beat("m1", 4, None), 5_300).expect_err("greater");
        assert_eq!(err.name(), "FENCED_MEMBER_EPOCH");
        assert_eq!(err.to_string(), "The consumer group member has a greater member epoch (4) than the one known by the group coordinator (3). The member must abandon all its partitions and rejoin.");

        w.ok(HeartbeatRequest::beat("m1", 2, Some(tps("t", &[0, 1]))), 5_400);
        let err = w.send(HeartbeatRequest::beat("m1", 2, Some(tps("t", &[0, 1, 2]))), 5_500).expect_err("not a subset");
        assert!(err.to_string().starts_with("The consumer group member has a smaller member epoch (2)"), "{err}");
        let err = w.send(HeartbeatRequest::beat("m1", 2, None), 5_600).expect_err("no owned list");
        assert_eq!(err.code(), 110);

        let err = w.send(HeartbeatRequest::beat("nobody", 3, None), 5_700).expect_err("unknown");
        assert_eq!(err.to_string(), "Member nobody is not a member of group g.");
        assert_eq!(err.code(), 25);
    }
}

native_and_wasm_test! {
    /// A refused heartbeat changes nothing (Kafka writes no record).
    fn a_refused_heartbeat_leaves_the_group_as_it_was() {
        let mut w = World::new(&[("t", 4)]);
        w.join(&["t"], 0);
        let before = w.group.clone();
        let mut bad = HeartbeatRequest::beat("m1", 9, None);
        bad.subscribed = Some(vec!["t".into(), "u".into()]);
        assert!(w.send(bad, 100).is_err());
        assert_eq!(w.group, before);
    }
}

native_and_wasm_test! {
    /// The first heartbeat must say everything (`throwIfConsumerGroupHeartbeatRequestIsInvalid`).
    fn a_first_heartbeat_without_its_fields_is_an_invalid_request() {
        let mut w = World::new(&[("t", 4)]);
        let mut req = HeartbeatRequest::join(&["t"], 300_000);
        req.rebalance_timeout_ms = None;
        assert_eq!(w.send(req, 0).expect_err("invalid").to_string(), "RebalanceTimeoutMs must be provided in first request.");
        let mut req = HeartbeatRequest::join(&["t"], 300_000);
        req.owned = Some(tps("t", &[0]));
        assert_eq!(w.send(req, 0).expect_err("invalid").to_string(), "TopicPartitions must be empty when (re-)joining.");
        let mut req = HeartbeatRequest::join(&["t"], 300_000);
        req.subscribed = None;
        let err = w.send(req, 0).expect_err("invalid");
        assert_eq!((err.code(), err.name()), (42, "INVALID_REQUEST"));
        assert_eq!(w.group.state(), ConsumerGroupState::Empty);
    }
}

native_and_wasm_test! {
    /// Leaving with -1 (`consumerGroupFenceMember`): gone at once, the group epoch moves on and
    /// the next heartbeat computes the target; the last member leaving empties the group with
    /// its target epoch caught up (KAFKA-20442).
    fn a_member_that_leaves_frees_its_partitions_at_once() {
        let mut w = World::new(&[("t", 4)]);
        w.join(&["t"], 0);
        w.join(&["t"], 5_000);
        w.ok(HeartbeatRequest::beat("m1", 2, Some(vec![])), 5_100);
        w.ok(HeartbeatRequest::beat("m2", 3, Some(vec![])), 5_200);
        assert_eq!(w.group.state(), ConsumerGroupState::Stable);
        let left = w.group.leave(&HeartbeatRequest::beat("m2", LEAVE_EPOCH, None), &w.topics).expect("ok");
        assert_eq!((left.member_id.as_str(), left.member_epoch, left.heartbeat_interval_ms), ("m2", -1, 0));
        assert_eq!((w.group.group_epoch, w.group.assignment_epoch), (4, 3));
        assert_eq!(w.group.state(), ConsumerGroupState::Assigning);
        assert_eq!(w.group.partition_epoch("t", 2), -1);
        let a = w.ok(HeartbeatRequest::beat("m1", 3, Some(tps("t", &[0, 1]))), 10_000);
        assert_eq!((a.member_epoch, names(a.assignment.as_ref().expect("it grew"))), (4, vec!["t-0".into(), "t-1".into(), "t-2".into(), "t-3".into()]));
        assert!(w.group.fence("m1", &w.topics), "its session timed out");
        assert_eq!((w.group.state(), w.group.group_epoch, w.group.assignment_epoch), (ConsumerGroupState::Empty, 5, 5));
    }
}

native_and_wasm_test! {
    /// A static member that leaves with -2 keeps its partitions (nobody else may take them) and
    /// comes back under a new member id at the same epoch, without a new group epoch; while it
    /// is still in, its instance id is not released.
    fn a_static_member_comes_back_without_a_rebalance() {
        let mut w = World::new(&[("t", 4)]);
        let mut join = HeartbeatRequest::join(&["t"], 300_000);
        join.instance_id = Some("i1".into());
        let a = w.ok(join.clone(), 0);
        let mut b = HeartbeatRequest::join(&["t"], 300_000);
        b.instance_id = Some("i2".into());
        w.ok(b, 5_000);
        let mut beat = HeartbeatRequest::beat("m1", 2, Some(vec![]));
        beat.instance_id = Some("i1".into());
        w.ok(beat, 5_100);
        let mut again = join.clone();
        again.member_id = "m9".into();
        let err = w.send(again.clone(), 5_200).expect_err("i1 still in");
        assert_eq!(err.to_string(), "Static member m9 with instance id i1 cannot join the group because the instance id is owned by m1 member.");
        assert_eq!(err.name(), "UNRELEASED_INSTANCE_ID");

        let epoch = w.group.group_epoch;
        let mut leave = HeartbeatRequest::beat(&a.member_id, STATIC_LEAVE_EPOCH, None);
        leave.instance_id = Some("i1".into());
        assert_eq!(w.group.leave(&leave, &w.topics).expect("ok").member_epoch, STATIC_LEAVE_EPOCH);
        assert_eq!(w.group.group_epoch, epoch, "a static leave moves no epoch");
        assert_eq!(w.group.partition_epoch("t", 0), STATIC_LEAVE_EPOCH, "still held: nobody else may take t-0");
        assert_eq!(w.group.state(), ConsumerGroupState::Reconciling);

        let back = w.ok(again, 20_000);
        assert_eq!((back.member_id.as_str(), back.member_epoch), ("m9", 3));
        assert_eq!(names(back.assignment.as_ref().expect("a join is answered with it")), ["t-0", "t-1"]);
        assert_eq!(w.group.group_epoch, epoch);
        assert!(w.group.member("m1").is_none());
        let mut stale = HeartbeatRequest::beat("m1", 3, None);
        stale.instance_id = Some("i1".into());
        assert_eq!(w.send(stale, 20_100).expect_err("fenced").to_string(), "Static member m1 with instance id i1 was fenced by member m9.");
    }
}

native_and_wasm_test! {
    /// The rebalance timeout fences a member still revoking at the epoch it was started for, and
    /// is ignored once the member moved on.
    fn the_rebalance_timeout_fences_only_a_member_still_at_its_epoch() {
        let mut w = World::new(&[("t", 4)]);
        w.join(&["t"], 0);
        w.join(&["t"], 5_000);
        let (_, timer) = w.send(HeartbeatRequest::beat("m1", 2, None), 5_100).expect("ok");
        assert_eq!(timer, RebalanceTimer::Start { epoch: 2, timeout_ms: 300_000 });
        let mut moved_on = w.group.clone();
        assert!(w.group.rebalance_timeout("m1", 2, &w.topics), "still revoking at epoch 2");
        assert!(w.group.member("m1").is_none());
        let topics = w.topics.clone();
        moved_on
            .heartbeat(&HeartbeatRequest::beat("m1", 2, Some(vec![])), 6_000, &topics, &w.config, &mut || unreachable!())
            .expect("ok");
        assert!(!moved_on.rebalance_timeout("m1", 2, &topics), "at epoch 3 now");
    }
}

native_and_wasm_test! {
    /// `computePreferredServerAssignor`: the assignor most members ask for computes the target;
    /// a change of it moves the group epoch.
    fn the_assignor_most_members_ask_for_is_used() {
        let mut w = World::new(&[("t", 4), ("u", 4)]);
        let mut join = HeartbeatRequest::join(&["t", "u"], 300_000);
        join.server_assignor = Some(ServerAssignorName::Range);
        w.ok(join.clone(), 0);
        w.ok(join, 5_000);
        // Range on two co-partitioned topics: each member gets the same partitions of both.
        assert_eq!(names(&w.group.target_of("m1")), ["t-0", "t-1", "u-0", "u-1"]);
        assert_eq!(names(&w.group.target_of("m2")), ["t-2", "t-3", "u-2", "u-3"]);
        let epoch = w.group.group_epoch;
        let mut uniform = HeartbeatRequest::beat("m1", w.state_of("m1").1, None);
        uniform.server_assignor = Some(ServerAssignorName::Uniform);
        w.ok(uniform, 10_000);
        // One each: Kafka keeps the first of a tie in its HashMap's order, which is uniform's.
        assert_eq!((w.group.group_epoch, w.group.assignment_epoch), (epoch + 1, epoch + 1));
    }
}

native_and_wasm_test! {
    /// Random joins, leaves, session timeouts and topic growth, the members heartbeating what
    /// they were last told they own; after every step no partition has two holders, and once
    /// the changes stop every member reaches its target and the group is STABLE (nothing
    /// wedges).
    fn random_groups_keep_one_holder_and_settle() {
        let cases = if cfg!(target_arch = "wasm32") { 4 } else { 24 };
        for seed in 0..cases {
            let mut rng = groupsim::SimRng::new(seed, 848);
            let mut w = World::new(&[("t", 1 + rng.below(8)), ("u", 1 + rng.below(8))]);
            // What each member last heard it owns.
            let mut owns: VecMap<String, Vec<TopicPartition>> = VecMap::default();
            let mut now = 0;
            let subscriptions: [&[&str]; 3] = [&["t"], &["u"], &["t", "u"]];
            for _ in 0..60 {
                now += 100 + u64::from(rng.below(2_000));
                let ids: Vec<String> = owns.keys().cloned().collect();
                match rng.below(10) {
                    0 | 1 if ids.len() < 6 => {
                        let r = w.join(subscriptions[rng.below(3) as usize], now);
                        owns.insert(r.member_id.clone(), r.assignment.unwrap_or_default());
                    }
                    2 if !ids.is_empty() => {
                        let id = &ids[rng.below(ids.len() as u32) as usize];
                        let req = HeartbeatRequest::beat(id, LEAVE_EPOCH, None);
                        w.group.leave(&req, &w.topics).expect("a member may leave");
                        owns.remove(id.as_str());
                    }
                    3 if !ids.is_empty() => {
                        let id = &ids[rng.below(ids.len() as u32) as usize];
                        assert!(w.group.fence(id, &w.topics));
                        owns.remove(id.as_str());
                    }
                    4 => {
                        let topic = if rng.below(2) == 0 { "t" } else { "u" };
                        if let Some(n) = w.topics.get_mut(topic) {
                            *n += 1;
                        }
                    }
                    _ if !ids.is_empty() => {
                        let id = ids[rng.below(ids.len() as u32) as usize].clone();
                        beat(&mut w, &mut owns, &id, now);
                    }
                    _ => {}
                }
                w.assert_one_holder();
            }
            // The changes stop: every member heartbeats, a second apart, until all are there.
            for _ in 0..12 {
                for id in owns.keys().cloned().collect::<Vec<_>>() {
                    now += 1_000;
                    beat(&mut w, &mut owns, &id, now);
                }
            }
            let settled = owns.is_empty() || w.group.state() == ConsumerGroupState::Stable;
            assert!(settled, "seed {seed}: still {:?}", w.group.state());
            for m in w.group.members() {
                assert_eq!(m.assigned(), w.group.target_of(&m.member_id), "seed {seed}: {} has its target", m.member_id);
            }
            // And the target covers every partition the members subscribe to, each once.
            for (topic, &count) in w.topics.iter() {
                if !w.group.members().any(|m| m.subscribed.contains(topic)) {
                    continue;
                }
                for p in 0..count {
                    let holders = w.group.members().filter(|m| m.assigned().contains(&TopicPartition::new(topic, p))).count();
                    assert_eq!(holders, 1, "seed {seed}: {topic}-{p} has {holders} owners once settled");
                }
            }
        }
    }
}

/// One heartbeat of a well-behaved member: its epoch, what it was last told it owns; the answer
/// replaces that when it carries an assignment.
fn beat(w: &mut World, owns: &mut VecMap<String, Vec<TopicPartition>>, id: &str, now: u64) {
    let epoch = w.group.member(id).expect("a member").assignment.member_epoch;
    let owned = owns.get(id).cloned().unwrap_or_default();
    let r = w.ok(HeartbeatRequest::beat(id, epoch, Some(owned)), now);
    if let Some(assignment) = r.assignment {
        owns.insert(id.to_string(), assignment);
    }
}

native_and_wasm_test! {
    /// `validateOffsetCommit` / `validateOffsetFetch`: a commit at the member's epoch is taken;
    /// from an older epoch only for partitions it already had then (their assignment epochs,
    /// KIP-1251); a newer epoch, or a partition it does not have, is STALE_MEMBER_EPOCH.
    fn commits_carry_the_member_epoch() {
        let mut w = World::new(&[("t", 4)]);
        w.join(&["t"], 0);
        w.join(&["t"], 5_000);
        w.ok(HeartbeatRequest::beat("m1", 2, Some(vec![])), 5_100);
        w.ok(HeartbeatRequest::beat("m2", 3, Some(vec![])), 5_200);
        let g = &w.group;
        assert_eq!(g.validate_offset_commit("m1", 3, &tps("t", &[0, 1])), Ok(()));
        assert_eq!(g.validate_offset_commit("m1", 2, &tps("t", &[0])), Ok(()), "t-0 was assigned at epoch 2");
        let err = g.validate_offset_commit("m2", 2, &tps("t", &[2])).expect_err("stale");
        assert_eq!((err.code(), err.to_string()), (113, "Received member epoch 2 is older than assignment epoch 3 for partition t-2.".into()));
        let err = g.validate_offset_commit("m1", 2, &tps("t", &[0, 2])).expect_err("stale");
        assert_eq!(err.to_string(), "Partition t-2 is not assigned or pending revocation for member.");
        let err = g.validate_offset_commit("m1", 4, &tps("t", &[0])).expect_err("stale");
        assert_eq!(err.to_string(), "Received member epoch 4 is newer than current member epoch 3.");
        let err = g.validate_offset_commit("zombie", 3, &tps("t", &[0])).expect_err("unknown");
        assert_eq!((err.code(), err.to_string()), (25, "Member zombie is not a member of group g.".into()));
        assert_eq!(g.validate_offset_fetch(Some(("m1", 3))), Ok(()));
        let err = g.validate_offset_fetch(Some(("m1", 2))).expect_err("exact epochs only");
        assert_eq!(err.to_string(), "The received member epoch 2 does not match the expected member epoch 3.");
        assert_eq!(g.validate_offset_fetch(None), Ok(()));
        assert_eq!(ConsumerGroup::new("empty").validate_offset_commit("", -1, &tps("t", &[0])), Ok(()), "an admin's commit");
    }
}

native_and_wasm_test! {
    /// `GroupCoordinatorConfig.verifyConsumerGroupConfigs`: the broker's settings within their
    /// ranges, with Kafka's messages.
    fn the_brokers_consumer_group_settings_are_checked_with_kafkas_messages() {
        let ok = ConsumerGroupConfig::default();
        assert_eq!(ok.validate(), Ok(()));
        let refused = |c: ConsumerGroupConfig| c.validate().expect_err("refused").to_string();
        assert_eq!(
            refused(ConsumerGroupConfig { heartbeat_interval_ms: 4_000, ..ok.clone() }),
            "group.consumer.heartbeat.interval.ms must be greater than or equal to group.consumer.min.heartbeat.interval.ms"
        );
        assert_eq!(
            refused(ConsumerGroupConfig { session_timeout_ms: 61_000, ..ok.clone() }),
            "group.consumer.session.timeout.ms must be less than or equal to group.consumer.max.session.timeout.ms"
        );
        let close = ConsumerGroupConfig { heartbeat_interval_ms: 45_000, max_heartbeat_interval_ms: 50_000, ..ok.clone() };
        assert_eq!(refused(close), "group.consumer.heartbeat.interval.ms must be less than group.consumer.session.timeout.ms");
        assert_eq!(
            refused(ConsumerGroupConfig { assignment_interval_ms: 20_000, ..ok.clone() }),
            "group.consumer.assignment.interval.ms must be less than or equal to group.consumer.max.assignment.interval.ms"
        );
        let twice = vec![ServerAssignorName::Range, ServerAssignorName::Range];
        assert_eq!(refused(ConsumerGroupConfig { assignors: twice, ..ok.clone() }), "group.consumer.assignors must not list an assignor twice");
        assert_eq!(ConsumerGroupConfig { min_assignment_interval_ms: 0, assignment_interval_ms: 0, ..ok }.validate(), Ok(()));
    }
}
