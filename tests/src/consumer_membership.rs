//! The KIP-848 client's membership (reference §3.5) against what Kafka's
//! `ConsumerMembershipManagerTest` and `ConsumerHeartbeatRequestManagerTest` pin down (2026
//! trunk; notes in `docs/research/kip848-client-membership.md`), and then clients and the
//! coordinator's group together: a partition is never owned by two clients at once.

use groupsim::assignor::TopicPartition;
use groupsim::consumer::membership::{HeartbeatFailure, MemberState, Membership, Release};
use groupsim::group::consumer::{ConsumerGroup, ConsumerGroupConfig, HeartbeatResponse};
use groupsim::vec_map::VecMap;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

use MemberState::*;

fn tps(topic: &str, ps: &[u32]) -> Vec<TopicPartition> {
    ps.iter().map(|&p| TopicPartition::new(topic, p)).collect()
}

fn answer(epoch: i32, assignment: Option<Vec<TopicPartition>>) -> HeartbeatResponse {
    HeartbeatResponse {
        member_id: "ignored".into(),
        member_epoch: epoch,
        heartbeat_interval_ms: 5_000,
        assignment,
    }
}

/// A member subscribed to `t`, joined, and STABLE at epoch 1 with `owned`
/// (`createMemberInStableState`).
fn stable(owned: &[u32]) -> Membership {
    let mut m = Membership::new("m1", None, 300_000, None);
    m.subscribe(&["t"]);
    m.on_poll();
    m.heartbeat();
    m.on_response(&answer(1, Some(tps("t", owned))));
    let work = m.reconcile(true, true).expect("work");
    m.reconciled(work, true);
    m.heartbeat();
    assert_eq!(m.state, Stable);
    m
}

native_and_wasm_test! {
    /// `testFirstHeartbeatIncludesRequiredInfoToJoinGroupAndGetAssignments` and
    /// `testHeartbeatState`: a joining heartbeat sends everything; later ones only what changed
    /// (and what it owns whenever its assignment changed, even to the same partitions).
    fn heartbeats_send_every_field_when_joining_and_changes_after() {
        let mut m = Membership::new("m1", Some("i1"), 300_000, None);
        m.subscribe(&["t"]);
        assert_eq!(m.state, Unsubscribed, "a subscription starts the join at the next poll");
        m.on_poll();
        let first = m.heartbeat();
        assert_eq!((first.member_id.as_str(), first.member_epoch, first.instance_id.as_deref()), ("m1", 0, Some("i1")));
        assert_eq!((first.rebalance_timeout_ms, first.subscribed.clone(), first.owned.clone()), (Some(300_000), Some(vec!["t".into()]), Some(vec![])));
        assert!(first.is_full());
        // An empty first assignment is still reconciled and acknowledged.
        m.on_response(&answer(1, Some(vec![])));
        assert_eq!(m.state, Reconciling);
        let work = m.reconcile(true, true).expect("work");
        assert_eq!((work.revoked.len(), work.added.len()), (0, 0));
        m.reconciled(work, true);
        assert_eq!(m.state, Acknowledging);
        let ack = m.heartbeat();
        assert_eq!((ack.member_epoch, ack.rebalance_timeout_ms, ack.subscribed, ack.owned), (1, None, None, Some(vec![])));
        assert_eq!(m.state, Stable, "stable once the acknowledgement is sent");
        let next = m.heartbeat();
        assert_eq!((next.owned, next.instance_id.as_deref()), (None, Some("i1")));
    }
}

native_and_wasm_test! {
    /// `testListenerCallbacksBasic` and `testReconcileNewPartitionsAssignedAndRevoked`: revoke
    /// what goes, then take the whole assignment with what is new; commit first with auto-commit.
    fn a_new_assignment_is_revoked_then_assigned_then_acknowledged() {
        let mut m = stable(&[0]);
        m.on_response(&answer(2, Some(tps("t", &[1, 2]))));
        assert_eq!((m.state, m.member_epoch), (Reconciling, 2));
        let work = m.reconcile(true, true).expect("work");
        assert!(work.commit_first);
        assert_eq!((work.revoked.clone(), work.added.clone(), work.assigned.clone()), (tps("t", &[0]), tps("t", &[1, 2]), tps("t", &[1, 2])));
        assert_eq!(m.reconcile(true, true), None, "one reconciliation at a time");
        m.reconciled(work, true);
        assert_eq!((m.state, m.owned()), (Acknowledging, tps("t", &[1, 2]).as_slice()));
        assert_eq!(m.heartbeat().owned, Some(tps("t", &[1, 2])));
        assert_eq!(m.state, Stable);
    }
}

