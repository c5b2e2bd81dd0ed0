//! The consumer protocol (KIP-848) in the whole world: consumers with `group.protocol=consumer`
//! heartbeating to their coordinator over the simulated wire, with Kafka's defaults
//! (`group.consumer.heartbeat.interval.ms` 5 s, `group.consumer.session.timeout.ms` 45 s,
//! `max.poll.interval.ms` 5 min): reference §3.2–§3.5, and the worked example of §3.4.

use groupsim::consumer::membership::MemberState as ClientState;
use groupsim::group::consumer::ConsumerGroupState;
use groupsim::protocol::{Api, ErrorCode};
use groupsim::{
    CommitMode, ConsumerConfig, ConsumerId, GroupProtocol, Life, RemovalReason, SimError, SimEvent, SimView,
};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{Run, member, secs};

fn kip848(group: &str) -> ConsumerConfig {
    ConsumerConfig { group_protocol: GroupProtocol::Consumer, ..member(group) }
}

fn static_kip848(instance: &str) -> ConsumerConfig {
    ConsumerConfig { instance_id: Some(instance.into()), ..kip848("g") }
}

/// `n` consumers of `config` on 6 partitions, settled at 20 s.
fn settled(n: usize, config: impl Fn(usize) -> ConsumerConfig) -> (Run, Vec<ConsumerId>) {
    let mut run = Run::new(11, 6, 20);
    let ids = (0..n).map(|i| run.consumer(config(i))).collect();
    run.until_secs(20);
    assert_stable(&run.sim.view());
    (run, ids)
}

/// The group is Stable, every running client STABLE, every partition owned once.
fn assert_stable(view: &SimView) {
    let g = &view.groups[0];
    let kip = g.consumer_protocol.as_ref().expect("a consumer-protocol group");
    assert_eq!(kip.state, ConsumerGroupState::Stable, "at {}", view.now);
    assert_eq!(kip.group_epoch, kip.target_epoch);
    let mut owned: Vec<String> = Vec::new();
    for c in view.consumers.iter().filter(|c| c.life == Life::Running) {
        let m = c.membership.as_ref().unwrap();
        assert_eq!(m.state, ClientState::Stable, "{} at {}", c.id, view.now);
        assert_eq!(m.member_epoch, kip.group_epoch, "{}", c.id);
        owned.extend(c.assignment.iter().map(|(tp, _)| tp.to_string()));
    }
    groupsim::sort::sort(&mut owned);
    let before = owned.len();
    owned.dedup();
    assert_eq!((before, owned.len()), (6, 6), "{owned:?}");
}

fn owned(view: &SimView, id: ConsumerId) -> Vec<String> {
    let c = view.consumers.iter().find(|c| c.id == id).unwrap();
    c.assignment.iter().map(|(tp, _)| tp.to_string()).collect()
}

fn epoch_bumps(run: &Run, since: u64) -> Vec<i32> {
    run.events(secs(since), |e| matches!(e, SimEvent::GroupEpochBumped { .. }))
        .map(|e| match &e.event {
            SimEvent::GroupEpochBumped { epoch, .. } => *epoch,
            _ => unreachable!(),
        })
        .collect()
}

