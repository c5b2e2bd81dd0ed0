//! The world the page opens with.

use groupsim::{
    Command, ConsumerConfig, KeyMode, OffsetReset, ProducerConfig, Scenario, SimConfig, TimedCommand,
};

/// The topic every new page starts with.
pub const TOPIC: &str = "orders";

/// The group every new page starts with.
pub const GROUP: &str = "group-a";

/// A consumer of `orders` in [`GROUP`] with Kafka's defaults, reading from the earliest offset so
/// the lanes show every record being consumed.
pub fn consumer() -> ConsumerConfig {
    ConsumerConfig {
        group_id: GROUP.into(),
        topics: vec![TOPIC.into()],
        auto_offset_reset: OffsetReset::Earliest,
        ..ConsumerConfig::default()
    }
}

/// Six partitions of `orders`, one keyed producer and a group of three consumers, all at time
/// zero: the world a new page opens with, as a scenario so it can be replayed and shared.
pub fn initial_scenario(seed: u64) -> Scenario {
    let at_zero = |command| TimedCommand { at_ms: 0, command };
    let producer =
        ProducerConfig { topic: TOPIC.into(), rate_per_sec: 6, key_mode: KeyMode::Keyed { key_space: 32 } };
    let mut commands = vec![
        at_zero(Command::CreateTopic { topic: TOPIC.into(), partitions: 6 }),
        at_zero(Command::AddProducer { config: producer }),
    ];
    commands.extend((0..3).map(|_| at_zero(Command::AddConsumer { config: consumer() })));
    Scenario { config: SimConfig { seed, ..SimConfig::default() }, commands, until_ms: 0 }
}
