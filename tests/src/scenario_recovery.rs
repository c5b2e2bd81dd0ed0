//! What a client does when the network loses a message, and the last differences from Kafka's
//! classic protocol (issue 13; reference §1.5–§1.9, §2.3, §6, §7.2). Kafka's defaults throughout:
//! `request.timeout.ms` 30 s, `retry.backoff.ms` 100 ms, `max.poll.interval.ms` 300 s,
//! `session.timeout.ms` 45 s, `heartbeat.interval.ms` 3 s, 5 ms each way on the wire.

use groupsim::protocol::Api;
use groupsim::{
    CommitMode, ConsumerConfig, ConsumerId, Endpoint, GroupState, Instant, MemberState, Scenario, SimEvent,
};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{Run, member, secs};

/// Three default members of group `g` on `orders` (6 partitions, 20 records/s), Stable at 20 s.
fn three() -> (Run, [ConsumerId; 3]) {
    let mut run = Run::new(5, 6, 20);
    let ids = [run.consumer(member("g")), run.consumer(member("g")), run.consumer(member("g"))];
    run.until_secs(20);
    assert_eq!(run.sim.view().groups[0].state, GroupState::Stable);
    (run, ids)
}

/// When `consumer` first sends a request of `api` at or after `since`.
fn first_sent(run: &Run, since: Instant, consumer: ConsumerId, api: Api) -> Instant {
    run.events(since, |e| {
        matches!(e, SimEvent::MessageSent { from: Endpoint::Consumer(c), api: a, response: false, .. }
            if *c == consumer && *a == api)
    })
    .next()
    .unwrap_or_else(|| panic!("{consumer} sends {api}"))
    .at
}

fn state_of(run: &Run, id: ConsumerId) -> MemberState {
    run.sim.view().consumers.iter().find(|c| c.id == id).unwrap().state
}

/// Every partition of `orders` is assigned to exactly one running member, and every running
/// member is Stable.
fn settled(run: &Run) -> bool {
    let view = run.sim.view();
    let running: Vec<_> = view.consumers.iter().filter(|c| c.life == groupsim::Life::Running).collect();
    let owned: usize = running.iter().map(|c| c.assignment.len()).sum();
    let partitions = view.topics[0].partitions.len();
    running.iter().all(|c| c.state == MemberState::Stable) && owned == partitions
}

/// The first experiment: cut consumer-2's link just as it sends its JoinGroup, heal it 2 s
/// later. The JoinGroup is lost; the coordinator drops consumer-2 at its session timeout and the
/// others go on. consumer-2's JoinGroup times out after max(request.timeout.ms, rebalance
/// timeout + 5 s) = 305 s (`AbstractCoordinator.sendJoinGroupRequest`; test
/// `AbstractCoordinatorTest.testJoinGroupRequestTimeout`); it finds its coordinator again and
/// rejoins, and the group shares the partitions among all three.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_join_group_lost_on_a_cut_link_times_out_and_the_consumer_rejoins() {
    // consumer-2 commits after processing, so its JoinGroup is the only request it has out (an
    // auto-commit before the rejoin would time out after 30 s and drop the connection first).
    let world = || {
        let mut run = Run::new(5, 6, 20);
        let after = ConsumerConfig { commit: CommitMode::AfterProcessing, ..member("g") };
        let b = [run.consumer(member("g")), run.consumer(after), run.consumer(member("g"))][1];
        run.until_secs(20);
        run.sim.add_consumer(member("g")).unwrap();
        (run, b)
    };
    let (mut probe, b) = world();
    probe.until_secs(30);
    let sent = first_sent(&probe, secs(20), b, Api::JoinGroup);

    let (mut run, b) = world();
    // The JoinGroup is on the wire (5 ms each way) when the link is cut: it is lost.
    run.until(Instant::from_millis(sent.as_millis() + 1));
    run.sim.set_link_cut(b, true).unwrap();
    run.until(Instant::from_millis(sent.as_millis() + 2_001));
    run.sim.set_link_cut(b, false).unwrap();
    run.until(Instant::from_millis(sent.as_millis() + 300_000));
    assert_eq!(state_of(&run, b), MemberState::PreparingRebalance, "still waiting for its JoinGroup");
    assert!(run.assignment(b).is_empty());

    run.until(Instant::from_millis(sent.as_millis() + 320_000));
    let timed_out = run
        .events(sent, |e| matches!(e, SimEvent::RequestTimedOut { consumer, api: Api::JoinGroup, .. } if *consumer == b))
        .next()
        .expect("the JoinGroup times out");
    assert_eq!(timed_out.at.as_millis(), sent.as_millis() + 305_000);
    assert!(timed_out.to_string().contains("JoinGroup to broker-"), "{timed_out}");
    assert!(timed_out.to_string().ends_with("timed out after 305s"), "{timed_out}");
    assert!(
        run.events(
            timed_out.at,
            |e| matches!(e, SimEvent::CoordinatorFound { consumer, .. } if *consumer == b)
        )
        .count()
            > 0
    );
    assert!(settled(&run), "{:?}", run.sim.view().consumers);
    assert!(!run.assignment(b).is_empty());
    run.assert_invariants_held();
}

