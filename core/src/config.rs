//! Client and broker settings, with Kafka's names and defaults (reference §0). All times are in
//! milliseconds of simulated time.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::assignor::AssignorName;
use crate::assignor::server::ServerAssignorName;
use crate::error::SimError;
use crate::group::consumer::ConsumerGroupConfig;

/// `group.protocol`: which rebalance protocol a consumer speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GroupProtocol {
    /// JoinGroup and SyncGroup with a group leader (reference §1), Kafka's default.
    #[default]
    Classic,
    /// KIP-848: one ConsumerGroupHeartbeat, the coordinator assigns (reference §3).
    Consumer,
}

/// When a consumer commits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "mode")]
pub enum CommitMode {
    /// `enable.auto.commit=true`: commit positions in `poll()` every `interval_ms`, before a
    /// rebalance and on close.
    Auto {
        /// `auto.commit.interval.ms`.
        interval_ms: u64,
    },
    /// `enable.auto.commit=false` with `commitSync()` after each processed batch.
    AfterProcessing,
}

/// `auto.offset.reset`: where a partition with no committed offset starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OffsetReset {
    /// The log-start offset.
    Earliest,
    /// The log-end offset (Kafka's default).
    Latest,
}

/// A consumer's settings (`ConsumerConfig`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConsumerConfig {
    /// `group.id`.
    pub group_id: String,
    /// `client.id`; empty means `consumer-<n>`, numbered in the order consumers are added.
    pub client_id: String,
    /// `group.instance.id`: set for a static member.
    pub instance_id: Option<String>,
    /// The topics it subscribes to.
    pub topics: Vec<String>,
    /// `session.timeout.ms` (45000).
    pub session_timeout_ms: u64,
    /// `heartbeat.interval.ms` (3000).
    pub heartbeat_interval_ms: u64,
    /// `max.poll.interval.ms` (300000), also the rebalance timeout.
    pub max_poll_interval_ms: u64,
    /// `max.poll.records` (500).
    pub max_poll_records: u32,
    /// `enable.auto.commit` and `auto.commit.interval.ms` (auto, 5000).
    pub commit: CommitMode,
    /// `auto.offset.reset` (latest).
    pub auto_offset_reset: OffsetReset,
    /// `partition.assignment.strategy`, in preference order. Kafka's default `[range,
    /// cooperative-sticky]` runs eager range (reference §2.1); `[cooperative-sticky]` alone
    /// rebalances cooperatively.
    pub assignors: Vec<AssignorName>,
    /// How long the application takes to process one record.
    pub processing_ms_per_record: u64,
    /// `request.timeout.ms` (30000): how long the client waits for an answer before it gives up
    /// on the connection (JoinGroup waits `max(this, max.poll.interval.ms + 5000)`).
    pub request_timeout_ms: u64,
    /// `retry.backoff.ms` (100): the pause before a failed request is tried again, and the
    /// longest the heartbeat thread sleeps between its checks.
    pub retry_backoff_ms: u64,
    /// `group.protocol` (classic).
    pub group_protocol: GroupProtocol,
    /// `group.remote.assignor` (unset: the broker's first of `group.consumer.assignors`); only
    /// with `group.protocol=consumer`.
    pub remote_assignor: Option<ServerAssignorName>,
}

impl Default for ConsumerConfig {
    fn default() -> Self {
        ConsumerConfig {
            group_id: String::from("group-a"),
            client_id: String::new(),
            instance_id: None,
            topics: vec![String::from("orders")],
            session_timeout_ms: 45_000,
            heartbeat_interval_ms: 3_000,
            max_poll_interval_ms: 300_000,
            max_poll_records: 500,
            commit: CommitMode::Auto { interval_ms: 5_000 },
            auto_offset_reset: OffsetReset::Latest,
            assignors: vec![AssignorName::Range, AssignorName::CooperativeSticky],
            processing_ms_per_record: 10,
            request_timeout_ms: 30_000,
            retry_backoff_ms: 100,
            group_protocol: GroupProtocol::Classic,
            remote_assignor: None,
        }
    }
}

