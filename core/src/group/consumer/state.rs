//! A consumer group's states (`ConsumerGroup.ConsumerGroupState`, `maybeUpdateGroupState`,
//! reference §3.3): what `kafka-consumer-groups.sh --describe --state` prints for it.

use core::fmt;

/// A consumer-protocol group's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ConsumerGroupState {
    /// No members (offsets may remain).
    Empty,
    /// The group epoch moved ahead of the target assignment's: a new target is due.
    Assigning,
    /// Some member is not yet STABLE at the target epoch.
    Reconciling,
    /// Every member has the target.
    Stable,
    /// Removed.
    Dead,
}

impl ConsumerGroupState {
    /// Kafka's name for it.
    pub fn name(self) -> &'static str {
        match self {
            ConsumerGroupState::Empty => "Empty",
            ConsumerGroupState::Assigning => "Assigning",
            ConsumerGroupState::Reconciling => "Reconciling",
            ConsumerGroupState::Stable => "Stable",
            ConsumerGroupState::Dead => "Dead",
        }
    }

    /// `maybeUpdateGroupState`: from the member count, the two epochs and whether every member is
    /// reconciled to the target epoch.
    pub fn of(members: usize, group_epoch: i32, assignment_epoch: i32, all_reconciled: bool) -> Self {
        if members == 0 {
            ConsumerGroupState::Empty
        } else if group_epoch > assignment_epoch {
            ConsumerGroupState::Assigning
        } else if !all_reconciled {
            ConsumerGroupState::Reconciling
        } else {
            ConsumerGroupState::Stable
        }
    }
}

impl fmt::Display for ConsumerGroupState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