/// An OffsetFetch whose answer is lost: the positions stay unknown until the request times out
/// after 30 s; the client finds its coordinator again and its next poll asks again
/// (`ConsumerCoordinator.initWithCommittedOffsetsIfNeeded`, reference §1.9). Then it consumes
/// from the committed offsets and the lag goes back to zero.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_lost_offset_fetch_is_asked_again_and_consumption_resumes() {
    let new_member = |run: &mut Run| run.sim.add_consumer(member("g")).unwrap();
    let (mut probe, _) = three();
    let d = new_member(&mut probe);
    probe.until_secs(40);
    let sent = first_sent(&probe, secs(20), d, Api::OffsetFetch);

    let (mut run, _) = three();
    let d = new_member(&mut run);
    // The request gets through; its answer is lost.
    run.until(Instant::from_millis(sent.as_millis() + 6));
    run.sim.set_link_cut(d, true).unwrap();
    run.until(Instant::from_millis(sent.as_millis() + 12));
    run.sim.set_link_cut(d, false).unwrap();
    run.until(Instant::from_millis(sent.as_millis() + 29_000));
    let view = run.sim.view();
    let waiting = view.consumers.iter().find(|c| c.id == d).unwrap();
    assert!(waiting.assignment.iter().all(|(_, p)| p.is_none()), "positions unknown while it waits");
    assert_eq!(
        waiting.waiting.map(|(api, _, timeout)| (api, timeout.as_millis())),
        Some((Api::OffsetFetch, 30_000))
    );

    run.until(Instant::from_millis(sent.as_millis() + 40_000));
    let timed_out = run
        .events(sent, |e| matches!(e, SimEvent::RequestTimedOut { consumer, api: Api::OffsetFetch, .. } if *consumer == d))
        .next()
        .expect("the OffsetFetch times out");
    assert_eq!(timed_out.at.as_millis(), sent.as_millis() + 30_000);
    let again = first_sent(&run, timed_out.at, d, Api::OffsetFetch);
    assert!(again.as_millis() - timed_out.at.as_millis() < 1_000, "asked again at its next poll");
    let view = run.sim.view();
    let resumed = view.consumers.iter().find(|c| c.id == d).unwrap();
    assert!(resumed.assignment.iter().all(|(_, p)| p.is_some()));
    run.sim.set_producer_paused(groupsim::ProducerId(0), true).unwrap();
    run.until(Instant::from_millis(sent.as_millis() + 60_000));
    assert_eq!(run.sim.view().groups[0].total_lag, 0);
    run.assert_invariants_held();
}

