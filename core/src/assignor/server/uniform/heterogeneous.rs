//! `uniform` for a group whose members subscribe to different topics
//! (`UniformHeterogeneousAssignmentBuilder.java`).
//!
//! 1. Every member keeps what it owns of the topics it still subscribes to.
//! 2. The partitions nobody owns are handed out topic by topic (most partitions per subscriber
//!    first), each to the least loaded subscriber, counting all its topics.
//! 3. Then, for at most sixteen rounds over the topics with two subscribers or more, partitions
//!    move from the most loaded subscribers to the least loaded ones until their loads differ by
//!    at most one, stopping after a round with no move.

use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;
use core::cmp::Ordering;

use crate::vec_map::VecMap;

use super::super::super::{Assignment, MemberSubscription, TopicPartition};
use super::super::ServerAssignorError;
use super::{TopicFinder, into_assignment, owned_by_topic};

/// `MAX_ITERATION_COUNT`: rounds of balancing at most.
const MAX_ROUNDS: usize = 16;

/// No owner (Java's `-1`).
const NONE: u32 = u32::MAX;

/// The builder's state; members and topics are indices (a member's is its place in `members`).
struct Builder<'a> {
    names: Vec<&'a str>,
    /// A topic's index by name.
    index: VecMap<&'a str, usize>,
    counts: Vec<u32>,
    /// Per topic, its subscribers by ascending member index.
    subscribers: Vec<Vec<u32>>,
    /// Per topic and partition, the member it is assigned to, or [`NONE`].
    owners: Vec<Vec<u32>>,
    /// Per member, how many partitions it is assigned, of all topics.
    sizes: Vec<i64>,
}

/// The heterogeneous builder. Kafka runs it when the members' subscriptions differ;
/// [`super::uniform`] chooses it the same way.
pub fn heterogeneous(
    topics: &VecMap<String, u32>,
    members: &[MemberSubscription],
) -> Result<Assignment, ServerAssignorError> {
    let mut b = Builder::new(topics, members)?;
    if b.names.is_empty() {
        return Ok(into_assignment(members, members.iter().map(|_| Vec::new()).collect()));
    }
    b.keep_owned(members)?;
    b.assign_unowned();
    b.balance();
    let mut lists: Vec<Vec<TopicPartition>> = members.iter().map(|_| Vec::new()).collect();
    for (t, owners) in b.owners.iter().enumerate() {
        for (p, &m) in owners.iter().enumerate() {
            if m != NONE {
                lists[m as usize].push(TopicPartition::new(b.names[t], p as u32));
            }
        }
    }
    Ok(into_assignment(members, lists))
}

impl<'a> Builder<'a> {
    fn new(
        topics: &VecMap<String, u32>,
        members: &'a [MemberSubscription],
    ) -> Result<Self, ServerAssignorError> {
        let mut b = Builder {
            names: Vec::new(),
            index: VecMap::new(),
            counts: Vec::new(),
            subscribers: Vec::new(),
            owners: Vec::new(),
            sizes: vec![0; members.len()],
        };
        // The topic indices of the member before, reused when a member subscribes alike.
        let mut resolved: Vec<usize> = Vec::new();
        for (m, member) in members.iter().enumerate() {
            if m > 0 && member.topics == members[m - 1].topics {
                for &t in &resolved {
                    if b.subscribers[t].last() != Some(&(m as u32)) {
                        b.subscribers[t].push(m as u32);
                    }
                }
                continue;
            }
            resolved.clear();
            for topic in &member.topics {
                let Some(&count) = topics.get(topic.as_str()) else {
                    return Err(ServerAssignorError::MissingTopic { topic: topic.clone() });
                };
                let t = match b.index.get(topic.as_str()) {
                    Some(&t) => t,
                    None => {
                        b.index.insert(topic, b.names.len());
                        b.names.push(topic);
                        b.counts.push(count);
                        b.subscribers.push(Vec::new());
                        b.owners.push(vec![NONE; count as usize]);
                        b.names.len() - 1
                    }
                };
                resolved.push(t);
                if b.subscribers[t].last() != Some(&(m as u32)) {
                    b.subscribers[t].push(m as u32);
                }
            }
        }
        Ok(b)
    }

