//! The group coordinator's groups, one kind per rebalance protocol: the classic protocol's
//! ([`classic`], JoinGroup and SyncGroup with a group leader) and, next, the consumer protocol's
//! of KIP-848 ([`consumer`], one ConsumerGroupHeartbeat with server-side assignment).

pub(crate) mod classic;
pub mod consumer;
mod offsets;
mod rebalance;

pub(crate) use classic::{Ctx, Group};
pub use classic::{GroupState, NEW_MEMBER_JOIN_TIMEOUT_MS, RebalanceCause, RemovalReason};
pub(crate) use consumer::Hosted;
pub(crate) use rebalance::Rebalance;
