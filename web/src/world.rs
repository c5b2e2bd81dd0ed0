//! The world the page opens with.

use groupsim::{ConsumerConfig, KeyMode, OffsetReset, ProducerConfig, Sim, SimConfig};

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

/// Six partitions of `orders`, one keyed producer and a group of three consumers.
pub fn initial(seed: u64) -> Sim {
    let mut sim =
        Sim::new(SimConfig { seed, ..SimConfig::default() }).expect("default broker settings are valid");
    // Both commands use constant, valid input; an error here is a bug worth the panic banner.
    sim.create_topic(TOPIC, 6).expect("the initial topic is valid");
    sim.add_producer(ProducerConfig {
        topic: TOPIC.into(),
        rate_per_sec: 6,
        key_mode: KeyMode::Keyed { key_space: 32 },
    })
    .expect("the initial producer is valid");
    for _ in 0..3 {
        sim.add_consumer(consumer()).expect("the initial consumers are valid");
    }
    sim
}
