//! Liveness: nothing wedges. Random runs cut and heal links at any moment and for any length
//! (some a few milliseconds after a rebalance starts or a join completes), kill, close, restart
//! and stall consumers, and grow the topic. Then every link is healed and every stall resumed,
//! while the producer goes on. Within [`BOUND_MS`] of that, every running consumer is a Stable
//! member, every partition is owned by exactly one running member of each group, and each
//! group's lag is near zero. The invariants hold after every step, throughout.
//!
//! The bound, from the timeouts these runs use (`max.poll.interval.ms` ≤ 60 s, so the rebalance
//! timeout ≤ 60 s and a JoinGroup's request timeout ≤ 65 s; `session.timeout.ms` ≤ 46 s;
//! `request.timeout.ms` 30 s; initial rebalance delay 3 s): after the heal, a JoinGroup lost
//! just before it waits out its 65 s; a member that silently left is expired within one session
//! (46 s); a join phase and a sync phase can each wait one rebalance timeout for a member that
//! does not come (2 × 60 s); a lost SyncGroup or OffsetFetch waits one request timeout (30 s);
//! up to three initial delays (9 s) and 10 s to drain what was produced: 280 s in all.

use groupsim::assignor::AssignorName;
use groupsim::{
    Command, CommitMode, ConsumerConfig, GroupState, Instant, KeyMode, Life, MemberState, OffsetReset,
    ProducerConfig, SimConfig, SimEvent, SimRng,
};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::Run;

/// See the module's documentation for how it is derived.
pub const BOUND_MS: u64 = 280_000;

/// How long the random part of a run lasts.
const CHAOS_MS: u64 = 60_000;

/// Seeds per `cargo test`; the browser runs a debug build several times slower.
const SEEDS: u64 = if cfg!(target_arch = "wasm32") { 6 } else { 200 };

/// A random consumer of group `a` (cooperative), `b` (eager, its assignor drawn per run) or `c`
/// (the consumer protocol, KIP-848), all on one topic.
fn consumer(rng: &mut SimRng, n: u32, b_assignors: &[AssignorName]) -> ConsumerConfig {
    let group = match rng.below(6) {
        0 | 1 => "b",
        2 | 3 => "c",
        _ => "a",
    };
    let config = ConsumerConfig {
        group_id: group.into(),
        topics: vec!["t".into()],
        assignors: if group == "a" { vec![AssignorName::CooperativeSticky] } else { b_assignors.to_vec() },
        instance_id: (rng.below(4) == 0).then(|| format!("instance-{n}")),
        commit: if rng.below(3) == 0 {
            CommitMode::AfterProcessing
        } else {
            CommitMode::Auto { interval_ms: 5_000 }
        },
        auto_offset_reset: OffsetReset::Earliest,
        session_timeout_ms: 6_000 + u64::from(rng.below(40_000)),
        heartbeat_interval_ms: 1_000 + u64::from(rng.below(2_000)),
        max_poll_interval_ms: 10_000 + u64::from(rng.below(50_000)),
        processing_ms_per_record: u64::from(rng.below(20)),
        ..ConsumerConfig::default()
    };
    if group == "c" { crate::support::consumer_protocol(config, rng) } else { config }
}

/// One random run, stepped with checks; returns what is wrong at the bound, if anything.
fn run_one(seed: u64) -> Result<Run, String> {
    let mut rng = SimRng::new(seed, 7);
    let mut run = Run::empty(SimConfig { seed, ..SimConfig::default() });
    let partitions = 1 + rng.below(6);
    let rate = 5 + rng.below(15);
    let _ = run.sim.apply_command(&Command::CreateTopic { topic: "t".into(), partitions });
    let producer = ProducerConfig { topic: "t".into(), rate_per_sec: rate, key_mode: KeyMode::RoundRobin };
    let _ = run.sim.apply_command(&Command::AddProducer { config: producer });
    let b_assignors = crate::support::eager_assignors(&mut rng);
    let mut consumers = 0u32;
    for _ in 0..2 + rng.below(3) {
        consumers += 1;
        let config = consumer(&mut rng, consumers, &b_assignors);
        let _ = run.sim.apply_command(&Command::AddConsumer { config });
    }
    run.drain();
    // Commands to give later, at their times (heals after cuts, resumes after stalls).
    let mut later: Vec<(u64, Command)> = Vec::new();
    let mut at = 0;
    let mut seen = 0;
    while at < CHAOS_MS {
        let next = at + 1 + u64::from(rng.below(4_000));
        groupsim::sort::sort_by(&mut later, |a, b| a.0.cmp(&b.0));
        while later.first().is_some_and(|(t, _)| *t <= next) {
            let (t, command) = later.remove(0);
            run.until(Instant::from_millis(t.max(at)));
            let _refused_is_fine = run.sim.apply_command(&command);
            run.drain();
        }
        at = next;
        run.until(Instant::from_millis(at));
        // A cut a few milliseconds after a rebalance started or a join completed.
        let rebalances = run.log[seen..]
            .iter()
            .filter(|e| matches!(e.event, SimEvent::RebalanceStarted { .. } | SimEvent::JoinCompleted { .. }))
            .count();
        seen = run.log.len();
        if rebalances > 0 && rng.below(2) == 0 {
            let victim = rng.below(consumers);
            let cut_at = at + u64::from(rng.below(15));
            later.push((cut_at, Command::CutLink { consumer: victim, cut: true }));
            later.push((
                cut_at + 1 + u64::from(rng.below(3_000)),
                Command::CutLink { consumer: victim, cut: false },
            ));
        }
        let command = match rng.below(10) {
            0 => {
                consumers += 1;
                Command::AddConsumer { config: consumer(&mut rng, consumers, &b_assignors) }
            }
            1 => Command::CloseConsumer { consumer: rng.below(consumers) },
            2 => Command::KillConsumer { consumer: rng.below(consumers) },
            3 => Command::RestartConsumer { consumer: rng.below(consumers) },
            4 | 5 => {
                let victim = rng.below(consumers);
                // Any length: a few milliseconds to most of a minute.
                let longest = if rng.below(2) == 0 { 50 } else { 40_000 };
                let heal = at + 1 + u64::from(rng.below(longest));
                later.push((heal, Command::CutLink { consumer: victim, cut: false }));
                Command::CutLink { consumer: victim, cut: true }
            }
            6 => {
                let victim = rng.below(consumers);
                later.push((
                    at + u64::from(rng.below(70_000)),
                    Command::StallProcessing { consumer: victim, stalled: false },
                ));
                Command::StallProcessing { consumer: victim, stalled: true }
            }
            7 => Command::AddPartitions { topic: "t".into(), partitions: partitions + 1 + rng.below(6) },
            _ => continue,
        };
        let _refused_is_fine = run.sim.apply_command(&command);
        run.drain();
    }
    // Heal everything and resume every stall; the producer goes on, slower (fewer steps to check).
    run.until(Instant::from_millis(CHAOS_MS));
    for consumer in 0..consumers {
        let _ = run.sim.apply_command(&Command::CutLink { consumer, cut: false });
        let _ = run.sim.apply_command(&Command::StallProcessing { consumer, stalled: false });
    }
    let _ = run.sim.apply_command(&Command::SetProducerRate { producer: 0, rate_per_sec: CALM_RATE });
    run.drain();
    run.until(Instant::from_millis(CHAOS_MS + BOUND_MS));
    settled(&run, u64::from(CALM_RATE) * NEAR_ZERO_SECS).map(|()| run)
}