native_and_wasm_test! {
    /// The background thread may not commit or revoke: with auto-commit, or anything to revoke,
    /// reconciliation waits for the application's `poll()`.
    fn only_the_applications_poll_commits_or_revokes() {
        let mut m = stable(&[0]);
        m.on_response(&answer(2, Some(tps("t", &[0, 1]))));
        assert_eq!(m.reconcile(true, false), None);
        assert!(m.reconcile(false, false).is_some(), "add-only without auto-commit may run in the background");
        let mut m = stable(&[0]);
        m.on_response(&answer(2, Some(tps("t", &[1]))));
        assert_eq!(m.reconcile(false, false), None, "something to revoke");
        assert!(m.reconcile(false, true).is_some());
    }
}

native_and_wasm_test! {
    /// `testReconciliationSkippedWhenSameAssignmentReceived`.
    fn the_same_assignment_again_changes_nothing() {
        let mut m = stable(&[0, 1]);
        m.on_response(&answer(1, Some(tps("t", &[0, 1]))));
        assert_eq!((m.state, m.reconcile(true, true)), (Stable, None));
    }
}

native_and_wasm_test! {
    /// `testDelayedReconciliationResultDiscardedAfterCommitIfMemberRejoins`: fenced while a
    /// reconciliation is under way, its result is dropped; the rejoin reconciles afresh.
    fn a_reconciliation_overtaken_by_fencing_is_dropped() {
        let mut m = stable(&[0]);
        m.on_response(&answer(2, Some(tps("t", &[1]))));
        let work = m.reconcile(true, true).expect("work");
        assert_eq!(m.on_error(110), HeartbeatFailure::Fenced { lost: tps("t", &[0]) });
        assert!(m.skips_heartbeats());
        m.released();
        assert_eq!((m.state, m.member_epoch), (Joining, 0));
        m.reconciled(work, true);
        assert_eq!((m.state, m.owned()), (Joining, &[][..]), "nothing applied");
        let rejoin = m.heartbeat();
        assert!(rejoin.is_full() && rejoin.owned == Some(vec![]));
        m.on_response(&answer(3, Some(tps("t", &[1]))));
        assert!(m.reconcile(true, true).is_some(), "a new reconciliation starts");
    }
}

native_and_wasm_test! {
    /// `testDelayedReconciliationResultAppliedWhenTargetChangedWithNewAssignment`: a newer
    /// assignment during a reconciliation waits for it; the acknowledgement goes back to
    /// RECONCILING for the newer one.
    fn a_newer_assignment_waits_for_the_reconciliation_under_way() {
        let mut m = stable(&[0]);
        m.on_response(&answer(2, Some(tps("t", &[0, 1]))));
        let work = m.reconcile(true, true).expect("work");
        m.on_response(&answer(3, Some(tps("t", &[0, 1, 2]))));
        m.reconciled(work, true);
        assert_eq!((m.state, m.owned()), (Acknowledging, tps("t", &[0, 1]).as_slice()));
        m.heartbeat();
        assert_eq!(m.state, Reconciling);
        assert_eq!(m.reconcile(true, true).expect("work").added, tps("t", &[2]));
    }
}

native_and_wasm_test! {
    /// `testListenerCallbacksThrowsErrorOnPartitionsRevoked`: a failed callback leaves the
    /// member RECONCILING with what it had, without an acknowledgement; it tries again.
    fn a_failed_callback_is_tried_again() {
        let mut m = stable(&[0]);
        m.on_response(&answer(2, Some(tps("t", &[1]))));
        let work = m.reconcile(true, true).expect("work");
        m.reconciled(work, false);
        assert_eq!((m.state, m.owned()), (Reconciling, tps("t", &[0]).as_slice()));
        m.heartbeat();
        assert_eq!(m.state, Reconciling);
        assert!(m.reconcile(true, true).is_some());
    }
}

