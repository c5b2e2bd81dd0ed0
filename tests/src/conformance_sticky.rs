//! `StickyAssignor` and `CooperativeStickyAssignor` against Kafka's vectors (reference §4.3, §5
//! "Sticky / CooperativeSticky"). Java: `clients/src/test/java/org/apache/kafka/clients/consumer/
//! internals/AbstractStickyAssignorTest.java` (both assignors), `.../consumer/StickyAssignorTest.java`,
//! `.../consumer/CooperativeStickyAssignorTest.java`; kafka-python `test/consumer/test_assignors.py`.
//!
//! As in Java, the cooperative assertions look at the result after the follow-up rounds, and
//! round 1 where the vector is about round 1.

use groupsim::assignor::{AssignorName, MemberSubscription, TopicPartition, assign, sticky};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

use crate::sticky_oracle::{
    assert_valid_and_balanced, cooperative_rounds, is_fully_balanced, set, with_owned,
};
use crate::support::{assigned, mixed_topic_members, topics};

/// `buildSubscriptionV2Above`: a member owning `owned` (`topic-partition` strings) at `generation`.
fn owning(
    id: &str,
    subscribed: &[&str],
    owned: &[(&str, u32)],
    generation: Option<i32>,
) -> MemberSubscription {
    MemberSubscription {
        owned: owned.iter().map(|(t, p)| TopicPartition::new(t, *p)).collect(),
        generation,
        ..MemberSubscription::new(id, subscribed.iter().copied())
    }
}

fn transferring(outcome: &groupsim::assignor::StickyOutcome) -> Vec<String> {
    let map = outcome.transferring.as_ref().expect("the constrained builder reports transfers");
    map.iter().map(|(tp, to)| format!("{tp}->{to}")).collect()
}

/// S1 `testTwoConsumersTwoTopicsSixPartitions`: a fresh group deals partitions round-robin.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn fresh_two_consumers_two_topics() {
    let t = topics(&[("topic1", 3), ("topic2", 3)]);
    let members = [
        MemberSubscription::new("consumer1", ["topic1", "topic2"]),
        MemberSubscription::new("consumer2", ["topic1", "topic2"]),
    ];
    let outcome = sticky(&t, &members);
    assert_eq!(assigned(&outcome.assignment, "consumer1"), ["topic1-0", "topic1-2", "topic2-1"]);
    assert_eq!(assigned(&outcome.assignment, "consumer2"), ["topic1-1", "topic2-0", "topic2-2"]);
    assert!(transferring(&outcome).is_empty());
    let rounds = cooperative_rounds(&t, &members);
    assert_eq!(rounds, [outcome.assignment], "cooperative: one round, the same result");
}

/// S2 `testMultipleConsumersMixedTopicSubscriptions`: unequal subscriptions take the general
/// builder, which reports no transfers (`null` in Java).
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn mixed_subscriptions_use_the_general_builder() {
    let t = topics(&[("topic1", 3), ("topic2", 2)]);
    let members = mixed_topic_members();
    let outcome = sticky(&t, &members);
    assert_eq!(assigned(&outcome.assignment, "consumer1"), ["topic1-0", "topic1-2"]);
    assert_eq!(assigned(&outcome.assignment, "consumer2"), ["topic2-0", "topic2-1"]);
    assert_eq!(assigned(&outcome.assignment, "consumer3"), ["topic1-1"]);
    assert_eq!(outcome.transferring, None);
    let rounds = cooperative_rounds(&t, &members);
    assert_eq!(rounds.last(), Some(&outcome.assignment));
}

/// S3 `testConsumerOwningMinQuotaExpectedMaxQuota`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_member_at_min_quota_takes_the_extra_partition() {
    let t = topics(&[("topic1", 2), ("topic2", 3)]);
    let both = ["topic1", "topic2"];
    let members = [
        owning("consumer1", &both, &[("topic1", 0), ("topic2", 1)], Some(1)),
        owning("consumer2", &both, &[("topic1", 1), ("topic2", 2)], Some(1)),
    ];
    for name in [AssignorName::Sticky, AssignorName::CooperativeSticky] {
        let result = assign(name, &t, &members);
        assert_eq!(assigned(&result, "consumer1"), ["topic1-0", "topic2-1", "topic2-0"], "{name}");
        assert_eq!(assigned(&result, "consumer2"), ["topic1-1", "topic2-2"], "{name}");
    }
    assert!(transferring(&sticky(&t, &members)).is_empty());
}

