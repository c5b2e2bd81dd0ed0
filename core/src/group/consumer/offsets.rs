//! Whether a consumer-protocol member's OffsetCommit or OffsetFetch is accepted
//! (`ConsumerGroup.validateOffsetCommit`, `createAssignmentEpochValidator`, `validateOffsetFetch`,
//! reference §3.1): commits carry the member epoch, and one from an epoch the partition was not
//! yet assigned at is STALE_MEMBER_EPOCH.

use alloc::format;
use alloc::string::String;
use core::fmt;

use crate::assignor::TopicPartition;

use super::group::ConsumerGroup;

/// A refused commit or fetch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OffsetError {
    /// 25 UNKNOWN_MEMBER_ID.
    UnknownMemberId {
        /// The member id sent.
        member_id: String,
        /// The group.
        group_id: String,
    },
    /// 113 STALE_MEMBER_EPOCH, with Kafka's message.
    StaleMemberEpoch {
        /// Kafka's message.
        message: String,
    },
}

impl OffsetError {
    /// Kafka's numeric error code.
    pub fn code(&self) -> i16 {
        match self {
            OffsetError::UnknownMemberId { .. } => 25,
            OffsetError::StaleMemberEpoch { .. } => 113,
        }
    }
}

impl fmt::Display for OffsetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OffsetError::UnknownMemberId { member_id, group_id } => {
                write!(f, "Member {member_id} is not a member of group {group_id}.")
            }
            OffsetError::StaleMemberEpoch { message } => f.write_str(message),
        }
    }
}

fn stale(message: String) -> OffsetError {
    OffsetError::StaleMemberEpoch { message }
}

impl ConsumerGroup {
    /// `validateOffsetCommit` for `partitions` committed by `member_id` at `member_epoch`: any
    /// negative epoch to an empty group is an admin's commit; the member's own epoch is accepted;
    /// a newer one is stale; an older one is accepted for each partition the member was assigned
    /// (or is revoking) at that epoch or before (KIP-1251), and one bad partition fails it all.
    pub fn validate_offset_commit(
        &self,
        member_id: &str,
        member_epoch: i32,
        partitions: &[TopicPartition],
    ) -> Result<(), OffsetError> {
        if member_epoch < 0 && self.members().next().is_none() {
            return Ok(());
        }
        let member = self.member(member_id).ok_or_else(|| OffsetError::UnknownMemberId {
            member_id: member_id.into(),
            group_id: self.group_id.clone(),
        })?;
        let current = member.assignment.member_epoch;
        if member_epoch == current {
            return Ok(());
        }
        if member_epoch > current {
            return Err(stale(format!(
                "Received member epoch {member_epoch} is newer than current member epoch {current}."
            )));
        }
        for tp in partitions {
            let at = |map: &super::reconcile::EpochedPartitions| {
                map.get(tp.topic.as_str()).and_then(|ps| ps.get(&tp.partition)).copied()
            };
            let assigned_at =
                at(&member.assignment.assigned).or_else(|| at(&member.assignment.pending_revocation));
            match assigned_at {
                None => {
                    return Err(stale(format!(
                        "Partition {}-{} is not assigned or pending revocation for member.",
                        tp.topic, tp.partition
                    )));
                }
                Some(epoch) if member_epoch < epoch => {
                    return Err(stale(format!(
                        "Received member epoch {member_epoch} is older than assignment epoch {epoch} for partition {}-{}.",
                        tp.topic, tp.partition
                    )));
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// `validateOffsetFetch`: a fetch without a member is an admin's; a member's must carry
    /// exactly its epoch.
    pub fn validate_offset_fetch(&self, member: Option<(&str, i32)>) -> Result<(), OffsetError> {
        let Some((member_id, member_epoch)) = member else { return Ok(()) };
        let m = self.member(member_id).ok_or_else(|| OffsetError::UnknownMemberId {
            member_id: member_id.into(),
            group_id: self.group_id.clone(),
        })?;
        let expected = m.assignment.member_epoch;
        if member_epoch != expected {
            return Err(stale(format!(
                "The received member epoch {member_epoch} does not match the expected member epoch {expected}."
            )));
        }
        Ok(())
    }
}
