//! The world the page opens with.

use groupsim::{KeyMode, ProducerConfig, Sim, SimConfig};

/// The topic every new page starts with.
pub const TOPIC: &str = "orders";

/// Six partitions of `orders` and one keyed producer.
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
    sim
}
