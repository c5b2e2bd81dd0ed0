//! A consumer-protocol member as the coordinator keeps it (`ConsumerGroupMember`).

use alloc::string::String;
use alloc::vec::Vec;

use crate::assignor::TopicPartition;
use crate::assignor::server::ServerAssignorName;

use super::reconcile::MemberAssignment;

/// A member of a consumer-protocol group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsumerMember {
    /// Its member id.
    pub member_id: String,
    /// `group.instance.id` of a static member.
    pub instance_id: Option<String>,
    /// The topics it subscribes to, sorted.
    pub subscribed: Vec<String>,
    /// How long it may take to revoke (its `max.poll.interval.ms`); -1 until it says.
    pub rebalance_timeout_ms: i64,
    /// The server assignor it asked for.
    pub server_assignor: Option<ServerAssignorName>,
    /// Its state, epochs and partitions.
    pub assignment: MemberAssignment,
}

impl ConsumerMember {
    /// A member the coordinator has not seen (`ConsumerGroupMember.Builder`'s defaults).
    pub fn new(member_id: &str) -> Self {
        ConsumerMember {
            member_id: member_id.into(),
            instance_id: None,
            subscribed: Vec::new(),
            rebalance_timeout_ms: -1,
            server_assignor: None,
            assignment: MemberAssignment::default(),
        }
    }

    /// Its assigned partitions, sorted, as a heartbeat's response lists them.
    pub fn assigned(&self) -> Vec<TopicPartition> {
        let mut out: Vec<TopicPartition> = Vec::new();
        for (topic, ps) in self.assignment.assigned.iter() {
            out.extend(ps.keys().map(|&p| TopicPartition::new(topic, p)));
        }
        out
    }

    /// Its partitions still to revoke, sorted.
    pub fn revoking(&self) -> Vec<TopicPartition> {
        let mut out: Vec<TopicPartition> = Vec::new();
        for (topic, ps) in self.assignment.pending_revocation.iter() {
            out.extend(ps.keys().map(|&p| TopicPartition::new(topic, p)));
        }
        out
    }
}
