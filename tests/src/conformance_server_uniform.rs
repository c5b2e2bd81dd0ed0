//! The KIP-848 server-side `uniform` assignor against Kafka's test vectors (reference §4.4).
//! Java, Kafka 4.1 and later (KAFKA-18688), in `group-coordinator/src/test/java/org/apache/kafka/
//! coordinator/group/assignor/`: `UniformHomogeneousAssignmentBuilderTest.java`,
//! `UniformHeterogeneousAssignmentBuilderTest.java` and `CommonAssignorTests.java`.
//!
//! Orders: Java's members are in a `TreeMap` (A, B, C), as here. The homogeneous builder walks
//! the topics in `HashSet<Uuid>` order, which for the tests' fixed topic ids is topic2, topic4,
//! topic3, topic1; the first member's topics are listed in that order here where a vector
//! depends on it. A current assignment built with `mkOrderedAssignment` is walked in insertion
//! order, one built with `mkAssignment` in `HashMap<Uuid>` order (topic2, topic4, topic3, topic1);
//! `owned` lists them so.

use groupsim::assignor::server::{ServerAssignorError, uniform};
use groupsim::assignor::{Assignment, MemberSubscription, TopicPartition};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{assigned, topics};

/// A member subscribed to `subscribed` that owns `owned` in the current target, in that order.
fn member(id: &str, subscribed: &[&str], owned: &[(&str, &[u32])]) -> MemberSubscription {
    let mut m = MemberSubscription::new(id, subscribed.iter().copied());
    m.owned = owned.iter().flat_map(|(t, ps)| ps.iter().map(|&p| TopicPartition::new(t, p))).collect();
    m
}

fn homogeneous(counts: &[(&str, u32)], members: &[MemberSubscription]) -> Assignment {
    uniform::homogeneous(&topics(counts), members).expect("a valid group")
}

fn heterogeneous(counts: &[(&str, u32)], members: &[MemberSubscription]) -> Assignment {
    uniform::heterogeneous(&topics(counts), members).expect("a valid group")
}

/// Each member's partitions as `topic-p` strings, in member order.
fn all(result: &Assignment, members: &[&str]) -> Vec<Vec<String>> {
    members.iter().map(|m| assigned(result, m)).collect()
}

fn strings(lists: &[&[&str]]) -> Vec<Vec<String>> {
    lists.iter().map(|l| l.iter().map(|s| s.to_string()).collect()).collect()
}

// ---- UniformHomogeneousAssignmentBuilderTest --------------------------------------------------

/// `testOneMemberNoTopicSubscription`: nothing to assign (Kafka returns no entry for the member;
/// here it has an empty one, which the coordinator reads the same way).
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn homogeneous_a_member_with_no_subscription_gets_nothing() {
    let result = homogeneous(&[("topic1", 3)], &[member("A", &[], &[])]);
    assert_eq!(assigned(&result, "A"), Vec::<String>::new());
}

/// `testOneMemberSubscribedToNonexistentTopic`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn homogeneous_a_missing_topic_is_refused_with_kafkas_message() {
    let err = uniform::homogeneous(&topics(&[("topic1", 3)]), &[member("A", &["topic2"], &[])])
        .expect_err("topic2 does not exist");
    assert_eq!(err, ServerAssignorError::MissingTopic { topic: "topic2".into() });
    assert_eq!(
        err.to_string(),
        "Members are subscribed to topic topic2 which doesn't exist in the topic metadata."
    );
}

/// `testFirstAssignmentTwoMembersTwoTopicsNoMemberRacks` (4.1+): five partitions, two members;
/// A gives the extra partition up, so it takes the first two of the list (topic3's) and B the
/// other three.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn homogeneous_first_assignment_gives_the_extra_partition_to_the_last_member() {
    let subs = ["topic3", "topic1"];
    let result =
        homogeneous(&[("topic1", 3), ("topic3", 2)], &[member("A", &subs, &[]), member("B", &subs, &[])]);
    assert_eq!(
        all(&result, &["A", "B"]),
        strings(&[&["topic3-0", "topic3-1"], &["topic1-0", "topic1-1", "topic1-2"]])
    );
}

