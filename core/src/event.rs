//! Everything observable, as timestamped events. The UI and the tests read these; they never reach
//! into the world's internals.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::{Deserialize, Serialize};

use crate::assignor::{AssignorName, TopicPartition};
use crate::group::consumer::ConsumerGroupState;
use crate::group::{GroupState, RebalanceCause, RemovalReason};
use crate::ids::{ConsumerId, ProducerId};
use crate::net::Endpoint;
use crate::protocol::{Api, ErrorCode};
use crate::time::{Duration, Instant};

/// An event and the simulated time it happened at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamped {
    /// When.
    pub at: Instant,
    /// What.
    pub event: SimEvent,
}

/// Something that happened in the world.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum SimEvent {
    /// A topic was created.
    TopicCreated {
        /// Its name.
        topic: String,
        /// How many partitions it has.
        partitions: u32,
    },
    /// Partitions were added to a topic.
    PartitionsAdded {
        /// The topic.
        topic: String,
        /// The count before.
        from: u32,
        /// The count now.
        to: u32,
    },
    /// A producer was removed for good.
    ProducerRemoved {
        /// Which.
        producer: ProducerId,
    },
    /// A producer was added.
    ProducerAdded {
        /// Its id.
        producer: ProducerId,
        /// The topic it writes to.
        topic: String,
    },
    /// A record was appended to a partition.
    Produced {
        /// Who wrote it.
        producer: ProducerId,
        /// Where.
        topic: String,
        /// Which partition.
        partition: u32,
        /// At which offset.
        offset: u64,
        /// Its key number, if keyed.
        key: Option<u32>,
    },
    /// A consumer was added (it starts by joining its group).
    ConsumerAdded {
        /// Its id.
        consumer: ConsumerId,
        /// Its `client.id`.
        client_id: String,
        /// Its `group.id`.
        group: String,
    },
    /// A stopped consumer was started again: same `client.id`, same `group.instance.id`, a new
    /// process with no member id.
    ConsumerRestarted {
        /// Which.
        consumer: ConsumerId,
    },
    /// A consumer's processing got stuck (slow consumer): it stops calling `poll()`.
    ProcessingStalled {
        /// Which.
        consumer: ConsumerId,
    },
    /// A stuck consumer's processing goes on.
    ProcessingResumed {
        /// Which.
        consumer: ConsumerId,
    },
    /// A consumer closed gracefully.
    ConsumerClosed {
        /// Which.
        consumer: ConsumerId,
    },
    /// A consumer crashed: it goes silent; the coordinator notices only at the session timeout.
    ConsumerKilled {
        /// Which.
        consumer: ConsumerId,
        /// Records fetched by its last poll that it never processed.
        unprocessed: u32,
    },
    /// A consumer stopped on a fatal protocol error.
    ConsumerFailed {
        /// Which.
        consumer: ConsumerId,
        /// The error.
        error: ErrorCode,
    },
    /// A message was put on the network.
    MessageSent {
        /// The message id.
        id: u64,
        /// Sender.
        from: Endpoint,
        /// Receiver.
        to: Endpoint,
        /// The group it concerns.
        group: String,
        /// `JoinGroup`, `Heartbeat`, ...
        api: Api,
        /// Whether it is a response.
        response: bool,
        /// A one-line summary.
        summary: String,
        /// When it will arrive.
        arrives_at: Instant,
    },
    /// A message arrived.
    MessageReceived {
        /// The message id.
        id: u64,
        /// Sender.
        from: Endpoint,
        /// Receiver.
        to: Endpoint,
        /// `JoinGroup`, `Heartbeat`, ...
        api: Api,
        /// Whether it is a response.
        response: bool,
        /// A one-line summary.
        summary: String,
    },
    /// A message was lost on a cut link.
    MessageDropped {
        /// The message id.
        id: u64,
        /// Sender.
        from: Endpoint,
        /// Receiver.
        to: Endpoint,
        /// `JoinGroup`, `Heartbeat`, ...
        api: Api,
        /// Whether it is a response.
        response: bool,
        /// A one-line summary.
        summary: String,
    },
    /// A consumer's link to the brokers was cut or healed.
    LinkChanged {
        /// Which consumer.
        consumer: ConsumerId,
        /// Cut (true) or healed (false).
        cut: bool,
    },
    /// The group's state changed (only Kafka's allowed transitions happen).
    GroupStateChanged {
        /// The group.
        group: String,
        /// From.
        from: GroupState,
        /// To.
        to: GroupState,
    },
    /// A rebalance started (or restarted).
    RebalanceStarted {
        /// The group.
        group: String,
        /// Why.
        cause: RebalanceCause,
        /// The generation being replaced.
        generation: i32,
    },
    /// The join phase completed: a new generation with a leader and an assignor.
    JoinCompleted {
        /// The group.
        group: String,
        /// The new generation.
        generation: i32,
        /// The leader's member id.
        leader: String,
        /// The chosen assignor.
        protocol: Option<AssignorName>,
        /// How many members are in it.
        members: u32,
    },
    /// The group is Stable (or Empty) again.
    RebalanceCompleted {
        /// The group.
        group: String,
        /// Why it started.
        cause: RebalanceCause,
        /// The generation before.
        generation_before: i32,
        /// The generation now.
        generation: i32,
        /// From start to Stable.
        took: Duration,
        /// Partitions whose owner changed since the rebalance started: (partition, old client
        /// id, new client id).
        moved: Vec<(TopicPartition, Option<String>, Option<String>)>,
        /// Which round this was: cooperative follow-ups continue the same rebalance.
        round: u32,
        /// Revoked partitions still wait for their new owner: another round will follow.
        follow_up: bool,
    },
    /// The coordinator added a member.
    MemberAdded {
        /// The group.
        group: String,
        /// Its member id.
        member_id: String,
        /// Which consumer.
        consumer: ConsumerId,
    },
    /// The coordinator removed a member.
    MemberRemoved {
        /// The group.
        group: String,
        /// Its member id.
        member_id: String,
        /// Which consumer.
        consumer: ConsumerId,
        /// Why.
        reason: RemovalReason,
    },
    /// A static member's instance id moved to a new member id; the old one is fenced.
    StaticMemberReplaced {
        /// The group.
        group: String,
        /// The fenced member id.
        old_member_id: String,
        /// The new member id.
        member_id: String,
        /// Which consumer.
        consumer: ConsumerId,
    },
    /// A MEMBER_ID_REQUIRED member never came back with its id.
    PendingMemberExpired {
        /// The group.
        group: String,
        /// The id it was given.
        member_id: String,
    },
    /// `max.poll.interval.ms` passed without a poll.
    PollTimeout {
        /// Which consumer.
        consumer: ConsumerId,
    },
    /// Partitions revoked before a rebalance or on close (their positions were committed).
    PartitionsRevoked {
        /// Which consumer.
        consumer: ConsumerId,
        /// What.
        partitions: Vec<TopicPartition>,
    },
    /// Partitions lost: the generation was reset, so nothing could be committed.
    PartitionsLost {
        /// Which consumer.
        consumer: ConsumerId,
        /// What.
        partitions: Vec<TopicPartition>,
    },
    /// A consumer received its assignment: `onPartitionsAssigned(added)`, where added is the
    /// assignment less what it already owned (`ConsumerCoordinator.onJoinComplete`).
    PartitionsAssigned {
        /// Which consumer.
        consumer: ConsumerId,
        /// For which generation.
        generation: i32,
        /// Its whole assignment now (possibly nothing: an idle member).
        partitions: Vec<TopicPartition>,
        /// What `onPartitionsAssigned` is given: new to this member (possibly nothing).
        added: Vec<TopicPartition>,
    },
    /// A partition's starting position was set from a committed offset or `auto.offset.reset`.
    PositionSet {
        /// Which consumer.
        consumer: ConsumerId,
        /// Where.
        partition: TopicPartition,
        /// The next offset it will process.
        offset: u64,
        /// From a committed offset (true) or the reset policy (false).
        committed: bool,
    },
    /// The position fell outside the log (retention) and was reset.
    PositionReset {
        /// Which consumer.
        consumer: ConsumerId,
        /// Where.
        partition: TopicPartition,
        /// The new position.
        offset: u64,
    },
    /// A consumer can consume again after a rebalance stopped it.
    ConsumptionResumed {
        /// Which consumer.
        consumer: ConsumerId,
        /// How long it consumed nothing.
        stopped_for: Duration,
    },
    /// A record was processed.
    Consumed {
        /// The consumer's group.
        group: String,
        /// Which consumer.
        consumer: ConsumerId,
        /// Where.
        partition: TopicPartition,
        /// Which record.
        offset: u64,
    },
    /// A record was processed again by its group: at-least-once made visible.
    Duplicate {
        /// The group.
        group: String,
        /// Where.
        partition: TopicPartition,
        /// Which record.
        offset: u64,
        /// Who processed it first.
        first: ConsumerId,
        /// Who processed it again.
        again: ConsumerId,
    },
    /// The coordinator stored a committed offset.
    Committed {
        /// The group.
        group: String,
        /// Who committed.
        consumer: ConsumerId,
        /// Where.
        partition: TopicPartition,
        /// The next offset to consume.
        offset: u64,
        /// The previous committed offset, if any.
        previous: Option<u64>,
    },
    /// The client could not commit because it is in a rebalance (Java's
    /// `RebalanceInProgressException` from `generationIfStable() == null`); a later commit
    /// covers it, unless the consumer closes first.
    CommitFailed {
        /// Who tried.
        consumer: ConsumerId,
        /// How many partitions it wanted to commit.
        partitions: u32,
        /// The coordinator is unknown (Java's `RetriableCommitFailedException`) rather than a
        /// rebalance in progress.
        coordinator_unknown: bool,
    },

    /// An Empty group's offsets expired (`offsets.retention.minutes` after it became Empty) and
    /// the group is deleted (Dead).
    OffsetsExpired {
        /// The group.
        group: String,
        /// How many partitions' offsets went.
        partitions: u32,
        /// When it became Empty.
        empty_since: Instant,
    },
    /// A request got no answer within `request.timeout.ms` (`NetworkClient.handleTimedOutRequests`,
    /// reference §1.9): the client drops the connection ([`SimEvent::CoordinatorUnknown`] follows).
    RequestTimedOut {
        /// Which consumer.
        consumer: ConsumerId,
        /// Which API.
        api: Api,
        /// The broker it went to.
        to: Endpoint,
        /// How long it waited.
        after: Duration,
    },
    /// The client marked its coordinator unknown (`markCoordinatorUnknown`): it dropped the
    /// connection, so every request still waiting there failed, and it will look the
    /// coordinator up again.
    CoordinatorUnknown {
        /// Which consumer.
        consumer: ConsumerId,
        /// Why, in Kafka's words.
        reason: String,
        /// Requests that were waiting for an answer and failed with the connection.
        failed: u32,
    },
    /// FindCoordinator answered: the client knows its coordinator again.
    CoordinatorFound {
        /// Which consumer.
        consumer: ConsumerId,
        /// The coordinator.
        broker: u32,
    },
    /// `close()` was asked for while `poll()`'s records were still being processed: the
    /// application finishes them first (its loop checks for shutdown between polls).
    CloseRequested {
        /// Which consumer.
        consumer: ConsumerId,
        /// Records left to process before it closes.
        remaining: u32,
    },
    /// The coordinator refused a commit.
    CommitRejected {
        /// The group.
        group: String,
        /// Who tried.
        consumer: ConsumerId,
        /// Why.
        error: ErrorCode,
    },
    /// A consumer-protocol group's epoch moved ahead: its members or what they subscribe to
    /// changed, so a new target assignment is due (reference §3.2).
    GroupEpochBumped {
        /// The group.
        group: String,
        /// The new group epoch.
        epoch: i32,
        /// Why.
        cause: RebalanceCause,
    },
    /// The coordinator computed a consumer-protocol group's new target assignment.
    TargetAssignmentComputed {
        /// The group.
        group: String,
        /// The target's epoch (the group epoch it was computed at).
        epoch: i32,
        /// Each member's part, by client id.
        target: Vec<(String, Vec<TopicPartition>)>,
    },
    /// A consumer-protocol group's state changed.
    ConsumerGroupStateChanged {
        /// The group.
        group: String,
        /// From.
        from: ConsumerGroupState,
        /// To.
        to: ConsumerGroupState,
    },
}

