//! `StickyAssignor` and `CooperativeStickyAssignor` (reference §4.3,
//! `clients/.../consumer/internals/AbstractStickyAssignor.java`, non-rack path).
//!
//! Balance first, then stickiness. Partitions are numbered densely (topics in name order, then
//! partition) so the 1M-partition case works on `u32`s, and turned back into names at the end.
//!
//! Deterministic choices where Java iterates a `HashMap` (reference §9.1): members are visited in
//! member-id order when their owned partitions are kept, and ties between equally loaded members
//! go to the smaller member id. A few tie cases (S4) therefore differ from Java's output while
//! staying valid, balanced and sticky; `docs/decisions.md` lists them.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use super::loads::Loads;
use super::{Assignment, MemberSubscription, TopicPartition, position};
use crate::sort::{sort, sort_by};
use crate::vec_map::{VecMap, VecSet};

/// The sticky result before the cooperative adjustment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StickyOutcome {
    /// Partitions per member id.
    pub assignment: Assignment,
    /// `partitionsTransferringOwnership`: partitions given to a new owner (the value) while
    /// another member still owns them. `None` when the general builder ran, as in Java.
    pub transferring: Option<VecMap<TopicPartition, String>>,
}

/// `StickyAssignor` (`sticky`).
pub fn sticky(topics: &VecMap<String, u32>, members: &[MemberSubscription]) -> StickyOutcome {
    Problem::new(topics, members).solve()
}

/// `CooperativeStickyAssignor` (`cooperative-sticky`): the sticky result minus every partition
/// that changes owner this round (`adjustAssignment`). The old owner revokes it and rejoins; the
/// follow-up rebalance hands it over (KIP-429, reference §2.2).
pub fn cooperative_sticky(topics: &VecMap<String, u32>, members: &[MemberSubscription]) -> Assignment {
    let problem = Problem::new(topics, members);
    let (mut lists, transferring) = problem.lists();
    let deferred: Vec<(u32, u32)> = match transferring {
        Some(t) => t,
        // General builder: Java computes added ∩ revoked instead.
        None => problem.added_and_revoked(&lists),
    };
    for (g, to) in deferred {
        lists[to as usize].retain(|&p| p != g);
    }
    problem.named(lists)
}

const NONE: u32 = u32::MAX;

/// Partition lists per member (dense numbers), and `(partition, new owner)` transfers when known.
type Lists = (Vec<Vec<u32>>, Option<Vec<(u32, u32)>>);

/// The input, interned: members sorted by id, topics as indices, partitions as dense numbers.
struct Problem<'a> {
    members: Vec<&'a MemberSubscription>,
    /// Subscribed existing topics with partitions, in name order.
    names: Vec<&'a str>,
    /// `base[t]` is topic `t`'s first partition number; `base[names.len()]` is the total.
    base: Vec<u32>,
    /// Each member's subscribed topics, sorted.
    subs: Vec<Vec<u32>>,
    /// Each member's valid owned partitions: existing, subscribed, sorted, deduplicated.
    owned: Vec<Vec<u32>>,
    /// The member that keeps each partition from its owned list, after generation checks.
    kept: Vec<u32>,
    /// Partitions claimed by two members of the same generation (`partitionsWithMultiplePreviousOwners`).
    multi: Vec<bool>,
}

