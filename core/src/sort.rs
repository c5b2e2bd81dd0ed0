//! Sorting through one copy of the sort code.
//!
//! Each element type (and each comparator closure) given to `sort_by`, and each key type
//! collected into a `BTreeMap` (whose `FromIterator` sorts), compiles its own copy of the
//! standard library's sort: several kilobytes of wasm each. With about twenty of them the sort
//! code was a tenth of the playground's download. Here one non-generic function sorts indices
//! and the elements are moved into place. Maps and sets are [`crate::vec_map`]'s, built by
//! insertion.
//!
//! The hot sorts of plain `u32` lists in the sticky assignor keep `sort_unstable`: one shared
//! copy, and no indirect call per comparison.

use alloc::vec::Vec;
use core::cmp::Ordering;

/// Sorts `v` by `cmp`, stably: equal elements keep their order.
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let n = u32::try_from(v.len()).expect("a list shorter than 2^32");
    let order = sorted_indices(n, &|a, b| cmp(&v[a as usize], &v[b as usize]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.into_iter().map(|i| slots[i as usize].take().expect("a permutation")));
}

/// Sorts `v` in its natural order, stably.
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
}

/// `0..n` ordered by `cmp`, ties broken by index (which makes the sort stable). The only
/// instantiation of the standard sort this module makes.
fn sorted_indices(n: u32, cmp: &dyn Fn(u32, u32) -> Ordering) -> Vec<u32> {
    let mut order: Vec<u32> = (0..n).collect();
    #[expect(clippy::disallowed_methods, reason = "the one place the standard sort is instantiated")]
    order.sort_unstable_by(|&a, &b| cmp(a, b).then(a.cmp(&b)));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn sorts_stably_by_the_comparator() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by(&mut v, |x, y| x.0.cmp(&y.0));
        assert_eq!(v, vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut w = vec![5u64, 0, 9, 2, 2];
        sort(&mut w);
        assert_eq!(w, vec![0, 2, 2, 5, 9]);
        let mut empty: Vec<u8> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
    }
}
