//! `RangeAssignor` (reference §4.1, `clients/.../consumer/RangeAssignor.java`, non-rack path).

use alloc::string::String;
use alloc::vec::Vec;

use crate::vec_map::VecMap;

use super::{Assignment, MemberSubscription, TopicPartition, collect, subscribers};

/// For each topic, the subscribed members in member order take contiguous ranges: the first
/// `P mod C` get `⌈P/C⌉` partitions, the rest `⌊P/C⌋`.
pub fn range(topics: &VecMap<String, u32>, members: &[MemberSubscription]) -> Assignment {
    let (sorted, by_topic) = subscribers(topics, members);
    let mut lists: Vec<Vec<TopicPartition>> = sorted.iter().map(|_| Vec::new()).collect();
    for (topic, count, subscribed) in by_topic {
        let consumers: Vec<usize> = (0..sorted.len()).filter(|&i| subscribed[i]).collect();
        let n = consumers.len() as u32;
        let (per, extra) = (count / n, count % n);
        for (i, &member) in consumers.iter().enumerate() {
            let i = i as u32;
            let start = per * i + i.min(extra);
            let len = per + u32::from(i < extra);
            lists[member]
                .extend((start..start + len).map(|p| TopicPartition { topic: topic.into(), partition: p }));
        }
    }
    collect(&sorted, lists)
}
