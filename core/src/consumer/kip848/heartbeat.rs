//! When a consumer-protocol member heartbeats (`ConsumerHeartbeatRequestManager`): one
//! heartbeat in flight at most; the next at the interval the coordinator returned, or at once
//! while joining, acknowledging or leaving; none while it is not in the group. A refused
//! heartbeat is retried after `retry.backoff.ms`, fences the member, or is fatal, as
//! [`Membership::on_error`] says; a lost one sends every field again.
//!
//! [`Membership::on_error`]: crate::consumer::membership::Membership::on_error

use alloc::vec::Vec;

use crate::consumer::membership::HeartbeatFailure;
use crate::consumer::{Consumer, Life};
use crate::effects::{Due, Effects};
use crate::event::SimEvent;
use crate::group::consumer::{HeartbeatError, HeartbeatResponse};
use crate::protocol::{Api, ErrorCode, Request};
use crate::time::{Duration, Instant};

impl Consumer {
    /// One run of the heartbeat manager (the background thread's `poll`).
    pub(in crate::consumer) fn kip848_heartbeat(&mut self, now: Instant, fx: &mut Effects) {
        if self.life != Life::Running {
            return;
        }
        if !self.coordinator_known {
            self.find_coordinator(now, fx);
            return fx
                .set(Due::Heartbeat(self.id), now + Duration::from_millis(self.config.retry_backoff_ms));
        }
        if now >= self.poll_deadline() {
            self.kip848_poll_timeout(now, fx);
        }
        let in_flight = self.awaiting(Api::ConsumerGroupHeartbeat);
        let Some(k) = self.kip_mut() else { return };
        if !k.membership.skips_heartbeats()
            && !in_flight
            && (k.membership.state.heartbeats_now() || now >= k.next_heartbeat)
        {
            let request = k.membership.heartbeat();
            self.send(now, Request::ConsumerGroupHeartbeat(request), fx);
        }
        self.arm_kip848_heartbeat(now, fx);
    }

    /// Wakes the manager at its next check: the next heartbeat (not while one is in flight: its
    /// answer re-arms it) and the poll deadline.
    /// Out of the group (not joined yet, stale, fenced or failed) nothing is checked until the
    /// application's next `poll()`.
    pub(in crate::consumer) fn arm_kip848_heartbeat(&self, now: Instant, fx: &mut Effects) {
        let Some(k) = self.kip() else { return };
        let mut at = None;
        if !k.membership.skips_heartbeats() {
            if !self.awaiting(Api::ConsumerGroupHeartbeat) {
                at = Some(k.next_heartbeat.max(now));
            }
            let deadline = self.poll_deadline();
            if deadline > now {
                at = Some(at.map_or(deadline, |a: Instant| a.min(deadline)));
            }
        }
        match at {
            Some(at) => fx.set(Due::Heartbeat(self.id), at),
            None => fx.cancel(Due::Heartbeat(self.id)),
        }
    }

    /// The next heartbeat goes out now (`heartbeatNow`).
    pub(in crate::consumer) fn heartbeat_now(&mut self, now: Instant, fx: &mut Effects) {
        if let Some(k) = self.kip_mut() {
            k.next_heartbeat = now;
            fx.set(Due::Heartbeat(self.id), now);
        }
    }

    /// A ConsumerGroupHeartbeat answered.
    pub(in crate::consumer) fn kip848_answered(
        &mut self,
        now: Instant,
        result: Result<HeartbeatResponse, HeartbeatError>,
        fx: &mut Effects,
    ) {
        let backoff = now + Duration::from_millis(self.config.retry_backoff_ms);
        let Some(k) = self.kip_mut() else { return };
        match result {
            Ok(response) => {
                k.next_heartbeat = now + Duration::from_millis(response.heartbeat_interval_ms.into());
                k.membership.on_response(&response);
            }
            Err(error) => {
                k.next_heartbeat = backoff;
                match k.membership.on_error(error.code()) {
                    // The coordinator's own errors (not simulated here) and a leave answered late.
                    HeartbeatFailure::Retry => {}
                    HeartbeatFailure::Fenced { lost } => {
                        self.lose(lost, fx);
                        if let Some(k) = self.kip_mut() {
                            k.committing = None;
                            k.membership.released();
                            k.next_heartbeat = now;
                        }
                    }
                    HeartbeatFailure::Fatal { lost } => {
                        self.lose(lost, fx);
                        let error = error_code(&error);
                        self.stop(Life::Failed { error }, fx);
                        return fx.emit(SimEvent::ConsumerFailed { consumer: self.id, error });
                    }
                }
            }
        }
        self.arm_kip848_heartbeat(now, fx);
    }

    /// A heartbeat lost with its connection: the next one, with every field, after `at`.
    pub(in crate::consumer) fn heartbeat_failed(&mut self, at: Instant) {
        if let Some(k) = self.kip_mut() {
            k.membership.on_transport_failure();
            k.next_heartbeat = at;
        }
    }

    /// `onPartitionsLost`: the partitions go without a commit.
    pub(in crate::consumer) fn lose(&mut self, lost: Vec<crate::assignor::TopicPartition>, fx: &mut Effects) {
        self.assignment.clear();
        self.batch.clear();
        if !lost.is_empty() {
            fx.emit(SimEvent::PartitionsLost { consumer: self.id, partitions: lost });
        }
    }
}

/// The error code a failed consumer reports.
fn error_code(error: &HeartbeatError) -> ErrorCode {
    match error {
        HeartbeatError::FencedMemberEpoch { .. } => ErrorCode::FencedMemberEpoch,
        HeartbeatError::UnknownMemberId { .. } | HeartbeatError::UnknownInstanceId { .. } => {
            ErrorCode::UnknownMemberId
        }
        HeartbeatError::UnknownServerError { .. } => ErrorCode::UnknownServerError,
        HeartbeatError::UnreleasedInstanceId { .. } => ErrorCode::UnreleasedInstanceId,
        HeartbeatError::FencedInstanceId { .. } => ErrorCode::FencedInstanceId,
        HeartbeatError::InvalidRequest { .. } => ErrorCode::InvalidRequest,
        HeartbeatError::GroupIdNotFound { .. } => ErrorCode::GroupIdNotFound,
    }
}
