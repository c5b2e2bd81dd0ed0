//! `RoundRobinAssignor` (reference §4.2, `clients/.../consumer/RoundRobinAssignor.java`).

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use super::{Assignment, MemberSubscription, TopicPartition, empty_assignment, member_order};

/// All partitions of all subscribed topics, topics in name order, are dealt to the members in
/// member order, skipping members not subscribed to the partition's topic.
pub fn round_robin(topics: &BTreeMap<String, u32>, members: &[MemberSubscription]) -> Assignment {
    let mut assignment = empty_assignment(members);
    let mut sorted: Vec<&MemberSubscription> = members.iter().collect();
    sorted.sort_by(|a, b| member_order(a, b));
    if sorted.is_empty() {
        return assignment;
    }
    let mut next = 0; // the circular iterator's position
    for (topic, &count) in topics {
        if !sorted.iter().any(|m| m.topics.contains(topic)) {
            continue;
        }
        for partition in 0..count {
            while !sorted[next].topics.contains(topic) {
                next = (next + 1) % sorted.len();
            }
            let list = assignment.entry(sorted[next].member_id.clone()).or_default();
            list.push(TopicPartition { topic: topic.clone(), partition });
            next = (next + 1) % sorted.len();
        }
    }
    assignment
}