native_and_wasm_test! {
    /// The §3.4 worked example, on the wire: a member joins a stable group. The owners revoke
    /// only what moves (commit first), keep consuming what they keep, and the newcomer gets its
    /// share once they acknowledged, within two heartbeat intervals. One epoch bump; no partition
    /// ever has two owners (the invariants after every step).
    fn a_newcomer_gets_its_share_and_nobody_stops() {
        let (mut run, ids) = settled(2, |_| kip848("g"));
        let kept: Vec<Vec<String>> = ids.iter().map(|&id| owned(&run.sim.view(), id)).collect();
        assert_eq!(kept.iter().map(Vec::len).collect::<Vec<_>>(), [3, 3]);
        let newcomer = run.consumer(kip848("g"));
        run.until_secs(30); // two heartbeat intervals
        let view = run.sim.view();
        assert_stable(&view);
        assert_eq!(owned(&view, newcomer).len(), 2);
        assert_eq!(epoch_bumps(&run, 20).len(), 1, "one bump: the join");
        for (&id, before) in ids.iter().zip(&kept) {
            let now = owned(&view, id);
            assert_eq!(now.len(), 2);
            assert!(now.iter().all(|tp| before.contains(tp)), "{id} kept its partitions");
            // Only what moved was revoked, never what it keeps.
            for e in run.events(secs(20), |e| matches!(e, SimEvent::PartitionsRevoked { consumer, .. } if *consumer == id)) {
                let SimEvent::PartitionsRevoked { partitions, .. } = &e.event else { unreachable!() };
                assert!(partitions.iter().all(|tp| !now.contains(&tp.to_string())), "{id} revoked what it keeps");
            }
            // It consumed throughout: records of its kept partitions processed every second.
            for t in 20..29 {
                let consumed = run
                    .events(secs(t), |e| matches!(e, SimEvent::Consumed { consumer, partition, .. }
                        if *consumer == id && now.contains(&partition.to_string())))
                    .filter(|e| e.at < secs(t + 1))
                    .count();
                assert!(consumed > 0, "{id} stopped consuming at {t} s");
            }
        }
        assert_eq!(run.events(secs(0), |e| matches!(e, SimEvent::PartitionsLost { .. })).count(), 0);
        // The rebalance history: the join, two partitions moved to the newcomer, nobody stopped.
        let record = view.groups[0].rebalances.last().cloned().expect("recorded");
        assert!(matches!(record.cause, groupsim::RebalanceCause::MemberJoined { .. }), "{record:?}");
        assert_eq!(record.moved.len(), 2, "{record:?}");
        assert!(record.moved.iter().all(|(_, _, to)| to.as_deref() == Some("consumer-3")), "{record:?}");
        assert_eq!(record.stopped, [], "the members that kept their partitions never stopped");
        assert_eq!(record.generation, record.generation_before + 1);
        run.assert_invariants_held();
    }
}

native_and_wasm_test! {
    /// A crash goes unnoticed until `group.consumer.session.timeout.ms` (45 s) after its last
    /// heartbeat: nothing moves before. Then the member is fenced, the group epoch moves, and the
    /// survivor's next heartbeat computes the target and gets everything.
    fn a_killed_member_is_noticed_at_its_session_timeout() {
        let (mut run, ids) = settled(2, |_| kip848("g"));
        run.sim.kill_consumer(ids[1]).unwrap();
        run.drain();
        run.until_secs(20 + 39);
        assert_eq!(epoch_bumps(&run, 20), Vec::<i32>::new(), "nothing moves before the session timeout");
        assert_eq!(owned(&run.sim.view(), ids[0]).len(), 3);
        run.until_secs(20 + 45);
        let removed: Vec<_> = run
            .events(secs(20), |e| matches!(e, SimEvent::MemberRemoved { reason: RemovalReason::SessionTimeout, .. }))
            .collect();
        assert_eq!(removed.len(), 1);
        let fenced_at = removed[0].at;
        assert!(fenced_at > secs(60) && fenced_at <= secs(65), "fenced at {fenced_at}");
        // The next heartbeat of the survivor (5 s at most) brings the new target and all of it.
        run.until(fenced_at + groupsim::Duration::from_secs(6));
        assert_eq!(owned(&run.sim.view(), ids[0]).len(), 6);
        assert_stable(&run.sim.view());
        run.assert_invariants_held();
    }
}

native_and_wasm_test! {
    /// A static member closed (it leaves with epoch -2, keeping its place) and started again
    /// within its session timeout takes its place back under a new member id: no epoch bump,
    /// the same partitions, nobody else disturbed (reference §3.3, Leave).
    fn a_static_member_back_within_its_session_keeps_its_place() {
        let (mut run, ids) = settled(3, |i| static_kip848(&format!("instance-{i}")));
        let before = owned(&run.sim.view(), ids[1]);
        let epoch = run.sim.view().groups[0].consumer_protocol.as_ref().unwrap().group_epoch;
        run.sim.close_consumer(ids[1]).unwrap();
        run.drain();
        run.until_secs(30);
        run.sim.restart_consumer(ids[1]).unwrap();
        run.drain();
        run.until_secs(45);
        let view = run.sim.view();
        assert_eq!(epoch_bumps(&run, 20), Vec::<i32>::new(), "no rebalance");
        assert_eq!(view.groups[0].consumer_protocol.as_ref().unwrap().group_epoch, epoch);
        assert_eq!(owned(&view, ids[1]), before);
        assert_eq!(run.events(secs(20), |e| matches!(e, SimEvent::StaticMemberReplaced { .. })).count(), 1);
        assert_stable(&view);
        run.assert_invariants_held();
    }
}

