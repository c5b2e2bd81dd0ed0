//! How partitions move and who stops while they do: cooperative vs eager, static membership,
//! slow consumers and zombies, with Kafka's default timings (reference §1.6, §2, §9.5, §9.6).

use std::collections::BTreeMap;

use groupsim::assignor::AssignorName;
use groupsim::history::RebalanceRecord;
use groupsim::protocol::{Api, ErrorCode};
use groupsim::{CommitMode, ConsumerConfig, ConsumerId, Endpoint, RebalanceCause, SimEvent, SimView};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{Run, member, secs};

fn with_assignors(assignors: &[AssignorName]) -> ConsumerConfig {
    ConsumerConfig { assignors: assignors.to_vec(), ..member("g") }
}

fn static_member(instance: &str) -> ConsumerConfig {
    ConsumerConfig { instance_id: Some(instance.into()), ..member("g") }
}

/// Three members of `config` on 6 partitions, stable at 20 s.
fn three(config: impl Fn(usize) -> ConsumerConfig) -> (Run, [ConsumerId; 3]) {
    let mut run = Run::new(11, 6, 20);
    let ids = [run.consumer(config(0)), run.consumer(config(1)), run.consumer(config(2))];
    run.until_secs(20);
    assert_eq!(run.sim.view().groups[0].generation, 1);
    (run, ids)
}

/// No partition is in two running consumers' assignments.
fn no_partition_has_two_owners(view: &SimView) {
    let mut owners = BTreeMap::new();
    for c in view.consumers.iter().filter(|c| c.life == groupsim::Life::Running) {
        for (tp, _) in &c.assignment {
            if let Some(other) = owners.insert(tp.clone(), c.id) {
                panic!("at {}: {tp} owned by {other} and {}", view.now, c.id);
            }
        }
    }
}

fn last_rebalance(run: &Run) -> RebalanceRecord {
    run.sim.view().groups[0].rebalances.last().cloned().expect("a rebalance happened")
}

fn rebalances_since(run: &Run, t: u64) -> usize {
    run.events(secs(t), |e| matches!(e, SimEvent::RebalanceStarted { .. })).count()
}

fn processed_by(run: &Run, who: ConsumerId, from: u64, to: u64) -> usize {
    run.events(secs(from), |e| matches!(e, SimEvent::Consumed { consumer, .. } if *consumer == who))
        .filter(|e| e.at < secs(to))
        .count()
}

/// KIP-429 (reference §2.2, §9.5): a fourth member joins a cooperative-sticky group. Round 1
/// takes one partition from its owner without giving it to anyone; the owner revokes it and
/// rejoins; round 2 gives it to the newcomer. Nobody stops, and no partition ever has two owners.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn cooperative_join_moves_partitions_in_two_rounds_without_stopping() {
    let coop = || with_assignors(&[AssignorName::CooperativeSticky]);
    let (mut run, old) = three(|_| coop());
    assert!(run.sim.view().consumers.iter().all(|c| c.cooperative));
    let d = run.consumer(coop());
    run.until_checking(secs(40), no_partition_has_two_owners);

    let record = last_rebalance(&run);
    assert_eq!((record.rounds, record.generation_before, record.generation), (2, 1, 3), "{record:?}");
    assert_eq!(record.cause, RebalanceCause::MemberJoined { client_id: "consumer-4".into() });
    assert_eq!(record.moved.len(), 1, "one partition moves to the newcomer: {:?}", record.moved);
    assert_eq!(record.assigned_to("consumer-4").count(), 1);
    assert!(record.stopped.is_empty(), "nobody stopped: {:?}", record.stopped);
    let sizes: Vec<usize> = old.iter().chain([&d]).map(|c| run.assignment(*c).len()).collect();
    assert_eq!(sizes.iter().sum::<usize>(), 6);
    assert!(sizes.iter().all(|&n| (1..=2).contains(&n)), "{sizes:?}");
    // The old members kept processing through both rounds.
    let (start, end) =
        (record.started_at.as_millis() / 1000, (record.started_at + record.took).as_millis() / 1000 + 1);
    for c in old {
        assert!(processed_by(&run, c, start, end) > 0, "{c} stopped processing during the rebalance");
    }
    assert!(run.events(secs(20), |e| matches!(e, SimEvent::Duplicate { .. })).next().is_none());
    run.assert_invariants_held();
}

/// The same join under the default eager protocol with range: everyone revokes everything
/// first, and each old member consumes nothing until the new assignment is installed.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn eager_join_stops_the_world() {
    let (mut run, old) = three(|_| member("g"));
    assert!(run.sim.view().consumers.iter().all(|c| !c.cooperative), "[range, cooperative-sticky] is eager");
    run.consumer(member("g"));
    run.until_checking(secs(40), no_partition_has_two_owners);

    let record = last_rebalance(&run);
    assert_eq!((record.rounds, record.generation_before, record.generation), (1, 1, 2));
    let stopped: Vec<ConsumerId> = record.stopped.iter().map(|(c, _)| *c).collect();
    assert_eq!(stopped, old, "every old member stopped");
    assert!(record.stopped.iter().all(|(_, d)| d.as_millis() > 0));
    run.assert_invariants_held();
}