/// `testFirstAssignmentNumMembersGreaterThanTotalNumPartitions` (4.1+): two partitions, three
/// members; the first stays idle.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn homogeneous_more_members_than_partitions_leaves_the_first_idle() {
    let members = ["A", "B", "C"].map(|id| member(id, &["topic3"], &[]));
    let result = homogeneous(&[("topic3", 2)], &members);
    assert_eq!(all(&result, &["A", "B", "C"]), strings(&[&[], &["topic3-0"], &["topic3-1"]]));
}

/// `testReassignmentForTwoMembersTwoTopicsGivenUnbalancedPrevAssignment`: A owned four of six,
/// keeps three (topic1's two whole, then the lowest of topic2) and gives topic2-1 to B.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn homogeneous_an_unbalanced_target_is_evened_out_keeping_the_most() {
    let subs = ["topic2", "topic1"];
    let members = [
        member("A", &subs, &[("topic1", &[0, 1]), ("topic2", &[0, 1])]),
        member("B", &subs, &[("topic1", &[2]), ("topic2", &[2])]),
    ];
    let result = homogeneous(&[("topic1", 3), ("topic2", 3)], &members);
    assert_eq!(
        all(&result, &["A", "B"]),
        strings(&[&["topic1-0", "topic1-1", "topic2-0"], &["topic1-2", "topic2-1", "topic2-2"]])
    );
}

/// `testReassignmentWhenPartitionsAreAddedForTwoMembersTwoTopics` (4.1+): both owned three,
/// eleven partitions now; A gives the extra up and takes two new ones, B the other three.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn homogeneous_added_partitions_go_to_the_members_under_quota() {
    let subs = ["topic2", "topic1"];
    let members = [
        member("A", &subs, &[("topic1", &[0, 2]), ("topic2", &[0])]),
        member("B", &subs, &[("topic1", &[1]), ("topic2", &[1, 2])]),
    ];
    let result = homogeneous(&[("topic1", 6), ("topic2", 5)], &members);
    assert_eq!(
        all(&result, &["A", "B"]),
        strings(&[
            &["topic1-0", "topic1-2", "topic2-0", "topic2-3", "topic2-4"],
            &["topic1-1", "topic1-3", "topic1-4", "topic1-5", "topic2-1", "topic2-2"],
        ])
    );
}

/// `testReassignmentWhenOneMemberAddedAfterInitialAssignmentWithTwoMembersTwoTopics`: A and B
/// each give one partition up to the new member C.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn homogeneous_a_new_member_gets_what_the_others_give_up() {
    let subs = ["topic2", "topic1"];
    let members = [
        member("A", &subs, &[("topic1", &[0, 2]), ("topic2", &[0])]),
        member("B", &subs, &[("topic1", &[1]), ("topic2", &[1, 2])]),
        member("C", &subs, &[]),
    ];
    let result = homogeneous(&[("topic1", 3), ("topic2", 3)], &members);
    assert_eq!(
        all(&result, &["A", "B", "C"]),
        strings(&[&["topic1-0", "topic1-2"], &["topic1-1", "topic2-1"], &["topic2-0", "topic2-2"]])
    );
}

/// `testReassignmentWhenOneMemberRemovedAfterInitialAssignmentWithThreeMembersTwoTopics`: C's
/// partitions, topic2-2 then topic1-2 in topic order, go to A and then B.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn homogeneous_a_departed_members_partitions_go_to_the_rest() {
    let subs = ["topic2", "topic1"];
    let members = [
        member("A", &subs, &[("topic2", &[0]), ("topic1", &[0])]),
        member("B", &subs, &[("topic2", &[1]), ("topic1", &[1])]),
    ];
    let result = homogeneous(&[("topic1", 3), ("topic2", 3)], &members);
    assert_eq!(
        all(&result, &["A", "B"]),
        strings(&[&["topic1-0", "topic2-0", "topic2-2"], &["topic1-1", "topic1-2", "topic2-1"]])
    );
}