/// S4 `testMaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers`. Java's answer depends on its
/// HashMap visiting consumer2 before consumer1, so consumer2 keeps two partitions. We visit
/// members in id order, so consumer1 keeps two instead (docs/decisions.md). What the test is
/// about still holds: valid, fully balanced, exactly one partition moves, to consumer3, and
/// nobody else loses anything it needn't.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn more_members_at_max_quota_than_allowed_give_up_one() {
    let t = topics(&[("topic1", 2), ("topic2", 2)]);
    let both = ["topic1", "topic2"];
    let members = [
        owning("consumer1", &both, &[("topic1", 0), ("topic2", 0)], Some(1)),
        owning("consumer2", &both, &[("topic1", 1), ("topic2", 1)], Some(1)),
        owning("consumer3", &both, &[], Some(1)),
    ];
    let outcome = sticky(&t, &members);
    assert_valid_and_balanced(&members, &outcome.assignment);
    assert!(is_fully_balanced(&outcome.assignment));
    let moves = transferring(&outcome);
    assert_eq!(moves.len(), 1, "{moves:?}");
    assert!(moves[0].ends_with("->consumer3"));
    assert_eq!(outcome.assignment["consumer3"].len(), 1);
    // Ours, written down: consumer1 is visited first and keeps both.
    assert_eq!(moves, ["topic2-1->consumer3"]);
    let rounds = cooperative_rounds(&t, &members);
    assert_eq!(rounds.len(), 2);
    assert!(rounds[0]["consumer3"].is_empty(), "round 1 defers the move");
    assert_eq!(rounds[1], outcome.assignment);
}

/// S5 `testAllConsumersAreUnderMinQuota`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn all_members_under_min_quota() {
    let t = topics(&[("topic1", 2), ("topic2", 3)]);
    let both = ["topic1", "topic2"];
    let members = [
        owning("consumer1", &both, &[("topic1", 0)], Some(1)),
        owning("consumer2", &both, &[("topic1", 1)], Some(1)),
        owning("consumer3", &both, &[], Some(1)),
    ];
    for name in [AssignorName::Sticky, AssignorName::CooperativeSticky] {
        let result = assign(name, &t, &members);
        assert_eq!(assigned(&result, "consumer1"), ["topic1-0", "topic2-1"], "{name}");
        assert_eq!(assigned(&result, "consumer2"), ["topic1-1", "topic2-2"], "{name}");
        assert_eq!(assigned(&result, "consumer3"), ["topic2-0"], "{name}");
    }
}

/// S6 `testAddRemoveConsumerOneTopic`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn add_then_remove_a_consumer() {
    let t = topics(&[("topic", 3)]);
    let alone = [MemberSubscription::new("consumer1", ["topic"])];
    let first = sticky(&t, &alone).assignment;
    assert_eq!(assigned(&first, "consumer1"), ["topic-0", "topic-1", "topic-2"]);

    let members = [
        owning("consumer1", &["topic"], &[("topic", 0), ("topic", 1), ("topic", 2)], Some(1)),
        owning("consumer2", &["topic"], &[], Some(1)),
    ];
    let outcome = sticky(&t, &members);
    assert_eq!(transferring(&outcome), ["topic-2->consumer2"]);
    assert_eq!(assigned(&outcome.assignment, "consumer1"), ["topic-0", "topic-1"]);
    assert_eq!(assigned(&outcome.assignment, "consumer2"), ["topic-2"]);
    let rounds = cooperative_rounds(&t, &members);
    assert_eq!(assigned(&rounds[0], "consumer2"), Vec::<String>::new(), "round 1: nothing yet");
    assert_eq!(assigned(&rounds[1], "consumer2"), ["topic-2"], "round 2: handed over");

    let remaining = [owning("consumer2", &["topic"], &[("topic", 2)], Some(2))];
    let outcome = sticky(&t, &remaining);
    assert_eq!(set(&outcome.assignment, "consumer2").len(), 3);
    assert!(transferring(&outcome).is_empty());
}

/// S8 `testTopicBalanceAfterReassignment`: 1 → 2 → 4 → 2 members over two 12-partition topics;
/// every member always holds the same number of each topic's partitions.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn topics_stay_balanced_across_membership_changes() {
    let t = topics(&[("topic1", 12), ("topic2", 12)]);
    let both = ["topic1", "topic2"];
    let mut previous = groupsim::assignor::Assignment::new();
    for (generation, count) in [1, 2, 4, 2].into_iter().enumerate() {
        let fresh: Vec<MemberSubscription> =
            (1..=count).map(|i| MemberSubscription::new(&format!("consumer{i}"), both)).collect();
        let members = with_owned(&fresh, &previous, generation as i32);
        let result = sticky(&t, &members).assignment;
        for (member, list) in &result {
            for topic in both {
                let n = list.iter().filter(|tp| tp.topic == topic).count();
                assert_eq!(n, 12 / count, "{member} holds {n} of {topic} with {count} members");
            }
        }
        previous = result;
    }
}

