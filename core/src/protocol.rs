//! The classic group protocol's messages, as the simulated network carries them (reference §1).
//! Protocol errors are values in responses, never `Err`.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::{Deserialize, Serialize};

use crate::assignor::{AssignorName, MemberSubscription, TopicPartition};
use crate::group::consumer::{HeartbeatError, HeartbeatRequest, HeartbeatResponse};

/// Kafka's error codes that a classic group member can see (`Errors.java`, reference §1.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    /// 0: success.
    None,
    /// 15: the group is dead or moved.
    CoordinatorNotAvailable,
    /// 22: the request's generation is not the group's.
    IllegalGeneration,
    /// 23: no assignor common to all members.
    InconsistentGroupProtocol,
    /// 25: the member id is not in the group.
    UnknownMemberId,
    /// 26: the session timeout is outside the broker's allowed range.
    InvalidSessionTimeout,
    /// 27: a rebalance is under way; rejoin.
    RebalanceInProgress,
    /// 79: the first JoinGroup of a dynamic member: retry with the returned member id.
    MemberIdRequired,
    /// 82: a newer member now holds this static instance id.
    FencedInstanceId,
    /// 69: the group is of the other protocol (`GroupIdNotFoundException`, as a coordinator
    /// with `group.consumer.migration.policy=disabled` answers).
    GroupIdNotFound,
    /// 113: a consumer-protocol member's commit carries an epoch the coordinator does not take.
    StaleMemberEpoch,
    /// 110: a consumer-protocol member's epoch is not one the coordinator accepts.
    FencedMemberEpoch,
    /// 111: another member still holds this static instance id.
    UnreleasedInstanceId,
    /// 42: the request breaks the protocol's rules.
    InvalidRequest,
    /// -1: the coordinator failed (its assignor did).
    UnknownServerError,
}

impl ErrorCode {
    /// Kafka's numeric code.
    pub fn code(self) -> i16 {
        match self {
            ErrorCode::None => 0,
            ErrorCode::CoordinatorNotAvailable => 15,
            ErrorCode::IllegalGeneration => 22,
            ErrorCode::InconsistentGroupProtocol => 23,
            ErrorCode::UnknownMemberId => 25,
            ErrorCode::InvalidSessionTimeout => 26,
            ErrorCode::RebalanceInProgress => 27,
            ErrorCode::MemberIdRequired => 79,
            ErrorCode::FencedInstanceId => 82,
            ErrorCode::GroupIdNotFound => 69,
            ErrorCode::StaleMemberEpoch => 113,
            ErrorCode::FencedMemberEpoch => 110,
            ErrorCode::UnreleasedInstanceId => 111,
            ErrorCode::InvalidRequest => 42,
            ErrorCode::UnknownServerError => -1,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ErrorCode::None => "NONE",
            ErrorCode::CoordinatorNotAvailable => "COORDINATOR_NOT_AVAILABLE",
            ErrorCode::IllegalGeneration => "ILLEGAL_GENERATION",
            ErrorCode::InconsistentGroupProtocol => "INCONSISTENT_GROUP_PROTOCOL",
            ErrorCode::UnknownMemberId => "UNKNOWN_MEMBER_ID",
            ErrorCode::InvalidSessionTimeout => "INVALID_SESSION_TIMEOUT",
            ErrorCode::RebalanceInProgress => "REBALANCE_IN_PROGRESS",
            ErrorCode::MemberIdRequired => "MEMBER_ID_REQUIRED",
            ErrorCode::FencedInstanceId => "FENCED_INSTANCE_ID",
            ErrorCode::GroupIdNotFound => "GROUP_ID_NOT_FOUND",
            ErrorCode::StaleMemberEpoch => "STALE_MEMBER_EPOCH",
            ErrorCode::FencedMemberEpoch => "FENCED_MEMBER_EPOCH",
            ErrorCode::UnreleasedInstanceId => "UNRELEASED_INSTANCE_ID",
            ErrorCode::InvalidRequest => "INVALID_REQUEST",
            ErrorCode::UnknownServerError => "UNKNOWN_SERVER_ERROR",
        })
    }
}

/// The protocol's APIs, by Kafka's names (`ApiKeys`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Api {
    /// Join (or rejoin) a group.
    JoinGroup,
    /// Hand out or fetch a generation's assignment.
    SyncGroup,
    /// A member's "I am alive".
    Heartbeat,
    /// Leave a group.
    LeaveGroup,
    /// Commit offsets.
    OffsetCommit,
    /// Read committed offsets.
    OffsetFetch,
    /// Ask any broker which one coordinates a group.
    FindCoordinator,
    /// The consumer protocol's one RPC (KIP-848).
    ConsumerGroupHeartbeat,
}