/// `testReassignmentWhenOneSubscriptionRemovedAfterInitialAssignmentWithTwoMembersTwoTopics`:
/// topic1 is dropped, not handed to anyone.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn homogeneous_an_unsubscribed_topic_is_dropped() {
    let members = [
        member("A", &["topic2"], &[("topic2", &[0]), ("topic1", &[0])]),
        member("B", &["topic2"], &[("topic2", &[1]), ("topic1", &[1])]),
    ];
    let result = homogeneous(&[("topic1", 2), ("topic2", 2)], &members);
    assert_eq!(all(&result, &["A", "B"]), strings(&[&["topic2-0"], &["topic2-1"]]));
}

/// `testReassignmentStickinessWhenAlreadyBalanced`, the test KAFKA-18688 added (it lived in
/// `OptimizedUniformAssignmentBuilderTest` until `CommonAssignorTests` replaced it): a balanced
/// target stays as it is. Before 4.1, A and B took the two extra partitions by order and C lost
/// one. The builder reads the topics of the first member alone, as Kafka's does.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn homogeneous_a_balanced_target_stays_whatever_the_member_order() {
    let members = [
        member("A", &["topic1"], &[("topic1", &[0, 3])]),
        member("B", &["topic1", "topic2"], &[("topic1", &[1])]),
        member("C", &["topic1", "topic2"], &[("topic1", &[2, 4])]),
    ];
    let result = homogeneous(&[("topic1", 5)], &members);
    assert_eq!(
        all(&result, &["A", "B", "C"]),
        strings(&[&["topic1-0", "topic1-3"], &["topic1-1"], &["topic1-2", "topic1-4"]])
    );
}

/// `CommonAssignorTests.testReassignmentStickiness` (homogeneous): the first assignment, given
/// back as the current target with the members in each of the six orders, comes back unchanged.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn homogeneous_reassignment_is_sticky_in_every_member_order() {
    let counts = [("topic1", 2), ("topic2", 5), ("topic3", 7)];
    let subs = ["topic1", "topic2", "topic3"];
    let first = homogeneous(&counts, &["A", "B", "C"].map(|id| member(id, &subs, &[])));
    let sizes: Vec<usize> = ["A", "B", "C"].iter().map(|m| first[*m].len()).collect();
    assert_eq!(sizes, [4, 5, 5], "A gives its extra partition up, B and C must take one each");
    for order in
        [["A", "B", "C"], ["A", "C", "B"], ["B", "A", "C"], ["B", "C", "A"], ["C", "A", "B"], ["C", "B", "A"]]
    {
        let members = order.map(|id| {
            let mut m = member(id, &subs, &[]);
            m.owned = first[id].clone();
            m
        });
        assert_eq!(homogeneous(&counts, &members), first, "members in order {order:?}");
    }
}

// ---- UniformHeterogeneousAssignmentBuilderTest ------------------------------------------------

/// `testTwoMembersNoTopicSubscription`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn heterogeneous_members_with_no_subscriptions_get_nothing() {
    let result = heterogeneous(&[("topic1", 3)], &[member("A", &[], &[]), member("B", &[], &[])]);
    assert_eq!(all(&result, &["A", "B"]), strings(&[&[], &[]]));
}

/// `testTwoMembersSubscribedToNonexistentTopics`: the first member's missing topic is named.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn heterogeneous_a_missing_topic_is_refused() {
    let members = [member("A", &["topic3"], &[]), member("B", &["topic2"], &[])];
    let err = uniform::heterogeneous(&topics(&[("topic1", 3)]), &members).expect_err("missing topics");
    assert_eq!(err, ServerAssignorError::MissingTopic { topic: "topic3".into() });
}

/// `testFirstAssignmentTwoMembersTwoTopics`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn heterogeneous_first_assignment_balances_the_total_load() {
    let members = [member("A", &["topic1", "topic3"], &[]), member("B", &["topic3"], &[])];
    let result = heterogeneous(&[("topic1", 3), ("topic3", 6)], &members);
    assert_eq!(
        all(&result, &["A", "B"]),
        strings(&[
            &["topic1-0", "topic1-1", "topic1-2", "topic3-4"],
            &["topic3-0", "topic3-1", "topic3-2", "topic3-3", "topic3-5"],
        ])
    );
}

