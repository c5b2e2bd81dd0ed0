//! How a member walks towards its target assignment: Kafka's `CurrentAssignmentBuilder`
//! (`group-coordinator/.../modern/consumer/CurrentAssignmentBuilder.java`, reference §3.4).
//!
//! A member first gives up what the target takes from it (it stays at its epoch, in
//! UNREVOKED_PARTITIONS, until its heartbeat no longer lists those partitions), and only then
//! moves to the target epoch and gets what the target adds, minus what another member still
//! holds (UNRELEASED_PARTITIONS until those are freed). Revoke before assign: a partition never
//! has two owners at one epoch.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::assignor::TopicPartition;
use crate::vec_map::{VecMap, VecSet};

/// A partition nobody holds (`currentPartitionEpoch` answers `-1`).
pub const NO_EPOCH: i32 = -1;

/// Where a member is in its reconciliation (`modern/MemberState.java`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MemberState {
    /// At the target epoch with all of its target (or nothing left to wait for).
    Stable,
    /// Must revoke partitions before it can move to the next epoch.
    UnrevokedPartitions,
    /// At the target epoch, waiting for partitions their previous owners have not released.
    UnreleasedPartitions,
    /// A state from a newer Kafka (a record this version cannot read).
    Unknown,
}

impl MemberState {
    /// Kafka's name for the state.
    pub fn name(self) -> &'static str {
        match self {
            MemberState::Stable => "STABLE",
            MemberState::UnrevokedPartitions => "UNREVOKED_PARTITIONS",
            MemberState::UnreleasedPartitions => "UNRELEASED_PARTITIONS",
            MemberState::Unknown => "UNKNOWN",
        }
    }
}

impl fmt::Display for MemberState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Partitions by topic, each with the epoch it was assigned at (KIP-1251's assignment epochs).
pub type EpochedPartitions = VecMap<String, VecMap<u32, i32>>;

/// The reconciliation part of a member (`ConsumerGroupMember`): its state, epochs, what it is
/// assigned and what it must still revoke.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberAssignment {
    /// Where it is in its reconciliation.
    pub state: MemberState,
    /// The epoch of the assignment it has reconciled to.
    pub member_epoch: i32,
    /// The epoch before (a heartbeat at this epoch is still accepted when the response that
    /// moved it was lost).
    pub previous_member_epoch: i32,
    /// What it is assigned.
    pub assigned: EpochedPartitions,
    /// What it must revoke before it moves on.
    pub pending_revocation: EpochedPartitions,
}

impl Default for MemberAssignment {
    /// A new member (`ConsumerGroupMember.Builder`'s defaults): epoch 0, previous -1, STABLE.
    fn default() -> Self {
        MemberAssignment {
            state: MemberState::Stable,
            member_epoch: 0,
            previous_member_epoch: -1,
            assigned: EpochedPartitions::default(),
            pending_revocation: EpochedPartitions::default(),
        }
    }
}

impl MemberAssignment {
    /// `isReconciledTo`: STABLE at the target epoch.
    pub fn is_reconciled_to(&self, target_epoch: i32) -> bool {
        self.state == MemberState::Stable && self.member_epoch == target_epoch
    }

    /// `updateMemberEpoch`: the previous epoch becomes the current one, even when they are equal.
    fn at_epoch(&self, epoch: i32, state: MemberState) -> MemberAssignment {
        MemberAssignment {
            state,
            member_epoch: epoch,
            previous_member_epoch: self.member_epoch,
            ..self.clone()
        }
    }
}