impl<'a> Problem<'a> {
    fn new(topics: &'a VecMap<String, u32>, members: &'a [MemberSubscription]) -> Self {
        let mut sorted: Vec<&MemberSubscription> = members.iter().collect();
        sort_by(&mut sorted, |a, b| a.member_id.cmp(&b.member_id));
        // Existing topics with partitions, in name order; each member's topics as their indices.
        let existing: Vec<(&str, u32)> = topics
            .iter()
            .filter(|&(_, &count)| count > 0)
            .map(|(name, &count)| (name.as_str(), count))
            .collect();
        let existing_names: Vec<&str> = existing.iter().map(|&(name, _)| name).collect();
        let mut wanted = vec![false; existing.len()];
        let mut subs: Vec<Vec<u32>> = Vec::with_capacity(sorted.len());
        for m in &sorted {
            let mut next = 0;
            let mut s = Vec::with_capacity(m.topics.len());
            for t in &m.topics {
                if let Some(i) = position(&existing_names, t, &mut next) {
                    wanted[i] = true;
                    s.push(i as u32);
                }
            }
            subs.push(s);
        }
        // The subscribed ones are the topics, renumbered.
        let mut renumbered = vec![NONE; existing.len()];
        let mut names = Vec::new();
        let mut base = vec![0u32];
        for (i, &(name, count)) in existing.iter().enumerate() {
            if wanted[i] {
                renumbered[i] = names.len() as u32;
                names.push(name);
                base.push(base[base.len() - 1] + count);
            }
        }
        for s in &mut subs {
            for t in s.iter_mut() {
                *t = renumbered[*t as usize];
            }
            s.sort_unstable();
            s.dedup();
        }
        let total = base[names.len()] as usize;
        let mut problem = Problem {
            members: sorted,
            names,
            base,
            subs,
            owned: Vec::new(),
            kept: vec![NONE; total],
            multi: vec![false; total],
        };
        problem.owned = (0..problem.members.len()).map(|m| problem.valid_owned(m)).collect();
        problem.resolve_owners();
        problem
    }

    fn total(&self) -> u32 {
        self.base[self.names.len()]
    }

    fn topic_of(&self, g: u32) -> u32 {
        (self.base.partition_point(|&b| b <= g) - 1) as u32
    }

    /// The dense number of `tp`; `hint` is the topic found last, tried first since owned lists
    /// come grouped by topic.
    fn index(&self, tp: &TopicPartition, hint: &mut usize) -> Option<u32> {
        if self.names.get(*hint) != Some(&tp.topic.as_str()) {
            *hint = self.names.binary_search(&tp.topic.as_str()).ok()?;
        }
        let t = *hint;
        let g = self.base[t] + tp.partition;
        (g < self.base[t + 1]).then_some(g)
    }

    fn subscribes(&self, m: usize, t: u32) -> bool {
        self.subs[m].binary_search(&t).is_ok()
    }

    /// The valid owned partitions of member `m`: existing, subscribed, sorted, deduplicated.
    fn valid_owned(&self, m: usize) -> Vec<u32> {
        let mut hint = 0;
        let mut owned: Vec<u32> = self.members[m]
            .owned
            .iter()
            .filter_map(|tp| Some((self.index(tp, &mut hint)?, hint as u32)))
            .filter(|&(_, t)| self.subscribes(m, t))
            .map(|(g, _)| g)
            .collect();
        owned.sort_unstable();
        owned.dedup();
        owned
    }

    /// Generation handling: the highest generation keeps a contested partition; two claimants of
    /// the same generation both lose it (reference §4.3, `allSubscriptionsEqual`).
    fn resolve_owners(&mut self) {
        let mut claim_gen = vec![i32::MIN; self.kept.len()];
        let mut claimant = vec![NONE; self.kept.len()];
        for m in 0..self.members.len() {
            let generation = self.members[m].generation.unwrap_or(-1);
            for &g in &self.owned[m] {
                let i = g as usize;
                if claimant[i] == NONE {
                    self.kept[i] = m as u32;
                } else if claim_gen[i] == generation {
                    self.multi[i] = true;
                    self.kept[i] = NONE;
                } else if generation > claim_gen[i] {
                    self.kept[i] = m as u32;
                } else {
                    continue;
                }
                claimant[i] = m as u32;
                claim_gen[i] = generation;
            }
        }
    }

    /// The partitions member `m` keeps, sorted by (partition, topic) as `assignOwnedPartitions` does.
    fn keeps(&self, m: usize) -> Vec<u32> {
        // `owned` is ascending, so topics come in runs: walk them instead of searching.
        let mut t = 0usize;
        let mut keyed: Vec<(u32, u32, u32)> = Vec::new();
        for &g in &self.owned[m] {
            if self.kept[g as usize] != m as u32 || self.multi[g as usize] {
                continue;
            }
            while g >= self.base[t + 1] {
                t += 1;
            }
            keyed.push((g - self.base[t], t as u32, g));
        }
        sort(&mut keyed);
        keyed.into_iter().map(|(_, _, g)| g).collect()
    }