/// S9 `testAllConsumersReachExpectedQuotaAndAreConsideredFilled`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn members_at_quota_are_filled() {
    let t = topics(&[("topic", 4)]);
    let members = [
        owning("consumer1", &["topic"], &[("topic", 0), ("topic", 1)], Some(1)),
        owning("consumer2", &["topic"], &[("topic", 2)], Some(1)),
        owning("consumer3", &["topic"], &[], Some(1)),
    ];
    for name in [AssignorName::Sticky, AssignorName::CooperativeSticky] {
        let result = assign(name, &t, &members);
        assert_eq!(assigned(&result, "consumer1"), ["topic-0", "topic-1"], "{name}");
        assert_eq!(assigned(&result, "consumer2"), ["topic-2"], "{name}");
        assert_eq!(assigned(&result, "consumer3"), ["topic-3"], "{name}");
    }
}

/// S10 `testPartitionsTransferringOwnershipIncludeThePartitionClaimedByMultipleConsumersInSameGeneration`
/// (both test classes): a partition two members claim at the same generation is taken from both.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_doubly_claimed_partition_is_transferred() {
    let t = topics(&[("topic", 3)]);
    let members = [
        owning("consumer1", &["topic"], &[("topic", 0), ("topic", 1)], Some(1)),
        owning("consumer2", &["topic"], &[("topic", 0), ("topic", 2)], Some(1)),
        owning("consumer3", &["topic"], &[], Some(1)),
    ];
    let outcome = sticky(&t, &members);
    assert_eq!(transferring(&outcome), ["topic-0->consumer3"]);
    assert_eq!(assigned(&outcome.assignment, "consumer1"), ["topic-1"]);
    assert_eq!(assigned(&outcome.assignment, "consumer2"), ["topic-2"]);
    assert_eq!(assigned(&outcome.assignment, "consumer3"), ["topic-0"]);
    let round1 = assign(AssignorName::CooperativeSticky, &t, &members);
    assert_eq!(assigned(&round1, "consumer3"), Vec::<String>::new(), "cooperative round 1");
}

/// S13 `testStickiness`: 3 partitions, 4 members; when consumer1 leaves, everyone who had a
/// partition keeps it.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn stickiness_when_a_member_leaves() {
    let t = topics(&[("topic1", 3)]);
    let fresh: Vec<MemberSubscription> =
        (1..=4).map(|i| MemberSubscription::new(&format!("consumer{i}"), ["topic1"])).collect();
    for name in [AssignorName::Sticky, AssignorName::CooperativeSticky] {
        let first = assign(name, &t, &fresh);
        assert!(first.values().all(|l| l.len() <= 1), "{name}: {first:?}");
        let members: Vec<MemberSubscription> =
            with_owned(&fresh, &first, 1).into_iter().filter(|m| m.member_id != "consumer1").collect();
        let second = assign(name, &t, &members);
        for m in &members {
            assert_eq!(second[&m.member_id].len(), 1, "{name}: {second:?}");
            if let Some(had) = first[&m.member_id].first() {
                assert_eq!(&second[&m.member_id][0], had, "{name}: {} lost its partition", m.member_id);
            }
        }
    }
}

/// S14 `testReassignmentAfterOneConsumerLeaves`: 19 topics t01..t19 with i partitions; member
/// ci subscribes t01..ti; after c10 leaves the result is still valid and balanced, and every
/// member that loses a partition ends with at least as many as a fair share of what it can take.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn reassignment_after_one_member_leaves_nested_subscriptions() {
    let counts: Vec<(String, u32)> = (1..20).map(|i| (format!("t{i:02}"), i)).collect();
    let t = counts.iter().map(|(n, c)| (n.clone(), *c)).collect();
    let fresh: Vec<MemberSubscription> = (1..20)
        .map(|i| {
            let subs: Vec<String> = (1..=i).map(|j| format!("t{j:02}")).collect();
            MemberSubscription::new(&format!("c{i:02}"), subs.iter().map(String::as_str))
        })
        .collect();
    for name in [AssignorName::Sticky, AssignorName::CooperativeSticky] {
        let first = assign(name, &t, &fresh);
        assert_valid_and_balanced(&fresh, &first);
        let members: Vec<MemberSubscription> =
            with_owned(&fresh, &first, 1).into_iter().filter(|m| m.member_id != "c10").collect();
        let second = if name == AssignorName::Sticky {
            sticky(&t, &members).assignment
        } else {
            cooperative_rounds(&t, &members).pop().unwrap()
        };
        assert_valid_and_balanced(&members, &second);
        // Stickiness: the partitions that moved between members who stayed are few next to
        // the ones c10 left behind.
        let stayed_moved = members
            .iter()
            .flat_map(|m| first[&m.member_id].iter().map(move |tp| (tp, &m.member_id)))
            .filter(|(tp, id)| !second[*id].contains(tp))
            .count();
        assert!(stayed_moved <= first["c10"].len(), "{name}: {stayed_moved} moved between staying members");
    }
}

