//! The classic group's states and the transitions Kafka allows (`ClassicGroupState.java`,
//! reference §1.1).

use core::fmt;

use serde::{Deserialize, Serialize};

/// A classic group's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum GroupState {
    /// No members (offsets may remain).
    Empty,
    /// Waiting for members to (re)join.
    PreparingRebalance,
    /// Joined; waiting for the leader's assignment in SyncGroup.
    CompletingRebalance,
    /// Assignment in place; members heartbeat.
    Stable,
    /// Removed.
    Dead,
}

impl GroupState {
    /// Whether Kafka allows `self → to` (the static block of valid previous states).
    pub fn can_transition_to(self, to: GroupState) -> bool {
        use GroupState::*;
        match to {
            Empty => self == PreparingRebalance,
            PreparingRebalance => matches!(self, Stable | CompletingRebalance | Empty),
            CompletingRebalance => self == PreparingRebalance,
            Stable => self == CompletingRebalance,
            Dead => true,
        }
    }

    /// `canRebalance()`: a rebalance may start from here.
    pub fn can_rebalance(self) -> bool {
        self.can_transition_to(GroupState::PreparingRebalance)
    }

    /// What the state means, in words for a tooltip (close to Redpanda Console's wording).
    pub fn meaning(self) -> &'static str {
        match self {
            GroupState::Empty => "The group has no members. Its committed offsets are kept.",
            GroupState::PreparingRebalance => {
                "A rebalance has started: the coordinator waits for every member to rejoin."
            }
            GroupState::CompletingRebalance => {
                "Every member has rejoined; the coordinator waits for the leader's assignment."
            }
            GroupState::Stable => "Every member has its partitions and is consuming.",
            GroupState::Dead => "The group has no members and no offsets: it is being removed.",
        }
    }
}

impl fmt::Display for GroupState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::GroupState::{self, *};

    const ALL: [GroupState; 5] = [Empty, PreparingRebalance, CompletingRebalance, Stable, Dead];

    /// Kafka: `ClassicGroupState` static block. Exactly these 11 of the 25 pairs are allowed.
    #[test]
    fn only_kafkas_transitions_are_allowed() {
        let allowed: alloc::vec::Vec<(GroupState, GroupState)> = ALL
            .iter()
            .flat_map(|&a| ALL.iter().map(move |&b| (a, b)))
            .filter(|(a, b)| a.can_transition_to(*b))
            .collect();
        assert_eq!(
            allowed,
            [
                (Empty, PreparingRebalance),
                (Empty, Dead),
                (PreparingRebalance, Empty),
                (PreparingRebalance, CompletingRebalance),
                (PreparingRebalance, Dead),
                (CompletingRebalance, PreparingRebalance),
                (CompletingRebalance, Stable),
                (CompletingRebalance, Dead),
                (Stable, PreparingRebalance),
                (Stable, Dead),
                (Dead, Dead),
            ]
        );
    }

    #[test]
    fn a_rebalance_can_start_from_stable_completing_or_empty() {
        assert_eq!(ALL.iter().filter(|s| s.can_rebalance()).count(), 3);
        assert!(!PreparingRebalance.can_rebalance());
    }
}
