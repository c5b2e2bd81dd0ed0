//! The coordinator's consumer group of KIP-848 (reference §3), being built piece by piece: the
//! group itself with its epochs, target and heartbeat handling ([`ConsumerGroup`]), and the
//! reconciliation of one member towards its target ([`reconcile`]), all pure; and the group as its
//! coordinator hosts it on the simulated wire, with its timers (`coordinator.rs`).

mod coordinator;
mod error;
mod group;
mod heartbeat;
mod member;
mod member_epoch;
mod offsets;
mod partition_epochs;
mod reconcile;
mod record;
mod state;

pub(crate) use coordinator::{Hosted, uuid_string};
pub use error::HeartbeatError;
pub use group::{Accepted, ConsumerGroup, ConsumerGroupConfig, RebalanceTimer};
pub use heartbeat::{HeartbeatRequest, HeartbeatResponse, JOIN_EPOCH, LEAVE_EPOCH, STATIC_LEAVE_EPOCH};
pub use member::ConsumerMember;
pub use member_epoch::check_member_epoch;
pub use offsets::OffsetError;
pub use partition_epochs::{PartitionEpochs, StillOwned};
pub use reconcile::{
    EpochedPartitions, MemberAssignment, MemberState, NO_EPOCH, Reconcile, ReconcileError, reconcile,
};
pub use state::ConsumerGroupState;
