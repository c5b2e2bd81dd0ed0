//! The KIP-848 server-side assignors (reference §4.4): the group coordinator, not a group
//! leader, computes a consumer-protocol group's target assignment with one of these. They take
//! the same members as the client assignors; a member's `owned` list stands for its partitions
//! in the current target assignment (`GroupSpec.memberAssignment`), which the sticky `uniform`
//! assignor keeps and `range` ignores.

mod range;
pub mod uniform;

pub use range::range;
pub use uniform::uniform;

use alloc::string::String;
use core::fmt;

use crate::vec_map::VecMap;

use super::{Assignment, MemberSubscription};

/// The server assignors a consumer can ask for with `group.remote.assignor`, and the broker's
/// `group.consumer.assignors` lists (default `uniform`, `range`: the first is the default).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServerAssignorName {
    /// `UniformAssignor` (`uniform`), the default.
    Uniform,
    /// `RangeAssignor` (`range`).
    Range,
}

impl ServerAssignorName {
    /// `group.consumer.assignors`' default order.
    pub const ALL: [ServerAssignorName; 2] = [ServerAssignorName::Uniform, ServerAssignorName::Range];

    /// The name a consumer sends in ConsumerGroupHeartbeat's `ServerAssignor`.
    pub fn name(self) -> &'static str {
        match self {
            ServerAssignorName::Uniform => "uniform",
            ServerAssignorName::Range => "range",
        }
    }

    /// Finds an assignor by name.
    pub fn from_name(name: &str) -> Option<Self> {
        ServerAssignorName::ALL.into_iter().find(|a| a.name() == name)
    }

    /// Runs it: the target assignment for `members`, whose `owned` is their current target.
    pub fn assign(
        self,
        topics: &VecMap<String, u32>,
        members: &[MemberSubscription],
    ) -> Result<Assignment, ServerAssignorError> {
        match self {
            ServerAssignorName::Uniform => uniform(topics, members),
            ServerAssignorName::Range => range(topics, members),
        }
    }
}

impl fmt::Display for ServerAssignorName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a server assignor refused (`PartitionAssignorException`): the coordinator keeps the
/// previous target assignment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServerAssignorError {
    /// A member subscribes to a topic the metadata does not have.
    UnknownTopic {
        /// The member.
        member: String,
        /// The topic it subscribes to.
        topic: String,
    },
    /// `uniform`: the members subscribe to a topic the metadata does not have.
    MissingTopic {
        /// The topic.
        topic: String,
    },
    /// `uniform`, for a group whose members subscribe alike: partitions are left after every
    /// member reached its quota. Kafka reaches this only when the current target names
    /// partitions a topic no longer has, which a growing topic never does.
    PartitionsLeftUnassigned,
    /// `uniform`, for a group whose members subscribe differently: the current target names a
    /// partition the topic does not have. Kafka's builder fails on it with an index error (no
    /// message of its own); partitions never shrink, so the coordinator never sees it.
    NoSuchPartition {
        /// The topic.
        topic: String,
        /// The partition named.
        partition: u32,
    },
}

impl fmt::Display for ServerAssignorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // Kafka's words (`PartitionAssignorException` in the server assignors), then which.
            ServerAssignorError::UnknownTopic { member, topic } => {
                write!(f, "Member is subscribed to a non-existent topic ({member}: {topic})")
            }
            ServerAssignorError::MissingTopic { topic } => {
                write!(
                    f,
                    "Members are subscribed to topic {topic} which doesn't exist in the topic metadata."
                )
            }
            ServerAssignorError::PartitionsLeftUnassigned => f.write_str("Partitions were left unassigned"),
            ServerAssignorError::NoSuchPartition { topic, partition } => {
                write!(f, "The target assignment names {topic}-{partition}, which does not exist")
            }
        }
    }
}