native_and_wasm_test! {
    /// A static member that crashed has not left: a new process with its instance id is
    /// refused with UNRELEASED_INSTANCE_ID, which Kafka's client treats as fatal
    /// (`ConsumerHeartbeatRequestManager.handleSpecificExceptionInResponse`).
    fn a_crashed_static_member_restarted_at_once_gets_unreleased_instance_id() {
        let (mut run, ids) = settled(2, |i| static_kip848(&format!("instance-{i}")));
        run.sim.kill_consumer(ids[0]).unwrap();
        run.sim.restart_consumer(ids[0]).unwrap();
        run.drain();
        run.until_secs(25);
        let failed = run.events(secs(20), |e| {
            matches!(e, SimEvent::ConsumerFailed { consumer, error: ErrorCode::UnreleasedInstanceId } if *consumer == ids[0])
        });
        assert_eq!(failed.count(), 1);
        run.assert_invariants_held();
    }
}

native_and_wasm_test! {
    /// A cut link: the member's heartbeats are lost, its coordinator fences it at the session
    /// timeout and gives its partitions away; the client meanwhile gives up on its coordinator
    /// (`request.timeout.ms`). Healed, its next heartbeat is refused (UNKNOWN_MEMBER_ID): it
    /// loses its partitions (`onPartitionsLost`, no commit), rejoins with epoch 0 and the same
    /// member id (KIP-1082), and gets its share again.
    fn a_cut_link_fences_the_member_and_it_rejoins_after_the_heal() {
        let (mut run, ids) = settled(2, |_| kip848("g"));
        let member_id = run.sim.view().consumers[1].member_id.clone();
        run.sim.set_link_cut(ids[1], true).unwrap();
        run.drain();
        run.until_secs(80);
        let view = run.sim.view();
        assert_eq!(owned(&view, ids[0]).len(), 6, "the survivor took everything");
        assert!(view.groups[0].members.iter().all(|m| m.member_id != member_id), "fenced");
        run.sim.set_link_cut(ids[1], false).unwrap();
        run.drain();
        run.until_secs(100);
        let lost = run.events(secs(80), |e| matches!(e, SimEvent::PartitionsLost { consumer, .. } if *consumer == ids[1]));
        assert_eq!(lost.count(), 1);
        let view = run.sim.view();
        assert_eq!(view.consumers[1].member_id, member_id, "the same member id");
        assert_eq!(owned(&view, ids[1]).len(), 3);
        assert_stable(&view);
        run.assert_invariants_held();
    }
}

native_and_wasm_test! {
    /// A member that stops polling for `max.poll.interval.ms`: its poll timer expires, it loses
    /// its partitions, leaves with epoch -1 and is STALE until the application polls again; then
    /// it rejoins with epoch 0.
    fn a_stalled_member_leaves_at_its_poll_timeout_and_rejoins_when_it_polls() {
        let (mut run, ids) =
            settled(2, |_| ConsumerConfig { max_poll_interval_ms: 20_000, ..kip848("g") });
        run.sim.set_processing_stalled(ids[1], true).unwrap();
        run.drain();
        run.until_secs(45);
        let timeout = run.events(secs(20), |e| matches!(e, SimEvent::PollTimeout { consumer } if *consumer == ids[1]));
        assert_eq!(timeout.count(), 1);
        let left = run.events(secs(20), |e| matches!(e, SimEvent::MemberRemoved { reason: RemovalReason::Left, .. }));
        assert_eq!(left.count(), 1);
        let view = run.sim.view();
        assert_eq!(view.consumers[1].membership.as_ref().unwrap().state, ClientState::Stale);
        assert_eq!(owned(&view, ids[0]).len(), 6);
        run.sim.set_processing_stalled(ids[1], false).unwrap();
        run.drain();
        run.until_secs(60);
        assert_stable(&run.sim.view());
        assert_eq!(owned(&run.sim.view(), ids[1]).len(), 3);
        run.assert_invariants_held();
    }
}

