//! Share links carry a scenario exactly: every command and setting survives the round trip,
//! and a broken link says which item is wrong and why.

use groupsim::assignor::AssignorName;
use groupsim::assignor::server::ServerAssignorName;
use groupsim::{
    BrokerConfig, Command, CommitMode, ConsumerConfig, GroupProtocol, KeyMode, OffsetReset, ProducerConfig,
    Scenario, SimConfig, TimedCommand,
};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

use crate::property::random_scenario;

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn random_scenarios_survive_the_link_round_trip() {
    for seed in 0..32 {
        let scenario = random_scenario(seed);
        let link = scenario.to_link();
        assert!(link.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-%;@:,=+".contains(&b)), "{link}");
        assert_eq!(Scenario::from_link(&link), Ok(scenario), "seed {seed}");
    }
}

/// Every action and every non-default setting, including text that needs escaping.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn every_setting_survives_the_link_round_trip() {
    let consumer = ConsumerConfig {
        group_id: "grupo é,;=+%".into(),
        client_id: "c 1".into(),
        instance_id: Some("i-1".into()),
        topics: vec!["a.b".into(), "c_d".into()],
        session_timeout_ms: 10_000,
        heartbeat_interval_ms: 1_000,
        max_poll_interval_ms: 20_000,
        max_poll_records: 7,
        commit: CommitMode::AfterProcessing,
        auto_offset_reset: OffsetReset::Earliest,
        assignors: vec![AssignorName::Sticky, AssignorName::RoundRobin],
        processing_ms_per_record: 0,
        request_timeout_ms: 4_000,
        retry_backoff_ms: 50,
        group_protocol: GroupProtocol::Classic,
        remote_assignor: None,
    };
    let modes = [
        KeyMode::Keyed { key_space: 3 },
        KeyMode::Sticky { batch_records: 2 },
        KeyMode::RoundRobin,
        KeyMode::Explicit { partition: 1 },
    ];
    let mut commands: Vec<Command> = modes
        .into_iter()
        .map(|key_mode| Command::AddProducer {
            config: ProducerConfig { topic: "t".into(), rate_per_sec: 9, key_mode },
        })
        .collect();
    commands.extend([
        Command::CreateTopic { topic: "t".into(), partitions: 2 },
        Command::AddPartitions { topic: "t".into(), partitions: 4 },
        Command::SetProducerRate { producer: 1, rate_per_sec: 0 },
        Command::PauseProducer { producer: 2, paused: true },
        Command::RemoveProducer { producer: 3 },
        Command::AddConsumer { config: consumer },
        Command::AddConsumer {
            config: ConsumerConfig { commit: CommitMode::Auto { interval_ms: 1 }, ..Default::default() },
        },
        Command::AddConsumer {
            config: ConsumerConfig {
                group_protocol: GroupProtocol::Consumer,
                remote_assignor: Some(ServerAssignorName::Range),
                ..Default::default()
            },
        },
        Command::CloseConsumer { consumer: 0 },
        Command::KillConsumer { consumer: 1 },
        Command::RestartConsumer { consumer: 1 },
        Command::StallProcessing { consumer: 0, stalled: true },
        Command::CutLink { consumer: 0, cut: false },
    ]);
    let broker = BrokerConfig {
        brokers: 1,
        offsets_topic_partitions: 3,
        initial_rebalance_delay_ms: 0,
        min_session_timeout_ms: 1,
        max_session_timeout_ms: 2,
        network_latency_ms: 9,
        offsets_retention_minutes: 60,
        offsets_retention_check_interval_ms: 1_000,
        consumer_heartbeat_interval_ms: 6_000,
        consumer_session_timeout_ms: 50_000,
    };
    let scenario = Scenario {
        config: SimConfig { seed: u64::MAX, retention_records: 5, broker },
        commands: commands
            .into_iter()
            .enumerate()
            .map(|(i, command)| TimedCommand { at_ms: i as u64, command })
            .collect(),
        until_ms: 99,
    };
    assert_eq!(Scenario::from_link(&scenario.to_link()), Ok(scenario));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_broken_link_names_the_item_and_the_problem() {
    let cases = [
        ("v2;seed=1", "item 1 (v2): a link starts with “v1”"),
        ("v1;seed=x", "item 2 (seed=x): seed=“x” is not a whole number in range"),
        ("v1;colour=red", "item 2 (colour=red): “colour” is not a setting here"),
        (
            "v1;x@kill-consumer:consumer=1",
            "item 2 (x@kill-consumer:consumer=1): “x” is not a time in milliseconds",
        ),
        ("v1;0@kill-consumer:", "item 2 (0@kill-consumer:): “consumer” is missing"),
        (
            "v1;0@kill-consumer:consumer=1,consumer=2",
            "item 2 (0@kill-consumer:consumer=1,consumer=2): “consumer” is given twice",
        ),
        (
            "v1;0@cut-link:consumer=1,cut=yes",
            "item 2 (0@cut-link:consumer=1,cut=yes): cut=“yes” must be 0 or 1",
        ),
        (
            "v1;0@add-consumer:assignors=range+fair",
            "item 2 (0@add-consumer:assignors=range+fair): “fair” is not an assignor",
        ),
        (
            "v1;0@add-producer:topic=t,rate=1,keys=random",
            "item 2 (0@add-producer:topic=t,rate=1,keys=random): “random” is not a key mode (keyedN, stickyN, round-robin, partitionN)",
        ),
    ];
    for (link, expected) in cases {
        assert_eq!(Scenario::from_link(link).unwrap_err().to_string(), expected);
    }
}

/// A damaged link (a character dropped, changed or added; an item cut or repeated; a number
/// made huge) is refused with a message or replays: it never panics, which on the page would
/// lose the visitor's run. Links come from chat messages and blog posts, where such damage
/// happens.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn damaged_links_are_refused_or_replayed_never_a_panic() {
    const NOISE: &[u8] = b";@:,=+%-.0123456789aez\xc3\xa9";
    let (mut refused, mut replayed) = (0, 0);
    for seed in 0..64u64 {
        let mut rng = groupsim::SimRng::new(seed, 7);
        let mut link = random_scenario(seed % 16).to_link().into_bytes();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(link.len() as u32) as usize;
            let noise = NOISE[rng.below(NOISE.len() as u32) as usize];
            match rng.below(5) {
                0 => drop(link.remove(at)),
                1 => link[at] = noise,
                2 => link.insert(at, noise),
                3 => link.splice(at..at, b"99999999999999999999".iter().copied()).for_each(drop),
                _ => {
                    let item: Vec<u8> = link[at..].split(|&b| b == b';').next().unwrap_or_default().to_vec();
                    link.splice(at..at, item.into_iter().chain([b';'])).for_each(drop);
                }
            }
        }
        let text = String::from_utf8_lossy(&link);
        match Scenario::from_link(&text) {
            Err(e) => {
                assert!(!e.to_string().is_empty(), "seed {seed}: an empty message for {text}");
                refused += 1;
            }
            // A link that still reads must replay (or say why it cannot) without panicking.
            Ok(scenario) => {
                let until = scenario.until_ms.min(120_000);
                if let Ok(mut session) = groupsim::Session::new(scenario) {
                    let _ = session.run_to(groupsim::Instant::from_millis(until));
                }
                replayed += 1;
            }
        }
    }
    // Both paths were exercised, so the test says something about each.
    assert!(refused > 10 && replayed > 0, "refused {refused}, replayed {replayed}");
}