/// `OffsetMetadataManager.commitOffset`: a classic member's OffsetCommit in Stable pushes its
/// session deadline like a heartbeat (test
/// `OffsetMetadataManagerTest.testGenericGroupOffsetCommitMaintainsSession`).
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_offset_commit_keeps_the_members_session_alive() {
    let (mut probe, [a, _, _]) = three();
    probe.until_secs(30);
    let committed = probe
        .events(secs(25), |e| matches!(e, SimEvent::Committed { consumer, .. } if *consumer == a))
        .next()
        .expect("consumer-1 auto-commits")
        .at;
    let heartbeat = probe
        .events(secs(20), |e| {
            matches!(e, SimEvent::MessageReceived { from: Endpoint::Consumer(c), api: Api::Heartbeat, .. } if *c == a)
        })
        .filter(|e| e.at <= committed)
        .last()
        .unwrap()
        .at;
    assert_ne!(heartbeat, committed);
    let (mut run, _) = three();
    run.until(committed);
    let view = run.sim.view();
    let member = view.groups[0].members.iter().find(|m| m.consumer == a).unwrap();
    assert_eq!(member.session_deadline, Some(Instant::from_millis(committed.as_millis() + 45_000)));
}

/// `AbstractCoordinator.HeartbeatThread.run` checks the poll timer on every loop, so a stalled
/// dynamic member sends its LeaveGroup the moment `max.poll.interval.ms` has passed since its
/// last poll, not at its next heartbeat.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_stalled_consumer_leaves_the_moment_its_poll_interval_passes() {
    let slow = || ConsumerConfig { max_poll_interval_ms: 10_000, ..member("g") };
    let mut run = Run::new(5, 6, 20);
    let ids = [run.consumer(slow()), run.consumer(slow()), run.consumer(slow())];
    run.until_secs(20);
    run.sim.set_processing_stalled(ids[1], true).unwrap();
    run.until_secs(20);
    let deadline = run.sim.view().consumers[1].poll_deadline;
    run.until_secs(40);
    let timeout = run
        .events(secs(20), |e| matches!(e, SimEvent::PollTimeout { consumer } if *consumer == ids[1]))
        .next()
        .expect("poll timeout");
    assert_eq!(timeout.at, deadline);
    assert_eq!(first_sent(&run, secs(20), ids[1], Api::LeaveGroup), deadline);
}

/// `SyncGroupResponseHandler`: the answer makes the member Stable at once, before
/// `onJoinComplete` runs at its next poll; so a commit in between is sent, not failed.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn the_sync_group_answer_makes_the_member_stable_at_once() {
    let busy = || ConsumerConfig {
        assignors: vec![groupsim::assignor::AssignorName::CooperativeSticky],
        commit: CommitMode::AfterProcessing,
        processing_ms_per_record: 50,
        max_poll_records: 20,
        ..member("g")
    };
    // 30 records a second, 20 processed: consumer-1 is always in the middle of a batch.
    let mut run = Run::new(5, 6, 30);
    let a = run.consumer(busy());
    run.until_secs(20);
    run.consumer(busy());
    run.until_secs(40);
    let answered = run
        .events(secs(20), |e| {
            matches!(e, SimEvent::MessageReceived { to: Endpoint::Consumer(c), api: Api::SyncGroup, .. } if *c == a)
        })
        .next()
        .expect("consumer-1 gets its assignment")
        .at;
    let installed = run
        .events(answered, |e| matches!(e, SimEvent::PartitionsAssigned { consumer, .. } if *consumer == a))
        .next()
        .unwrap()
        .at;
    assert!(installed > answered, "consumer-1 was mid-batch: onJoinComplete waits for its poll");
    let failed = run
        .events(answered, |e| matches!(e, SimEvent::CommitFailed { consumer, .. } if *consumer == a))
        .filter(|e| e.at <= installed)
        .count();
    assert_eq!(failed, 0);
    let sent = first_sent(&run, answered, a, Api::OffsetCommit);
    assert!(sent <= installed, "its batch-end commit goes out before onJoinComplete");
}