    fn solve(&self) -> StickyOutcome {
        let (lists, transferring) = self.lists();
        let transferring = transferring.map(|t| {
            t.into_iter().map(|(g, m)| (self.tp(g), self.members[m as usize].member_id.clone())).collect()
        });
        StickyOutcome { assignment: self.named(lists), transferring }
    }

    /// Each member's partitions, plus the transfers when the constrained builder ran.
    fn lists(&self) -> Lists {
        if self.members.is_empty() {
            return (Vec::new(), Some(Vec::new()));
        }
        if self.subs.iter().all(|s| *s == self.subs[0]) {
            let (lists, transferring) = self.constrained();
            (lists, Some(transferring))
        } else {
            (self.general(), None)
        }
    }

    fn tp(&self, g: u32) -> TopicPartition {
        let t = self.topic_of(g) as usize;
        TopicPartition::new(self.names[t], g - self.base[t])
    }

    fn named(&self, lists: Vec<Vec<u32>>) -> Assignment {
        let names: Vec<String> = self.names.iter().map(|n| String::from(*n)).collect();
        let mut topic = 0usize;
        let mut name_of = |g: u32| {
            // Lists are mostly ascending; walk from the last topic before searching.
            if !(self.base[topic] <= g && g < self.base[topic + 1]) {
                topic = self.topic_of(g) as usize;
            }
            TopicPartition { topic: names[topic].clone(), partition: g - self.base[topic] }
        };
        self.members
            .iter()
            .zip(lists)
            .map(|(m, list)| (m.member_id.clone(), list.into_iter().map(&mut name_of).collect()))
            .collect()
    }

    /// `ConstrainedAssignmentBuilder`: every member subscribes to the same topics (reference §4.3).
    fn constrained(&self) -> (Vec<Vec<u32>>, Vec<(u32, u32)>) {
        let n = self.members.len() as u32;
        let total = self.total();
        let (min_quota, max_quota) = (total / n, total.div_ceil(n));
        let expected_over = total % n;
        let mut over = 0u32;
        let mut lists: Vec<Vec<u32>> = vec![Vec::new(); n as usize];
        let mut owner = vec![NONE; total as usize];
        let mut maybe_revoked = vec![NONE; total as usize];
        let mut under: Vec<u32> = Vec::new();
        let mut exactly_min: VecSet<u32> = VecSet::new();

        for m in 0..n {
            let owned = self.keeps(m as usize);
            let keep = if (owned.len() as u32) < min_quota {
                under.push(m);
                owned.len()
            } else if owned.len() as u32 >= max_quota && over < expected_over {
                over += 1;
                if over == expected_over {
                    exactly_min.clear();
                }
                max_quota as usize
            } else {
                if over < expected_over {
                    exactly_min.insert(m);
                }
                min_quota as usize
            };
            for &g in &owned[keep..] {
                maybe_revoked[g as usize] = m;
            }
            for &g in &owned[..keep] {
                owner[g as usize] = m;
            }
            lists[m as usize] = owned[..keep].to_vec();
        }

        let mut transferring = Vec::new();
        let mut next = 0usize; // the round-robin iterator over `under`
        for g in 0..total {
            if owner[g as usize] != NONE {
                continue;
            }
            let m = if next < under.len() {
                next += 1;
                under[next - 1]
            } else if under.is_empty() {
                match exactly_min.pop_first() {
                    Some(m) => m,
                    None => least_loaded(&lists),
                }
            } else {
                next = 1;
                under[0]
            };
            lists[m as usize].push(g);
            owner[g as usize] = m;
            let previous = maybe_revoked[g as usize];
            if (previous != NONE && previous != m) || self.multi[g as usize] {
                transferring.push((g, m));
            }
            // A member reaching minQuota leaves the round-robin; reaching maxQuota only counts in
            // Java, for a log line.
            let count = lists[m as usize].len() as u32;
            if count == min_quota && next > 0 && under.get(next - 1) == Some(&m) {
                next -= 1;
                under.remove(next);
                exactly_min.insert(m);
            }
        }
        (lists, transferring)
    }

