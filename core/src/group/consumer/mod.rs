//! The coordinator's consumer group of KIP-848 (reference §3), being built piece by piece: so far
//! the reconciliation of one member towards its target assignment ([`reconcile`]), as a pure
//! function the group will call on every heartbeat.

mod reconcile;

pub use reconcile::{
    EpochedPartitions, MemberAssignment, MemberState, NO_EPOCH, Reconcile, ReconcileError, reconcile,
};