/// `ConsumerCoordinator.onJoinComplete` calls `onPartitionsAssigned(assigned − owned)`: a
/// cooperative round that only takes partitions away adds nothing.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_cooperative_round_that_adds_nothing_says_so() {
    let coop = || ConsumerConfig {
        assignors: vec![groupsim::assignor::AssignorName::CooperativeSticky],
        ..member("g")
    };
    let mut run = Run::new(5, 6, 20);
    let a = run.consumer(coop());
    run.until_secs(20);
    run.consumer(coop());
    run.until_secs(40);
    let rounds: Vec<(Vec<String>, Vec<String>)> = run
        .events(secs(20), |e| matches!(e, SimEvent::PartitionsAssigned { consumer, .. } if *consumer == a))
        .map(|e| match &e.event {
            SimEvent::PartitionsAssigned { added, partitions, .. } => (
                added.iter().map(ToString::to_string).collect(),
                partitions.iter().map(ToString::to_string).collect(),
            ),
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(rounds[0].0, Vec::<String>::new(), "round 1 gives consumer-1 nothing new");
    assert_eq!(rounds[0].1.len(), 3, "it keeps three of its six");
    let line = run
        .events(secs(20), |e| matches!(e, SimEvent::PartitionsAssigned { consumer, .. } if *consumer == a))
        .next()
        .unwrap()
        .to_string();
    assert!(line.contains("assigned nothing in generation 2; it now owns [orders-"), "{line}");
}

/// Partitions added while the group rebalances, after the leader computed its assignment: the
/// leader's next poll sees metadata unlike its snapshot and rejoins
/// (`ConsumerCoordinator.rejoinNeededOrPending`; test
/// `ConsumerCoordinatorTest.testUpdateMetadataDuringRebalance`).
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn partitions_added_during_a_rebalance_reach_a_consumer() {
    let (mut run, _) = three();
    run.sim.add_consumer(member("g")).unwrap();
    run.until_secs(30);
    let completed = run
        .events(secs(20), |e| matches!(e, SimEvent::JoinCompleted { .. }))
        .next()
        .expect("the join completes")
        .at;
    let (mut run, _) = three();
    run.sim.add_consumer(member("g")).unwrap();
    // The leader has its JoinGroup answer (5 ms) and has assigned 6 partitions.
    run.until(Instant::from_millis(completed.as_millis() + 6));
    run.sim.add_partitions("orders", 12).unwrap();
    run.until_secs(60);
    assert!(settled(&run), "{:?}", run.sim.view().consumers);
    let causes = run
        .events(completed, |e| {
            matches!(
                e,
                SimEvent::RebalanceStarted { cause: groupsim::RebalanceCause::MetadataChanged { .. }, .. }
            )
        })
        .count();
    assert!(causes >= 1, "the leader rejoined for the new partitions");
    run.assert_invariants_held();
}

/// `ClassicGroup.replaceStaticMember` answers the old member's waiting JoinGroup with
/// FENCED_INSTANCE_ID at once (test `ClassicGroupTest.testReplaceGroupInstance`): a second
/// process with the same `group.instance.id` stops the first immediately, not at its next
/// heartbeat.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_replaced_static_members_waiting_join_is_fenced_at_once() {
    let fixed = || ConsumerConfig { instance_id: Some("app-1".into()), ..member("g") };
    // consumer-2 stalls, so the join phase stays open (for its rebalance timeout) while
    // consumer-1's JoinGroup waits at the coordinator.
    let world = || {
        let mut run = Run::new(5, 6, 20);
        let a = run.consumer(fixed());
        let c = run.consumer(member("g"));
        run.until_secs(20);
        run.sim.set_processing_stalled(c, true).unwrap();
        run.consumer(member("g"));
        (run, a)
    };
    let (mut probe, a) = world();
    probe.until_secs(30);
    let parked = probe
        .events(secs(20), |e| {
            matches!(e, SimEvent::MessageReceived { from: Endpoint::Consumer(c), api: Api::JoinGroup, .. } if *c == a)
        })
        .next()
        .expect("the static member rejoins")
        .at;

    let (mut run, a) = world();
    run.until(parked);
    assert_eq!(run.sim.view().groups[0].state, GroupState::PreparingRebalance, "its JoinGroup waits");
    let twin = run.consumer(fixed());
    run.until(Instant::from_millis(parked.as_millis() + 100));
    let failed = run
        .events(parked, |e| matches!(e, SimEvent::ConsumerFailed { consumer, .. } if *consumer == a))
        .next()
        .expect("the old process is fenced");
    assert_eq!(failed.at.as_millis(), parked.as_millis() + 10, "one hop for the twin's JoinGroup, one back");
    assert!(failed.to_string().contains("FENCED_INSTANCE_ID"));
    assert_eq!(state_of(&run, twin), MemberState::PreparingRebalance, "the twin waits in its place");
}

