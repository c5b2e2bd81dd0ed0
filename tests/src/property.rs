//! Properties over random command lists: add, close, kill and restart consumers, stall and
//! resume their processing, cut and heal links, change rates, add partitions, let time pass.
//! Group "a" rebalances cooperatively (cooperative-sticky); group "b" eagerly with an assignor
//! drawn per seed; group "c" speaks the consumer protocol (KIP-848, its server assignor drawn
//! per member), on the same topic; some members are static. After every step every invariant holds; at the
//! end, once producers stop, every group with a live member has processed every record.

use groupsim::assignor::AssignorName;
use groupsim::{
    Command, CommitMode, ConsumerConfig, GroupProtocol, Instant, KeyMode, OffsetReset, ProducerConfig,
    Scenario, SimConfig, SimRng, TimedCommand,
};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::Run;

/// Fewer cases in the browser, where a debug build runs several times slower.
const CASES: u64 = if cfg!(target_arch = "wasm32") { 4 } else { 16 };

/// A random scenario: one topic, a producer, consumers in two groups coming and going for
/// 150 s, then producers paused and 150 s more to drain.
pub fn random_scenario(seed: u64) -> Scenario {
    let mut rng = SimRng::new(seed, 99);
    let mut at = 0;
    let mut commands = vec![
        TimedCommand {
            at_ms: 0,
            command: Command::CreateTopic { topic: "t".into(), partitions: 1 + rng.below(6) },
        },
        TimedCommand {
            at_ms: 0,
            command: Command::AddProducer {
                config: ProducerConfig {
                    topic: "t".into(),
                    rate_per_sec: 5 + rng.below(30),
                    key_mode: KeyMode::RoundRobin,
                },
            },
        },
    ];
    let b_assignors = crate::support::eager_assignors(&mut rng);
    let mut consumers = 0;
    for _ in 0..24 {
        at += u64::from(rng.below(15_000));
        let command = match rng.below(12) {
            0..=3 => {
                consumers += 1;
                let group = match rng.below(6) {
                    0 => "b",
                    1 | 2 => "c",
                    _ => "a",
                };
                let assignors =
                    if group == "a" { vec![AssignorName::CooperativeSticky] } else { b_assignors.clone() };
                let instance_id = (rng.below(4) == 0).then(|| format!("instance-{consumers}"));
                let commit = if rng.below(3) == 0 {
                    CommitMode::AfterProcessing
                } else {
                    CommitMode::Auto { interval_ms: 5_000 }
                };
                let config = ConsumerConfig {
                    group_id: group.into(),
                    topics: vec!["t".into()],
                    commit,
                    auto_offset_reset: OffsetReset::Earliest,
                    session_timeout_ms: 6_000 + u64::from(rng.below(40_000)),
                    max_poll_interval_ms: 10_000 + u64::from(rng.below(50_000)),
                    processing_ms_per_record: u64::from(rng.below(30)),
                    assignors,
                    instance_id,
                    ..ConsumerConfig::default()
                };
                let config =
                    if group == "c" { crate::support::consumer_protocol(config, &mut rng) } else { config };
                Command::AddConsumer { config }
            }
            4 | 5 if consumers > 0 => Command::CloseConsumer { consumer: rng.below(consumers) },
            6 if consumers > 0 => Command::KillConsumer { consumer: rng.below(consumers) },
            7 if consumers > 0 => Command::CutLink { consumer: rng.below(consumers), cut: rng.below(2) == 0 },
            8 => Command::SetProducerRate { producer: 0, rate_per_sec: rng.below(40) },
            9 if consumers > 0 => Command::RestartConsumer { consumer: rng.below(consumers) },
            10 if consumers > 0 => {
                Command::StallProcessing { consumer: rng.below(consumers), stalled: rng.below(2) == 0 }
            }
            _ => Command::AddPartitions { topic: "t".into(), partitions: 2 + rng.below(8) },
        };
        commands.push(TimedCommand { at_ms: at, command });
    }
    // Heal every link and add one healthy member per group so each group can finish.
    for consumer in 0..consumers {
        commands.push(TimedCommand { at_ms: at + 1, command: Command::CutLink { consumer, cut: false } });
        let resume = Command::StallProcessing { consumer, stalled: false };
        commands.push(TimedCommand { at_ms: at + 1, command: resume });
    }
    let c = ConsumerConfig::default().assignors;
    for (group, assignors) in [("a", vec![AssignorName::CooperativeSticky]), ("b", b_assignors), ("c", c)] {
        let config = ConsumerConfig {
            assignors,
            group_id: group.into(),
            topics: vec!["t".into()],
            auto_offset_reset: OffsetReset::Earliest,
            group_protocol: if group == "c" { GroupProtocol::Consumer } else { GroupProtocol::Classic },
            ..Default::default()
        };
        commands.push(TimedCommand { at_ms: at + 1, command: Command::AddConsumer { config } });
    }
    commands
        .push(TimedCommand { at_ms: at + 1, command: Command::PauseProducer { producer: 0, paused: true } });
    Scenario { config: SimConfig { seed, ..SimConfig::default() }, commands, until_ms: at + 400_000 }
}

