//! OffsetCommit and OffsetFetch on the coordinator (`ClassicGroup.validateOffsetCommit`, reference §1.8).

use alloc::vec::Vec;

use super::coordinator::Ctx;
use super::{Group, GroupState};
use crate::assignor::TopicPartition;
use crate::event::SimEvent;
use crate::ids::ConsumerId;
use crate::protocol::{ErrorCode, Response};

impl Group {
    /// OffsetCommit: stores each offset if the commit is valid, and answers.
    pub(super) fn offset_commit(
        &mut self,
        conn: ConsumerId,
        member_id: &str,
        instance_id: Option<&str>,
        generation: i32,
        offsets: Vec<(TopicPartition, u64)>,
        cx: &mut Ctx<'_>,
    ) {
        let error = self.validate_commit(member_id, instance_id, generation);
        if error == ErrorCode::None {
            for (tp, offset) in &offsets {
                let previous = self.offsets.insert(tp.clone(), *offset);
                cx.fx.emit(SimEvent::Committed {
                    group: self.id.clone(),
                    consumer: conn,
                    partition: tp.clone(),
                    offset: *offset,
                    previous,
                });
            }
        } else {
            cx.fx.emit(SimEvent::CommitRejected { group: self.id.clone(), consumer: conn, error });
        }
        cx.fx.respond(conn, &self.id, Response::OffsetCommit { error, offsets });
    }

    /// OffsetFetch: the committed offset of each partition, `None` where there is none.
    pub(super) fn offset_fetch(
        &mut self,
        conn: ConsumerId,
        partitions: Vec<TopicPartition>,
        cx: &mut Ctx<'_>,
    ) {
        let offsets = partitions.into_iter().map(|tp| (tp.clone(), self.offsets.get(&tp).copied())).collect();
        cx.fx.respond(conn, &self.id, Response::OffsetFetch { offsets });
    }

    /// `ClassicGroup.validateOffsetCommit`.
    pub(super) fn validate_commit(
        &self,
        member_id: &str,
        instance_id: Option<&str>,
        generation: i32,
    ) -> ErrorCode {
        if self.state == GroupState::Dead {
            return ErrorCode::CoordinatorNotAvailable;
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
