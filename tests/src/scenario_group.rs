//! Scenarios with Kafka's default timings (reference §0), asserting on events and views.
//! Defaults: session.timeout.ms 45 s, heartbeat.interval.ms 3 s, auto-commit every 5 s,
//! group.initial.rebalance.delay.ms 3 s, 5 ms network latency.

use groupsim::{
    ConsumerConfig, ConsumerId, GroupState, OffsetReset, RebalanceCause, RemovalReason, SimEvent,
};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{Run, member, secs};

fn three_members() -> (Run, [ConsumerId; 3]) {
    let mut run = Run::new(7, 6, 20);
    let ids = [run.consumer(member("g")), run.consumer(member("g")), run.consumer(member("g"))];
    run.until_secs(20);
    (run, ids)
}

fn is_rebalance_start(e: &SimEvent) -> bool {
    matches!(e, SimEvent::RebalanceStarted { .. })
}

/// Range over 3 members and 6 partitions: contiguous pairs, in member-id order (reference §4.1).
/// The first join waits for group.initial.rebalance.delay.ms, extended once because members
/// kept arriving (GroupMetadataManager.tryCompleteInitialRebalanceElseSchedule, reference §1.3).
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn three_members_share_six_partitions_two_each() {
    let (run, [a, b, c]) = three_members();
    let view = run.sim.view();
    let group = &view.groups[0];
    assert_eq!((group.state, group.generation, group.members.len()), (GroupState::Stable, 1, 3));
    assert_eq!(run.assignment(a), ["orders-0", "orders-1"]);
    assert_eq!(run.assignment(b), ["orders-2", "orders-3"]);
    assert_eq!(run.assignment(c), ["orders-4", "orders-5"]);
    // Joined at 15 ms; the 3 s delay ran out at 3.015 s with new members added, so it waited 3 s more.
    let joined = run.events(secs(0), |e| matches!(e, SimEvent::JoinCompleted { .. })).next().unwrap();
    assert_eq!(joined.at.as_millis(), 6_015);
    assert_eq!(run.events(secs(0), is_rebalance_start).count(), 1);
    run.assert_invariants_held();
}

/// A crash is silent: the coordinator removes the member only when its session times out, 45 s
/// after its last heartbeat arrived (reference §1.6 "Crash"); then one rebalance, generation 2.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn killed_member_is_removed_only_after_the_session_timeout() {
    let (mut run, [a, b, c]) = three_members();
    run.sim.kill_consumer(b).unwrap();
    run.until_secs(120);
    let last_heartbeat = run
        .events(secs(0), |e| {
            matches!(e, SimEvent::MessageReceived { from: groupsim::Endpoint::Consumer(id), summary, .. }
            if *id == b && summary.starts_with("Heartbeat"))
        })
        .last()
        .unwrap()
        .at;
    let removed = run
        .events(secs(0), |e| matches!(e, SimEvent::MemberRemoved { consumer, reason: RemovalReason::SessionTimeout, .. } if *consumer == b))
        .next()
        .expect("the dead member is removed");
    assert_eq!(removed.at.as_millis() - last_heartbeat.as_millis(), 45_000);
    // Nothing moved between the kill and the expiry.
    let moves =
        |e: &SimEvent| matches!(e, SimEvent::PartitionsAssigned { .. } | SimEvent::PartitionsRevoked { .. });
    assert_eq!(run.events(secs(20), moves).filter(|e| e.at < removed.at).count(), 0);
    // Then exactly one rebalance, caused by the session timeout, to generation 2.
    let starts: Vec<_> = run.events(secs(20), is_rebalance_start).collect();
    assert_eq!(starts.len(), 1);
    assert!(matches!(
        &starts[0].event,
        SimEvent::RebalanceStarted { cause: RebalanceCause::SessionTimeout { .. }, generation: 1, .. }
    ));
    assert_eq!(run.sim.view().groups[0].generation, 2);
    assert_eq!(run.assignment(a), ["orders-0", "orders-1", "orders-2"]);
    assert_eq!(run.assignment(c), ["orders-3", "orders-4", "orders-5"]);
    run.assert_invariants_held();
}

