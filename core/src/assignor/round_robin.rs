//! `RoundRobinAssignor` (reference §4.2, `clients/.../consumer/RoundRobinAssignor.java`).

use alloc::string::String;
use alloc::vec::Vec;

use crate::vec_map::VecMap;

use super::{Assignment, MemberSubscription, TopicPartition, collect, subscribers};

/// All partitions of all subscribed topics, topics in name order, are dealt to the members in
/// member order (a circular iterator), skipping members not subscribed to the partition's topic.
pub fn round_robin(topics: &VecMap<String, u32>, members: &[MemberSubscription]) -> Assignment {
    let (sorted, by_topic) = subscribers(topics, members);
    let mut lists: Vec<Vec<TopicPartition>> = sorted.iter().map(|_| Vec::new()).collect();
    let mut next = 0; // the circular iterator's position
    for (topic, count, subscribed) in by_topic {
        for partition in 0..count {
            while !subscribed[next] {
                next = (next + 1) % sorted.len();
            }
            lists[next].push(TopicPartition { topic: topic.into(), partition });
            next = (next + 1) % sorted.len();
        }
    }
    collect(&sorted, lists)
}
