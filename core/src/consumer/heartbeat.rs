//! The heartbeat thread (`AbstractCoordinator.HeartbeatThread`, reference §1.5, §1.9).

use super::{Consumer, Life, MemberState};
use crate::effects::{Due, Effects};
use crate::event::SimEvent;
use crate::protocol::{LeaveReason, Request};
use crate::time::{Duration, Instant};

impl Consumer {
    /// Sends a heartbeat, or leaves the group if `poll()` has not run within `max.poll.interval.ms`.
    pub fn on_heartbeat(&mut self, now: Instant, fx: &mut Effects) {
        if self.life != Life::Running
            || !matches!(self.state, MemberState::CompletingRebalance | MemberState::Stable)
        {
            return;
        }
        if now - self.last_poll > Duration::from_millis(self.config.max_poll_interval_ms) {
            // handlePollTimeoutExpiry → maybeLeaveGroup: only dynamic members send LeaveGroup.
            // Static members send nothing; the coordinator only notices at the session timeout.
            fx.emit(SimEvent::PollTimeout { consumer: self.id });
            if !self.is_static() {
                let leave = Request::LeaveGroup {
                    member_id: self.member_id.clone(),
                    reason: LeaveReason::PollTimeout,
                };
                fx.request(self.id, self.group(), leave);
            }
            self.reset(true);
            self.next_heartbeat = None;
            return;
        }
        let request = Request::Heartbeat {
            member_id: self.member_id.clone(),
            instance_id: self.config.instance_id.clone(),
            generation: self.generation,
        };
        fx.request(self.id, self.group(), request);
        self.schedule_heartbeat(now, fx);
    }

    pub(super) fn schedule_heartbeat(&mut self, now: Instant, fx: &mut Effects) {
        let at = now + Duration::from_millis(self.config.heartbeat_interval_ms);
        self.next_heartbeat = Some(at);
        fx.set(Due::Heartbeat(self.id), at);
    }
}
