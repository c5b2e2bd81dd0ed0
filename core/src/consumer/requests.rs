//! The client's side of a lost message (reference §1.9): every request waits for its answer
//! with a deadline (`request.timeout.ms`; JoinGroup `max(request.timeout.ms, rebalance timeout
//! + 5 s)`, `AbstractCoordinator.sendJoinGroupRequest`). A request past its deadline drops the
//! connection and fails every request on it (`NetworkClient.handleTimedOutRequests`); the
//! coordinator is then unknown until FindCoordinator answers (`markCoordinatorUnknown`,
//! `lookupCoordinator`), and what failed is tried again after `retry.backoff.ms`.

use alloc::string::String;

use super::{Consumer, InFlight, Life};
use crate::effects::{Due, Effects};
use crate::event::SimEvent;
use crate::net::Endpoint;
use crate::protocol::{Api, Request};
use crate::time::{Duration, Instant};

/// `AbstractCoordinator.JOIN_GROUP_TIMEOUT_LAPSE`: a JoinGroup may be held for the whole
/// rebalance timeout, so its deadline is that much longer.
pub const JOIN_GROUP_TIMEOUT_LAPSE_MS: u64 = 5_000;

impl Consumer {
    /// Sends a request and starts waiting for its answer.
    pub(super) fn send(&mut self, now: Instant, request: Request, fx: &mut Effects) {
        let timeout = match &request {
            Request::JoinGroup { rebalance_timeout_ms, .. } => {
                self.config.request_timeout_ms.max(rebalance_timeout_ms + JOIN_GROUP_TIMEOUT_LAPSE_MS)
            }
            _ => self.config.request_timeout_ms,
        };
        let deadline = now + Duration::from_millis(timeout);
        self.correlation = self.correlation.wrapping_add(1);
        let correlation = self.correlation;
        self.inflight.push_back(InFlight { correlation, api: request.api(), sent_at: now, deadline });
        fx.request(self.id, &self.config.group_id, request, correlation);
        self.arm_request_timer(fx);
    }

    /// Whether a request of `api` waits for its answer.
    pub(super) fn awaiting(&self, api: Api) -> bool {
        self.inflight.iter().any(|r| r.api == api)
    }

    /// A JoinGroup or SyncGroup is on its way: the join is in progress.
    pub(super) fn join_in_flight(&self) -> bool {
        self.awaiting(Api::JoinGroup) || self.awaiting(Api::SyncGroup)
    }

    /// The oldest request still waiting for its answer, its deadline and its whole timeout (for
    /// drawing).
    pub fn waiting_for(&self) -> Option<(Api, Instant, Duration)> {
        self.inflight.front().map(|r| (r.api, r.deadline, r.deadline - r.sent_at))
    }

    /// The answer with this correlation id arrived. False if no request waits for it (it
    /// failed with a dropped connection).
    pub(super) fn answered(&mut self, correlation: u32, fx: &mut Effects) -> bool {
        let Some(index) = self.inflight.iter().position(|r| r.correlation == correlation) else {
            return false;
        };
        self.inflight.remove(index);
        self.arm_request_timer(fx);
        true
    }

    /// Keeps the agenda's timer at the earliest deadline, touching it only when that changes
    /// (every heartbeat and commit passes through here).
    fn arm_request_timer(&mut self, fx: &mut Effects) {
        let earliest = self.inflight.iter().map(|r| r.deadline).min();
        if earliest == self.request_timer {
            return;
        }
        self.request_timer = earliest;
        match earliest {
            Some(at) => fx.set(Due::RequestTimeout(self.id), at),
            None => fx.cancel(Due::RequestTimeout(self.id)),
        }
    }

    /// A request reached `request.timeout.ms` without an answer.
    pub fn on_request_timeout(&mut self, now: Instant, fx: &mut Effects) {
        if self.life != Life::Running {
            return;
        }
        let Some(expired) = self.inflight.iter().find(|r| r.deadline <= now) else {
            self.request_timer = None; // it just fired
            return self.arm_request_timer(fx);
        };
        let timed_out = (expired.api, now - expired.sent_at);
        let reason = alloc::format!("{} request timed out", timed_out.0);
        self.disconnect(now, Some(timed_out), &reason, fx);
    }

    /// `markCoordinatorUnknown`: the client drops its connection to the coordinator, so every
    /// request still waiting fails (`DisconnectException`), and it will look the coordinator up
    /// again. `timed_out` names the request whose deadline passed, if that was the cause.
    pub(super) fn disconnect(
        &mut self,
        now: Instant,
        timed_out: Option<(Api, Duration)>,
        reason: &str,
        fx: &mut Effects,
    ) {
        let failed = core::mem::take(&mut self.inflight);
        self.epoch += 1;
        self.request_timer = None;
        fx.cancel(Due::RequestTimeout(self.id));
        if let Some((api, after)) = timed_out {
            let to = Endpoint::Broker(self.coordinator_broker);
            fx.emit(SimEvent::RequestTimedOut { consumer: self.id, api, to, after });
        }
        self.coordinator_known = false;
        let (reason, failed_count) = (String::from(reason), failed.len() as u32);
        fx.emit(SimEvent::CoordinatorUnknown { consumer: self.id, reason, failed: failed_count });
        let backoff = now + Duration::from_millis(self.config.retry_backoff_ms);
        for request in &failed {
            match request.api {
                // `joinGroupIfNeeded`: the join is tried again after the backoff.
                Api::JoinGroup | Api::SyncGroup => {
                    self.rejoin_needed = true;
                    self.join_not_before = backoff;
                }
                Api::FindCoordinator => self.find_not_before = backoff,
                // `Heartbeat.failHeartbeat`: the next heartbeat after the backoff.
                Api::Heartbeat if self.next_heartbeat.is_some() => self.next_heartbeat = Some(backoff),
                // `onFailure`: again after the backoff, with every field.
                Api::ConsumerGroupHeartbeat => self.heartbeat_failed(backoff),
                // The commit before a revocation failed: the revocation goes on.
                Api::OffsetCommit => self.commit_done(now, request.correlation, fx),
                // Missing positions are fetched again at the next poll; a lost commit is covered
                // by the next one; a LeaveGroup is sent once.
                _ => {}
            }
        }
        if self.heartbeat_thread_enabled() {
            fx.set(Due::Heartbeat(self.id), now);
        }
        if self.parked {
            self.parked = false;
            fx.set(Due::Wake(self.id), now);
        }
    }

    /// `lookupCoordinator`: one FindCoordinator at a time, not before the backoff.
    pub(super) fn find_coordinator(&mut self, now: Instant, fx: &mut Effects) {
        if self.coordinator_known || self.awaiting(Api::FindCoordinator) || now < self.find_not_before {
            return;
        }
        let key = self.config.group_id.clone();
        self.send(now, Request::FindCoordinator { key }, fx);
    }

    /// FindCoordinator answered: the coordinator is known again, and the client's session timer
    /// starts over (`FindCoordinatorResponseHandler`: `heartbeat.resetSessionTimeout()`).
    pub(super) fn coordinator_found(&mut self, now: Instant, broker: u32, fx: &mut Effects) {
        self.coordinator_known = true;
        self.coordinator_broker = broker;
        self.last_heartbeat_ok = now;
        fx.emit(SimEvent::CoordinatorFound { consumer: self.id, broker });
        if self.heartbeat_thread_enabled() {
            fx.set(Due::Heartbeat(self.id), now);
        }
    }
}