/// `testFirstAssignmentNumMembersGreaterThanTotalNumPartitions`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn heterogeneous_more_members_than_partitions() {
    let members =
        [member("A", &["topic3"], &[]), member("B", &["topic3"], &[]), member("C", &["topic1"], &[])];
    let result = heterogeneous(&[("topic1", 2), ("topic3", 1)], &members);
    assert_eq!(all(&result, &["A", "B", "C"]), strings(&[&["topic3-0"], &[], &["topic1-0", "topic1-1"]]));
}

/// `testReassignmentForTwoMembersThreeTopicsGivenUnbalancedPrevAssignment`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn heterogeneous_an_unbalanced_target_is_balanced_by_moves() {
    let members = [
        member("A", &["topic1"], &[("topic1", &[0, 1, 2])]),
        member("B", &["topic1", "topic2"], &[("topic1", &[3]), ("topic2", &[0])]),
        member(
            "C",
            &["topic1", "topic2", "topic3"],
            &[("topic1", &[4, 5]), ("topic2", &[1, 2, 3]), ("topic3", &[0, 1, 2, 3])],
        ),
    ];
    let result = heterogeneous(&[("topic1", 6), ("topic2", 4), ("topic3", 4)], &members);
    assert_eq!(
        all(&result, &["A", "B", "C"]),
        strings(&[
            &["topic1-0", "topic1-1", "topic1-2", "topic1-5"],
            &["topic1-3", "topic2-0", "topic2-1", "topic2-2", "topic2-3"],
            &["topic1-4", "topic3-0", "topic3-1", "topic3-2", "topic3-3"],
        ])
    );
}

/// `testReassignmentWhenPartitionsAreAddedForTwoMembers`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn heterogeneous_added_partitions() {
    let members = [
        member("A", &["topic1", "topic3"], &[("topic1", &[0, 1, 2, 3]), ("topic3", &[0, 1])]),
        member(
            "B",
            &["topic1", "topic2", "topic3", "topic4"],
            &[("topic2", &[0, 1, 2]), ("topic4", &[0, 1, 2])],
        ),
    ];
    let result = heterogeneous(&[("topic1", 6), ("topic2", 5), ("topic3", 3), ("topic4", 3)], &members);
    assert_eq!(
        all(&result, &["A", "B"]),
        strings(&[
            &[
                "topic1-0", "topic1-1", "topic1-2", "topic1-3", "topic1-4", "topic1-5", "topic3-0",
                "topic3-1", "topic3-2"
            ],
            &["topic2-0", "topic2-1", "topic2-2", "topic2-3", "topic2-4", "topic4-0", "topic4-1", "topic4-2"],
        ])
    );
}

/// `testReassignmentWhenOneMemberAddedAndPartitionsAddedTwoMembersTwoTopics`: A no longer
/// subscribes to topic2, so its topic2-0 goes to the new member C.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn heterogeneous_a_new_member_and_new_partitions() {
    let members = [
        member("A", &["topic1"], &[("topic1", &[0, 2]), ("topic2", &[0])]),
        member("B", &["topic1", "topic2"], &[("topic1", &[1]), ("topic2", &[1, 2])]),
        member("C", &["topic1", "topic2"], &[]),
    ];
    let result = heterogeneous(&[("topic1", 6), ("topic2", 7)], &members);
    assert_eq!(
        all(&result, &["A", "B", "C"]),
        strings(&[
            &["topic1-0", "topic1-2", "topic1-3", "topic1-4", "topic1-5"],
            &["topic1-1", "topic2-1", "topic2-2", "topic2-6"],
            &["topic2-0", "topic2-3", "topic2-4", "topic2-5"],
        ])
    );
}