    /// `maybeRevokePartitions`: what a member owns of a topic it no longer subscribes to is
    /// taken away (and handed out again if another member subscribes); the rest it keeps.
    fn keep_owned(&mut self, members: &[MemberSubscription]) -> Result<(), ServerAssignorError> {
        let mut finder = TopicFinder::new(&self.index);
        for (m, member) in members.iter().enumerate() {
            let owned = owned_by_topic(member);
            for (topic, parts) in owned.iter() {
                // Kept only if this member still subscribes to it.
                let Some(t) = finder.find(topic) else { continue };
                if self.subscribers[t].binary_search(&(m as u32)).is_err() {
                    continue;
                }
                self.sizes[m] += parts.len() as i64;
                for &p in parts {
                    // Kafka's builder fails with an index error here; partitions never shrink.
                    let slot = self.owners[t].get_mut(p as usize).ok_or_else(|| {
                        ServerAssignorError::NoSuchPartition { topic: topic.to_string(), partition: p }
                    })?;
                    *slot = m as u32;
                }
            }
        }
        Ok(())
    }

    /// `topicComparator`: more partitions per subscriber first, then fewer subscribers, then
    /// the topic id (here its name). The ratio is compared exactly, by cross-multiplying.
    fn topic_order(&self, a: usize, b: usize) -> Ordering {
        let (pa, sa) = (u64::from(self.counts[a]), self.subscribers[a].len() as u64);
        let (pb, sb) = (u64::from(self.counts[b]), self.subscribers[b].len() as u64);
        (pb * sa).cmp(&(pa * sb)).then(sa.cmp(&sb)).then_with(|| self.names[a].cmp(self.names[b]))
    }

    fn sorted_topics(&self, topics: impl Iterator<Item = usize>) -> Vec<usize> {
        let mut topics: Vec<usize> = topics.collect();
        crate::sort::sort_by(&mut topics, |&a, &b| self.topic_order(a, b));
        topics
    }

    fn assign_partition(&mut self, t: usize, p: usize, m: u32) {
        let old = self.owners[t][p];
        if old != NONE {
            self.sizes[old as usize] -= 1;
        }
        self.owners[t][p] = m;
        self.sizes[m as usize] += 1;
    }

    /// `assignRemainingPartitions`: topic by topic, each partition nobody owns goes to the next
    /// least loaded subscriber.
    fn assign_unowned(&mut self) {
        let with_unowned = (0..self.names.len()).filter(|&t| self.owners[t].contains(&NONE));
        let mut balancer = Balancer::default();
        for t in self.sorted_topics(with_unowned) {
            balancer.initialize(&self.subscribers[t], &self.sizes);
            for p in 0..self.owners[t].len() {
                if self.owners[t][p] == NONE {
                    let m = balancer.next_least_loaded(&self.sizes);
                    self.assign_partition(t, p, m);
                }
            }
        }
    }

    /// `balance` and `balanceTopics`: rounds over the topics with two subscribers or more,
    /// until a whole round moves nothing.
    fn balance(&mut self) {
        let shared = (0..self.names.len()).filter(|&t| self.subscribers[t].len() >= 2);
        let topics = self.sorted_topics(shared);
        let mut balancer = Balancer::default();
        let mut last_moved: Option<usize> = None;
        for _ in 0..MAX_ROUNDS {
            for (k, &t) in topics.iter().enumerate() {
                if last_moved == Some(k) {
                    return;
                }
                if self.balance_topic(t, &mut balancer) > 0 || last_moved.is_none() {
                    last_moved = Some(k);
                }
            }
        }
    }

