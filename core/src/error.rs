//! Errors for API misuse and bad input. Protocol errors are not here: they travel in responses.

use alloc::string::String;
use core::fmt;

/// Why a command or a setting was refused. The world is unchanged when one is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SimError {
    /// No topic has this name.
    UnknownTopic(String),
    /// A topic with this name exists already.
    TopicExists(String),
    /// Topic names must be 1–249 characters of `[a-zA-Z0-9._-]` (Kafka's rule).
    InvalidTopicName(String),
    /// A partition count that is zero or above the limit, or a decrease.
    InvalidPartitionCount {
        /// What was asked for.
        requested: u32,
        /// What is allowed at least.
        min: u32,
        /// What is allowed at most.
        max: u32,
    },
    /// A producer rate above [`crate::producer::MAX_RATE`].
    InvalidRate(u32),
    /// No producer has this id.
    UnknownProducer(u32),
    /// The producer was removed.
    ProducerRemoved(u32),
    /// No consumer has this id.
    UnknownConsumer(u32),
    /// The consumer was already closed, killed or failed.
    ConsumerNotRunning(u32),
    /// Only a stopped consumer can be restarted.
    ConsumerStillRunning(u32),
    /// A setting out of its range; the text says which and why.
    InvalidSetting(&'static str),
    /// `group.protocol=consumer` in a build without the consumer protocol
    /// ([`crate::CONSUMER_PROTOCOL`]).
    ConsumerProtocolNotBuilt,
    /// The group has members of the other rebalance protocol. Kafka 4.x would take the consumer
    /// in and convert the group (online migration); the playground does not model that yet.
    MixedGroup {
        /// The group.
        group: String,
        /// The protocol its members speak now.
        has: crate::config::GroupProtocol,
    },
}

impl fmt::Display for SimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SimError::UnknownTopic(t) => write!(f, "there is no topic named \"{t}\""),
            SimError::TopicExists(t) => write!(f, "a topic named \"{t}\" already exists"),
            SimError::InvalidTopicName(t) => {
                write!(f, "\"{t}\" is not a valid topic name: use 1 to 249 letters, digits, '.', '_' or '-'")
            }
            SimError::InvalidPartitionCount { requested, min, max } => {
                write!(f, "{requested} partitions is not allowed here: choose {min} to {max}")
            }
            SimError::InvalidRate(r) => write!(
                f,
                "{r} records/s is too fast: a producer sends at most {} records/s",
                crate::producer::MAX_RATE
            ),
            SimError::UnknownProducer(p) => write!(f, "there is no producer-{}", p + 1),
            SimError::ProducerRemoved(p) => write!(f, "producer-{} was removed", p + 1),
            SimError::UnknownConsumer(c) => write!(f, "there is no consumer-{}", c + 1),
            SimError::ConsumerNotRunning(c) => write!(f, "consumer-{} is not running any more", c + 1),
            SimError::ConsumerStillRunning(c) => {
                write!(f, "consumer-{} is still running: close or kill it before restarting it", c + 1)
            }
            SimError::InvalidSetting(why) => f.write_str(why),
            SimError::ConsumerProtocolNotBuilt => f.write_str(
                "this build of the playground leaves out the consumer protocol (group.protocol=consumer, KIP-848)",
            ),
            // Only a build with the consumer protocol refuses this (its words are not linked
            // without it).
            SimError::MixedGroup { .. } if !crate::CONSUMER_PROTOCOL => Ok(()),
            SimError::MixedGroup { group, has } => {
                let (has, other) = match has {
                    crate::config::GroupProtocol::Classic => ("classic", "consumer"),
                    crate::config::GroupProtocol::Consumer => ("consumer", "classic"),
                };
                write!(
                    f,
                    "group {group} has {has}-protocol members: Kafka 4.x would let a {other}-protocol consumer \
                     join it and convert the group (online migration), which this playground does not model yet"
                )
            }
        }
    }
}

impl core::error::Error for SimError {}