/// KIP-345 (reference §2.3): a static member killed and restarted within its session timeout
/// takes its old place: no rebalance, the same generation, the same partitions, a new member id.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn static_restart_within_the_session_timeout_does_not_rebalance() {
    let (mut run, [_, b, _]) = three(|i| static_member(&format!("instance-{i}")));
    let before = run.assignment(b);
    let old_id = run.sim.view().consumers[b.0 as usize].member_id.clone();
    run.sim.kill_consumer(b).unwrap();
    run.until_secs(30);
    run.sim.restart_consumer(b).unwrap();
    run.until_secs(60);

    assert_eq!(rebalances_since(&run, 20), 0);
    let view = run.sim.view();
    assert_eq!(view.groups[0].generation, 1);
    assert_eq!(run.assignment(b), before);
    let member =
        view.groups[0].members.iter().find(|m| m.instance_id.as_deref() == Some("instance-1")).unwrap();
    assert_ne!(member.member_id, old_id, "the restarted process has a new member id");
    assert!(view.groups[0].members.iter().all(|m| m.member_id != old_id), "the old id is gone (fenced)");
    run.assert_invariants_held();
}

/// After the session timeout the static member is removed (one rebalance), and its restart is a
/// join (another); the instance id sorts it first again, so range gives it its old partitions.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn static_restart_after_the_session_timeout_rebalances() {
    let (mut run, [_, b, _]) = three(|i| static_member(&format!("instance-{i}")));
    let before = run.assignment(b);
    run.sim.kill_consumer(b).unwrap();
    run.until_secs(80);
    let causes: Vec<RebalanceCause> =
        run.sim.view().groups[0].rebalances.iter().map(|r| r.cause.clone()).collect();
    assert_eq!(causes.last(), Some(&RebalanceCause::SessionTimeout { client_id: "consumer-2".into() }));
    run.sim.restart_consumer(b).unwrap();
    run.until_secs(120);
    assert_eq!(rebalances_since(&run, 20), 2);
    assert_eq!(last_rebalance(&run).cause, RebalanceCause::MemberJoined { client_id: "consumer-2".into() });
    assert_eq!(run.assignment(b), before);
    run.assert_invariants_held();
}

fn slow(instance: Option<&str>) -> ConsumerConfig {
    ConsumerConfig { max_poll_interval_ms: 10_000, instance_id: instance.map(Into::into), ..member("g") }
}

/// A dynamic member whose processing stalls past `max.poll.interval.ms` leaves at once
/// (LeaveGroup, reference §1.6 "poll timeout"); when it processes again it rejoins as new.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn slow_dynamic_member_leaves_after_max_poll_interval() {
    let (mut run, [_, b, _]) = three(|_| slow(None));
    run.sim.set_processing_stalled(b, true).unwrap();
    run.until_secs(40);
    let timeout =
        run.events(secs(20), |e| matches!(e, SimEvent::PollTimeout { consumer } if *consumer == b)).next();
    let at = timeout.expect("poll timeout").at.as_millis();
    assert!((30_000..=33_100).contains(&at), "detected at {at} ms: 10 s after the last poll, at a heartbeat");
    let record = last_rebalance(&run);
    assert_eq!(record.cause, RebalanceCause::PollTimeout { client_id: "consumer-2".into() });
    assert!(record.started_at.as_millis() - at <= 10, "the LeaveGroup starts it at once");
    assert_eq!(record.revoked_from("consumer-2").count(), 2);
    run.sim.set_processing_stalled(b, false).unwrap();
    run.until_secs(70);
    assert_eq!(last_rebalance(&run).cause, RebalanceCause::MemberJoined { client_id: "consumer-2".into() });
    assert_eq!(run.assignment(b).len(), 2);
    run.assert_invariants_held();
}

/// A static member sends no LeaveGroup on a poll timeout: its partitions move only when its
/// session times out, 45 s after its last heartbeat.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn slow_static_member_moves_only_after_the_session_timeout() {
    let (mut run, [_, b, _]) = three(|i| slow(Some(&format!("instance-{i}"))));
    run.sim.set_processing_stalled(b, true).unwrap();
    run.until_secs(100);
    let timeout =
        run.events(secs(20), |e| matches!(e, SimEvent::PollTimeout { consumer } if *consumer == b)).next();
    let at = timeout.expect("poll timeout").at.as_millis();
    assert_eq!(rebalances_since(&run, 20), 1);
    let record = last_rebalance(&run);
    assert_eq!(record.cause, RebalanceCause::SessionTimeout { client_id: "consumer-2".into() });
    let started = record.started_at.as_millis();
    assert!(
        (at + 40_000..=at + 45_010).contains(&started),
        "poll timeout at {at} ms, removed at {started} ms"
    );
    run.assert_invariants_held();
}

