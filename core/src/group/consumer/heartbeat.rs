//! ConsumerGroupHeartbeat (API key 68), the one RPC of the consumer protocol: what a member
//! sends and what the coordinator answers (reference §3.1,
//! `clients/src/main/resources/common/message/ConsumerGroupHeartbeat{Request,Response}.json`).

use alloc::string::String;
use alloc::vec::Vec;

use crate::assignor::TopicPartition;
use crate::assignor::server::ServerAssignorName;

use super::error::HeartbeatError;

/// Member epoch 0: (re)join.
pub const JOIN_EPOCH: i32 = 0;
/// Member epoch -1: leave the group.
pub const LEAVE_EPOCH: i32 = -1;
/// Member epoch -2: a static member leaves for a while, keeping its partitions.
pub const STATIC_LEAVE_EPOCH: i32 = -2;

/// A heartbeat. A field left `None` means "unchanged since the last one" (Kafka's null / -1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeartbeatRequest {
    /// The member id, or empty on the first join (the coordinator gives one).
    pub member_id: String,
    /// 0 to join, the member's epoch, -1 to leave, -2 for a static member's temporary leave.
    pub member_epoch: i32,
    /// `group.instance.id` of a static member.
    pub instance_id: Option<String>,
    /// `max.poll.interval.ms`: how long a revocation may take before the member is fenced.
    pub rebalance_timeout_ms: Option<u32>,
    /// The topics it subscribes to.
    pub subscribed: Option<Vec<String>>,
    /// `group.remote.assignor`.
    pub server_assignor: Option<ServerAssignorName>,
    /// What it owns now.
    pub owned: Option<Vec<TopicPartition>>,
}

impl HeartbeatRequest {
    /// A first heartbeat: epoch 0, everything set, nothing owned.
    pub fn join(topics: &[&str], rebalance_timeout_ms: u32) -> Self {
        HeartbeatRequest {
            member_id: String::new(),
            member_epoch: JOIN_EPOCH,
            instance_id: None,
            rebalance_timeout_ms: Some(rebalance_timeout_ms),
            subscribed: Some(topics.iter().map(|t| (*t).into()).collect()),
            server_assignor: None,
            owned: Some(Vec::new()),
        }
    }

    /// A heartbeat with nothing changed but what it owns.
    pub fn beat(member_id: &str, member_epoch: i32, owned: Option<Vec<TopicPartition>>) -> Self {
        HeartbeatRequest {
            member_id: member_id.into(),
            member_epoch,
            instance_id: None,
            rebalance_timeout_ms: None,
            subscribed: None,
            server_assignor: None,
            owned,
        }
    }

    /// Every field set, as the client sends after a failure (`isFullRequest`): the coordinator
    /// then answers with the assignment.
    pub fn is_full(&self) -> bool {
        self.rebalance_timeout_ms.is_some() && self.subscribed.is_some() && self.owned.is_some()
    }

    /// `throwIfConsumerGroupHeartbeatRequestIsInvalid` (`GroupCoordinatorService`).
    pub fn validate(&self) -> Result<(), HeartbeatError> {
        let invalid = |message| Err(HeartbeatError::InvalidRequest { message });
        match self.member_epoch {
            JOIN_EPOCH => {
                if self.rebalance_timeout_ms.is_none() {
                    return invalid("RebalanceTimeoutMs must be provided in first request.");
                }
                if !self.owned.as_ref().is_some_and(Vec::is_empty) {
                    return invalid("TopicPartitions must be empty when (re-)joining.");
                }
                if self.subscribed.is_none() {
                    return invalid(
                        "Either SubscribedTopicNames or SubscribedTopicRegex must be non-null when (re-)joining.",
                    );
                }
            }
            STATIC_LEAVE_EPOCH if self.instance_id.is_none() => {
                return invalid("InstanceId can't be null.");
            }
            e if e < STATIC_LEAVE_EPOCH => return invalid("MemberEpoch is invalid."),
            _ => {}
        }
        Ok(())
    }
}

/// The coordinator's answer to an accepted heartbeat.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeartbeatResponse {
    /// The member id (given by the coordinator on the first join).
    pub member_id: String,
    /// The member's epoch now (-1 or -2 after a leave).
    pub member_epoch: i32,
    /// When to heartbeat next (`group.consumer.heartbeat.interval.ms`).
    pub heartbeat_interval_ms: u32,
    /// The partitions it is assigned, when the answer carries them: on a join, a full request,
    /// or when they changed. `None` means "as before".
    pub assignment: Option<Vec<TopicPartition>>,
}
