//! `RangeAssignor` against Kafka's test vectors (reference §4.1, §5 "RangeAssignor").
//! Java: `clients/src/test/java/org/apache/kafka/clients/consumer/RangeAssignorTest.java`.

use groupsim::assignor::{AssignorName, MemberSubscription};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{assigned, mixed_topic_members, topics};

fn range(topic_counts: &[(&str, u32)], members: &[MemberSubscription]) -> groupsim::assignor::Assignment {
    groupsim::assignor::assign(AssignorName::Range, &topics(topic_counts), members)
}

/// R1 `testOneConsumerNoTopic` and `testOneConsumerNonexistentTopic`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn one_consumer_with_no_or_a_missing_topic_gets_nothing() {
    let result = range(&[], &[MemberSubscription::new("consumer1", [])]);
    assert_eq!(assigned(&result, "consumer1"), Vec::<String>::new());
    let result = range(&[("topic", 3)], &[MemberSubscription::new("consumer1", ["missing"])]);
    assert_eq!(assigned(&result, "consumer1"), Vec::<String>::new());
}

/// R2 `testOnlyAssignsPartitionsFromSubscribedTopics`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn only_subscribed_topics_are_assigned() {
    let result = range(&[("topic1", 3), ("other", 3)], &[MemberSubscription::new("consumer1", ["topic1"])]);
    assert_eq!(assigned(&result, "consumer1"), ["topic1-0", "topic1-1", "topic1-2"]);
}

/// R3 `testTwoConsumersOneTopicOnePartition`: the second consumer is idle but still a member.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn two_consumers_one_partition_leaves_one_idle() {
    let members =
        [MemberSubscription::new("consumer1", ["topic1"]), MemberSubscription::new("consumer2", ["topic1"])];
    let result = range(&[("topic1", 1)], &members);
    assert_eq!(assigned(&result, "consumer1"), ["topic1-0"]);
    assert_eq!(assigned(&result, "consumer2"), Vec::<String>::new());
}

/// R4 `testMultipleConsumersMixedTopics`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn multiple_consumers_mixed_topics() {
    let members = mixed_topic_members();
    let result = range(&[("topic1", 3), ("topic2", 2)], &members);
    assert_eq!(assigned(&result, "consumer1"), ["topic1-0"]);
    assert_eq!(assigned(&result, "consumer2"), ["topic1-1", "topic2-0", "topic2-1"]);
    assert_eq!(assigned(&result, "consumer3"), ["topic1-2"]);
}

/// R5 `testTwoConsumersTwoTopicsSixPartitions`: the first consumer gets the extra of every topic.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn two_consumers_two_topics_six_partitions() {
    let members = [
        MemberSubscription::new("consumer1", ["topic1", "topic2"]),
        MemberSubscription::new("consumer2", ["topic1", "topic2"]),
    ];
    let result = range(&[("topic1", 3), ("topic2", 3)], &members);
    assert_eq!(assigned(&result, "consumer1"), ["topic1-0", "topic1-1", "topic2-0", "topic2-1"]);
    assert_eq!(assigned(&result, "consumer2"), ["topic1-2", "topic2-2"]);
}

/// R6 `testTwoStaticConsumersTwoTopicsSixPartitions` and
/// `testOneStaticConsumerAndOneDynamicConsumerTwoTopicsSixPartitions`: the instance id decides
/// the order, and a static member sorts before a dynamic one.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn static_members_sort_by_instance_id_and_first() {
    let both_static = [
        MemberSubscription::new("consumer-b", ["topic1", "topic2"]).with_instance_id("instance1"),
        MemberSubscription::new("consumer-a", ["topic1", "topic2"]).with_instance_id("instance2"),
    ];
    let one_static = [
        MemberSubscription::new("consumer-b", ["topic1", "topic2"]).with_instance_id("instance1"),
        MemberSubscription::new("consumer-a", ["topic1", "topic2"]),
    ];
    for members in [both_static, one_static] {
        let result = range(&[("topic1", 3), ("topic2", 3)], &members);
        assert_eq!(assigned(&result, "consumer-b"), ["topic1-0", "topic1-1", "topic2-0", "topic2-1"]);
        assert_eq!(assigned(&result, "consumer-a"), ["topic1-2", "topic2-2"]);
    }
}

/// K1 kafka-python `test/consumer/test_assignors.py` `test_assignor_range`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn kafka_python_range_vector() {
    let members = [MemberSubscription::new("C0", ["t0", "t1"]), MemberSubscription::new("C1", ["t0", "t1"])];
    let result = range(&[("t0", 3), ("t1", 3)], &members);
    assert_eq!(assigned(&result, "C0"), ["t0-0", "t0-1", "t1-0", "t1-1"]);
    assert_eq!(assigned(&result, "C1"), ["t0-2", "t1-2"]);
}