    /// `balanceTopic`: moves the topic's partitions from its most loaded subscribers (each
    /// giving its highest-numbered partition first) to its least loaded ones; how many moved.
    fn balance_topic(&mut self, t: usize, balancer: &mut Balancer) -> usize {
        // `initialize` sorts the subscribers to say this; most rounds find most topics balanced,
        // and the loads alone say so without the sort.
        let loads = self.subscribers[t].iter().map(|&m| self.sizes[m as usize]);
        let (least, most) = loads.fold((i64::MAX, i64::MIN), |(lo, hi), s| (lo.min(s), hi.max(s)));
        if most - least <= 1 {
            return 0;
        }
        balancer.initialize(&self.subscribers[t], &self.sizes);
        // The partitions grouped by owner, and each owner's run among them (end exclusive).
        let owners = &self.owners[t];
        // Sorted as `owner << 32 | partition`: plain integers, the sort all hot lists share.
        let mut keyed: Vec<u64> =
            (0..owners.len() as u32).map(|p| u64::from(owners[p as usize]) << 32 | u64::from(p)).collect();
        keyed.sort_unstable();
        let partitions: Vec<u32> = keyed.iter().map(|&k| k as u32).collect();
        let mut runs: VecMap<u32, (usize, usize)> = VecMap::new();
        for (i, &p) in partitions.iter().enumerate() {
            let run = runs.get_or_insert_with(owners[p as usize], || (i, i));
            run.1 = i + 1;
        }
        let mut moved = 0;
        while !balancer.is_balanced() {
            // The next most loaded subscriber with a partition of this topic left to give.
            let donor = loop {
                match balancer.next_most_loaded(&self.sizes) {
                    None => break None,
                    Some(m) if runs.get(&m).is_some_and(|&(start, end)| end > start) => break Some(m),
                    Some(_) => balancer.exclude_most_loaded(),
                }
            };
            let Some(donor) = donor else { break };
            let Some(run) = runs.get_mut(&donor) else { break };
            run.1 -= 1;
            let p = partitions[run.1] as usize;
            let receiver = balancer.next_least_loaded(&self.sizes);
            if balancer.is_balanced() {
                break;
            }
            self.assign_partition(t, p, receiver);
            moved += 1;
        }
        moved
    }
}

/// `MemberAssignmentBalancer`: one topic's subscribers sorted by load (then index), with a range
/// of least loaded members at the front and one of most loaded at the back, each widened a level
/// at a time as its members are used.
#[derive(Default)]
struct Balancer {
    sorted: Vec<u32>,
    least_end: usize,
    least_load: i64,
    next_least: usize,
    most_start: usize,
    most_end: usize,
    most_load: i64,
    /// The next most loaded member's place in `sorted`, `-1` when none is left.
    next_most: isize,
}

impl Balancer {
    /// Sorts `members` by load and starts both ranges empty.
    fn initialize(&mut self, members: &[u32], sizes: &[i64]) {
        // Sorted as `load << 32 | member`: plain integers (a load is at most the partition count).
        let mut keyed: Vec<u64> =
            members.iter().map(|&m| (sizes[m as usize] as u64) << 32 | u64::from(m)).collect();
        keyed.sort_unstable();
        self.sorted.clear();
        self.sorted.extend(keyed.iter().map(|&k| k as u32));
        let n = self.sorted.len();
        let (least, most) = (sizes[self.sorted[0] as usize], sizes[self.sorted[n - 1] as usize]);
        self.least_end = 0;
        self.least_load = least - 1;
        self.next_least = 0;
        self.most_start = n;
        self.most_end = n;
        self.most_load = most + 1;
        self.next_most = n as isize - 1;
    }

    fn next_least_loaded(&mut self, sizes: &[i64]) -> u32 {
        if self.next_least >= self.least_end {
            self.least_load += 1;
            while self.least_end < self.sorted.len()
                && sizes[self.sorted[self.least_end] as usize] == self.least_load
            {
                self.least_end += 1;
            }
            self.next_least = 0;
        }
        let m = self.sorted[self.next_least];
        self.next_least += 1;
        m
    }

    fn next_most_loaded(&mut self, sizes: &[i64]) -> Option<u32> {
        if self.next_most < self.most_start as isize {
            if self.most_end <= self.most_start && self.most_start > 0 {
                self.most_load = sizes[self.sorted[self.most_start - 1] as usize];
            } else {
                self.most_load -= 1;
            }
            while self.most_start > 0 && sizes[self.sorted[self.most_start - 1] as usize] == self.most_load {
                self.most_start -= 1;
            }
            self.next_most = self.most_end as isize - 1;
        }
        let place = usize::try_from(self.next_most).ok()?;
        self.next_most -= 1;
        Some(self.sorted[place])
    }

    /// Drops the member [`Balancer::next_most_loaded`] just gave from the most loaded range.
    fn exclude_most_loaded(&mut self) {
        let place = (self.next_most + 1) as usize;
        self.sorted.swap(place, self.most_end - 1);
        self.most_end -= 1;
    }

    fn is_balanced(&self) -> bool {
        self.most_load - self.least_load <= 1
    }
}
