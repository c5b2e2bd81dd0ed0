//! The one seeded random source, split into a child stream per component.
//!
//! The algorithm is fixed (PCG32 from `rand_pcg`, 64-bit state) so a seed gives the same draws on
//! every platform, 32-bit wasm included. Each component (a producer, a consumer, ...) draws from its
//! own stream, named by a stable `u64`, so adding a producer does not reshuffle anyone else's draws.

use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg32;

/// A deterministic random stream.
#[derive(Clone, Debug)]
pub struct SimRng(Pcg32);

impl SimRng {
    /// The stream for component `stream` of a world seeded with `seed`.
    pub fn new(seed: u64, stream: u64) -> Self {
        // PCG's increment selects one of 2^63 independent sequences; mix the seed so that nearby
        // seeds do not start at nearby states.
        let state = Pcg32::seed_from_u64(seed).next_u64();
        SimRng(Pcg32::new(state, stream))
    }

    /// A uniform draw from `0..n` (`n > 0`), by Lemire's widening multiply (no modulo bias worth
    /// caring about at these sizes, and no `usize` so 32- and 64-bit targets agree).
    pub fn below(&mut self, n: u32) -> u32 {
        debug_assert!(n > 0);
        ((u64::from(self.0.next_u32()) * u64::from(n)) >> 32) as u32
    }

    /// A raw 64-bit draw.
    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_and_stream_give_the_same_draws() {
        let mut a = SimRng::new(7, 1);
        let mut b = SimRng::new(7, 1);
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
    }

    #[test]
    fn streams_of_one_seed_differ() {
        let mut a = SimRng::new(7, 1);
        let mut b = SimRng::new(7, 2);
        assert_ne!(a.next_u64(), b.next_u64());
    }

    #[test]
    fn below_stays_in_range_and_reaches_every_value() {
        let mut r = SimRng::new(1, 0);
        let mut seen = [false; 6];
        for _ in 0..1000 {
            let v = r.below(6);
            seen[v as usize] = true;
        }
        assert!(seen.iter().all(|s| *s));
    }
}
