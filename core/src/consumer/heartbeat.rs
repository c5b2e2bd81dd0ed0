//! The heartbeat thread (`AbstractCoordinator.HeartbeatThread.run`, reference §1.5, §1.9). On
//! every loop, in this order: look the coordinator up if it is unknown; drop the connection if
//! no heartbeat was answered within `session.timeout.ms`; leave the group if `poll()` has not
//! run within `max.poll.interval.ms`; else heartbeat when due. Kafka's loop sleeps at most
//! `retry.backoff.ms` between checks; here it wakes exactly when the next check can change
//! something (a heartbeat due, the poll or session deadline), and every `retry.backoff.ms`
//! while the coordinator is unknown. So a stalled consumer leaves the moment its poll
//! deadline passes.

use super::{Consumer, Life, MemberState};
use crate::effects::{Due, Effects};
use crate::event::SimEvent;
use crate::protocol::{LeaveReason, Request};
use crate::time::{Duration, Instant};

impl Consumer {
    /// One loop of the heartbeat thread.
    pub fn on_heartbeat(&mut self, now: Instant, fx: &mut Effects) {
        if self.kip().is_some() {
            return self.kip848_heartbeat(now, fx);
        }
        if self.life != Life::Running || !self.heartbeat_thread_enabled() {
            return;
        }
        let backoff = Duration::from_millis(self.config.retry_backoff_ms);
        if !self.coordinator_known {
            self.find_coordinator(now, fx);
            return fx.set(Due::Heartbeat(self.id), now + backoff);
        }
        if now >= self.session_deadline() {
            let reason = "session timed out without receiving a heartbeat response";
            self.disconnect(now, None, reason, fx);
            return fx.set(Due::Heartbeat(self.id), now + backoff);
        }
        if now >= self.poll_deadline() {
            return self.poll_timeout(now, fx);
        }
        if self.next_heartbeat.is_some_and(|at| now >= at) {
            let request = Request::Heartbeat {
                member_id: self.member_id.clone(),
                instance_id: self.config.instance_id.clone(),
                generation: self.generation,
            };
            self.send(now, request, fx);
            self.next_heartbeat = Some(now + Duration::from_millis(self.config.heartbeat_interval_ms));
        }
        self.arm_heartbeat_thread(fx);
    }

    /// `handlePollTimeoutExpiry` → `maybeLeaveGroup`: only a dynamic member that knows its
    /// coordinator sends LeaveGroup; a static member sends nothing, and the coordinator only
    /// notices at the session timeout. Either way the generation and member id are reset.
    fn poll_timeout(&mut self, now: Instant, fx: &mut Effects) {
        fx.emit(SimEvent::PollTimeout { consumer: self.id });
        if !self.is_static() && self.coordinator_known && !self.member_id.is_empty() {
            let leave =
                Request::LeaveGroup { member_id: self.member_id.clone(), reason: LeaveReason::PollTimeout };
            self.send(now, leave, fx);
        }
        self.reset(true);
        self.next_heartbeat = None;
        fx.cancel(Due::Heartbeat(self.id));
    }

    /// Starts the thread (after a JoinGroup answer): the first heartbeat one interval from now,
    /// and the session and poll timers start over (`HeartbeatThread.enable` → `resetTimeouts`).
    pub(super) fn start_heartbeat_thread(&mut self, now: Instant, fx: &mut Effects) {
        self.next_heartbeat = Some(now + Duration::from_millis(self.config.heartbeat_interval_ms));
        self.last_heartbeat_ok = now;
        self.arm_heartbeat_thread(fx);
    }

    /// Wakes the thread at its next check: a heartbeat due, or the poll or session deadline.
    pub(super) fn arm_heartbeat_thread(&self, fx: &mut Effects) {
        let mut at = self.poll_deadline().min(self.session_deadline());
        if let Some(next) = self.next_heartbeat {
            at = at.min(next);
        }
        fx.set(Due::Heartbeat(self.id), at);
    }

    /// The heartbeat thread runs between the JoinGroup answer and the next rejoin.
    pub(super) fn heartbeat_thread_enabled(&self) -> bool {
        if let Some(k) = self.kip() {
            return !k.membership.skips_heartbeats();
        }
        matches!(self.state, MemberState::CompletingRebalance | MemberState::Stable)
    }

    /// When `max.poll.interval.ms` runs out unless the application polls.
    pub fn poll_deadline(&self) -> Instant {
        self.last_poll + Duration::from_millis(self.config.max_poll_interval_ms)
    }

    /// When the client gives up on its coordinator unless a heartbeat is answered.
    fn session_deadline(&self) -> Instant {
        self.last_heartbeat_ok + Duration::from_millis(self.config.session_timeout_ms)
    }
}