impl fmt::Display for Stamped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{:>9}] {}", self.at, self.event)
    }
}

impl fmt::Display for SimEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SimEvent::TopicCreated { topic, partitions } => {
                write!(f, "topic {topic} created with {partitions} partitions")
            }
            SimEvent::PartitionsAdded { topic, from, to } => {
                write!(f, "topic {topic} grew from {from} to {to} partitions")
            }
            SimEvent::ProducerAdded { producer, topic } => write!(f, "{producer} writes to {topic}"),
            SimEvent::ProducerRemoved { producer } => write!(f, "{producer} was removed"),
            SimEvent::Produced { producer, topic, partition, offset, key } => {
                write!(f, "{producer} → {topic}-{partition} @{offset}")?;
                match key {
                    Some(k) => write!(f, " key-{k}"),
                    None => f.write_str(" (null key)"),
                }
            }
            SimEvent::ConsumerAdded { consumer, client_id, group } => {
                write!(f, "{consumer} ({client_id}) starts in group {group}")
            }
            SimEvent::ConsumerClosed { consumer } => write!(f, "{consumer} closed gracefully"),
            SimEvent::ConsumerRestarted { consumer } => write!(f, "{consumer} restarted"),
            SimEvent::ProcessingStalled { consumer } => {
                write!(f, "{consumer}'s processing is stuck: it stops calling poll()")
            }
            SimEvent::ProcessingResumed { consumer } => write!(f, "{consumer} processes again"),
            SimEvent::ConsumerKilled { consumer, unprocessed } => {
                write!(f, "{consumer} crashed ({unprocessed} fetched records never processed)")
            }
            SimEvent::ConsumerFailed { consumer, error } => write!(f, "{consumer} stopped: {error}"),
            SimEvent::MessageSent { from, to, summary, .. } => write!(f, "{from} → {to}: {summary}"),
            SimEvent::MessageReceived { from, to, summary, .. } => write!(f, "{to} ← {from}: {summary}"),
            SimEvent::MessageDropped { from, to, summary, .. } => {
                write!(f, "lost on a cut link: {from} → {to}: {summary}")
            }
            SimEvent::LinkChanged { consumer, cut: true } => {
                write!(f, "{consumer}'s link to the brokers is cut")
            }
            SimEvent::LinkChanged { consumer, cut: false } => {
                write!(f, "{consumer}'s link to the brokers is healed")
            }
            SimEvent::GroupStateChanged { group, from, to } => write!(f, "group {group}: {from} → {to}"),
            // Only a build with the consumer protocol has these (its words are not linked without).
            SimEvent::ConsumerGroupStateChanged { group, from, to } if crate::CONSUMER_PROTOCOL => {
                write!(f, "group {group}: {from} → {to}")
            }
            SimEvent::GroupEpochBumped { group, epoch, cause } if crate::CONSUMER_PROTOCOL => {
                write!(f, "group {group}: epoch {epoch} ({cause})")
            }
            SimEvent::TargetAssignmentComputed { group, epoch, target } if crate::CONSUMER_PROTOCOL => {
                write!(f, "group {group}: target assignment at epoch {epoch}:")?;
                for (client, partitions) in target {
                    write!(f, " {client}={}", partitions.len())?;
                }
                Ok(())
            }
            SimEvent::RebalanceStarted { group, cause, generation } => {
                write!(f, "group {group}: rebalance started ({cause}), generation {generation}")
            }
            SimEvent::JoinCompleted { group, generation, leader, protocol, members } => {
                let protocol = protocol.map_or("-", AssignorName::protocol_name);
                write!(
                    f,
                    "group {group}: generation {generation}, {members} members, leader {leader}, assignor {protocol}"
                )
            }
            SimEvent::RebalanceCompleted {
                group,
                generation_before,
                generation,
                took,
                moved,
                round,
                follow_up,
                ..
            } => {
                write!(
                    f,
                    "group {group}: rebalance round {round} done, generation {generation_before} → {generation} \
                     in {took}, {} partitions moved",
                    moved.len()
                )?;
                if *follow_up { f.write_str("; revoked partitions wait for another round") } else { Ok(()) }
            }
            SimEvent::MemberAdded { group, member_id, consumer } => {
                write!(f, "group {group}: {consumer} added as {member_id}")
            }
            SimEvent::MemberRemoved { group, member_id, reason, .. } => {
                write!(f, "group {group}: removed {member_id} ({reason:?})")
            }
            SimEvent::StaticMemberReplaced { group, old_member_id, member_id, .. } => {
                write!(
                    f,
                    "group {group}: static member {old_member_id} replaced by {member_id} (old id fenced)"
                )
            }
            SimEvent::PendingMemberExpired { group, member_id } => {
                write!(f, "group {group}: {member_id} never rejoined after MEMBER_ID_REQUIRED")
            }
            SimEvent::PollTimeout { consumer } => {
                write!(f, "{consumer}: max.poll.interval.ms passed without a poll")
            }
            SimEvent::PartitionsRevoked { consumer, partitions } => {
                write!(f, "{consumer} revoked {}", List(partitions))
            }
            SimEvent::PartitionsLost { consumer, partitions } => {
                write!(f, "{consumer} lost {}", List(partitions))
            }
            SimEvent::PartitionsAssigned { consumer, generation, added, partitions }
                if added == partitions =>
            {
                write!(f, "{consumer} assigned {} in generation {generation}", List(added))
            }
            SimEvent::PartitionsAssigned { consumer, generation, added, partitions } => write!(
                f,
                "{consumer} assigned {} in generation {generation}; it now owns {}",
                List(added),
                List(partitions)
            ),
            SimEvent::PositionSet { consumer, partition, offset, committed } => {
                let from = if *committed { "committed offset" } else { "auto.offset.reset" };
                write!(f, "{consumer} starts {partition} at {offset} ({from})")
            }
            SimEvent::PositionReset { consumer, partition, offset } => {
                write!(f, "{consumer}: {partition} out of range, reset to {offset}")
            }
            SimEvent::ConsumptionResumed { consumer, stopped_for } => {
                write!(f, "{consumer} consumes again after {stopped_for} stopped")
            }
            SimEvent::Consumed { consumer, partition, offset, .. } => {
                write!(f, "{consumer} processed {partition}@{offset}")
            }
            SimEvent::Duplicate { group, partition, offset, first, again } => {
                write!(f, "DUPLICATE in {group}: {partition}@{offset} processed by {first}, again by {again}")
            }
            SimEvent::Committed { group, partition, offset, consumer, .. } => {
                write!(f, "group {group}: {consumer} committed {partition} = {offset}")
            }
            SimEvent::CommitFailed { consumer, partitions, coordinator_unknown: false } => write!(
                f,
                "{consumer} could not commit {partitions} partitions: it is rebalancing (RebalanceInProgressException)"
            ),
            SimEvent::CommitFailed { consumer, partitions, coordinator_unknown: true } => write!(
                f,
                "{consumer} could not commit {partitions} partitions: its coordinator is unknown (RetriableCommitFailedException)"
            ),
            SimEvent::CommitRejected { group, consumer, error } => {
                write!(f, "group {group}: commit from {consumer} rejected: {error}")
            }
            SimEvent::OffsetsExpired { group, partitions, empty_since } => write!(
                f,
                "group {group}: {partitions} committed offsets expired (offsets.retention.minutes after it became Empty at {empty_since}); the group is deleted"
            ),
            SimEvent::RequestTimedOut { consumer, api, to, after } => {
                write!(f, "{consumer}: {api} to {to} timed out after {after}")
            }
            SimEvent::CoordinatorUnknown { consumer, reason, failed } => write!(
                f,
                "{consumer}: coordinator unknown ({reason}); {failed} waiting requests failed with the connection; it looks the coordinator up again"
            ),
            SimEvent::CoordinatorFound { consumer, broker } => {
                write!(f, "{consumer}: its coordinator is broker-{broker}")
            }
            SimEvent::CloseRequested { consumer, remaining } => write!(
                f,
                "{consumer} is closing: it processes the {remaining} records poll() already returned, then commits and leaves"
            ),
            SimEvent::ConsumerGroupStateChanged { .. }
            | SimEvent::GroupEpochBumped { .. }
            | SimEvent::TargetAssignmentComputed { .. } => Ok(()),
        }
    }
}

/// `[orders-0, orders-1]`, or `nothing`.
struct List<'a>(&'a [TopicPartition]);

impl fmt::Display for List<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("nothing");
        }
        f.write_str("[")?;
        for (i, tp) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{tp}")?;
        }
        f.write_str("]")
    }
}