impl Api {
    /// Kafka's name for it.
    pub fn name(self) -> &'static str {
        match self {
            Api::JoinGroup => "JoinGroup",
            Api::SyncGroup => "SyncGroup",
            Api::Heartbeat => "Heartbeat",
            Api::LeaveGroup => "LeaveGroup",
            Api::OffsetCommit => "OffsetCommit",
            Api::OffsetFetch => "OffsetFetch",
            Api::FindCoordinator => "FindCoordinator",
            Api::ConsumerGroupHeartbeat => "ConsumerGroupHeartbeat",
        }
    }
}

impl fmt::Display for Api {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A member's subscription metadata for one protocol (`ConsumerProtocolSubscription` v2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    /// Subscribed topics.
    pub topics: Vec<String>,
    /// Partitions owned now.
    pub owned: Vec<TopicPartition>,
    /// The generation those are from, -1 if none.
    pub generation: i32,
}

/// Why a member leaves, as the client writes it into LeaveGroup's `reason` (KIP-800).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LeaveReason {
    /// `close()`.
    Close,
    /// `max.poll.interval.ms` passed without a `poll()`.
    PollTimeout,
}

impl fmt::Display for LeaveReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LeaveReason::Close => "the consumer is being closed",
            LeaveReason::PollTimeout => "consumer poll timeout has expired",
        })
    }
}

/// A request from a consumer to its group's coordinator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// Join (or rejoin) the group.
    JoinGroup {
        /// `""` on the first join.
        member_id: String,
        /// `group.instance.id`.
        instance_id: Option<String>,
        /// `session.timeout.ms`.
        session_timeout_ms: u64,
        /// `max.poll.interval.ms`, used as the rebalance timeout.
        rebalance_timeout_ms: u64,
        /// The assignors it supports, in preference order, with its subscription.
        protocols: Vec<(AssignorName, Subscription)>,
    },
    /// Send (leader) or fetch (follower) the assignment of a generation.
    SyncGroup {
        /// The member id.
        member_id: String,
        /// `group.instance.id`.
        instance_id: Option<String>,
        /// The generation it joined.
        generation: i32,
        /// The leader's computed assignment; empty from followers.
        assignments: Vec<(String, Vec<TopicPartition>)>,
    },
    /// "I am alive".
    Heartbeat {
        /// The member id.
        member_id: String,
        /// `group.instance.id`.
        instance_id: Option<String>,
        /// Its generation.
        generation: i32,
    },
    /// Leave the group now (dynamic members only).
    LeaveGroup {
        /// The member id.
        member_id: String,
        /// Why (LeaveGroup v5 `reason`, KIP-800).
        reason: LeaveReason,
    },
    /// Commit positions.
    OffsetCommit {
        /// The member id.
        member_id: String,
        /// `group.instance.id`.
        instance_id: Option<String>,
        /// Its generation.
        generation: i32,
        /// The next offset to consume, per partition.
        offsets: Vec<(TopicPartition, u64)>,
    },
    /// Read committed offsets.
    OffsetFetch {
        /// Which partitions.
        partitions: Vec<TopicPartition>,
    },
    /// Which broker coordinates the group (any broker answers).
    FindCoordinator {
        /// The group id.
        key: String,
    },
    /// A consumer-protocol member's heartbeat (it also joins and leaves with it). Its commits
    /// are OffsetCommits whose `generation` is the member epoch (Kafka's
    /// `GenerationIdOrMemberEpoch`).
    ConsumerGroupHeartbeat(HeartbeatRequest),
}

/// A coordinator's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Response {
    /// The end of the join phase (or an error).
    JoinGroup {
        /// The error, or `None`.
        error: ErrorCode,
        /// The new generation.
        generation: i32,
        /// The chosen assignor.
        protocol: Option<AssignorName>,
        /// The leader's member id.
        leader: String,
        /// This member's id (also on MEMBER_ID_REQUIRED).
        member_id: String,
        /// Every member's subscription, for the leader only.
        members: Vec<MemberSubscription>,
    },
    /// This member's assignment.
    SyncGroup {
        /// The error, or `None`.
        error: ErrorCode,
        /// The partitions.
        assignment: Vec<TopicPartition>,
    },
    /// Heartbeat result.
    Heartbeat {
        /// The error, or `None`.
        error: ErrorCode,
    },
    /// LeaveGroup result.
    LeaveGroup {
        /// The error, or `None`.
        error: ErrorCode,
    },
    /// OffsetCommit result.
    OffsetCommit {
        /// The error, or `None`.
        error: ErrorCode,
        /// What was committed (echoed for the client's bookkeeping).
        offsets: Vec<(TopicPartition, u64)>,
    },
    /// Committed offsets; `None` where the group has none (Kafka's -1).
    OffsetFetch {
        /// Per partition.
        offsets: Vec<(TopicPartition, Option<u64>)>,
    },
    /// The group's coordinator.
    FindCoordinator {
        /// The broker id.
        node: u32,
    },
    /// A ConsumerGroupHeartbeat answered, or refused with Kafka's error and message.
    ConsumerGroupHeartbeat(Result<HeartbeatResponse, HeartbeatError>),
}