native_and_wasm_test! {
    /// Commits carry the member epoch (OffsetCommit's `GenerationIdOrMemberEpoch`), and with
    /// `enable.auto.commit=false` a batch's commitSync too; the coordinator keeps them.
    fn commits_carry_the_member_epoch() {
        let (mut run, _) = settled(2, |_| ConsumerConfig { commit: CommitMode::AfterProcessing, ..kip848("g") });
        run.until_secs(30);
        let epoch = run.sim.view().groups[0].generation;
        let summaries: Vec<String> = run
            .events(secs(20), |e| matches!(e, SimEvent::MessageSent { api: Api::OffsetCommit, response: false, .. }))
            .map(|e| e.event.to_string())
            .collect();
        assert!(!summaries.is_empty());
        assert!(summaries.iter().all(|s| s.contains(&format!("gen {epoch},"))), "{summaries:?}");
        let rejected = run.events(secs(0), |e| matches!(e, SimEvent::CommitRejected { .. })).count();
        assert_eq!(rejected, 0);
        assert!(run.sim.view().groups[0].describe.iter().all(|r| r.current_offset.is_some()));
        run.assert_invariants_held();
    }
}

native_and_wasm_test! {
    /// The client refuses the classic protocol's settings with the consumer protocol, naming
    /// them as Kafka's `ConsumerConfig` does, and `group.remote.assignor` with the classic one.
    fn each_protocol_refuses_the_other_ones_settings() {
        let mut run = Run::new(1, 3, 0);
        let refused = |run: &mut Run, config: ConsumerConfig| run.sim.add_consumer(config).unwrap_err().to_string();
        let session = ConsumerConfig { session_timeout_ms: 10_000, ..kip848("g") };
        assert_eq!(refused(&mut run, session), "session.timeout.ms cannot be set when group.protocol=CONSUMER");
        let all = ConsumerConfig {
            session_timeout_ms: 10_000,
            heartbeat_interval_ms: 1_000,
            assignors: vec![groupsim::assignor::AssignorName::RoundRobin],
            ..kip848("g")
        };
        assert_eq!(
            refused(&mut run, all),
            "partition.assignment.strategy, heartbeat.interval.ms, session.timeout.ms cannot be set when group.protocol=CONSUMER"
        );
        let remote = ConsumerConfig {
            remote_assignor: Some(groupsim::assignor::server::ServerAssignorName::Range),
            ..member("g")
        };
        assert_eq!(refused(&mut run, remote), "group.remote.assignor cannot be set when group.protocol=CLASSIC");
        assert!(run.sim.view().consumers.is_empty());
    }
}

native_and_wasm_test! {
    /// A group takes one protocol's members here: a consumer of the other is refused with a
    /// message that says what Kafka 4.x would do (convert the group) and that the playground
    /// does not model it. Once the group is empty, it may change protocol, its offsets kept.
    fn a_group_of_the_other_protocol_is_refused_until_it_is_empty() {
        let mut run = Run::new(1, 3, 10);
        let classic = run.consumer(member("g"));
        run.until_secs(10);
        let error = run.sim.add_consumer(kip848("g")).unwrap_err();
        assert_eq!(error, SimError::MixedGroup { group: "g".into(), has: GroupProtocol::Classic });
        assert!(error.to_string().contains("convert the group (online migration)"), "{error}");
        assert!(error.to_string().contains("does not model"), "{error}");
        run.sim.close_consumer(classic).unwrap();
        run.drain();
        run.until_secs(12);
        let committed: Vec<_> = run.sim.view().groups[0].describe.iter().map(|r| r.current_offset).collect();
        assert!(committed.iter().all(Option::is_some));
        let next = run.consumer(kip848("g"));
        run.until_secs(20);
        let view = run.sim.view();
        assert!(view.groups[0].consumer_protocol.is_some());
        assert_eq!(owned(&view, next).len(), 3);
        // It went on from the classic group's commits: no record processed twice.
        let started_committed = run.events(secs(12), |e| {
            matches!(e, SimEvent::PositionSet { consumer, committed: true, .. } if *consumer == next)
        });
        assert_eq!(started_committed.count(), 3);
        run.assert_invariants_held();
    }
}