/// Replays a scenario step by step, checking every invariant after every step. Refused commands
/// (closing a consumer twice, shrinking a topic) are part of random input and are skipped.
fn run_checked(scenario: &Scenario) -> Run {
    let mut run = Run::empty(scenario.config.clone());
    for timed in &scenario.commands {
        run.until(Instant::from_millis(timed.at_ms));
        let _refused_is_fine = run.sim.apply_command(&timed.command);
        run.drain();
    }
    run.until(Instant::from_millis(scenario.until_ms));
    run
}

/// Always: one owner per partition per generation, commits never go back, no skipped record,
/// duplicates only around failures. Eventually: every record processed by every live group.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn invariants_hold_after_every_step_of_random_runs() {
    for seed in 0..CASES {
        let scenario = random_scenario(seed);
        let run = run_checked(&scenario);
        let violations = run.checker.violations();
        let first: Vec<_> = violations.iter().take(3).collect();
        assert!(
            violations.is_empty(),
            "seed {seed}: {} violations, first {first:?}\n{}",
            violations.len(),
            scenario.to_json()
        );
        let consumed =
            run.events(Instant::ZERO, |e| matches!(e, groupsim::SimEvent::Consumed { .. })).count();
        let rebalances =
            run.events(Instant::ZERO, |e| matches!(e, groupsim::SimEvent::RebalanceCompleted { .. })).count();
        println!(
            "seed {seed}: {} events, {consumed} records processed, {rebalances} rebalances",
            run.log.len()
        );
        assert!(consumed > 1_000 && rebalances >= 2, "seed {seed} exercised too little");
        let behind = run.checker.unprocessed(&run.sim.view());
        assert_eq!(behind, [], "seed {seed}: records never processed\n{}", scenario.to_json());
    }
}

/// A scenario replays to the identical trace, also after a JSON round trip (a share-link).
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_scenario_replays_to_the_identical_trace() {
    let scenario = random_scenario(3);
    let again = Scenario::from_json(&scenario.to_json()).unwrap();
    assert_eq!(again, scenario);
    let (first, second) = (run_checked(&scenario).log, run_checked(&again).log);
    assert!(first.len() > 1_000);
    assert_eq!(first, second);
}

/// `Scenario::run` stops at the first refused command and says which one, when, and why.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_refused_command_is_reported_with_its_index_and_time() {
    let mut scenario = random_scenario(1);
    scenario.commands.insert(2, TimedCommand { at_ms: 0, command: Command::KillConsumer { consumer: 40 } });
    let error = scenario.run().unwrap_err();
    assert_eq!(error.to_string(), "command 2 at 0.000s: there is no consumer-41");
    scenario.commands[2] =
        TimedCommand { at_ms: 0, command: Command::CreateTopic { topic: "t".into(), partitions: 2 } };
    assert_eq!(
        scenario.run().unwrap_err().to_string(),
        "command 2 at 0.000s: a topic named \"t\" already exists"
    );
}
