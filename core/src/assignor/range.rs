//! `RangeAssignor` (reference §4.1, `clients/.../consumer/RangeAssignor.java`, non-rack path).

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use super::{Assignment, MemberSubscription, TopicPartition, empty_assignment, member_order};

/// For each topic, the subscribed members in member order take contiguous ranges: the first
/// `P mod C` get `⌈P/C⌉` partitions, the rest `⌊P/C⌋`.
pub fn range(topics: &BTreeMap<String, u32>, members: &[MemberSubscription]) -> Assignment {
    let mut assignment = empty_assignment(members);
    let mut sorted: Vec<&MemberSubscription> = members.iter().collect();
    sorted.sort_by(|a, b| member_order(a, b));
    for (topic, &count) in topics {
        let consumers: Vec<&&MemberSubscription> =
            sorted.iter().filter(|m| m.topics.contains(topic)).collect();
        if consumers.is_empty() || count == 0 {
            continue;
        }
        let n = consumers.len() as u32;
        let (per, extra) = (count / n, count % n);
        for (i, member) in consumers.iter().enumerate() {
            let i = i as u32;
            let start = per * i + i.min(extra);
            let len = per + u32::from(i < extra);
            let list = assignment.entry(member.member_id.clone()).or_default();
            list.extend((start..start + len).map(|p| TopicPartition { topic: topic.clone(), partition: p }));
        }
    }
    assignment
}
