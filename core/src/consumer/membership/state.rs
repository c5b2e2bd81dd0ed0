//! The KIP-848 client's states (`clients/.../consumer/internals/MemberState.java`, reference
//! §3.5), and which state each may follow.

use core::fmt;

/// Where a consumer-protocol member is, as its client sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MemberState {
    /// Not subscribed: no heartbeats (the first state).
    Unsubscribed,
    /// Heartbeating with epoch 0 until the coordinator answers with an epoch.
    Joining,
    /// A new assignment is being taken in: commit, revoke, assign.
    Reconciling,
    /// Reconciled: the next heartbeat, sent at once, tells the coordinator.
    Acknowledging,
    /// In the group with everything it was given.
    Stable,
    /// Fenced (UNKNOWN_MEMBER_ID, FENCED_MEMBER_EPOCH): its partitions are lost, then it rejoins.
    Fenced,
    /// About to leave: releasing its partitions first.
    PrepareLeaving,
    /// Sending the leave heartbeat (epoch -1, or -2 for a static member).
    Leaving,
    /// An error it cannot recover from: nothing more is sent.
    Fatal,
    /// Its poll timer (`max.poll.interval.ms`) expired: it left, lost its partitions, and rejoins
    /// on the next `poll()`.
    Stale,
}

use MemberState::*;

impl MemberState {
    /// Kafka's name.
    pub fn name(self) -> &'static str {
        match self {
            Unsubscribed => "UNSUBSCRIBED",
            Joining => "JOINING",
            Reconciling => "RECONCILING",
            Acknowledging => "ACKNOWLEDGING",
            Stable => "STABLE",
            Fenced => "FENCED",
            PrepareLeaving => "PREPARE_LEAVING",
            Leaving => "LEAVING",
            Fatal => "FATAL",
            Stale => "STALE",
        }
    }

    /// The states this one may follow (`MemberState`'s static block).
    pub fn previous_valid(self) -> &'static [MemberState] {
        match self {
            Stable => &[Joining, Acknowledging, Reconciling],
            Reconciling => &[Stable, Joining, Acknowledging, Reconciling],
            Acknowledging => &[Reconciling],
            Fatal => &[Joining, Stable, Reconciling, Acknowledging, PrepareLeaving, Leaving, Unsubscribed],
            Fenced => &[Joining, Stable, Reconciling, Acknowledging, PrepareLeaving, Leaving],
            Joining => &[Fenced, Unsubscribed, Stale],
            PrepareLeaving => &[Joining, Stable, Reconciling, Acknowledging, Unsubscribed],
            Leaving => &[PrepareLeaving],
            Unsubscribed => &[PrepareLeaving, Leaving, Fenced],
            Stale => &[Leaving],
        }
    }

    /// `canHandleNewAssignment`: a state RECONCILING may follow.
    pub fn can_handle_new_assignment(self) -> bool {
        Reconciling.previous_valid().contains(&self)
    }

    /// `isNotInGroup` (also when heartbeats are skipped).
    pub fn is_not_in_group(self) -> bool {
        matches!(self, Unsubscribed | Fenced | Fatal | Stale)
    }

    /// `shouldHeartbeatNow`: without waiting for the interval.
    pub fn heartbeats_now(self) -> bool {
        matches!(self, Acknowledging | Leaving | Joining)
    }
}

impl fmt::Display for MemberState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
