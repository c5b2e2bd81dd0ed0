//! The KIP-848 server-side assignors (reference §4.4): the group coordinator, not a group
//! leader, computes a consumer-protocol group's target assignment with one of these. They take
//! the same members as the client assignors; a member's `owned` list stands for its partitions
//! in the current target assignment (`GroupSpec.memberAssignment`), which the sticky `uniform`
//! assignor keeps and `range` ignores.

mod range;

pub use range::range;

use alloc::string::String;
use core::fmt;

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
}

impl fmt::Display for ServerAssignorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // Kafka's words (`PartitionAssignorException` in the server assignors), then which.
            ServerAssignorError::UnknownTopic { member, topic } => {
                write!(f, "Member is subscribed to a non-existent topic ({member}: {topic})")
            }
        }
    }
}