impl ConsumerConfig {
    /// Checks what Kafka's client checks before it starts (`ConsumerConfig`, `GroupRebalanceConfig`).
    /// The broker's session-timeout range is checked by the coordinator, as in Kafka.
    pub fn validate(&self) -> Result<(), SimError> {
        let fail = |why| Err(SimError::InvalidSetting(why));
        if self.group_id.is_empty() {
            return fail("group.id must not be empty");
        }
        if self.topics.is_empty() {
            return fail("a consumer must subscribe to at least one topic");
        }
        if self.heartbeat_interval_ms == 0 || self.heartbeat_interval_ms >= self.session_timeout_ms {
            return fail("heartbeat.interval.ms must be above 0 and below session.timeout.ms");
        }
        if self.max_poll_interval_ms == 0 {
            return fail("max.poll.interval.ms must be above 0");
        }
        if self.max_poll_records == 0 {
            return fail("max.poll.records must be at least 1");
        }
        if let CommitMode::Auto { interval_ms: 0 } = self.commit {
            return fail("auto.commit.interval.ms must be above 0");
        }
        if self.assignors.is_empty() {
            return fail("partition.assignment.strategy must name at least one assignor");
        }
        if self.request_timeout_ms == 0 || self.retry_backoff_ms == 0 {
            return fail("request.timeout.ms and retry.backoff.ms must be above 0");
        }
        if self.instance_id.as_deref() == Some("") {
            return fail("group.instance.id must not be empty when set");
        }
        self.check_protocol_settings()
    }

    /// `ConsumerConfig.checkUnsupportedConfigsPostProcess`: the settings the chosen protocol
    /// does not use may not be set. Kafka looks at what the user wrote; here a setting counts as
    /// set when it differs from Kafka's default (a share link writes exactly those).
    fn check_protocol_settings(&self) -> Result<(), SimError> {
        if self.group_protocol == GroupProtocol::Consumer && !crate::CONSUMER_PROTOCOL {
            return Err(SimError::ConsumerProtocolNotBuilt);
        }
        let d = ConsumerConfig::default();
        let why = match self.group_protocol {
            GroupProtocol::Classic if self.remote_assignor.is_some() => {
                "group.remote.assignor cannot be set when group.protocol=CLASSIC"
            }
            GroupProtocol::Classic => return Ok(()),
            GroupProtocol::Consumer => {
                let set = (
                    self.assignors != d.assignors,
                    self.heartbeat_interval_ms != d.heartbeat_interval_ms,
                    self.session_timeout_ms != d.session_timeout_ms,
                );
                // `String.join(", ", invalidConfigs)` in Kafka's order, spelt out so the reason
                // stays a fixed sentence (and has its translation).
                match set {
                    (false, false, false) => return Ok(()),
                    (true, false, false) => {
                        "partition.assignment.strategy cannot be set when group.protocol=CONSUMER"
                    }
                    (false, true, false) => {
                        "heartbeat.interval.ms cannot be set when group.protocol=CONSUMER"
                    }
                    (false, false, true) => "session.timeout.ms cannot be set when group.protocol=CONSUMER",
                    (true, true, false) => {
                        "partition.assignment.strategy, heartbeat.interval.ms cannot be set when group.protocol=CONSUMER"
                    }
                    (true, false, true) => {
                        "partition.assignment.strategy, session.timeout.ms cannot be set when group.protocol=CONSUMER"
                    }
                    (false, true, true) => {
                        "heartbeat.interval.ms, session.timeout.ms cannot be set when group.protocol=CONSUMER"
                    }
                    (true, true, true) => {
                        "partition.assignment.strategy, heartbeat.interval.ms, session.timeout.ms cannot be set when group.protocol=CONSUMER"
                    }
                }
            }
        };
        Err(SimError::InvalidSetting(why))
    }
}

/// The group coordinator's broker settings (`GroupCoordinatorConfig`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BrokerConfig {
    /// How many brokers the cluster has (1 or more); the coordinator is one of them.
    pub brokers: u32,
    /// `offsets.topic.num.partitions` (50).
    pub offsets_topic_partitions: u32,
    /// `group.initial.rebalance.delay.ms` (3000).
    pub initial_rebalance_delay_ms: u64,
    /// `group.min.session.timeout.ms` (6000).
    pub min_session_timeout_ms: u64,
    /// `group.max.session.timeout.ms` (1800000).
    pub max_session_timeout_ms: u64,
    /// One-way network latency between any client and broker.
    pub network_latency_ms: u64,
    /// `offsets.retention.minutes` (7 days): an Empty group's offsets expire this long after it
    /// became Empty.
    pub offsets_retention_minutes: u64,
    /// `offsets.retention.check.interval.ms` (600000): how often the coordinator looks for
    /// expired offsets.
    pub offsets_retention_check_interval_ms: u64,
    /// `group.consumer.heartbeat.interval.ms` (5000): how often consumer-protocol members
    /// heartbeat, told to them in every answer.
    pub consumer_heartbeat_interval_ms: u32,
    /// `group.consumer.session.timeout.ms` (45000): a consumer-protocol member not heard from
    /// this long is removed.
    pub consumer_session_timeout_ms: u32,
}