/// What one reconciliation step is given besides the member.
pub struct Reconcile<'a> {
    /// The target assignment's epoch.
    pub target_epoch: i32,
    /// This member's part of the target assignment.
    pub target: &'a VecMap<String, Vec<u32>>,
    /// The topics it subscribes to (Kafka's names, with a resolved regex's topics added; the
    /// playground has no regex subscriptions). A topic not here has an empty target.
    pub subscribed: &'a [String],
    /// Its subscription changed in this heartbeat: unsubscribed topics go at once, even when the
    /// member is otherwise at the target epoch.
    pub subscription_changed: bool,
    /// What its heartbeat says it owns; `None` when the heartbeat left the field out (it then
    /// counts as still owning whatever it must revoke).
    pub owned: Option<&'a [TopicPartition]>,
    /// `currentPartitionEpoch`: the epoch of the member that holds a partition (assigned or
    /// pending revocation), or [`NO_EPOCH`].
    pub partition_epoch: &'a dyn Fn(&str, u32) -> i32,
}

impl fmt::Debug for Reconcile<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reconcile")
            .field("target_epoch", &self.target_epoch)
            .field("target", self.target)
            .field("subscribed", &self.subscribed)
            .field("subscription_changed", &self.subscription_changed)
            .field("owned", &self.owned)
            .finish_non_exhaustive()
    }
}

/// Why a member cannot be reconciled: it must be fenced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReconcileError {
    /// It is in a state this coordinator does not know and did not send an empty owned list.
    UnknownState,
}

impl fmt::Display for ReconcileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // `FencedMemberEpochException`'s message in `CurrentAssignmentBuilder.build`.
            ReconcileError::UnknownState => f.write_str(
                "The consumer group member is in a unknown state. The member must abandon all its partitions and rejoin.",
            ),
        }
    }
}

/// `CurrentAssignmentBuilder.build`: the member after one step towards `input`'s target.
pub fn reconcile(
    member: &MemberAssignment,
    input: &Reconcile<'_>,
) -> Result<MemberAssignment, ReconcileError> {
    Ok(match member.state {
        MemberState::Stable if member.member_epoch != input.target_epoch => {
            next_assignment(member, input, member.member_epoch)
        }
        MemberState::Stable if input.subscription_changed => drop_unsubscribed(member, input),
        MemberState::Stable => member.clone(),
        MemberState::UnrevokedPartitions => {
            if owns_any(input.owned, &member.pending_revocation) {
                if input.subscription_changed { drop_unsubscribed(member, input) } else { member.clone() }
            } else {
                // Since KAFKA-19974 (Kafka 4.2) the epoch is not bumped on leaving this state.
                next_assignment(member, input, member.member_epoch)
            }
        }
        MemberState::UnreleasedPartitions => next_assignment(member, input, member.member_epoch),
        MemberState::Unknown => match input.owned {
            Some([]) => next_assignment(member, input, input.target_epoch),
            _ => return Err(ReconcileError::UnknownState),
        },
    })
}

/// `ownsRevokedPartitions`: whether the heartbeat still lists one of `partitions` (an absent
/// list says nothing, so it does).
fn owns_any(owned: Option<&[TopicPartition]>, partitions: &EpochedPartitions) -> bool {
    let Some(owned) = owned else { return true };
    owned.iter().any(|tp| partitions.get(tp.topic.as_str()).is_some_and(|ps| ps.contains_key(&tp.partition)))
}

fn is_subscribed(input: &Reconcile<'_>, topic: &str) -> bool {
    input.subscribed.iter().any(|t| t == topic)
}

