//! The server-side `uniform` assignor, the broker's default (reference §4.4,
//! `group-coordinator/.../assignor/UniformAssignor.java`): sticky and balanced, with one builder
//! for a group whose members all subscribe to the same topics and one for the rest.
//!
//! Orders. Kafka iterates the members in a Java `HashMap`'s order and a homogeneous group's
//! topics in a `HashSet<Uuid>`'s; here both are the order given (`members` as passed, topics as
//! the first member lists them), so the coordinator decides them deterministically. A member's
//! current partitions are taken topic by topic in the order `owned` first names each topic,
//! ascending within a topic (what Java's `HashSet<Integer>` gives for small partition ids).
//! Topic ids, which Kafka's heterogeneous builder uses to break ties, are topic names here.

mod heterogeneous;
mod homogeneous;

pub use heterogeneous::heterogeneous;
pub use homogeneous::homogeneous;

use alloc::string::String;
use alloc::vec::Vec;

use crate::vec_map::VecMap;

use super::super::{Assignment, MemberSubscription, TopicPartition};
use super::ServerAssignorError;

/// The target assignment for `members`, who keep what they own (`owned`: the current target) as
/// far as balance allows. Every member is in the result, with no partitions if it gets none.
pub fn uniform(
    topics: &VecMap<String, u32>,
    members: &[MemberSubscription],
) -> Result<Assignment, ServerAssignorError> {
    if members.is_empty() {
        return Ok(Assignment::default());
    }
    if is_homogeneous(members) { homogeneous(topics, members) } else { heterogeneous(topics, members) }
}

/// Whether every subscribed topic has every member as a subscriber (`ModernGroup.subscriptionType`:
/// each topic's subscriber count equals the member count), which is the same as every member
/// subscribing to the same set of topics.
fn is_homogeneous(members: &[MemberSubscription]) -> bool {
    fn set(m: &MemberSubscription) -> Vec<&str> {
        let mut topics: Vec<&str> = m.topics.iter().map(String::as_str).collect();
        crate::sort::sort(&mut topics);
        topics.dedup();
        topics
    }
    let first = set(&members[0]);
    members[1..].iter().all(|m| m.topics == members[0].topics || set(m) == first)
}

/// A member's current partitions by topic ([`owned_by_topic`]), in three vectors rather than
/// one per topic: a target of 500 topics is 500 allocations fewer.
struct OwnedByTopic<'a> {
    topics: Vec<&'a str>,
    /// Where each topic's partitions start in `partitions`, and where the last ends.
    starts: Vec<usize>,
    partitions: Vec<u32>,
}

impl<'a> OwnedByTopic<'a> {
    /// `(topic, its partitions)`, topic by topic.
    fn iter(&self) -> impl Iterator<Item = (&'a str, &[u32])> + '_ {
        (0..self.topics.len()).map(|t| (self.topics[t], &self.partitions[self.starts[t]..self.starts[t + 1]]))
    }
}

/// A member's current partitions, topic by topic in the order `owned` first names each topic,
/// ascending within a topic.
fn owned_by_topic(member: &MemberSubscription) -> OwnedByTopic<'_> {
    let mut topics: Vec<&str> = Vec::new();
    // Where each topic is in `topics`: needed only once `owned` is out of topic order (a target
    // comes sorted, so its topics come in order and a new one is always the greatest).
    let mut place: Option<VecMap<&str, u32>> = None;
    // (topic's place, partition), sorted below: a sorted target is sorted already.
    let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(member.owned.len());
    for tp in &member.owned {
        let topic = tp.topic.as_str();
        let at = match (topics.last(), &mut place) {
            (Some(last), _) if *last == topic => topics.len() - 1,
            (None, None) => new_topic(&mut topics, topic),
            (Some(last), None) if *last < topic => new_topic(&mut topics, topic),
            (_, place) => {
                let place = place
                    .get_or_insert_with(|| topics.iter().enumerate().map(|(i, t)| (*t, i as u32)).collect());
                match place.get(topic) {
                    Some(&at) => at as usize,
                    None => {
                        let at = new_topic(&mut topics, topic);
                        place.insert(topic, at as u32);
                        at
                    }
                }
            }
        };
        pairs.push((at as u32, tp.partition));
    }
    // As `place << 32 | partition`: plain integers, the sort all hot lists share.
    let mut keyed: Vec<u64> = pairs.iter().map(|&(t, p)| u64::from(t) << 32 | u64::from(p)).collect();
    keyed.sort_unstable();
    keyed.dedup();
    let partitions: Vec<u32> = keyed.iter().map(|&k| k as u32).collect();
    let mut starts: Vec<usize> = Vec::with_capacity(topics.len() + 1);
    for (i, t) in keyed.iter().map(|&k| (k >> 32) as usize).enumerate() {
        if starts.len() <= t {
            starts.push(i);
        }
    }
    starts.push(keyed.len());
    OwnedByTopic { topics, starts, partitions }
}

fn new_topic<'a>(topics: &mut Vec<&'a str>, topic: &'a str) -> usize {
    topics.push(topic);
    topics.len() - 1
}

/// Finds topics in a name-sorted list, in a compare or two when asked in ascending order, as a
/// member's sorted target asks (a binary search otherwise).
struct TopicFinder<'a> {
    sorted: Vec<(&'a str, usize)>,
    /// Where the last topic found is.
    cursor: usize,
}

impl<'a> TopicFinder<'a> {
    fn new(index: &VecMap<&'a str, usize>) -> Self {
        TopicFinder { sorted: index.iter().map(|(&t, &i)| (t, i)).collect(), cursor: 0 }
    }

    /// The index of `topic`, if it is in the list.
    fn find(&mut self, topic: &str) -> Option<usize> {
        for at in [self.cursor, self.cursor + 1] {
            if let Some(&(name, index)) = self.sorted.get(at)
                && name == topic
            {
                self.cursor = at;
                return Some(index);
            }
        }
        let at = self.sorted.binary_search_by(|(name, _)| (*name).cmp(topic)).ok()?;
        self.cursor = at;
        Some(self.sorted[at].1)
    }
}

/// The result, each member's partitions sorted.
fn into_assignment(members: &[MemberSubscription], mut lists: Vec<Vec<TopicPartition>>) -> Assignment {
    members
        .iter()
        .zip(lists.iter_mut())
        .map(|(m, list)| {
            crate::sort::sort(list);
            (m.member_id.clone(), core::mem::take(list))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owned_partitions_are_grouped_in_the_order_their_topics_first_come() {
        let mut m = MemberSubscription::new("A", ["t1", "t2", "t3"]);
        let tp = TopicPartition::new;
        m.owned = alloc::vec![tp("t2", 1), tp("t1", 0), tp("t2", 0), tp("t3", 5), tp("t1", 2), tp("t3", 5)];
        let groups: Vec<(&str, Vec<u32>)> =
            owned_by_topic(&m).iter().map(|(t, ps)| (t, ps.to_vec())).collect();
        assert_eq!(groups, [("t2", alloc::vec![0, 1]), ("t1", alloc::vec![0, 2]), ("t3", alloc::vec![5])]);
    }

    #[test]
    fn topics_are_found_in_any_order() {
        let index: VecMap<&str, usize> = [("a", 7), ("b", 8), ("d", 9)].into_iter().collect();
        let mut finder = TopicFinder::new(&index);
        let asked: Vec<Option<usize>> =
            ["a", "b", "d", "c", "a", "d", "e"].iter().map(|t| finder.find(t)).collect();
        assert_eq!(asked, [Some(7), Some(8), Some(9), None, Some(7), Some(9), None]);
    }
}
