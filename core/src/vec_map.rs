//! A map and a set kept as sorted vectors: binary search to find a key, elements shifted to
//! insert or remove one.
//!
//! Why not `BTreeMap`/`BTreeSet`: the standard tree's code is compiled once per key and value
//! type, and with about 25 of them it was about 70 KB of the page's wasm (before wasm-opt). A
//! sorted vector is a few small functions per type. The maps here are small (a group's members,
//! a consumer's partitions, a world's topics) or built in key order (an assignment), so the
//! shifting costs little. Iteration is in key order, as the tree's is, so nothing observable
//! changes. Only the operations the crate uses are here: each generic method is one more copy
//! per type in the download. Measured in `playground.wasm` as rustc writes it (twiggy): the
//! tree's functions went from 69,951 to 22,538 bytes (the agenda and the page's own maps keep
//! it), and this module adds 4,199.
//!
//! The world's agenda (`agenda.rs`) stays on `BTreeMap`: it is touched by every event, and on
//! these maps the virtual-hour benchmark ran 7% more instructions (31.9 G against 29.8 G,
//! cachegrind) and was no faster.

use alloc::vec::Vec;
use core::borrow::Borrow;
use core::fmt;

/// A map sorted by key, iterated in key order.
#[derive(Clone, PartialEq, Eq)]
pub struct VecMap<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> VecMap<K, V> {
    /// An empty map.
    pub const fn new() -> Self {
        VecMap { entries: Vec::new() }
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries in key order.
    pub fn iter(&self) -> Iter<'_, K, V> {
        Iter(self.entries.iter())
    }

    /// The keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &K> + ExactSizeIterator + Clone {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values in key order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator + Clone {
        self.entries.iter().map(|(_, v)| v)
    }

    /// The entries in key order, values mutably.
    pub fn iter_mut(&mut self) -> impl DoubleEndedIterator<Item = (&K, &mut V)> + ExactSizeIterator {
        self.entries.iter_mut().map(|(k, v)| (&*k, v))
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

impl<K: Ord, V> VecMap<K, V> {
    /// Where `key` is (`Ok`) or would go (`Err`).
    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.entries.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    /// The value of `key`.
    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &self.entries[i].1)
    }

    /// The stored key equal to `key`, and its value.
    pub fn get_key_value<Q: Ord + ?Sized>(&self, key: &Q) -> Option<(&K, &V)>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| (&self.entries[i].0, &self.entries[i].1))
    }

    /// The value of `key`, mutably.
    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &mut self.entries[i].1)
    }

    /// Whether `key` has a value.
    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    /// Sets the value of `key`, returning the one it replaces (the stored key stays).
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(core::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    /// The value of `key`, made by `make` first if there is none (`entry(key).or_insert_with`).
    pub fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        let i = match self.find(&key) {
            Ok(i) => i,
            Err(i) => {
                self.entries.insert(i, (key, make()));
                i
            }
        };
        &mut self.entries[i].1
    }

    /// Removes `key`, returning its value.
    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| self.entries.remove(i).1)
    }
}

impl<K, V> Default for VecMap<K, V> {
    fn default() -> Self {
        VecMap::new()
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for VecMap<K, V> {
    /// As `BTreeMap` prints: `{k: v, ...}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: Ord + Borrow<Q>, Q: Ord + ?Sized, V> core::ops::Index<&Q> for VecMap<K, V> {
    type Output = V;

    /// The value of `key`; panics if there is none.
    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("no entry found for key")
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for VecMap<K, V> {
    /// By insertion, so no sort is compiled for the key type: a later value for a key replaces
    /// an earlier one, as `BTreeMap`'s `collect()` does.
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Self {
        let mut map = VecMap::new();
        for (key, value) in pairs {
            map.insert(key, value);
        }
        map
    }
}

impl<K, V> IntoIterator for VecMap<K, V> {
    type Item = (K, V);
    type IntoIter = alloc::vec::IntoIter<(K, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a, K, V> IntoIterator for &'a VecMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// A [`VecMap`]'s entries in key order.
#[derive(Clone, Debug)]
pub struct Iter<'a, K, V>(core::slice::Iter<'a, (K, V)>);

impl<'a, K, V> Iterator for Iter<'a, K, V> {
    type Item = (&'a K, &'a V);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k, v))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<K, V> DoubleEndedIterator for Iter<'_, K, V> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|(k, v)| (k, v))
    }
}

impl<K, V> ExactSizeIterator for Iter<'_, K, V> {}

/// A set kept sorted, iterated in order.
#[derive(Clone, PartialEq, Eq)]
pub struct VecSet<T> {
    items: Vec<T>,
}

impl<T> VecSet<T> {
    /// An empty set.
    pub const fn new() -> Self {
        VecSet { items: Vec::new() }
    }

