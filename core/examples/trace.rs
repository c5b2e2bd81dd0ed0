//! Prints the event log of a small group: `cargo run -p groupsim --example trace [seconds]`.

use groupsim::{ConsumerConfig, Duration, KeyMode, ProducerConfig, Sim, SimConfig, SimEvent};

fn main() -> Result<(), groupsim::SimError> {
    let seconds = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(10);
    let mut sim = Sim::new(SimConfig::default())?;
    sim.create_topic("orders", 6)?;
    sim.add_producer(ProducerConfig {
        topic: "orders".into(),
        rate_per_sec: 6,
        key_mode: KeyMode::Keyed { key_space: 32 },
    })?;
    for _ in 0..3 {
        sim.add_consumer(ConsumerConfig::default())?;
    }
    sim.advance(Duration::from_secs(seconds));
    for e in std::iter::from_fn(|| sim.poll_event()) {
        if !matches!(e.event, SimEvent::Produced { .. } | SimEvent::Consumed { .. }) {
            println!("{e}");
        }
    }
    for row in &sim.view().groups[0].describe {
        println!("{}", row.cells().join("  "));
    }
    Ok(())
}
