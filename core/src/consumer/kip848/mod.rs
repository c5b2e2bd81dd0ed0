//! The consumer's side of the consumer protocol (KIP-848, reference §3.5): what Kafka's
//! `AsyncKafkaConsumer` runs with its `ConsumerMembershipManager` and
//! `ConsumerHeartbeatRequestManager`. The membership itself (states, epochs, what a heartbeat
//! carries, what to reconcile) is the pure [`Membership`]; this drives it with the clock, the
//! wire, the commits and the rebalance callbacks:
//! - `heartbeat.rs`: when a heartbeat goes out, and what its answer or its failure does;
//! - `reconcile.rs`: taking a new assignment in, commit first, then revoke, then assign;
//! - `leave.rs`: `close()` and the poll timer (`max.poll.interval.ms`).
//!
//! The classic protocol's client is the rest of `consumer/`; both share polling, fetching,
//! positions and commits.

mod heartbeat;
mod leave;
mod reconcile;

use alloc::vec::Vec;

use super::Consumer;
use crate::config::CommitMode;
use crate::consumer::membership::{Membership, Reconciliation};
use crate::effects::Effects;
use crate::rng::SimRng;
use crate::time::{Duration, Instant};

/// A consumer-protocol member's client state.
#[derive(Clone, Debug)]
pub(crate) struct Kip848 {
    pub membership: Membership,
    /// When the next heartbeat is due if nothing makes it due sooner.
    next_heartbeat: Instant,
    /// A reconciliation waiting for the answer to its commit (the correlation id) before it
    /// revokes (`maybeAutoCommitSyncBeforeRebalance(...).whenComplete`).
    committing: Option<(Reconciliation, u32)>,
}

impl Kip848 {
    /// A member with its own member id (KIP-1082: the client makes it, `Uuid.randomUuid()`),
    /// subscribed; it joins at its first `poll()`.
    pub fn new(consumer: &super::ConsumerConfig, rng: &mut SimRng, now: Instant) -> Self {
        let member_id = crate::group::consumer::uuid_string(rng);
        let timeout = consumer.max_poll_interval_ms.min(u64::from(u32::MAX)) as u32;
        let mut membership =
            Membership::new(&member_id, consumer.instance_id.as_deref(), timeout, consumer.remote_assignor);
        let topics: Vec<&str> = consumer.topics.iter().map(|t| t.as_str()).collect();
        membership.subscribe(&topics);
        Kip848 { membership, next_heartbeat: now, committing: None }
    }
}

impl Consumer {
    /// The consumer protocol's part of `poll()`: join on the first, rejoin after a poll timeout,
    /// take in a new assignment, fetch the committed offsets of new partitions, auto-commit.
    pub(super) fn kip848_poll(&mut self, now: Instant, fx: &mut Effects) {
        let Some(k) = self.kip_mut() else { return };
        let before = k.membership.state;
        k.membership.on_poll();
        k.membership.poll_again();
        if k.membership.state != before {
            self.heartbeat_now(now, fx);
        }
        if !self.coordinator_known {
            return self.find_coordinator(now, fx);
        }
        self.maybe_reconcile(now, fx);
        let epoch = self.kip().map_or(0, |k| k.membership.member_epoch);
        if epoch > 0 {
            self.fetch_committed_offsets(now, fx);
            if let CommitMode::Auto { interval_ms } = self.config.commit
                && now >= self.next_auto_commit
            {
                self.commit_positions(now, fx);
                self.next_auto_commit = now + Duration::from_millis(interval_ms);
            }
        }
    }
}
