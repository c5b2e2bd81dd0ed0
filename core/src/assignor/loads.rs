//! The general sticky builder's load order: per class of members (members with the same
//! subscription), the least loaded member, ties to the smaller member number.
//!
//! It was a sorted set of `(load, member)` per class. The builder changes one member's load by
//! one per partition it hands out (a million times in Kafka's large case), and in a sorted
//! vector that shifts the rest of the class each time; a tree keeps this `O(log n)`. Here each
//! class is a min-tree over its members, `(load, member)` packed in a `u64`: the least is the
//! root, a change walks one leaf up. One non-generic type, so little code in the page.

use alloc::vec;
use alloc::vec::Vec;

/// A padding leaf: never the least.
const EMPTY: u64 = u64::MAX;

pub(super) struct Loads {
    /// Per class, a complete binary tree in an array: node `i` is the least of `2i` and `2i + 1`,
    /// the leaves are the second half.
    trees: Vec<Vec<u64>>,
    /// Each member's class.
    class: Vec<usize>,
    /// Each member's leaf in its class's tree, counted from the first leaf.
    slot: Vec<usize>,
}

impl Loads {
    /// `class[m]` is member `m`'s class, below `classes`; every load starts unset.
    pub fn new(class: Vec<usize>, classes: usize) -> Self {
        let mut sizes = vec![0usize; classes];
        let slot = class
            .iter()
            .map(|&c| {
                sizes[c] += 1;
                sizes[c] - 1
            })
            .collect();
        let trees = sizes.iter().map(|&n| vec![EMPTY; 2 * n.next_power_of_two()]).collect();
        Loads { trees, class, slot }
    }

    /// Sets member `m`'s load.
    pub fn set(&mut self, m: u32, load: u32) {
        let tree = &mut self.trees[self.class[m as usize]];
        let mut i = tree.len() / 2 + self.slot[m as usize];
        tree[i] = (u64::from(load) << 32) | u64::from(m);
        while i > 1 {
            i /= 2;
            tree[i] = tree[2 * i].min(tree[2 * i + 1]);
        }
    }

    /// The least `(load, member)` of class `c`, if any of its members has a load.
    pub fn least(&self, c: usize) -> Option<(u32, u32)> {
        let root = self.trees[c][1];
        (root != EMPTY).then_some(((root >> 32) as u32, root as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::collections::BTreeSet;

    /// The same answers as the sorted sets it replaced, through random load changes.
    #[test]
    fn agrees_with_a_sorted_set_per_class() {
        let class = [0, 1, 0, 0, 2, 1, 0, 2, 0];
        let mut loads = Loads::new(class.to_vec(), 3);
        let mut sets = vec![BTreeSet::new(); 3];
        let mut now = vec![0u32; class.len()];
        for (m, &c) in class.iter().enumerate() {
            assert_eq!(loads.least(c), sets[c].first().copied());
            loads.set(m as u32, 0);
            sets[c].insert((0, m as u32));
        }
        let mut x = 7u64;
        for _ in 0..2_000 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let m = (x >> 33) as usize % class.len();
            let load = if (x >> 20) & 1 == 0 { now[m] + 1 } else { now[m].saturating_sub(1) };
            let c = class[m];
            sets[c].remove(&(now[m], m as u32));
            sets[c].insert((load, m as u32));
            now[m] = load;
            loads.set(m as u32, load);
            for (c, set) in sets.iter().enumerate() {
                assert_eq!(loads.least(c), set.first().copied());
            }
        }
    }
}
