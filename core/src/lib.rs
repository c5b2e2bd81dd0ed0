//! `groupsim`: a deterministic simulation of Kafka topics, producers and consumer groups.
//!
//! The world has no I/O and no wall clock. Time is an input: it moves only when you call
//! [`Sim::step`] (to the next thing due), [`Sim::advance`] (by a span) or [`Sim::run_until`].
//! The same seed and the same commands give the same events, natively and in wasm.
//!
//! ```
//! use groupsim::{Duration, KeyMode, ProducerConfig, Sim, SimConfig, SimEvent};
//!
//! let mut sim = Sim::new(SimConfig { seed: 42, ..SimConfig::default() })?;
//! sim.create_topic("orders", 3)?;
//! sim.add_producer(ProducerConfig {
//!     topic: "orders".into(),
//!     rate_per_sec: 10,
//!     key_mode: KeyMode::Keyed { key_space: 100 },
//! })?;
//!
//! sim.advance(Duration::from_secs(2));
//!
//! let produced = core::iter::from_fn(|| sim.poll_event())
//!     .filter(|e| matches!(e.event, SimEvent::Produced { .. }))
//!     .count();
//! assert_eq!(produced, 20);
//! let view = sim.view(); // serializable: what the UI draws
//! assert_eq!(view.topics[0].partitions.len(), 3);
//! # Ok::<(), groupsim::SimError>(())
//! ```
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

mod agenda;
pub mod assignor;
mod commands;
mod config;
pub mod consumer;
mod delivery;
mod effects;
mod error;
mod event;
pub mod group;
pub mod history;
mod ids;
mod invariants;
mod link;
mod log;
mod net;
pub mod partitioner;
mod producer;
pub mod protocol;
mod rng;
mod scenario;
mod session;
mod sim;
pub mod sort;
mod time;
pub mod vec_map;
mod view;

/// Whether this build has the consumer protocol (KIP-848, the `kip848` feature, on by
/// default). Without it a consumer with `group.protocol=consumer` is refused, and none of the
/// protocol's code is linked: the web page leaves it out of its first load until its bytes are
/// paid for (docs/decisions.md, "Issue 14").
pub const CONSUMER_PROTOCOL: bool = cfg!(feature = "kip848");

pub use commands::Command;
pub use config::{
    BrokerConfig, CommitMode, ConsumerConfig, GroupProtocol, OffsetReset, offsets_partition_for,
};
pub use consumer::{FETCH_MAX_WAIT_MS, Life, MemberState};
pub use error::SimError;
pub use event::{SimEvent, Stamped};
pub use group::{GroupState, NEW_MEMBER_JOIN_TIMEOUT_MS, RebalanceCause, RemovalReason};
pub use ids::{ConsumerId, ProducerId};
pub use invariants::{Invariant, InvariantChecker, Violation};
pub use link::LinkError;
pub use log::Record;
pub use net::{Endpoint, Payload};
pub use partitioner::KeyMode;
pub use producer::{MAX_RATE, ProducerConfig};
pub use rng::SimRng;
pub use scenario::{MAX_STEPS, Scenario, ScenarioError, TimedCommand};
pub use session::{CHECKPOINTS_KEPT, Session};
pub use sim::{EVENT_BUFFER, MAX_PARTITIONS, Sim, SimConfig};
pub use time::{Duration, Instant};
pub use view::{
    ConsumerView, DescribeRow, GroupView, MemberView, MessageView, PartitionView, ProducerView, SimView,
    TopicView,
};
