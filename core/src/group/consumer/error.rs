//! What a ConsumerGroupHeartbeat can be refused with (reference §3.1), with Kafka's codes and
//! the messages its exceptions carry.

use alloc::string::String;
use core::fmt;

/// A refused heartbeat.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeartbeatError {
    /// 110 FENCED_MEMBER_EPOCH: the member's epoch is not one the coordinator accepts; it must
    /// give up its partitions and rejoin with epoch 0.
    FencedMemberEpoch {
        /// Kafka's message.
        message: String,
    },
    /// 25 UNKNOWN_MEMBER_ID: not a member of the group (left, or fenced and removed).
    UnknownMemberId {
        /// The member id sent.
        member_id: String,
        /// The group.
        group_id: String,
    },
    /// 25 UNKNOWN_MEMBER_ID for a static member: no member has this instance id.
    UnknownInstanceId {
        /// The instance id sent.
        instance_id: String,
    },
    /// -1 UNKNOWN_SERVER_ERROR: the assignor failed (Kafka sends no message with it; the
    /// playground keeps Kafka's log line to show).
    UnknownServerError {
        /// Kafka's log message.
        message: String,
    },
    /// 111 UNRELEASED_INSTANCE_ID: another member still holds this static instance id.
    UnreleasedInstanceId {
        /// The member id sent.
        member_id: String,
        /// The instance id.
        instance_id: String,
        /// The member that holds it.
        holder: String,
    },
    /// 82 FENCED_INSTANCE_ID: the instance id now belongs to a newer member.
    FencedInstanceId {
        /// Kafka's message.
        message: String,
    },
    /// 69 GROUP_ID_NOT_FOUND: the group is a classic one (what a coordinator with
    /// `group.consumer.migration.policy=disabled` answers; Kafka's default would convert it).
    GroupIdNotFound {
        /// The group.
        group_id: String,
    },
    /// 42 INVALID_REQUEST: the request breaks the protocol's rules (a first heartbeat without
    /// its subscription, say).
    InvalidRequest {
        /// Kafka's message.
        message: &'static str,
    },
}

impl HeartbeatError {
    /// Kafka's numeric error code.
    pub fn code(&self) -> i16 {
        match self {
            HeartbeatError::FencedMemberEpoch { .. } => 110,
            HeartbeatError::UnknownMemberId { .. } | HeartbeatError::UnknownInstanceId { .. } => 25,
            HeartbeatError::UnknownServerError { .. } => -1,
            HeartbeatError::UnreleasedInstanceId { .. } => 111,
            HeartbeatError::FencedInstanceId { .. } => 82,
            HeartbeatError::InvalidRequest { .. } => 42,
            HeartbeatError::GroupIdNotFound { .. } => 69,
        }
    }

    /// Kafka's name for the error.
    pub fn name(&self) -> &'static str {
        match self {
            HeartbeatError::FencedMemberEpoch { .. } => "FENCED_MEMBER_EPOCH",
            HeartbeatError::UnknownMemberId { .. } | HeartbeatError::UnknownInstanceId { .. } => {
                "UNKNOWN_MEMBER_ID"
            }
            HeartbeatError::UnknownServerError { .. } => "UNKNOWN_SERVER_ERROR",
            HeartbeatError::UnreleasedInstanceId { .. } => "UNRELEASED_INSTANCE_ID",
            HeartbeatError::FencedInstanceId { .. } => "FENCED_INSTANCE_ID",
            HeartbeatError::InvalidRequest { .. } => "INVALID_REQUEST",
            HeartbeatError::GroupIdNotFound { .. } => "GROUP_ID_NOT_FOUND",
        }
    }
}

impl fmt::Display for HeartbeatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeartbeatError::FencedMemberEpoch { message }
            | HeartbeatError::FencedInstanceId { message }
            | HeartbeatError::UnknownServerError { message } => f.write_str(message),
            HeartbeatError::UnknownInstanceId { instance_id } => {
                write!(f, "Instance id {instance_id} is unknown.")
            }
            HeartbeatError::UnknownMemberId { member_id, group_id } => {
                write!(f, "Member {member_id} is not a member of group {group_id}.")
            }
            HeartbeatError::UnreleasedInstanceId { member_id, instance_id, holder } => write!(
                f,
                "Static member {member_id} with instance id {instance_id} cannot join the group because the instance id is owned by {holder} member."
            ),
            HeartbeatError::InvalidRequest { message } => f.write_str(message),
            HeartbeatError::GroupIdNotFound { group_id } => {
                write!(f, "Group {group_id} is not a consumer group.")
            }
        }
    }
}