/// A graceful close sends LeaveGroup: the rebalance starts when it arrives, the others rejoin on
/// their next heartbeat, and nothing is processed twice (reference §1.6 "Graceful close", §6).
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn closed_member_leaves_at_once_without_duplicates() {
    let (mut run, [a, b, c]) = three_members();
    run.sim.close_consumer(b).unwrap();
    run.until_secs(90);
    // The application first processes what its last poll() returned, then closes.
    let closed = run.events(secs(20), |e| matches!(e, SimEvent::ConsumerClosed { .. })).next().unwrap().at;
    let start = run.events(secs(20), is_rebalance_start).next().unwrap();
    assert_eq!(start.at.as_millis(), closed.as_millis() + 5, "LeaveGroup arrives after one network hop");
    assert!(matches!(
        &start.event,
        SimEvent::RebalanceStarted { cause: RebalanceCause::MemberLeft { .. }, .. }
    ));
    let done = run.events(secs(20), |e| matches!(e, SimEvent::RebalanceCompleted { .. })).next().unwrap();
    assert!(done.at.as_millis() - start.at.as_millis() < 3_200, "within one heartbeat interval");
    assert_eq!(run.events(secs(0), |e| matches!(e, SimEvent::Duplicate { .. })).count(), 0);
    assert_eq!(run.assignment(a), ["orders-0", "orders-1", "orders-2"]);
    assert_eq!(run.assignment(c), ["orders-3", "orders-4", "orders-5"]);
    assert!(run.checker.unprocessed(&run.sim.view()).iter().all(|(_, _, behind)| *behind < 40));
    run.assert_invariants_held();
}

/// At-least-once made visible (reference §6): the records the dead member processed after its
/// last auto-commit are processed again by the new owner, and only those.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn crash_after_the_last_auto_commit_duplicates_exactly_those_records() {
    let (mut run, [_, b, _]) = three_members();
    run.until_secs(23); // past an auto-commit at about 21 s, with records processed since
    run.sim.kill_consumer(b).unwrap();
    run.until_secs(120);
    let mut committed = std::collections::BTreeMap::new();
    for e in run.events(secs(0), |e| matches!(e, SimEvent::Committed { consumer, .. } if *consumer == b)) {
        if let SimEvent::Committed { partition, offset, .. } = &e.event {
            committed.insert(partition.clone(), *offset);
        }
    }
    let expected: std::collections::BTreeSet<(String, u64)> = run
        .events(secs(0), |e| matches!(e, SimEvent::Consumed { consumer, .. } if *consumer == b))
        .filter_map(|e| match &e.event {
            SimEvent::Consumed { partition, offset, .. } if *offset >= committed[partition] => {
                Some((partition.to_string(), *offset))
            }
            _ => None,
        })
        .collect();
    let duplicated: std::collections::BTreeSet<(String, u64)> = run
        .events(secs(0), |e| matches!(e, SimEvent::Duplicate { .. }))
        .map(|e| match &e.event {
            SimEvent::Duplicate { partition, offset, first, .. } => {
                assert_eq!(*first, b);
                (partition.to_string(), *offset)
            }
            _ => unreachable!(),
        })
        .collect();
    assert!(!expected.is_empty(), "the crash came after processing past the last commit");
    assert_eq!(duplicated, expected);
    run.assert_invariants_held();
}

/// What a lane colours "processed, not committed": the view keeps, per group and partition, the
/// offset after the last record the group processed, after its processor crashed and while nobody
/// owns the partition (reference §6 "At-least-once": these are the records processed again).
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn the_view_keeps_how_far_a_group_processed_after_its_processor_crashed() {
    let (mut run, [_, b, _]) = three_members();
    run.until_secs(23);
    run.sim.kill_consumer(b).unwrap();
    let mut high = std::collections::BTreeMap::new();
    for e in run.events(secs(0), |e| matches!(e, SimEvent::Consumed { consumer, .. } if *consumer == b)) {
        if let SimEvent::Consumed { partition, offset, .. } = &e.event {
            high.insert(partition.clone(), offset + 1);
        }
    }
    run.until_secs(40); // dead, not yet expired: its partitions are owned by nobody alive
    let view = run.sim.view();
    let group = &view.groups[0];
    for (tp, processed) in &high {
        let in_view = group.processed.iter().find(|(p, _)| p == tp).map(|(_, h)| *h);
        assert_eq!(in_view, Some(*processed), "{tp}");
        let committed =
            group.describe.iter().find(|r| r.partition == tp.partition).and_then(|r| r.current_offset);
        assert!(committed.is_some_and(|c| c < *processed), "{tp}: processed past the commit");
    }
    assert_eq!(high.len(), 2, "b processed both its partitions");
}

