//! The world's agenda: every pending deadline, keyed by what it is for.
//!
//! Setting a key that is already scheduled moves it (a heartbeat pushing a session deadline);
//! entries due at the same instant run in the order they were scheduled, so the run is
//! deterministic without relying on any hash order.

use alloc::collections::BTreeMap;

use crate::time::Instant;

/// Deadlines keyed by `K`, earliest first.
#[derive(Clone, Debug)]
pub(crate) struct Agenda<K: Ord + Clone> {
    by_time: BTreeMap<(Instant, u64), K>,
    by_key: BTreeMap<K, (Instant, u64)>,
    seq: u64,
}

impl<K: Ord + Clone> Default for Agenda<K> {
    fn default() -> Self {
        Agenda { by_time: BTreeMap::new(), by_key: BTreeMap::new(), seq: 0 }
    }
}

impl<K: Ord + Clone> Agenda<K> {
    /// Schedules `key` at `at`, replacing any earlier schedule of the same key.
    pub fn set(&mut self, key: K, at: Instant) {
        self.seq += 1;
        let slot = (at, self.seq);
        // One lookup of the key: the new slot replaces the old one, whose entry by time goes.
        if let Some(old) = self.by_key.insert(key.clone(), slot) {
            self.by_time.remove(&old);
        }
        self.by_time.insert(slot, key);
    }

    /// Removes `key` if scheduled.
    pub fn cancel(&mut self, key: &K) {
        if let Some(slot) = self.by_key.remove(key) {
            self.by_time.remove(&slot);
        }
    }

    /// When `key` is due, if scheduled.
    pub fn deadline(&self, key: &K) -> Option<Instant> {
        self.by_key.get(key).map(|(at, _)| *at)
    }

    /// The earliest deadline.
    pub fn next_at(&self) -> Option<Instant> {
        self.by_time.keys().next().map(|(at, _)| *at)
    }

    /// Removes and returns the earliest entry if it is due at or before `until`.
    pub fn pop_due(&mut self, until: Instant) -> Option<(Instant, K)> {
        let (&(at, seq), _) = self.by_time.iter().next()?;
        if at > until {
            return None;
        }
        let key = self.by_time.remove(&(at, seq))?;
        self.by_key.remove(&key);
        Some((at, key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earliest_first_and_ties_in_scheduling_order() {
        let mut a = Agenda::default();
        a.set("late", Instant::from_millis(20));
        a.set("first", Instant::from_millis(10));
        a.set("second", Instant::from_millis(10));
        let until = Instant::from_millis(100);
        assert_eq!(a.pop_due(until).map(|e| e.1), Some("first"));
        assert_eq!(a.pop_due(until).map(|e| e.1), Some("second"));
        assert_eq!(a.pop_due(until).map(|e| e.1), Some("late"));
        assert_eq!(a.pop_due(until), None);
    }

    #[test]
    fn setting_a_key_again_moves_it() {
        let mut a = Agenda::default();
        a.set("session", Instant::from_millis(10));
        a.set("session", Instant::from_millis(50));
        assert_eq!(a.pop_due(Instant::from_millis(20)), None);
        assert_eq!(a.next_at(), Some(Instant::from_millis(50)));
        a.cancel(&"session");
        assert_eq!(a.next_at(), None);
    }
}