impl Request {
    /// Which API it belongs to.
    pub fn api(&self) -> Api {
        match self {
            Request::JoinGroup { .. } => Api::JoinGroup,
            Request::SyncGroup { .. } => Api::SyncGroup,
            Request::Heartbeat { .. } => Api::Heartbeat,
            Request::LeaveGroup { .. } => Api::LeaveGroup,
            Request::OffsetCommit { .. } => Api::OffsetCommit,
            Request::OffsetFetch { .. } => Api::OffsetFetch,
            Request::FindCoordinator { .. } => Api::FindCoordinator,
            Request::ConsumerGroupHeartbeat(_) => Api::ConsumerGroupHeartbeat,
        }
    }
}

impl Response {
    /// Which API it belongs to.
    pub fn api(&self) -> Api {
        match self {
            Response::JoinGroup { .. } => Api::JoinGroup,
            Response::SyncGroup { .. } => Api::SyncGroup,
            Response::Heartbeat { .. } => Api::Heartbeat,
            Response::LeaveGroup { .. } => Api::LeaveGroup,
            Response::OffsetCommit { .. } => Api::OffsetCommit,
            Response::OffsetFetch { .. } => Api::OffsetFetch,
            Response::FindCoordinator { .. } => Api::FindCoordinator,
            Response::ConsumerGroupHeartbeat(_) => Api::ConsumerGroupHeartbeat,
        }
    }

    /// The error it carries (`None` for OffsetFetch and FindCoordinator; a ConsumerGroupHeartbeat
    /// carries its own).
    pub fn error(&self) -> ErrorCode {
        match self {
            Response::JoinGroup { error, .. }
            | Response::SyncGroup { error, .. }
            | Response::Heartbeat { error }
            | Response::LeaveGroup { error }
            | Response::OffsetCommit { error, .. } => *error,
            Response::OffsetFetch { .. }
            | Response::FindCoordinator { .. }
            | Response::ConsumerGroupHeartbeat(_) => ErrorCode::None,
        }
    }
}

/// A one-line summary for the event log.
impl fmt::Display for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Request::JoinGroup { member_id, protocols, .. } => {
                let names: Vec<&str> = protocols.iter().map(|(a, _)| a.protocol_name()).collect();
                write!(f, "JoinGroup(member={}, protocols=[{}])", or_empty(member_id), names.join(","))
            }
            Request::SyncGroup { generation, assignments, .. } => {
                write!(
                    f,
                    "SyncGroup(gen {generation}{})",
                    if assignments.is_empty() { "" } else { ", with assignment" }
                )
            }
            Request::Heartbeat { generation, .. } => write!(f, "Heartbeat(gen {generation})"),
            Request::LeaveGroup { member_id, reason } => {
                write!(f, "LeaveGroup(member={member_id}, reason={reason})")
            }
            Request::OffsetCommit { generation, offsets, .. } => {
                write!(f, "OffsetCommit(gen {generation}, {} partitions)", offsets.len())
            }
            Request::OffsetFetch { partitions } => write!(f, "OffsetFetch({} partitions)", partitions.len()),
            Request::FindCoordinator { key } => write!(f, "FindCoordinator(group {key})"),
            Request::ConsumerGroupHeartbeat(_) if !crate::CONSUMER_PROTOCOL => Ok(()),
            Request::ConsumerGroupHeartbeat(hb) => {
                write!(f, "ConsumerGroupHeartbeat(epoch {}", hb.member_epoch)?;
                if let Some(owned) = &hb.owned {
                    write!(f, ", owns {}", owned.len())?;
                }
                f.write_str(")")
            }
        }
    }
}

/// A one-line summary for the event log.
impl fmt::Display for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Response::JoinGroup { error: ErrorCode::None, generation, leader, member_id, .. } => {
                let role = if leader == member_id { "leader" } else { "follower" };
                write!(f, "JoinGroup response: gen {generation}, {role}")
            }
            Response::SyncGroup { error: ErrorCode::None, assignment } => {
                write!(f, "SyncGroup response: {} partitions", assignment.len())
            }
            Response::OffsetFetch { offsets } => {
                write!(f, "OffsetFetch response: {} partitions", offsets.len())
            }
            Response::FindCoordinator { node } => write!(f, "FindCoordinator response: broker-{node}"),
            Response::ConsumerGroupHeartbeat(_) if !crate::CONSUMER_PROTOCOL => Ok(()),
            Response::ConsumerGroupHeartbeat(Ok(r)) => {
                write!(f, "ConsumerGroupHeartbeat response: epoch {}", r.member_epoch)?;
                if let Some(assigned) = &r.assignment {
                    write!(f, ", assigned {}", assigned.len())?;
                }
                Ok(())
            }
            Response::ConsumerGroupHeartbeat(Err(e)) => {
                write!(f, "ConsumerGroupHeartbeat response: {}", e.name())
            }
            other => write!(f, "{} response: {}", other.api(), other.error()),
        }
    }
}

fn or_empty(s: &str) -> &str {
    if s.is_empty() { "\"\"" } else { s }
}