/// A zombie (reference §1.6): its link is cut but it keeps processing. Its unanswered requests
/// time out after `request.timeout.ms` (30 s) and it marks its coordinator unknown, so it stops
/// committing (reference §1.9). Its session times out and its partitions move, so both it and
/// the new owners process them. When the link heals, its next FindCoordinator is answered, its
/// first heartbeat gets UNKNOWN_MEMBER_ID, and it loses its partitions and rejoins. Nothing it
/// committed after its removal was stored. Every duplicate involves the zombie.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn zombie_stops_committing_then_learns_it_was_removed() {
    let config = |_| ConsumerConfig { commit: CommitMode::AfterProcessing, ..member("g") };
    let (mut run, [_, b, _]) = three(config);
    run.sim.set_link_cut(b, true).unwrap();
    run.until_secs(90);
    assert_eq!(last_rebalance(&run).cause, RebalanceCause::SessionTimeout { client_id: "consumer-2".into() });
    assert!(processed_by(&run, b, 70, 90) > 0, "the zombie kept processing");
    let unknown = run
        .events(secs(20), |e| matches!(e, SimEvent::CoordinatorUnknown { consumer, .. } if *consumer == b))
        .next()
        .expect("its first lost request times out");
    assert_eq!(unknown.at.as_millis(), 50_010, "30 s after the first request lost on the cut");
    run.sim.set_link_cut(b, false).unwrap();
    run.until_secs(130);

    let removed = run
        .events(secs(20), |e| matches!(e, SimEvent::MemberRemoved { consumer, .. } if *consumer == b))
        .next()
        .expect("removed at its session timeout")
        .at;
    let stored_after_removal = run
        .events(removed, |e| matches!(e, SimEvent::Committed { consumer, .. } if *consumer == b))
        .filter(|e| e.at < secs(110))
        .count();
    assert_eq!(stored_after_removal, 0);
    let told = run.events(secs(90), |e| {
        matches!(e, SimEvent::MessageReceived { to: Endpoint::Consumer(c), api: Api::Heartbeat, summary, .. }
            if *c == b && summary.contains("UNKNOWN_MEMBER_ID"))
    });
    assert!(told.count() > 0, "its first heartbeat after the heal gets UNKNOWN_MEMBER_ID");
    assert!(
        run.events(secs(90), |e| matches!(e, SimEvent::PartitionsLost { consumer, .. } if *consumer == b))
            .count()
            > 0
    );
    let duplicates: Vec<(ConsumerId, ConsumerId)> = run
        .events(secs(20), |e| matches!(e, SimEvent::Duplicate { .. }))
        .map(|e| match &e.event {
            SimEvent::Duplicate { first, again, .. } => (*first, *again),
            _ => unreachable!(),
        })
        .collect();
    assert!(!duplicates.is_empty());
    assert!(duplicates.iter().all(|(x, y)| *x == b || *y == b), "{duplicates:?}");
    assert_eq!(run.assignment(b).len(), 2, "it rejoined");
    run.assert_invariants_held();
}

/// KIP-345 fencing (reference §2.3, `ClassicGroup.validateMember`): a second process with the
/// same `group.instance.id` takes the instance over without a rebalance; the old member id is
/// fenced, so the first process's next heartbeat gets FENCED_INSTANCE_ID and it stops. Until
/// then both process the same partitions in the same generation: the hazard fencing bounds, and
/// the checker reports it (only for those two, only until the fence, at most one heartbeat
/// interval plus a round trip).
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_second_process_with_the_same_instance_id_fences_the_first() {
    let (mut run, [_, b, _]) = three(|i| static_member(&format!("instance-{i}")));
    let before = run.assignment(b);
    let twin = run.consumer(static_member("instance-1"));
    run.until_secs(40);
    let failed = run.events(secs(20), |e| {
        matches!(e, SimEvent::ConsumerFailed { consumer, error: ErrorCode::FencedInstanceId } if *consumer == b)
    });
    assert_eq!(failed.count(), 1, "the first process is fenced");
    assert_eq!(rebalances_since(&run, 20), 0, "the replacement needs no rebalance");
    assert_eq!(run.assignment(twin), before, "the twin took the instance's partitions");
    let fenced_at = run
        .events(secs(20), |e| matches!(e, SimEvent::ConsumerFailed { consumer, .. } if *consumer == b))
        .next()
        .unwrap()
        .at;
    let violations = run.checker.violations();
    assert!(!violations.is_empty(), "the double ownership is reported");
    for v in violations {
        assert!(
            v.at <= fenced_at && fenced_at.as_millis() <= 20_000 + 3_000 + 10,
            "{v:?} after the fence at {fenced_at}"
        );
        assert!(v.detail.contains("consumer-2") && v.detail.contains("consumer-4"), "{v:?}");
    }
}