impl Default for BrokerConfig {
    fn default() -> Self {
        BrokerConfig {
            brokers: 3,
            offsets_topic_partitions: 50,
            initial_rebalance_delay_ms: 3_000,
            min_session_timeout_ms: 6_000,
            max_session_timeout_ms: 1_800_000,
            network_latency_ms: 5,
            offsets_retention_minutes: 7 * 24 * 60,
            offsets_retention_check_interval_ms: 600_000,
            consumer_heartbeat_interval_ms: 5_000,
            consumer_session_timeout_ms: 45_000,
        }
    }
}

impl BrokerConfig {
    /// Checks the ranges.
    pub fn validate(&self) -> Result<(), SimError> {
        if self.brokers == 0 || self.offsets_topic_partitions == 0 {
            return Err(SimError::InvalidSetting(
                "brokers and offsets.topic.num.partitions must be at least 1",
            ));
        }
        if self.min_session_timeout_ms > self.max_session_timeout_ms {
            return Err(SimError::InvalidSetting(
                "group.min.session.timeout.ms must not exceed group.max.session.timeout.ms",
            ));
        }
        if self.offsets_retention_minutes == 0 || self.offsets_retention_check_interval_ms == 0 {
            return Err(SimError::InvalidSetting(
                "offsets.retention.minutes and offsets.retention.check.interval.ms must be above 0",
            ));
        }
        // Only a build with the consumer protocol uses (and checks) its settings.
        if crate::CONSUMER_PROTOCOL { self.consumer_groups().validate() } else { Ok(()) }
    }

    /// The consumer-protocol groups' settings: the two above, the rest at Kafka's defaults.
    pub fn consumer_groups(&self) -> ConsumerGroupConfig {
        ConsumerGroupConfig {
            heartbeat_interval_ms: self.consumer_heartbeat_interval_ms,
            session_timeout_ms: self.consumer_session_timeout_ms,
            ..ConsumerGroupConfig::default()
        }
    }
}

/// Kafka's `Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions`: the
/// `__consumer_offsets` partition that holds a group (reference §0). `hashCode` is Java's
/// `String.hashCode` over UTF-16 units; `Utils.abs(Integer.MIN_VALUE)` is 0.
pub fn offsets_partition_for(group_id: &str, partitions: u32) -> u32 {
    let hash = group_id.encode_utf16().fold(0i32, |h, unit| h.wrapping_mul(31).wrapping_add(i32::from(unit)));
    let abs = if hash == i32::MIN { 0 } else { hash.unsigned_abs() };
    abs % partitions
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Java's `String.hashCode` is `s[0]*31^(n-1) + ... + s[n-1]` in wrapping `int`. The values
    /// below come from that definition (a four-line port, run by hand). `"polygenelubricants"`
    /// hashes to `Integer.MIN_VALUE`, whose `Utils.abs` is 0 (`Utils.java`).
    #[test]
    fn offsets_partition_follows_java_string_hash_code() {
        assert_eq!(offsets_partition_for("", 50), 0);
        assert_eq!(offsets_partition_for("polygenelubricants", 50), 0);
        // "a".hashCode() = 97; "ab" = 97*31 + 98 = 3105.
        assert_eq!(offsets_partition_for("a", 50), 97 % 50);
        assert_eq!(offsets_partition_for("ab", 50), 3105 % 50);
        // A negative hash: "consumer-group" = -1_738_392_088, abs % 50 = 38.
        assert_eq!(offsets_partition_for("consumer-group", 50), 38);
        assert_eq!(offsets_partition_for("group-a", 50), 293_427_347 % 50);
    }
}
