//! `close()` as a Kafka application reaches it: its loop checks for shutdown between polls, so
//! the records the last `poll()` returned are processed first (`KafkaConsumer`'s javadoc: with
//! auto-commit, "you must consume all data returned from each call to poll() before any
//! subsequent calls, or before closing the consumer", else records are missed). Then
//! `ConsumerCoordinator.close`: the auto-commit of every position (`maybeAutoCommitOffsetsSync`,
//! which fails during a rebalance), `onLeavePrepare` (partitions lost if the generation is reset
//! or a rebalance is in progress, else revoked), and LeaveGroup from a dynamic member
//! (`maybeLeaveGroup`). docs/decisions.md, "Close".

use super::{Consumer, Life, MemberState};
use crate::config::CommitMode;
use crate::effects::Effects;
use crate::event::SimEvent;
use crate::protocol::{LeaveReason, Request};
use crate::time::Instant;

impl Consumer {
    /// A person asks the application to shut down.
    pub fn close(&mut self, now: Instant, fx: &mut Effects) {
        if self.life != Life::Running || self.closing {
            return;
        }
        if self.batch.is_empty() {
            return self.finish_close(now, fx);
        }
        // Closes at its next poll(), once the batch is done (or, stalled, once it goes on).
        self.closing = true;
        fx.emit(SimEvent::CloseRequested { consumer: self.id, remaining: self.batch.len() as u32 });
    }

    /// `ConsumerCoordinator.close`, called between polls.
    pub(super) fn finish_close(&mut self, now: Instant, fx: &mut Effects) {
        if self.kip().is_some() {
            return self.kip848_close(now, fx);
        }
        if matches!(self.config.commit, CommitMode::Auto { .. }) {
            self.commit_positions(now, fx);
        }
        if !self.assignment.is_empty() {
            let partitions = self.assignment.keys().cloned().collect();
            let rebalancing =
                matches!(self.state, MemberState::PreparingRebalance | MemberState::CompletingRebalance);
            if self.generation < 0 || self.member_id.is_empty() || rebalancing {
                fx.emit(SimEvent::PartitionsLost { consumer: self.id, partitions });
            } else {
                fx.emit(SimEvent::PartitionsRevoked { consumer: self.id, partitions });
            }
        }
        let joined = self.state != MemberState::Unjoined && !self.member_id.is_empty();
        if !self.is_static() && self.coordinator_known && joined {
            let leave = Request::LeaveGroup { member_id: self.member_id.clone(), reason: LeaveReason::Close };
            self.send(now, leave, fx);
        }
        self.stop(Life::Closed, fx);
        fx.emit(SimEvent::ConsumerClosed { consumer: self.id });
    }
}
