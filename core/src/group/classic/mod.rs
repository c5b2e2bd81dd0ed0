//! The classic group coordinator (reference §1): one [`Group`] per `group.id`, driven by requests
//! and timers, answering with responses, deadlines and events through [`Effects`].

mod coordinator;
mod join;
mod membership;
mod offsets;
mod record;
mod state;
mod sync;

use alloc::string::String;
use alloc::vec::Vec;
pub(crate) use coordinator::Ctx;
use core::fmt;
pub use join::NEW_MEMBER_JOIN_TIMEOUT_MS;

use serde::{Deserialize, Serialize};

pub use state::GroupState;

use crate::assignor::{AssignorName, TopicPartition};
use crate::group::Rebalance;
use crate::ids::Conn;
use crate::protocol::Subscription;
use crate::rng::SimRng;
use crate::time::Instant;
use crate::vec_map::VecMap;

/// Why a rebalance started.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "cause", rename_all = "kebab-case")]
pub enum RebalanceCause {
    /// A new member joined.
    MemberJoined {
        /// Its client id.
        client_id: String,
    },
    /// A member sent LeaveGroup.
    MemberLeft {
        /// Its client id.
        client_id: String,
    },
    /// A member's session timed out.
    SessionTimeout {
        /// Its client id.
        client_id: String,
    },
    /// The leader rejoined (it does so when topic metadata changes) or a member's subscription
    /// changed.
    MetadataChanged {
        /// Who rejoined.
        client_id: String,
    },
    /// A member left because `poll()` was not called within `max.poll.interval.ms` (its
    /// LeaveGroup carries that reason, KIP-800).
    PollTimeout {
        /// Its client id.
        client_id: String,
    },
    /// Members did not SyncGroup within the rebalance timeout.
    SyncTimeout,
    /// A consumer-protocol member did not revoke within its rebalance timeout and was fenced.
    RevocationTimeout {
        /// Its client id.
        client_id: String,
    },
}

impl fmt::Display for RebalanceCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RebalanceCause::MemberJoined { client_id } => write!(f, "{client_id} joined"),
            RebalanceCause::MemberLeft { client_id } => write!(f, "{client_id} left the group"),
            RebalanceCause::SessionTimeout { client_id } => write!(f, "{client_id}'s session timed out"),
            RebalanceCause::MetadataChanged { client_id } => {
                write!(f, "{client_id} rejoined with new metadata")
            }
            RebalanceCause::PollTimeout { client_id } => {
                write!(f, "{client_id} left: max.poll.interval.ms passed without a poll")
            }
            RebalanceCause::SyncTimeout => f.write_str("members did not sync in time"),
            RebalanceCause::RevocationTimeout { client_id } => {
                write!(f, "{client_id} did not revoke within its rebalance timeout")
            }
        }
    }
}

/// Why the coordinator removed a member.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RemovalReason {
    /// It sent LeaveGroup.
    Left,
    /// No heartbeat within `session.timeout.ms`.
    SessionTimeout,
    /// A dynamic member that did not rejoin within the rebalance timeout.
    DidNotRejoin,
    /// It did not send SyncGroup within the rebalance timeout.
    DidNotSync,
    /// It never completed its first join (MEMBER_ID_REQUIRED round or the 5-minute new-member timeout).
    JoinTimeout,
    /// A consumer-protocol member that did not revoke within its rebalance timeout.
    RevocationTimeout,
}

/// One member as the coordinator sees it (`ClassicGroupMember`).
#[derive(Clone, Debug)]
pub(crate) struct Member {
    pub member_id: String,
    pub instance_id: Option<String>,
    pub client_id: String,
    /// The connection of its latest JoinGroup or SyncGroup (who it is).
    pub conn: Conn,
    /// Where its parked JoinGroup is answered (that request's correlation id).
    pub join_conn: Conn,
    /// Where its parked SyncGroup is answered.
    pub sync_conn: Conn,
    pub session_timeout_ms: u64,
    pub rebalance_timeout_ms: u64,
    pub protocols: Vec<(AssignorName, Subscription)>,
    /// Its JoinGroup is parked until the join phase completes.
    pub awaiting_join: bool,
    /// Its SyncGroup is parked until the leader's arrives.
    pub awaiting_sync: bool,
    /// It has not sent SyncGroup for the current generation yet.
    pub pending_sync: bool,
    /// Joined but not yet through a join phase (`isNew`).
    pub is_new: bool,
    pub assignment: Vec<TopicPartition>,
}

impl Member {
    /// `hasSatisfiedHeartbeat`: new members can expire; members parked in a rebalance cannot.
    fn has_satisfied_heartbeat(&self) -> bool {
        !self.is_new && (self.awaiting_join || self.awaiting_sync)
    }
}

/// A classic consumer group on its coordinator. A Dead group here is one whose offsets expired:
/// Kafka deletes it, so requests from a member it once had get UNKNOWN_MEMBER_ID (Kafka's
/// `GroupIdNotFoundException` on JoinGroup), and a JoinGroup with no member id creates it anew.
#[derive(Clone, Debug)]
pub(crate) struct Group {
    pub id: String,
    /// The broker that coordinates it.
    pub coordinator: u32,
    pub state: GroupState,
    prev_state: GroupState,
    /// When it entered its state (`currentStateTimestamp`): an Empty group's offsets expire
    /// `offsets.retention.minutes` after it.
    state_since: Instant,
    pub generation: i32,
    pub protocol: Option<AssignorName>,
    pub leader: Option<String>,
    /// In join order: the deterministic stand-in for Java's HashMap order (reference §9.1).
    pub members: Vec<Member>,
    /// Dynamic members told MEMBER_ID_REQUIRED that have not rejoined yet.
    pending: Vec<String>,
    new_member_added: bool,
    initial_remaining_ms: u64,
    /// Committed offsets: the next offset to consume, per partition.
    pub offsets: VecMap<TopicPartition, u64>,
    pub rebalance: Option<Rebalance>,
    /// A finished cooperative round whose revoked partitions still wait for their new owner:
    /// the next rebalance a member's rejoin starts continues it (reference §2.2).
    follow_up: Option<Rebalance>,
    rng: SimRng,
}

impl Group {
    pub fn new(id: String, coordinator: u32, rng: SimRng) -> Self {
        Group {
            id,
            coordinator,
            state: GroupState::Empty,
            prev_state: GroupState::Empty,
            state_since: Instant::ZERO,
            generation: 0,
            protocol: None,
            leader: None,
            members: Vec::new(),
            pending: Vec::new(),
            new_member_added: false,
            initial_remaining_ms: 0,
            offsets: VecMap::new(),
            rebalance: None,
            follow_up: None,
            rng,
        }
    }

    pub fn member(&self, member_id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.member_id == member_id)
    }

    fn index_of(&self, member_id: &str) -> Option<usize> {
        self.members.iter().position(|m| m.member_id == member_id)
    }

    /// `ClassicGroup.generateMemberId`: `<client or instance id>-<UUID>`, the UUID drawn from the
    /// group's own random stream.
    fn generate_member_id(&mut self, prefix: &str) -> String {
        let (a, b) = (self.rng.next_u64(), self.rng.next_u64());
        let hex = |v: u64, from: u32, len: u32| (v >> from) & ((1u64 << len) - 1);
        alloc::format!(
            "{prefix}-{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            hex(a, 32, 32),
            hex(a, 16, 16),
            hex(a, 0, 12),
            0x8000 | hex(b, 48, 14),
            hex(b, 0, 48)
        )
    }
}