/// `ConsumerCoordinator.onLeavePrepare`: a close while a rebalance is in progress calls
/// `onPartitionsLost`, not `onPartitionsRevoked`; a close while Stable revokes.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_close_during_a_rebalance_loses_its_partitions() {
    let coop = || ConsumerConfig {
        assignors: vec![groupsim::assignor::AssignorName::CooperativeSticky],
        ..member("g")
    };
    let mut run = Run::new(5, 6, 20);
    let a = run.consumer(coop());
    let b = run.consumer(coop());
    run.until_secs(20);
    run.consumer(coop());
    // Wait until consumer-1 has rejoined (a cooperative member keeps its partitions meanwhile).
    let mut at = secs(20);
    while state_of(&run, a) == MemberState::Stable {
        at = Instant::from_millis(at.as_millis() + 1);
        run.until(at);
    }
    assert!(!run.assignment(a).is_empty());
    run.sim.close_consumer(a).unwrap();
    run.until_secs(40);
    assert!(
        run.events(at, |e| matches!(e, SimEvent::PartitionsLost { consumer, .. } if *consumer == a)).count()
            == 1
    );
    assert_eq!(
        run.events(at, |e| matches!(e, SimEvent::PartitionsRevoked { consumer, .. } if *consumer == a))
            .count(),
        0
    );
    run.sim.close_consumer(b).unwrap();
    run.until_secs(60);
    assert_eq!(
        run.events(secs(40), |e| matches!(e, SimEvent::PartitionsRevoked { consumer, .. } if *consumer == b))
            .count(),
        1
    );
    run.assert_invariants_held();
}

/// A close asked for in the middle of a batch: the application processes the records `poll()`
/// already returned (their positions have advanced, and auto-commit on close commits positions:
/// `KafkaConsumer`'s javadoc on at-least-once), then closes. Nothing is skipped and nothing is
/// processed twice; the next owner starts exactly where it stopped.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_close_mid_batch_finishes_the_batch_then_commits_and_leaves() {
    let slow = || ConsumerConfig { processing_ms_per_record: 30, ..member("g") };
    let mut run = Run::new(5, 2, 20);
    let a = run.consumer(slow());
    let b = run.consumer(slow());
    run.until_secs(30);
    let mut at = secs(30);
    while run.sim.view().consumers[0].fetched == 0 {
        at = Instant::from_millis(at.as_millis() + 1);
        run.until(at);
    }
    run.sim.close_consumer(a).unwrap();
    run.drain();
    let requested = run
        .events(secs(30), |e| matches!(e, SimEvent::CloseRequested { consumer, .. } if *consumer == a))
        .next()
        .expect("consumer-1 was mid-batch");
    let SimEvent::CloseRequested { remaining, .. } = requested.event else { unreachable!() };
    assert!(remaining > 0);
    run.until_secs(90);
    let processed =
        run.events(secs(30), |e| matches!(e, SimEvent::Consumed { consumer, .. } if *consumer == a)).count();
    assert_eq!(processed as u32, remaining, "exactly what poll() had returned");
    assert_eq!(run.events(secs(0), |e| matches!(e, SimEvent::Duplicate { .. })).count(), 0);
    assert_eq!(run.assignment(b).len(), 2);
    run.sim.set_producer_paused(groupsim::ProducerId(0), true).unwrap();
    run.until_secs(150);
    assert!(run.checker.unprocessed(&run.sim.view()).is_empty());
    run.assert_invariants_held();
}