native_and_wasm_test! {
    /// `testLeaveGroupEpoch` and `testFencingWhenStateIsPrepareLeaving`: leaving revokes what it
    /// owns, then sends -1 (-2 for a static member); fenced while leaving, it is simply out.
    fn leaving_revokes_then_sends_the_leave_epoch() {
        let mut m = stable(&[0]);
        assert_eq!(m.leave(), Some(Release::Revoke(tps("t", &[0]))));
        assert_eq!(m.state, PrepareLeaving);
        m.left();
        let leave = m.heartbeat();
        assert_eq!((leave.member_epoch, m.state), (-1, Unsubscribed));

        let mut s = Membership::new("m2", Some("i2"), 300_000, None);
        s.subscribe(&["t"]);
        s.on_poll();
        s.heartbeat();
        s.on_response(&answer(1, Some(vec![])));
        assert_eq!(s.leave(), Some(Release::Revoke(vec![])));
        s.left();
        assert_eq!(s.heartbeat().member_epoch, -2);

        let mut f = stable(&[0]);
        f.leave();
        assert_eq!(f.on_error(110), HeartbeatFailure::Retry);
        assert_eq!((f.state, f.member_epoch), (Unsubscribed, -1));
    }
}

native_and_wasm_test! {
    /// `testTransitionToLeavingWhileStableDueToStaleMember` and
    /// `testStaleMemberWaitsForCallbackToRejoinWhenTimerReset`: the poll timer's expiry sends the
    /// leave at once and loses the partitions (no commit); the next poll rejoins.
    fn a_member_that_stops_polling_leaves_and_rejoins_at_its_next_poll() {
        let mut m = stable(&[0, 1]);
        let (leave, lost) = m.poll_timer_expired().expect("it leaves");
        assert_eq!((leave.member_epoch, lost), (-1, tps("t", &[0, 1])));
        assert_eq!(m.state, Stale);
        assert!(m.skips_heartbeats());
        assert_eq!(m.poll_timer_expired(), None);
        m.released();
        m.poll_again();
        assert_eq!((m.state, m.member_epoch), (Joining, 0));
        assert!(m.heartbeat().is_full());
    }
}

native_and_wasm_test! {
    /// `testHeartbeatResponseOnErrorHandling`: the coordinator's own errors are retried,
    /// UNRELEASED_INSTANCE_ID and FENCED_INSTANCE_ID are fatal; any error makes the next
    /// heartbeat send every field again (`testConsumerAcksReconciledAssignmentAfterAckLost`).
    fn heartbeat_errors_retry_fence_or_stop() {
        let mut m = stable(&[0]);
        assert_eq!(m.heartbeat().owned, None);
        assert_eq!(m.on_error(15), HeartbeatFailure::Retry);
        let again = m.heartbeat();
        assert_eq!((again.owned, again.subscribed, again.rebalance_timeout_ms), (Some(tps("t", &[0])), Some(vec!["t".into()]), Some(300_000)));
        m.on_transport_failure();
        assert!(m.heartbeat().owned.is_some());
        assert_eq!(m.on_error(111), HeartbeatFailure::Fatal { lost: tps("t", &[0]) });
        assert_eq!(m.state, Fatal);
        assert!(m.skips_heartbeats());
        m.on_poll();
        assert_eq!(m.state, Fatal);
    }
}

/// Clients and the coordinator's group together, each client carrying out its reconciliations
/// at once (its commit and callbacks done): who owns what is read from the clients.
struct Cluster {
    group: ConsumerGroup,
    topics: VecMap<String, u32>,
    config: ConsumerGroupConfig,
    clients: Vec<Membership>,
    now: u64,
}

impl Cluster {
    fn new(partitions: u32) -> Self {
        Cluster {
            group: ConsumerGroup::new("g"),
            topics: crate::support::topics(&[("t", partitions)]),
            config: ConsumerGroupConfig::default(),
            clients: Vec::new(),
            now: 0,
        }
    }

    fn add(&mut self) -> usize {
        let id = format!("m{}", self.clients.len() + 1);
        let mut m = Membership::new(&id, None, 300_000, None);
        m.subscribe(&["t"]);
        m.on_poll();
        self.clients.push(m);
        self.clients.len() - 1
    }