/// S15 `StickyAssignorTest.testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithUnequalPartitionsPerConsumer`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn doubly_claimed_with_unequal_counts() {
    let t = topics(&[("topic", 4)]);
    let members = [
        owning("consumer1", &["topic"], &[("topic", 0), ("topic", 1)], Some(1)),
        owning("consumer2", &["topic"], &[("topic", 0), ("topic", 2)], Some(1)),
        owning("consumer3", &["topic"], &[], None),
    ];
    let result = sticky(&t, &members).assignment;
    assert_eq!(assigned(&result, "consumer1"), ["topic-1", "topic-3"]);
    assert_eq!(assigned(&result, "consumer2"), ["topic-2"]);
    assert_eq!(assigned(&result, "consumer3"), ["topic-0"]);
    let round1 = assign(AssignorName::CooperativeSticky, &t, &members);
    assert_eq!(assigned(&round1, "consumer3"), Vec::<String>::new(), "cooperative round 1");
}

/// Generation handling, `testEnsurePartitionsAssignedToHighestGeneration` in spirit (reference
/// §4.3): the higher generation keeps a contested partition; a stale claim is ignored.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn the_highest_generation_keeps_a_contested_partition() {
    let t = topics(&[("topic", 3)]);
    let members = [
        owning("consumer1", &["topic"], &[("topic", 0), ("topic", 1)], Some(1)),
        owning("consumer2", &["topic"], &[("topic", 0)], Some(2)),
        owning("consumer3", &["topic"], &[("topic", 2)], Some(2)),
    ];
    let result = sticky(&t, &members).assignment;
    assert_eq!(assigned(&result, "consumer1"), ["topic-1"]);
    assert_eq!(assigned(&result, "consumer2"), ["topic-0"]);
    assert_eq!(assigned(&result, "consumer3"), ["topic-2"]);
}

/// K6 kafka-python `TestCooperativeStickyAssignor.test_assign_defers_moved_partitions`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn cooperative_defers_a_moved_partition() {
    let t = topics(&[("t", 4)]);
    let members = [
        owning("C0", &["t"], &[("t", 0), ("t", 1), ("t", 2)], None),
        owning("C1", &["t"], &[("t", 3)], None),
    ];
    let round1 = assign(AssignorName::CooperativeSticky, &t, &members);
    let given: Vec<&TopicPartition> = round1.values().flatten().collect();
    assert_eq!(given.len(), 3, "exactly one partition deferred: {round1:?}");
    let deferred: Vec<u32> = (0..4).filter(|p| !given.iter().any(|tp| tp.partition == *p)).collect();
    assert!(members[0].owned.iter().any(|tp| tp.partition == deferred[0]), "the deferred one was C0's");
}

/// `testRackAwareAssignmentWithNonEqualSubscription`, its `nonRackAwareAssignment` (read from
/// `AbstractStickyAssignorTest.java`; not in the reference): t1(6), t2(7), t3(2); two members on
/// all topics and one on t1 and t3. Then the same subscriptions owning that result keep it.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn non_equal_subscription_matches_kafka() {
    let t = topics(&[("t1", 6), ("t2", 7), ("t3", 2)]);
    let all = ["t1", "t2", "t3"];
    let fresh = [
        MemberSubscription::new("consumer0", all),
        MemberSubscription::new("consumer1", all),
        MemberSubscription::new("consumer2", ["t1", "t3"]),
    ];
    let expected: [&[&str]; 3] = [
        &["t1-5", "t2-0", "t2-2", "t2-4", "t2-6"],
        &["t1-3", "t2-1", "t2-3", "t2-5", "t3-0"],
        &["t1-0", "t1-1", "t1-2", "t1-4", "t3-1"],
    ];
    let first = sticky(&t, &fresh).assignment;
    let again = sticky(&t, &with_owned(&fresh, &first, 1)).assignment;
    for (m, want) in fresh.iter().zip(expected) {
        let want: std::collections::BTreeSet<String> = want.iter().map(|s| s.to_string()).collect();
        assert_eq!(set(&first, &m.member_id), want, "{}", m.member_id);
        assert_eq!(set(&again, &m.member_id), want, "{} kept", m.member_id);
    }
}
