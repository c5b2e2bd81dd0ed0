//! How a consumer-protocol member leaves: `close()` (commit, `onPartitionsRevoked` or, if it was
//! not in the group yet, `onPartitionsLost`, then the leave heartbeat: epoch -1, or -2 for a
//! static member, which keeps its place until its session times out), and the poll timer
//! (`max.poll.interval.ms` without a `poll()`: its partitions are lost, it sends the leave
//! heartbeat and is STALE until the application polls again, then rejoins with epoch 0).

use crate::config::CommitMode;
use crate::consumer::membership::Release;
use crate::consumer::{Consumer, Life};
use crate::effects::{Due, Effects};
use crate::event::SimEvent;
use crate::protocol::Request;
use crate::time::Instant;

impl Consumer {
    /// `close()` between polls.
    pub(in crate::consumer) fn kip848_close(&mut self, now: Instant, fx: &mut Effects) {
        if matches!(self.config.commit, CommitMode::Auto { .. }) {
            self.commit_positions(now, fx);
        }
        let Some(k) = self.kip_mut() else { return };
        k.committing = None;
        match k.membership.leave() {
            Some(Release::Revoke(partitions)) if !partitions.is_empty() => {
                fx.emit(SimEvent::PartitionsRevoked { consumer: self.id, partitions });
            }
            Some(Release::Lose(partitions)) if !partitions.is_empty() => {
                fx.emit(SimEvent::PartitionsLost { consumer: self.id, partitions });
            }
            _ => {}
        }
        let Some(k) = self.kip_mut() else { return };
        if k.membership.state == crate::consumer::membership::MemberState::PrepareLeaving {
            k.membership.left();
            let leave = k.membership.heartbeat();
            if self.coordinator_known {
                self.send(now, Request::ConsumerGroupHeartbeat(leave), fx);
            }
        }
        self.assignment.clear();
        self.stop(Life::Closed, fx);
        fx.emit(SimEvent::ConsumerClosed { consumer: self.id });
    }

    /// `max.poll.interval.ms` passed without a `poll()`.
    pub(in crate::consumer) fn kip848_poll_timeout(&mut self, now: Instant, fx: &mut Effects) {
        let Some(k) = self.kip_mut() else { return };
        let Some((leave, lost)) = k.membership.poll_timer_expired() else { return };
        k.committing = None;
        fx.emit(SimEvent::PollTimeout { consumer: self.id });
        self.lose(lost, fx);
        self.send(now, Request::ConsumerGroupHeartbeat(leave), fx);
        fx.cancel(Due::Heartbeat(self.id));
    }
}