    /// Client `i` heartbeats (if it may), the answer is applied and reconciled at once.
    fn beat(&mut self, i: usize) {
        self.now += 700;
        let m = &mut self.clients[i];
        if m.skips_heartbeats() {
            return;
        }
        let req = m.heartbeat();
        let result = self.group.heartbeat(&req, self.now, &self.topics, &self.config, &mut || unreachable!());
        match result {
            Ok(accepted) => m.on_response(&accepted.response),
            Err(e) => {
                if let HeartbeatFailure::Fenced { .. } = m.on_error(e.code()) {
                    m.released();
                }
            }
        }
        if let Some(work) = m.reconcile(true, true) {
            m.reconciled(work, true);
        }
        self.assert_one_owner();
    }

    /// No partition is owned by two clients: revoke before assign (reference §3.4).
    fn assert_one_owner(&self) {
        let mut seen: Vec<&TopicPartition> = Vec::new();
        for m in &self.clients {
            for tp in m.owned() {
                assert!(!seen.contains(&tp), "{tp} is owned by two clients");
                seen.push(tp);
            }
        }
    }
}

native_and_wasm_test! {
    /// The reference's worked example from both sides: B joins A's group; A revokes first, and B
    /// owns its half only after A let it go; nobody ever owns a partition another owns.
    fn clients_and_coordinator_revoke_before_they_assign() {
        let mut c = Cluster::new(4);
        let a = c.add();
        c.beat(a);
        c.beat(a);
        assert_eq!(c.clients[a].owned(), tps("t", &[0, 1, 2, 3]).as_slice());
        let b = c.add();
        c.beat(b);
        assert!(c.clients[b].owned().is_empty(), "A still owns them");
        c.beat(a);
        assert_eq!(c.clients[a].owned(), tps("t", &[0, 1]).as_slice(), "A revoked 2 and 3");
        c.beat(a);
        c.beat(b);
        c.beat(b);
        assert_eq!(c.clients[b].owned(), tps("t", &[2, 3]).as_slice());
        for i in [a, b, a, b] {
            c.beat(i);
        }
        assert!(c.clients.iter().all(|m| m.state == Stable), "{:?}", c.clients.iter().map(|m| m.state).collect::<Vec<_>>());
    }
}

native_and_wasm_test! {
    /// Random joins, heartbeats in random order and members that stop polling (and come back):
    /// after every heartbeat no partition has two owners, and once the changes stop every
    /// client is STABLE with what the target gives it.
    fn random_clients_never_share_a_partition_and_settle() {
        let cases = if cfg!(target_arch = "wasm32") { 4 } else { 24 };
        for seed in 0..cases {
            let mut rng = groupsim::SimRng::new(seed, 3_5);
            let mut c = Cluster::new(1 + rng.below(9));
            c.add();
            for _ in 0..80 {
                match rng.below(12) {
                    0 if c.clients.len() < 5 => _ = c.add(),
                    1 => {
                        let i = rng.below(c.clients.len() as u32) as usize;
                        if let Some((leave, _lost)) = c.clients[i].poll_timer_expired() {
                            let (topics, config) = (c.topics.clone(), c.config.clone());
                            let known = c.group.member(&leave.member_id).is_some();
                            let left = c.group.heartbeat(&leave, c.now, &topics, &config, &mut || unreachable!());
                            // A member the coordinator never heard from is unknown to it; the
                            // client ignores the answer to this leave either way.
                            if known {
                                assert_eq!(left.map(|a| a.response.member_epoch), Ok(-1), "the leave is taken");
                            }
                            c.clients[i].released();
                        }
                    }
                    2 => {
                        let i = rng.below(c.clients.len() as u32) as usize;
                        c.clients[i].poll_again();
                    }
                    _ => {
                        let i = rng.below(c.clients.len() as u32) as usize;
                        c.beat(i);
                    }
                }
            }
            for i in 0..c.clients.len() {
                c.clients[i].poll_again();
            }
            for _ in 0..10 {
                for i in 0..c.clients.len() {
                    c.beat(i);
                }
            }
            for m in &c.clients {
                assert_eq!(m.state, Stable, "seed {seed}: {} is {}", m.member_id, m.state);
                assert_eq!(m.owned(), c.group.target_of(&m.member_id).as_slice(), "seed {seed}: {}", m.member_id);
            }
        }
    }
}
