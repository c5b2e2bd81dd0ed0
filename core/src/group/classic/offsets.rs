//! OffsetCommit and OffsetFetch on the coordinator (`ClassicGroup.validateOffsetCommit`, reference §1.8).

use alloc::vec::Vec;

use super::coordinator::Ctx;
use super::{Group, GroupState};
use crate::assignor::TopicPartition;
use crate::effects::Due;
use crate::event::SimEvent;
use crate::ids::Conn;
use crate::protocol::ErrorCode;
use crate::time::Duration;

impl Group {
    /// OffsetCommit: stores each offset if the commit is valid, and answers.
    pub(super) fn offset_commit(
        &mut self,
        conn: Conn,
        member_id: &str,
        instance_id: Option<&str>,
        generation: i32,
        offsets: Vec<(TopicPartition, u64)>,
        cx: &mut Ctx<'_>,
    ) {
        let error = self.validate_commit(member_id, instance_id, generation);
        // `OffsetMetadataManager.commitOffset`: in the classic protocol a commit keeps the
        // member's session alive in Stable and PreparingRebalance (test
        // `testGenericGroupOffsetCommitMaintainsSession`).
        if error == ErrorCode::None
            && matches!(self.state, GroupState::Stable | GroupState::PreparingRebalance)
            && let Some(member) = self.member(member_id)
        {
            let due = Due::MemberExpiry { group: self.id.clone(), member: member_id.into() };
            cx.fx.set(due, cx.now + Duration::from_millis(member.session_timeout_ms));
        }
        crate::group::offsets::answer_commit(&self.id, &mut self.offsets, conn, error, offsets, cx.fx);
    }

    /// The retention check that will find this Empty group's offsets expired.
    pub(super) fn schedule_offsets_expiry(&mut self, cx: &mut Ctx<'_>) {
        let at = crate::group::offsets::expiry_at(self.state_since, cx.broker);
        cx.fx.set(Due::OffsetsExpiry(self.id.clone()), at);
    }

    /// The retention check: an Empty group's offsets are deleted, and the group with them
    /// (Empty → Dead).
    pub(super) fn expire_offsets(&mut self, cx: &mut Ctx<'_>) {
        if self.state != GroupState::Empty {
            return;
        }
        let partitions = self.offsets.len() as u32;
        self.offsets.clear();
        cx.fx.emit(SimEvent::OffsetsExpired {
            group: self.id.clone(),
            partitions,
            empty_since: self.state_since,
        });
        self.transition(GroupState::Dead, cx);
    }

    /// OffsetFetch: the committed offset of each partition, `None` where there is none.
    pub(super) fn offset_fetch(&mut self, conn: Conn, partitions: Vec<TopicPartition>, cx: &mut Ctx<'_>) {
        crate::group::offsets::answer_fetch(&self.id, &self.offsets, conn, partitions, cx.fx);
    }

    /// `ClassicGroup.validateOffsetCommit`.
    pub(super) fn validate_commit(
        &self,
        member_id: &str,
        instance_id: Option<&str>,
        generation: i32,
    ) -> ErrorCode {
        if self.state == GroupState::Dead {
            return ErrorCode::UnknownMemberId;
        }
        if generation < 0 && member_id.is_empty() && instance_id.is_none() {
            return if self.state == GroupState::Empty {
                ErrorCode::None
            } else {
                ErrorCode::UnknownMemberId
            };
        }
        if let Err(error) = self.validate_member(member_id, instance_id) {
            return error;
        }
        if generation != self.generation {
            return ErrorCode::IllegalGeneration;
        }
        if self.state == GroupState::CompletingRebalance {
            return ErrorCode::RebalanceInProgress;
        }
        ErrorCode::None
    }
}