/// Each group gets every record (reference §8 "Independent groups").
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_second_group_gets_every_record() {
    let mut run = Run::new(3, 4, 20);
    let earliest = |g: &str| ConsumerConfig { auto_offset_reset: OffsetReset::Earliest, ..member(g) };
    run.consumer(earliest("a"));
    run.consumer(earliest("a"));
    run.consumer(earliest("b"));
    run.until_secs(30);
    run.sim.set_producer_paused(groupsim::ProducerId(0), true).unwrap();
    run.until_secs(40);
    let produced = run.events(secs(0), |e| matches!(e, SimEvent::Produced { .. })).count();
    for group in ["a", "b"] {
        let consumed =
            run.events(secs(0), |e| matches!(e, SimEvent::Consumed { group: g, .. } if g == group)).count();
        assert_eq!(consumed, produced, "group {group}");
    }
    assert_eq!(produced, 600);
    assert_eq!(run.checker.unprocessed(&run.sim.view()), []);
    run.assert_invariants_held();
}

/// More consumers than partitions: the extra ones are members with nothing assigned, and one of
/// them takes over when an owner dies (reference §8, RangeAssignorTest R3).
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn consumers_beyond_the_partition_count_are_idle_members() {
    let mut run = Run::new(5, 2, 10);
    let ids: Vec<ConsumerId> = (0..4).map(|_| run.consumer(member("g"))).collect();
    run.until_secs(20);
    let view = run.sim.view();
    assert_eq!(view.groups[0].members.len(), 4);
    assert_eq!(run.assignment(ids[0]), ["orders-0"]);
    assert_eq!(run.assignment(ids[1]), ["orders-1"]);
    assert!(run.assignment(ids[2]).is_empty() && run.assignment(ids[3]).is_empty());
    assert!(
        view.consumers.iter().all(|c| c.state == groupsim::MemberState::Stable && c.next_heartbeat.is_some())
    );
    run.sim.kill_consumer(ids[0]).unwrap();
    run.until_secs(90);
    assert_eq!(run.assignment(ids[1]), ["orders-0"]);
    assert_eq!(run.assignment(ids[2]), ["orders-1"]);
    run.assert_invariants_held();
}

/// During PreparingRebalance a member that has not rejoined still expires on its session timer,
/// while members parked in JoinGroup never do (`ClassicGroupMember.hasSatisfiedHeartbeat`,
/// reference §1.5, §9.3). The join completes the moment the silent one expires.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_member_that_stops_heartbeating_during_preparing_rebalance_expires() {
    let (mut run, [a, b, c]) = three_members();
    // b's link to the coordinator is cut: its heartbeats are lost, but it keeps processing its
    // old partitions (a zombie, whose duplicates the invariant allows because b failed).
    run.sim.set_link_cut(b, true).unwrap();
    let d = run.consumer(member("g")); // starts a rebalance
    run.until_secs(120);
    let start = run.events(secs(20), is_rebalance_start).next().unwrap().at;
    let removed = run
        .events(secs(20), |e| matches!(e, SimEvent::MemberRemoved { consumer, .. } if *consumer == b))
        .next()
        .unwrap();
    assert!(matches!(removed.event, SimEvent::MemberRemoved { reason: RemovalReason::SessionTimeout, .. }));
    // a, c and d were parked in JoinGroup for over 40 s without heartbeating and did not expire.
    assert!(removed.at.as_millis() - start.as_millis() > 40_000);
    let states =
        run.events(start, |e| matches!(e, SimEvent::GroupStateChanged { .. })).map(|e| e.event.to_string());
    let states: Vec<String> = states.collect();
    assert_eq!(states[0], "group g: Stable → PreparingRebalance");
    assert_eq!(states[1], "group g: PreparingRebalance → CompletingRebalance");
    let joined = run.events(start, |e| matches!(e, SimEvent::JoinCompleted { .. })).next().unwrap();
    assert_eq!(joined.at, removed.at);
    assert_eq!(run.sim.view().groups[0].generation, 2);
    for id in [a, c, d] {
        assert_eq!(run.assignment(id).len(), 2);
    }
    run.assert_invariants_held();
}

/// A removed producer sends nothing more and refuses further commands by name; the others go on.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_removed_producer_stops_for_good() {
    let mut run = Run::new(1, 3, 10);
    run.until_secs(2);
    run.sim.apply_command(&groupsim::Command::RemoveProducer { producer: 0 }).unwrap();
    let written =
        |run: &Run| run.sim.view().topics[0].partitions.iter().map(|p| p.log_end_offset).sum::<u64>();
    let before = written(&run);
    assert_eq!(before, 20);
    run.until_secs(5);
    assert_eq!(written(&run), before);
    assert!(run.sim.view().producers[0].removed);
    let again = run.sim.apply_command(&groupsim::Command::PauseProducer { producer: 0, paused: false });
    assert_eq!(again.unwrap_err().to_string(), "producer-1 was removed");
}