/// `offsets.retention.minutes` (7 days) after a group became Empty, the coordinator's next
/// retention check (every `offsets.retention.check.interval.ms`, 10 min) deletes its offsets and
/// the group (`ClassicGroup.offsetExpirationCondition`, `GroupCoordinatorShard.cleanupGroupMetadata`).
/// A consumer joining afterwards starts a new group, from `auto.offset.reset`. Run from a share
/// link, as a learner would open one.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn offsets_expire_a_week_after_the_group_empties_and_the_group_is_deleted() {
    const WEEK_MS: u64 = 7 * 24 * 3_600_000;
    let link = format!(
        "v1;seed=3;until={};0@create-topic:topic=orders,partitions=3;0@add-producer:topic=orders,rate=1,keys=keyed8;\
         0@add-consumer:group=g;30000@close-consumer:consumer=0;{}@add-consumer:group=g",
        WEEK_MS + 3_600_000,
        WEEK_MS + 1_800_000
    );
    let scenario = Scenario::from_link(&link).unwrap();
    let (sim, trace) = scenario.run().unwrap();
    let empty = trace
        .iter()
        .find(|e| matches!(&e.event, SimEvent::GroupStateChanged { to: GroupState::Empty, .. } if e.at > secs(30)))
        .expect("the group empties when consumer-1 leaves")
        .at;
    let expired = trace
        .iter()
        .find(|e| matches!(e.event, SimEvent::OffsetsExpired { partitions: 3, .. }))
        .expect("its offsets expire");
    let due = empty.as_millis() + WEEK_MS;
    assert_eq!(expired.at.as_millis(), due.div_ceil(600_000) * 600_000, "at the first check after a week");
    assert!(trace.iter().any(|e| e.at == expired.at
        && matches!(
            e.event,
            SimEvent::GroupStateChanged { from: GroupState::Empty, to: GroupState::Dead, .. }
        )));
    let view = sim.view();
    assert_eq!(view.groups[0].state, GroupState::Stable, "the later consumer made the group anew");
    assert_eq!(view.groups[0].generation, 1);
    let restart = trace
        .iter()
        .find(|e| matches!(e.event, SimEvent::PositionSet { committed: false, .. }) && e.at > expired.at)
        .expect("no committed offset is left: auto.offset.reset decides");
    assert!(restart.to_string().contains("auto.offset.reset"));
}

/// KIP-794 (`BuiltInPartitioner.nextPartition`, reference §7.2): when a null-key producer's batch
/// is full it draws the next partition among all of them, its current one included, so some
/// batches land where the last one did. (KIP-480's `StickyPartitionCache` always moved.)
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_null_key_producer_may_stay_on_its_partition_for_the_next_batch() {
    let mut run = Run::new(8, 4, 0);
    let config = groupsim::ProducerConfig {
        topic: "orders".into(),
        rate_per_sec: 100,
        key_mode: groupsim::KeyMode::Sticky { batch_records: 5 },
    };
    run.sim.add_producer(config).unwrap();
    run.until_secs(10);
    let partitions: Vec<u32> = run
        .events(secs(0), |e| matches!(e, SimEvent::Produced { .. }))
        .map(|e| match e.event {
            SimEvent::Produced { partition, .. } => partition,
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(partitions.len(), 1_000);
    let batches: Vec<u32> = partitions.chunks(5).map(|b| b[0]).collect();
    assert!(partitions.chunks(5).all(|b| b.iter().all(|p| *p == b[0])), "a batch stays on one partition");
    let stayed = batches.windows(2).filter(|w| w[0] == w[1]).count();
    // One in four expected (4 partitions): 199 switches, so about 50.
    assert!((25..=80).contains(&stayed), "{stayed} of 199 batches stayed");
}
