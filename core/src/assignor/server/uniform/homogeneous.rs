//! `uniform` for a group whose members all subscribe to the same topics
//! (`UniformHomogeneousAssignmentBuilder.java`, with the Kafka 4.1 rule of KAFKA-18688).
//!
//! Every member's quota is `P / M`, and `P mod M` members get one more. A member keeps what it
//! owns up to its quota; what it owns beyond is revoked, and the partitions nobody owns are
//! handed to the members under quota, in member order. Since 4.1 a member claims one of the
//! extra partitions only if it needs it to keep what it owns, or if every member from it to the
//! last must take one: the extras left go to the last members, and a balanced group stays as
//! it is whatever the order of its members.

use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use crate::vec_map::VecMap;

use super::super::super::{Assignment, MemberSubscription, TopicPartition};
use super::super::ServerAssignorError;
use super::{TopicFinder, into_assignment, owned_by_topic};

/// The homogeneous builder. Kafka runs it when every member subscribes to the same topics, and
/// takes the topics from the first member alone; [`super::uniform`] chooses it the same way.
pub fn homogeneous(
    topics: &VecMap<String, u32>,
    members: &[MemberSubscription],
) -> Result<Assignment, ServerAssignorError> {
    // The group's topics: the first member's (all members have the same).
    let mut subscribed: Vec<&str> = Vec::new();
    for t in &members[0].topics {
        if !subscribed.contains(&t.as_str()) {
            subscribed.push(t);
        }
    }
    let mut lists: Vec<Vec<TopicPartition>> = members.iter().map(|_| Vec::new()).collect();
    if subscribed.is_empty() {
        return Ok(into_assignment(members, lists));
    }
    let mut counts: Vec<u32> = Vec::with_capacity(subscribed.len());
    for &topic in &subscribed {
        match topics.get(topic) {
            Some(&count) => counts.push(count),
            None => return Err(ServerAssignorError::MissingTopic { topic: topic.to_string() }),
        }
    }
    let topic_index: VecMap<&str, usize> = subscribed.iter().enumerate().map(|(i, &t)| (t, i)).collect();
    // `GroupSpec.isPartitionAssigned`: in the current target assignment.
    let mut assigned: Vec<Vec<bool>> = counts.iter().map(|&n| vec![false; n as usize]).collect();
    let mut finder = TopicFinder::new(&topic_index);
    for tp in members.iter().flat_map(|m| &m.owned) {
        if let Some(t) = finder.find(&tp.topic)
            && let Some(slot) = assigned[t].get_mut(tp.partition as usize)
        {
            *slot = true;
        }
    }
    let mut unassigned: Vec<TopicPartition> = Vec::new();
    for (t, &topic) in subscribed.iter().enumerate() {
        let free = assigned[t].iter().enumerate().filter(|(_, a)| !**a);
        unassigned.extend(free.map(|(p, _)| TopicPartition::new(topic, p as u32)));
    }
    let total: u64 = counts.iter().map(|&n| u64::from(n)).sum();
    let member_count = members.len() as u64;
    let min_quota = total / member_count;
    let mut extras_left = total % member_count;
    // Members under quota after keeping what they may, in member order, with how many they lack.
    let mut unfilled: Vec<(usize, u64)> = Vec::new();
    for (index, member) in members.iter().enumerate() {
        let mut quota = min_quota;
        let mut has_extra = false;
        if extras_left > 0 {
            quota += 1;
            has_extra = true;
        }
        let owned = owned_by_topic(member);
        for (topic, parts) in owned.iter() {
            if finder.find(topic).is_none() {
                // No longer subscribed: dropped, and not handed to anyone else.
                continue;
            }
            if parts.len() as u64 <= quota {
                quota -= parts.len() as u64;
                lists[index].extend(parts.iter().map(|&p| TopicPartition::new(topic, p)));
                continue;
            }
            for &p in parts {
                if quota > 0 {
                    quota -= 1;
                    lists[index].push(TopicPartition::new(topic, p));
                } else {
                    unassigned.push(TopicPartition::new(topic, p));
                }
            }
        }
        // KAFKA-18688: it kept no more than the minimum, so it gives the extra up, as long as
        // enough members remain (this one among them) to take the extras left.
        if quota > 0 && has_extra && member_count - index as u64 > extras_left {
            quota -= 1;
            has_extra = false;
        }
        if quota > 0 {
            unfilled.push((index, quota));
        }
        if has_extra {
            extras_left -= 1;
        }
    }
    let mut next = unassigned.into_iter();
    for (index, quota) in unfilled {
        lists[index].extend(next.by_ref().take(quota as usize));
    }
    if next.next().is_some() {
        return Err(ServerAssignorError::PartitionsLeftUnassigned);
    }
    Ok(into_assignment(members, lists))
}