/// `testReassignmentWhenOneMemberRemovedAfterInitialAssignmentWithThreeMembersThreeTopics`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn heterogeneous_a_departed_members_partitions() {
    let members = [
        member("A", &["topic1", "topic3"], &[("topic1", &[0, 1, 2]), ("topic3", &[0, 1])]),
        member("B", &["topic2"], &[("topic2", &[3, 4, 5, 6])]),
    ];
    let result = heterogeneous(&[("topic1", 3), ("topic2", 8), ("topic3", 3)], &members);
    assert_eq!(
        all(&result, &["A", "B"]),
        strings(&[
            &["topic1-0", "topic1-1", "topic1-2", "topic3-0", "topic3-1", "topic3-2"],
            &["topic2-0", "topic2-1", "topic2-2", "topic2-3", "topic2-4", "topic2-5", "topic2-6", "topic2-7"],
        ])
    );
}

/// `testReassignmentWhenOneSubscriptionRemovedAfterInitialAssignmentWithTwoMembersTwoTopics`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn heterogeneous_an_unsubscribed_topic_moves_to_its_subscriber() {
    let members = [
        member("A", &["topic1"], &[("topic1", &[0, 2]), ("topic2", &[1, 3])]),
        member("B", &["topic1", "topic2"], &[("topic1", &[1]), ("topic2", &[0, 2, 4])]),
    ];
    let result = heterogeneous(&[("topic1", 3), ("topic2", 5)], &members);
    assert_eq!(
        all(&result, &["A", "B"]),
        strings(&[
            &["topic1-0", "topic1-1", "topic1-2"],
            &["topic2-0", "topic2-1", "topic2-2", "topic2-3", "topic2-4"]
        ])
    );
}

/// `testReassignmentWhenTopicPartitionsRunOutAndMembersHaveNoPartitions`: balancing topic1
/// runs out of A's partitions of it and stops there; topic2 evens the rest.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn heterogeneous_balancing_stops_when_a_topic_runs_out() {
    let subs = ["topic1", "topic2", "topic3"];
    let members = [
        member("A", &subs, &[("topic1", &[0, 1]), ("topic2", &[0, 1]), ("topic3", &[0, 1])]),
        member("B", &subs, &[]),
    ];
    let result = heterogeneous(&[("topic1", 2), ("topic2", 2), ("topic3", 2)], &members);
    assert_eq!(
        all(&result, &["A", "B"]),
        strings(&[&["topic2-0", "topic3-0", "topic3-1"], &["topic1-0", "topic1-1", "topic2-1"]])
    );
}

/// `testFirstAssignmentWithTwoMembersIncludingOneWithoutSubscriptions`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn heterogeneous_a_member_without_subscriptions_gets_nothing() {
    let result = heterogeneous(&[("topic1", 3)], &[member("A", &["topic1"], &[]), member("B", &[], &[])]);
    assert_eq!(all(&result, &["A", "B"]), strings(&[&["topic1-0", "topic1-1", "topic1-2"], &[]]));
}

// ---- UniformAssignor ----------------------------------------------------------------------------

/// `UniformAssignor` picks the builder by the group's subscription type (`ModernGroup.subscriptionType`):
/// homogeneous when every member subscribes to the same topics. The same members through both
/// builders differ here, so the dispatch is visible.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn uniform_dispatches_on_whether_the_subscriptions_are_alike() {
    let counts = topics(&[("topic1", 2), ("topic2", 2), ("topic3", 2)]);
    let subs = ["topic1", "topic2", "topic3"];
    let alike = [
        member("A", &subs, &[("topic1", &[0, 1]), ("topic2", &[0, 1]), ("topic3", &[0, 1])]),
        member("B", &subs, &[]),
    ];
    assert_eq!(uniform(&counts, &alike), uniform::homogeneous(&counts, &alike));
    assert_ne!(uniform(&counts, &alike), uniform::heterogeneous(&counts, &alike));
    let differ = [member("A", &["topic1", "topic3"], &[]), member("B", &["topic3"], &[])];
    assert_eq!(uniform(&counts, &differ), uniform::heterogeneous(&counts, &differ));
    assert_eq!(uniform(&counts, &[]), Ok(Assignment::default()));
}
