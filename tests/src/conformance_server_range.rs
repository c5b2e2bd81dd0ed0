//! The KIP-848 server-side `range` assignor against Kafka's test vectors (reference §4.4).
//! Java: `group-coordinator/src/test/java/org/apache/kafka/coordinator/group/assignor/RangeAssignorTest.java`.
//! Java's members are in a `TreeMap`, so their order is the member ids' order, as here.

use groupsim::assignor::server::{self, ServerAssignorError};
use groupsim::assignor::{Assignment, MemberSubscription};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{assigned, topics};

fn range(topic_counts: &[(&str, u32)], members: &[MemberSubscription]) -> Assignment {
    server::range(&topics(topic_counts), members).expect("every subscribed topic exists")
}

/// `testFirstAssignmentTwoMembersTwoTopicsSameSubscriptions`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn two_members_same_subscriptions_take_ranges_of_each_topic() {
    let members = [
        MemberSubscription::new("memberA", ["topic1", "topic3"]),
        MemberSubscription::new("memberB", ["topic1", "topic3"]),
    ];
    let result = range(&[("topic1", 3), ("topic3", 2)], &members);
    assert_eq!(assigned(&result, "memberA"), ["topic1-0", "topic1-1", "topic3-0"]);
    assert_eq!(assigned(&result, "memberB"), ["topic1-2", "topic3-1"]);
}

/// `testFirstAssignmentThreeMembersThreeTopicsDifferentSubscriptions`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn different_subscriptions_share_each_topic_among_its_subscribers() {
    let members = [
        MemberSubscription::new("memberA", ["topic1", "topic2"]),
        MemberSubscription::new("memberB", ["topic3"]),
        MemberSubscription::new("memberC", ["topic2", "topic3"]),
    ];
    let result = range(&[("topic1", 3), ("topic2", 3), ("topic3", 2)], &members);
    assert_eq!(assigned(&result, "memberA"), ["topic1-0", "topic1-1", "topic1-2", "topic2-0", "topic2-1"]);
    assert_eq!(assigned(&result, "memberB"), ["topic3-0"]);
    assert_eq!(assigned(&result, "memberC"), ["topic2-2", "topic3-1"]);
}

/// `testFirstAssignmentNumMembersGreaterThanNumPartitions`: topic3's two partitions go to the
/// first two members; the third gets only its share of topic1.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn more_members_than_partitions_leaves_the_last_without_that_topic() {
    let members = ["memberA", "memberB", "memberC"].map(|m| MemberSubscription::new(m, ["topic1", "topic3"]));
    let result = range(&[("topic1", 3), ("topic3", 2)], &members);
    assert_eq!(assigned(&result, "memberA"), ["topic1-0", "topic3-0"]);
    assert_eq!(assigned(&result, "memberB"), ["topic1-1", "topic3-1"]);
    assert_eq!(assigned(&result, "memberC"), ["topic1-2"]);
}

/// `testReassignmentWhenOneMemberAddedAfterInitialAssignmentWithTwoMembersTwoTopics`: not
/// sticky, so memberA gives up topic1-1 and topic2-1 to make room (the current target, given as
/// `owned`, does not matter).
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_new_member_reshuffles_the_ranges() {
    let tp = groupsim::assignor::TopicPartition::new;
    let mut a = MemberSubscription::new("memberA", ["topic1", "topic2"]);
    a.owned = vec![tp("topic1", 0), tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)];
    let mut b = MemberSubscription::new("memberB", ["topic1", "topic2"]);
    b.owned = vec![tp("topic1", 2), tp("topic2", 2)];
    let c = MemberSubscription::new("memberC", ["topic1", "topic2"]);
    let result = range(&[("topic1", 3), ("topic2", 3)], &[a, b, c]);
    assert_eq!(assigned(&result, "memberA"), ["topic1-0", "topic2-0"]);
    assert_eq!(assigned(&result, "memberB"), ["topic1-1", "topic2-1"]);
    assert_eq!(assigned(&result, "memberC"), ["topic1-2", "topic2-2"]);
}

/// `testMixedStaticMembership`: static members come first, by instance id, so a static member
/// that comes back under a new member id gets the same partitions. (Kafka asserts only that
/// nothing changes; the ranges themselves follow the reference §4.4 order.)
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_static_member_back_with_a_new_id_gets_the_same_range() {
    let group = |a: &str| {
        [
            MemberSubscription::new(a, ["topic1"]).with_instance_id("instanceA"),
            MemberSubscription::new("memberC", ["topic1"]).with_instance_id("instanceC"),
            MemberSubscription::new("memberB", ["topic1"]),
        ]
    };
    let before = range(&[("topic1", 5)], &group("memberA"));
    let after = range(&[("topic1", 5)], &group("memberA1"));
    assert_eq!(assigned(&before, "memberA"), ["topic1-0", "topic1-1"]);
    assert_eq!(assigned(&before, "memberC"), ["topic1-2", "topic1-3"]);
    assert_eq!(assigned(&before, "memberB"), ["topic1-4"]);
    assert_eq!(assigned(&after, "memberA1"), assigned(&before, "memberA"));
    assert_eq!(assigned(&after, "memberB"), assigned(&before, "memberB"));
    assert_eq!(assigned(&after, "memberC"), assigned(&before, "memberC"));
}

/// A subscribed topic the metadata does not have is `PartitionAssignorException("Member is
/// subscribed to a non-existent topic")` on the server, where the client assignor skips it.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_missing_topic_is_refused() {
    let members = [MemberSubscription::new("memberA", ["topic1", "missing"])];
    let err = server::range(&topics(&[("topic1", 3)]), &members).expect_err("missing topic");
    assert_eq!(err, ServerAssignorError::UnknownTopic { member: "memberA".into(), topic: "missing".into() });
    assert!(err.to_string().starts_with("Member is subscribed to a non-existent topic"));
}