    /// `GeneralAssignmentBuilder`, in spirit: keep the valid owned partitions, give each free
    /// partition to the least-loaded subscriber (topics with the fewest subscribers first, as
    /// Java orders them), then move partitions from a holder to a subscriber with 2+ fewer until
    /// no such pair is left, which is Kafka's balance condition.
    fn general(&self) -> Vec<Vec<u32>> {
        let n = self.members.len();
        let total = self.total();
        let topics = self.names.len();
        // Members with the same subscription share one load order.
        let mut class_of_subs: VecMap<&[u32], usize> = VecMap::new();
        let class: Vec<usize> = self
            .subs
            .iter()
            .map(|s| {
                let next = class_of_subs.len();
                *class_of_subs.get_or_insert_with(s.as_slice(), || next)
            })
            .collect();
        let mut by_load = Loads::new(class, class_of_subs.len());
        let mut topic_classes: Vec<Vec<usize>> = vec![Vec::new(); topics];
        let mut subscribers = vec![0u32; topics];
        for (subs, &c) in &class_of_subs {
            for &t in *subs {
                topic_classes[t as usize].push(c);
            }
        }
        for s in &self.subs {
            for &t in s {
                subscribers[t as usize] += 1;
            }
        }

        let mut lists: Vec<Vec<u32>> = (0..n).map(|m| self.keeps(m)).collect();
        let mut owner = vec![NONE; total as usize];
        let mut sticky = vec![false; total as usize];
        for (m, list) in lists.iter().enumerate() {
            for &g in list {
                owner[g as usize] = m as u32;
                sticky[g as usize] = true;
            }
            by_load.set(m as u32, list.len() as u32);
        }
        let least =
            |by_load: &Loads, t: usize| topic_classes[t].iter().filter_map(|&c| by_load.least(c)).min();
        let give = |by_load: &mut Loads, lists: &mut [Vec<u32>], g: u32, m: u32| {
            by_load.set(m, lists[m as usize].len() as u32 + 1);
            lists[m as usize].push(g);
        };

        let mut order: Vec<usize> = (0..topics).collect();
        sort_by(&mut order, |&a, &b| (subscribers[a], a).cmp(&(subscribers[b], b)));
        for &t in &order {
            for g in self.base[t]..self.base[t + 1] {
                if owner[g as usize] == NONE
                    && let Some((_, m)) = least(&by_load, t)
                {
                    give(&mut by_load, &mut lists, g, m);
                    owner[g as usize] = m;
                }
            }
        }

        // Balance: each move goes from a load of a to b with a > b + 1, so Σ load² falls and the
        // loop ends.
        loop {
            let mut moved = false;
            for &t in &order {
                while let Some((low, to)) = least(&by_load, t) {
                    let from_range = self.base[t]..self.base[t + 1];
                    let Some(g) = from_range.max_by_key(|&g| {
                        let a = owner[g as usize];
                        (lists[a as usize].len(), !sticky[g as usize], g)
                    }) else {
                        break;
                    };
                    let from = owner[g as usize];
                    let high = lists[from as usize].len() as u32;
                    if high <= low + 1 {
                        break;
                    }
                    by_load.set(from, high - 1);
                    lists[from as usize].retain(|&p| p != g);
                    give(&mut by_load, &mut lists, g, to);
                    owner[g as usize] = to;
                    moved = true;
                }
            }
            if !moved {
                return lists;
            }
        }
    }

    /// For the general builder: partitions newly given to a member while another member still
    /// lists them as owned (`added ∩ revoked`), with their new owner.
    fn added_and_revoked(&self, lists: &[Vec<u32>]) -> Vec<(u32, u32)> {
        let owned = &self.owned;
        let mut listed_by = vec![0u32; self.total() as usize];
        for list in owned {
            for &g in list {
                listed_by[g as usize] += 1;
            }
        }
        let mut deferred = Vec::new();
        for (m, list) in lists.iter().enumerate() {
            for &g in list {
                if listed_by[g as usize] > 0 && owned[m].binary_search(&g).is_err() {
                    deferred.push((g, m as u32));
                }
            }
        }
        deferred
    }
}

/// A fallback that Kafka reports as an error and that correct quotas never reach.
fn least_loaded(lists: &[Vec<u32>]) -> u32 {
    debug_assert!(false, "constrained builder ran out of unfilled members");
    (0..lists.len()).min_by_key(|&m| lists[m].len()).unwrap_or(0) as u32
}
