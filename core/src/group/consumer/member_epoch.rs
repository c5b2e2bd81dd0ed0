//! Whether a heartbeat's member epoch is one the coordinator accepts
//! (`GroupMetadataManager.throwIfConsumerGroupMemberEpochIsInvalid`, reference §3.3).

use alloc::format;

use crate::assignor::TopicPartition;

use super::error::HeartbeatError;
use super::reconcile::{EpochedPartitions, MemberAssignment};

/// Epoch 0 (re)joins and is always accepted; the member's own epoch is; so is its previous one
/// when the heartbeat owns only what it is assigned now (the response that moved it on was
/// lost). Anything else is FENCED_MEMBER_EPOCH.
pub fn check_member_epoch(
    member: &MemberAssignment,
    received: i32,
    owned: Option<&[TopicPartition]>,
) -> Result<(), HeartbeatError> {
    let known = member.member_epoch;
    if received == 0 || received == known {
        return Ok(());
    }
    if received > known {
        return Err(HeartbeatError::FencedMemberEpoch {
            message: format!(
                "The consumer group member has a greater member epoch ({received}) than the one known by the group coordinator ({known}). The member must abandon all its partitions and rejoin."
            ),
        });
    }
    if received == member.previous_member_epoch && is_subset(owned, &member.assigned) {
        return Ok(());
    }
    Err(HeartbeatError::FencedMemberEpoch {
        message: format!(
            "The consumer group member has a smaller member epoch ({received}) than the one known by the group coordinator ({known}). The member must abandon all its partitions and rejoin."
        ),
    })
}

/// `isSubset`: every owned partition is assigned (a heartbeat that left `owned` out is not).
fn is_subset(owned: Option<&[TopicPartition]>, assigned: &EpochedPartitions) -> bool {
    let Some(owned) = owned else { return false };
    owned.iter().all(|tp| assigned.get(tp.topic.as_str()).is_some_and(|ps| ps.contains_key(&tp.partition)))
}