    /// The number of items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are no items.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The items in order.
    pub fn iter(&self) -> core::slice::Iter<'_, T> {
        self.items.iter()
    }
}

impl<T: Ord> VecSet<T> {
    /// Whether `item` is in the set.
    pub fn contains<Q: Ord + ?Sized>(&self, item: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.items.binary_search_by(|t| t.borrow().cmp(item)).is_ok()
    }

    /// Adds `item`; false if it was there already (which is kept).
    pub fn insert(&mut self, item: T) -> bool {
        match self.items.binary_search(&item) {
            Ok(_) => false,
            Err(i) => {
                self.items.insert(i, item);
                true
            }
        }
    }

    /// Removes `item`; false if it was not there.
    pub fn remove<Q: Ord + ?Sized>(&mut self, item: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        match self.items.binary_search_by(|t| t.borrow().cmp(item)) {
            Ok(i) => {
                self.items.remove(i);
                true
            }
            Err(_) => false,
        }
    }

    /// Removes and returns the smallest item.
    pub fn pop_first(&mut self) -> Option<T> {
        (!self.items.is_empty()).then(|| self.items.remove(0))
    }

    /// Removes every item.
    pub fn clear(&mut self) {
        self.items.clear();
    }
}

impl<T> Default for VecSet<T> {
    fn default() -> Self {
        VecSet::new()
    }
}

impl<T: fmt::Debug> fmt::Debug for VecSet<T> {
    /// As `BTreeSet` prints: `{a, b, ...}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<T: Ord> FromIterator<T> for VecSet<T> {
    /// By insertion, so no sort is compiled for the item type.
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut set = VecSet::new();
        for item in items {
            set.insert(item);
        }
        set
    }
}

impl<T> IntoIterator for VecSet<T> {
    type Item = T;
    type IntoIter = alloc::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a VecSet<T> {
    type Item = &'a T;
    type IntoIter = core::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::collections::{BTreeMap, BTreeSet};
    use alloc::format;
    use alloc::string::{String, ToString};

    /// Random inserts, removals and lookups give what the standard tree gives, in the same order.
    #[test]
    fn behaves_like_the_standard_tree() {
        let (mut map, mut tree) = (VecMap::new(), BTreeMap::new());
        let (mut set, mut tree_set) = (VecSet::new(), BTreeSet::new());
        let mut x = 1u64;
        for step in 0..3_000u32 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let key = ((x >> 33) % 64).to_string();
            match (x >> 20) % 5 {
                0 | 1 => assert_eq!(map.insert(key.clone(), step), tree.insert(key.clone(), step)),
                2 => assert_eq!(map.remove(key.as_str()), tree.remove(key.as_str())),
                3 => {
                    *map.get_or_insert_with(key.clone(), || step) += 1;
                    *tree.entry(key.clone()).or_insert(step) += 1;
                }
                _ => {
                    if let (Some(a), Some(b)) = (map.get_mut(key.as_str()), tree.get_mut(key.as_str())) {
                        *a += 2;
                        *b += 2;
                    }
                }
            }
            assert_eq!(map.get(key.as_str()), tree.get(key.as_str()));
            assert_eq!(map.contains_key(key.as_str()), tree.contains_key(key.as_str()));
            assert_eq!(set.insert(key.clone()), tree_set.insert(key.clone()));
            if step % 7 == 0 {
                assert_eq!(set.pop_first(), tree_set.pop_first());
            }
            assert_eq!(set.contains(key.as_str()), tree_set.contains(key.as_str()));
        }
        assert!(map.iter().eq(tree.iter()));
        assert!(map.keys().rev().eq(tree.keys().rev()));
        assert!(map.values().eq(tree.values()));
        assert_eq!((map.len(), format!("{map:?}")), (tree.len(), format!("{tree:?}")));
        assert!(set.iter().eq(tree_set.iter()));
        assert_eq!(format!("{set:?}"), format!("{tree_set:?}"));
        assert!(map.into_iter().eq(tree));
        set.clear();
        assert!(set.is_empty() && set.iter().next().is_none());
    }

    #[test]
    fn collecting_keeps_the_last_value_like_the_tree() {
        let pairs = [("b", 1), ("a", 2), ("b", 3)];
        let map: VecMap<&str, i32> = pairs.into_iter().collect();
        assert!(map.iter().eq(pairs.into_iter().collect::<BTreeMap<_, _>>().iter()));
        assert_eq!(map["b"], 3);
        let set: VecSet<String> = ["c", "a", "c"].into_iter().map(String::from).collect();
        assert_eq!(set.into_iter().collect::<Vec<_>>(), ["a", "c"]);
    }
}