/// Records per second once every link is healed.
const CALM_RATE: u32 = 2;

/// "Lag back near zero": no more than what is produced in this many seconds, the longest a
/// record waits for the next auto-commit (5 s) and its processing.
const NEAR_ZERO_SECS: u64 = 6;

/// Eventually: every running consumer a Stable member, each group's partitions owned once by
/// its running members, its lag near zero (at most `near_zero` records).
fn settled(run: &Run, near_zero: u64) -> Result<(), String> {
    let view = run.sim.view();
    let partitions = view.topics[0].partitions.len();
    for group in &view.groups {
        let running: Vec<_> =
            view.consumers.iter().filter(|c| c.group == group.id && c.life == Life::Running).collect();
        if running.is_empty() {
            continue;
        }
        for c in &running {
            let member = group.members.iter().any(|m| m.consumer == c.id);
            if c.state != MemberState::Stable || !member {
                return Err(format!("{} in group {} is {} (a member: {member})", c.id, group.id, c.state));
            }
        }
        if group.state != GroupState::Stable {
            return Err(format!("group {} is {}", group.id, group.state));
        }
        let mut owned: Vec<(String, u32)> = running
            .iter()
            .flat_map(|c| c.assignment.iter().map(|(tp, _)| (tp.topic.clone(), tp.partition)))
            .collect();
        groupsim::sort::sort(&mut owned);
        let before = owned.len();
        owned.dedup();
        let blind = blind_static_leader(run, &group.id, group.leader.as_deref());
        if owned.len() != before || (owned.len() != partitions && !blind) {
            return Err(format!(
                "group {}: {before} partitions owned for {partitions} ({owned:?})",
                group.id
            ));
        }
        if group.total_lag > near_zero {
            return Err(format!("group {} still lags {} records", group.id, group.total_lag));
        }
    }
    Ok(())
}

/// Kafka's one blind spot, kept: the topic grew while the group's static leader was down, and the
/// leader's new process took its place without a rebalance. It assigns nothing
/// (`skipAssignment`) and takes its metadata snapshot from what it sees now
/// (`ConsumerCoordinator.onLeaderElected`: `assignmentSnapshot = metadataSnapshot`), so it never
/// notices the new partitions, and they wait for the group's next rebalance.
fn blind_static_leader(run: &Run, group: &str, leader: Option<&str>) -> bool {
    let Some(grew) = run.log.iter().rev().find(|e| matches!(e.event, SimEvent::PartitionsAdded { .. }))
    else {
        return false;
    };
    let joined_since =
        run.events(grew.at, |e| matches!(e, SimEvent::JoinCompleted { group: g, .. } if g == group)).count();
    let took_over = run.events(grew.at, |e| {
        matches!(e, SimEvent::StaticMemberReplaced { group: g, member_id, .. }
            if g == group && Some(member_id.as_str()) == leader)
    });
    joined_since == 0 && took_over.count() > 0
}

fn check(seed: u64) {
    match run_one(seed) {
        Ok(run) => run.assert_invariants_held(),
        Err(why) => panic!("seed {seed}: {why} {} ms after every link healed", BOUND_MS),
    }
}

/// Nothing wedges: after any cuts, crashes and stalls, the groups settle within the bound.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn every_group_settles_within_the_bound_after_the_links_heal() {
    for seed in 0..SEEDS {
        check(seed);
    }
}

/// The long soak, not part of CI: `./x soak N` runs N seeds after the ones above, in release.
#[cfg(not(target_arch = "wasm32"))]
#[test]
#[ignore = "a long soak: ./x soak N"]
fn liveness_soak() {
    let seeds: u64 = std::env::var("SOAK_SEEDS").ok().and_then(|n| n.parse().ok()).unwrap_or(2_000);
    for seed in SEEDS..SEEDS + seeds {
        check(seed);
        if seed % 100 == 0 {
            println!("seed {seed} settled");
        }
    }
    println!("{seeds} seeds settled within {} ms", BOUND_MS);
}