/// `updateCurrentAssignment`: the subscription changed while the member is otherwise where it
/// should be; only the topics it no longer subscribes to go, to pending revocation.
fn drop_unsubscribed(member: &MemberAssignment, input: &Reconcile<'_>) -> MemberAssignment {
    let (assigned, pending) = if input.subscribed.is_empty() && member.pending_revocation.is_empty() {
        // Kafka's shortcut for an empty subscription: everything goes. (Kafka tells "nothing
        // changed" by the map's identity; here an empty assignment is nothing to change.)
        if member.assigned.is_empty() {
            return member.clone();
        }
        (EpochedPartitions::default(), member.assigned.clone())
    } else {
        let gone: Vec<&String> = member.assigned.keys().filter(|t| !is_subscribed(input, t)).collect();
        if gone.is_empty() {
            return member.clone();
        }
        let mut assigned = member.assigned.clone();
        let mut pending = member.pending_revocation.clone();
        for topic in gone {
            if let Some(partitions) = assigned.remove(topic.as_str()) {
                let merged = pending.get_or_insert_with(topic.clone(), VecMap::default);
                for (p, epoch) in partitions {
                    merged.insert(p, epoch);
                }
            }
        }
        (assigned, pending)
    };
    if !pending.is_empty() && owns_any(input.owned, &pending) {
        let mut next = member.at_epoch(member.member_epoch, MemberState::UnrevokedPartitions);
        next.assigned = assigned;
        next.pending_revocation = pending;
        next
    } else {
        // Already revoked: the member keeps its state and only its assignment shrinks.
        let mut next = member.at_epoch(member.member_epoch, member.state);
        next.assigned = assigned;
        next
    }
}

/// `computeNextAssignment`: per topic, keep what the target keeps, revoke what it does not, and
/// add what it adds unless another member still holds it.
fn next_assignment(member: &MemberAssignment, input: &Reconcile<'_>, epoch: i32) -> MemberAssignment {
    let mut assigned = EpochedPartitions::default();
    let mut revoking = EpochedPartitions::default();
    let mut adding: VecMap<String, Vec<u32>> = VecMap::default();
    let mut unreleased = false;
    let topics: VecSet<&String> = input.target.keys().chain(member.assigned.keys()).collect();
    let none: Vec<u32> = Vec::new();
    let empty: VecMap<u32, i32> = VecMap::default();
    for &topic in topics.iter() {
        let target = if is_subscribed(input, topic) {
            input.target.get(topic.as_str()).unwrap_or(&none)
        } else {
            &none
        };
        let current = member.assigned.get(topic.as_str()).unwrap_or(&empty);
        // Kept partitions keep the epoch they were assigned at.
        let kept: VecMap<u32, i32> =
            current.iter().filter(|(p, _)| target.contains(p)).map(|(&p, &e)| (p, e)).collect();
        let gone: VecMap<u32, i32> =
            current.iter().filter(|(p, _)| !target.contains(p)).map(|(&p, &e)| (p, e)).collect();
        let own_revoking = member.pending_revocation.get(topic.as_str()).unwrap_or(&empty);
        let mut new: Vec<u32> = Vec::new();
        for &p in target.iter().filter(|p| !kept.contains_key(p)) {
            // Held by another member: it must release it first. What this member itself is
            // still revoking does not count (KAFKA-19449).
            if (input.partition_epoch)(topic, p) != NO_EPOCH && !own_revoking.contains_key(&p) {
                unreleased = true;
            } else {
                new.push(p);
            }
        }
        if !kept.is_empty() {
            assigned.insert(topic.clone(), kept);
        }
        if !gone.is_empty() {
            revoking.insert(topic.clone(), gone);
        }
        if !new.is_empty() {
            adding.insert(topic.clone(), new);
        }
    }
    if !revoking.is_empty() && owns_any(input.owned, &revoking) {
        let mut next = member.at_epoch(epoch, MemberState::UnrevokedPartitions);
        next.assigned = assigned;
        next.pending_revocation = revoking;
        return next;
    }
    // Nothing left to revoke (or the heartbeat shows it revoked already): on to the target epoch,
    // with the new partitions at once.
    for (topic, partitions) in adding {
        let at = assigned.get_or_insert_with(topic, VecMap::default);
        for p in partitions {
            at.insert(p, input.target_epoch);
        }
    }
    let state = if unreleased { MemberState::UnreleasedPartitions } else { MemberState::Stable };
    let mut next = member.at_epoch(input.target_epoch, state);
    next.assigned = assigned;
    next.pending_revocation = EpochedPartitions::default();
    next
}
