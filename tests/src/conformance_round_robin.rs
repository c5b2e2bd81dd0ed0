//! `RoundRobinAssignor` against Kafka's test vectors (reference §4.2, §5 "RoundRobinAssignor").
//! Java: `clients/src/test/java/org/apache/kafka/clients/consumer/RoundRobinAssignorTest.java`.

use groupsim::assignor::{AssignorName, MemberSubscription};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{assigned, mixed_topic_members, topics};

fn round_robin(
    topic_counts: &[(&str, u32)],
    members: &[MemberSubscription],
) -> groupsim::assignor::Assignment {
    groupsim::assignor::assign(AssignorName::RoundRobin, &topics(topic_counts), members)
}

/// RR1 `testMultipleConsumersMixedTopics`: members not subscribed to a topic are skipped.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn multiple_consumers_mixed_topics() {
    let members = mixed_topic_members();
    let result = round_robin(&[("topic1", 3), ("topic2", 2)], &members);
    assert_eq!(assigned(&result, "consumer1"), ["topic1-0"]);
    assert_eq!(assigned(&result, "consumer2"), ["topic1-1", "topic2-0", "topic2-1"]);
    assert_eq!(assigned(&result, "consumer3"), ["topic1-2"]);
}

/// RR2 `testTwoDynamicConsumersTwoTopicsSixPartitions`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn two_dynamic_consumers_two_topics_six_partitions() {
    let members = [
        MemberSubscription::new("consumer1", ["topic1", "topic2"]),
        MemberSubscription::new("consumer2", ["topic1", "topic2"]),
    ];
    let result = round_robin(&[("topic1", 3), ("topic2", 3)], &members);
    assert_eq!(assigned(&result, "consumer1"), ["topic1-0", "topic1-2", "topic2-1"]);
    assert_eq!(assigned(&result, "consumer2"), ["topic1-1", "topic2-0", "topic2-2"]);
}

/// RR3 `testTwoStaticConsumersTwoTopicsSixPartitions`: ordered by instance id, not member id.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn two_static_consumers_order_by_instance_id() {
    let members = [
        MemberSubscription::new("consumer-b", ["topic1", "topic2"]).with_instance_id("instance1"),
        MemberSubscription::new("consumer-a", ["topic1", "topic2"]).with_instance_id("instance2"),
    ];
    let result = round_robin(&[("topic1", 3), ("topic2", 3)], &members);
    assert_eq!(assigned(&result, "consumer-b"), ["topic1-0", "topic1-2", "topic2-1"]);
    assert_eq!(assigned(&result, "consumer-a"), ["topic1-1", "topic2-0", "topic2-2"]);
}

/// RR6 `testTwoConsumersOneTopicOnePartition`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn two_consumers_one_partition_leaves_one_idle() {
    let members =
        [MemberSubscription::new("consumer1", ["topic"]), MemberSubscription::new("consumer2", ["topic"])];
    let result = round_robin(&[("topic", 1)], &members);
    assert_eq!(assigned(&result, "consumer1"), ["topic-0"]);
    assert_eq!(assigned(&result, "consumer2"), Vec::<String>::new());
}

/// K2 kafka-python `test/consumer/test_assignors.py` `test_assignor_roundrobin`.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn kafka_python_roundrobin_vector() {
    let members = [MemberSubscription::new("C0", ["t0", "t1"]), MemberSubscription::new("C1", ["t0", "t1"])];
    let result = round_robin(&[("t0", 3), ("t1", 3)], &members);
    assert_eq!(assigned(&result, "C0"), ["t0-0", "t0-2", "t1-1"]);
    assert_eq!(assigned(&result, "C1"), ["t0-1", "t1-0", "t1-2"]);
}

/// The unbalanced example of the `RoundRobinAssignor` javadoc (reference §4.2): with different
/// subscriptions round robin can leave C2 with four partitions and the others with one.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn javadoc_example_with_unequal_subscriptions_is_unbalanced() {
    let members = [
        MemberSubscription::new("C0", ["t0"]),
        MemberSubscription::new("C1", ["t0", "t1"]),
        MemberSubscription::new("C2", ["t0", "t1", "t2"]),
    ];
    let result = round_robin(&[("t0", 1), ("t1", 2), ("t2", 3)], &members);
    assert_eq!(assigned(&result, "C0"), ["t0-0"]);
    assert_eq!(assigned(&result, "C1"), ["t1-0"]);
    assert_eq!(assigned(&result, "C2"), ["t1-1", "t2-0", "t2-1", "t2-2"]);
}
