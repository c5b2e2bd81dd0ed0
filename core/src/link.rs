//! Share links: a [`Scenario`] as compact, URL-safe text, read back without a JSON parser (the
//! playground's download stays small). Items are separated by `;`: a version, the world's
//! settings as `key=value`, then one item per command, `<at_ms>@<action>:<key=value,…>`. Lists
//! inside a value use `+`; any other character outside `[A-Za-z0-9._-]` is `%XX`-escaped.
//! Settings left at their defaults are left out.
//!
//! ```
//! use groupsim::{Command, Scenario, TimedCommand};
//!
//! let mut scenario = Scenario { until_ms: 60_000, ..Scenario::default() };
//! let command = Command::CreateTopic { topic: "orders".into(), partitions: 6 };
//! scenario.commands.push(TimedCommand { at_ms: 0, command });
//! let link = scenario.to_link();
//! assert_eq!(link, "v1;seed=1;until=60000;0@create-topic:topic=orders,partitions=6");
//! assert_eq!(Scenario::from_link(&link), Ok(scenario));
//!
//! let error = Scenario::from_link("v1;0@kil-consumer:consumer=1").unwrap_err();
//! assert_eq!(error.to_string(), "item 2 (0@kil-consumer:consumer=1): there is no action “kil-consumer”");
//! ```

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::{self, Write};

use crate::assignor::AssignorName;
use crate::assignor::server::ServerAssignorName;
use crate::commands::Command;
use crate::config::{BrokerConfig, CommitMode, ConsumerConfig, GroupProtocol, OffsetReset};
use crate::partitioner::KeyMode;
use crate::producer::ProducerConfig;
use crate::scenario::{Scenario, TimedCommand};
use crate::sim::SimConfig;

/// The format's version, the link's first item.
const VERSION: &str = "v1";

/// What is wrong with a link, and in which item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkError {
    /// 1-based item number.
    pub item: u32,
    /// The item's text.
    pub text: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "item {} ({}): {}", self.item, self.text, self.message)
    }
}

impl core::error::Error for LinkError {}

impl Scenario {
    /// The scenario as a share link's text.
    pub fn to_link(&self) -> String {
        let mut out = String::from(VERSION);
        let mut world = Fields::default();
        let (c, d) = (&self.config, SimConfig::default());
        world.num("seed", c.seed, None);
        world.num("until", self.until_ms, None);
        world.num("retention", c.retention_records.into(), Some(d.retention_records.into()));
        let (b, bd) = (&c.broker, BrokerConfig::default());
        world.num("brokers", b.brokers.into(), Some(bd.brokers.into()));
        world.num(
            "offsets-partitions",
            b.offsets_topic_partitions.into(),
            Some(bd.offsets_topic_partitions.into()),
        );
        world.num("rebalance-delay", b.initial_rebalance_delay_ms, Some(bd.initial_rebalance_delay_ms));
        world.num("min-session", b.min_session_timeout_ms, Some(bd.min_session_timeout_ms));
        world.num("max-session", b.max_session_timeout_ms, Some(bd.max_session_timeout_ms));
        world.num("latency", b.network_latency_ms, Some(bd.network_latency_ms));
        world.num("offsets-retention", b.offsets_retention_minutes, Some(bd.offsets_retention_minutes));
        world.num(
            "retention-check",
            b.offsets_retention_check_interval_ms,
            Some(bd.offsets_retention_check_interval_ms),
        );
        let (hb, session) = (b.consumer_heartbeat_interval_ms, b.consumer_session_timeout_ms);
        world.num("consumer-heartbeat", hb.into(), Some(bd.consumer_heartbeat_interval_ms.into()));
        world.num("consumer-session", session.into(), Some(bd.consumer_session_timeout_ms.into()));
        for (key, value) in world.0 {
            let _ = write!(out, ";{key}={value}");
        }
        for timed in &self.commands {
            let _ = write!(out, ";{}@{}", timed.at_ms, timed.command.to_link());
        }
        out
    }

    /// Reads a share link's text; errors name the item and what is wrong with it.
    pub fn from_link(text: &str) -> Result<Scenario, LinkError> {
        let mut items = text.split(';');
        let first = items.next().unwrap_or_default();
        if first != VERSION {
            return Err(LinkError {
                item: 1,
                text: first.into(),
                message: format!("a link starts with “{VERSION}”"),
            });
        }
        let mut scenario = Scenario::default();
        for (index, item) in items.enumerate() {
            let fail = |message: String| LinkError { item: index as u32 + 2, text: item.into(), message };
            match item.split_once('@') {
                Some((at, rest)) => {
                    let at_ms =
                        at.parse().map_err(|_| fail(format!("“{at}” is not a time in milliseconds")))?;
                    let command = Command::from_link(rest).map_err(&fail)?;
                    scenario.commands.push(TimedCommand { at_ms, command });
                }
                None => read_setting(&mut scenario, item).map_err(fail)?,
            }
        }
        Ok(scenario)
    }
}

impl Command {
    /// One command as a share link writes it, without its time: `kill-consumer:consumer=1`.
    pub fn to_link(&self) -> String {
        let (action, fields) = write_command(self);
        format!("{action}:{}", fields.joined())
    }

    /// Reads one command as a share link writes it, without its time (`kill-consumer:consumer=1`);
    /// the error says what is wrong.
    pub fn from_link(text: &str) -> Result<Command, String> {
        let (action, fields) = text.split_once(':').unwrap_or((text, ""));
        let mut fields = Reader::parse(fields)?;
        let command = read_command(action, &mut fields)?;
        fields.finish()?;
        Ok(command)
    }
}

fn read_setting(scenario: &mut Scenario, item: &str) -> Result<(), String> {
    let mut f = Reader::parse(item)?;
    scenario.until_ms = f.num("until", scenario.until_ms)?;
    let c = &mut scenario.config;
    c.seed = f.num("seed", c.seed)?;
    c.retention_records = f.num("retention", c.retention_records)?;
    let b = &mut c.broker;
    b.brokers = f.num("brokers", b.brokers)?;
    b.offsets_topic_partitions = f.num("offsets-partitions", b.offsets_topic_partitions)?;
    b.initial_rebalance_delay_ms = f.num("rebalance-delay", b.initial_rebalance_delay_ms)?;
    b.min_session_timeout_ms = f.num("min-session", b.min_session_timeout_ms)?;
    b.max_session_timeout_ms = f.num("max-session", b.max_session_timeout_ms)?;
    b.network_latency_ms = f.num("latency", b.network_latency_ms)?;
    b.offsets_retention_minutes = f.num("offsets-retention", b.offsets_retention_minutes)?;
    b.offsets_retention_check_interval_ms =
        f.num("retention-check", b.offsets_retention_check_interval_ms)?;
    b.consumer_heartbeat_interval_ms = f.num("consumer-heartbeat", b.consumer_heartbeat_interval_ms)?;
    b.consumer_session_timeout_ms = f.num("consumer-session", b.consumer_session_timeout_ms)?;
    f.finish()
}

fn write_command(command: &Command) -> (&'static str, Fields) {
    let mut f = Fields::default();
    let action = match command {
        Command::CreateTopic { topic, partitions } | Command::AddPartitions { topic, partitions } => {
            f.text("topic", topic);
            f.num("partitions", (*partitions).into(), None);
            command.name()
        }
        Command::AddProducer { config } => {
            f.text("topic", &config.topic);
            f.num("rate", config.rate_per_sec.into(), None);
            let mode = match config.key_mode {
                KeyMode::Keyed { key_space } => format!("keyed{key_space}"),
                KeyMode::Sticky { batch_records } => format!("sticky{batch_records}"),
                KeyMode::RoundRobin => "round-robin".into(),
                KeyMode::Explicit { partition } => format!("partition{partition}"),
            };
            f.text("keys", &mode);
            command.name()
        }
        Command::SetProducerRate { producer, rate_per_sec } => {
            f.num("producer", (*producer).into(), None);
            f.num("rate", (*rate_per_sec).into(), None);
            command.name()
        }
        Command::PauseProducer { producer, paused } => {
            f.num("producer", (*producer).into(), None);
            f.flag("paused", *paused);
            command.name()
        }
        Command::RemoveProducer { producer } => {
            f.num("producer", (*producer).into(), None);
            command.name()
        }
        Command::AddConsumer { config } => {
            write_consumer(&mut f, config);
            command.name()
        }
        Command::CloseConsumer { consumer } => consumer_action(&mut f, *consumer, command.name()),
        Command::KillConsumer { consumer } => consumer_action(&mut f, *consumer, command.name()),
        Command::RestartConsumer { consumer } => consumer_action(&mut f, *consumer, command.name()),
        Command::StallProcessing { consumer, stalled } => {
            f.flag("stalled", *stalled);
            consumer_action(&mut f, *consumer, command.name())
        }
        Command::CutLink { consumer, cut } => {
            f.flag("cut", *cut);
            consumer_action(&mut f, *consumer, command.name())
        }
    };
    (action, f)
}

fn consumer_action(f: &mut Fields, consumer: u32, action: &'static str) -> &'static str {
    f.0.insert(0, ("consumer", consumer.to_string()));
    action
}

fn write_consumer(f: &mut Fields, c: &ConsumerConfig) {
    let d = ConsumerConfig::default();
    if c.group_id != d.group_id {
        f.text("group", &c.group_id);
    }
    if c.client_id != d.client_id {
        f.text("client", &c.client_id);
    }
    if let Some(instance) = &c.instance_id {
        f.text("instance", instance);
    }
    if c.topics != d.topics {
        f.list("topics", c.topics.iter().map(String::as_str));
    }
    f.num("session", c.session_timeout_ms, Some(d.session_timeout_ms));
    f.num("heartbeat", c.heartbeat_interval_ms, Some(d.heartbeat_interval_ms));
    f.num("max-poll-interval", c.max_poll_interval_ms, Some(d.max_poll_interval_ms));
    f.num("max-poll-records", c.max_poll_records.into(), Some(d.max_poll_records.into()));
    if c.commit != d.commit {
        let commit = match c.commit {
            CommitMode::Auto { interval_ms } => format!("auto{interval_ms}"),
            CommitMode::AfterProcessing => "after-processing".into(),
        };
        f.text("commit", &commit);
    }
    if c.auto_offset_reset != d.auto_offset_reset {
        f.text("reset", if c.auto_offset_reset == OffsetReset::Earliest { "earliest" } else { "latest" });
    }
    if c.assignors != d.assignors {
        f.list("assignors", c.assignors.iter().map(|a| a.protocol_name()));
    }
    f.num("processing", c.processing_ms_per_record, Some(d.processing_ms_per_record));
    f.num("request-timeout", c.request_timeout_ms, Some(d.request_timeout_ms));
    f.num("retry-backoff", c.retry_backoff_ms, Some(d.retry_backoff_ms));
    if c.group_protocol == GroupProtocol::Consumer {
        f.text("protocol", "consumer");
    }
    if let Some(assignor) = c.remote_assignor {
        f.text("remote-assignor", assignor.name());
    }
}

fn read_command(action: &str, f: &mut Reader) -> Result<Command, String> {
    let consumer = |f: &mut Reader| f.required_num("consumer");
    Ok(match action {
        "create-topic" => Command::CreateTopic {
            topic: f.required_text("topic")?,
            partitions: f.required_num("partitions")?,
        },
        "add-partitions" => Command::AddPartitions {
            topic: f.required_text("topic")?,
            partitions: f.required_num("partitions")?,
        },
        "add-producer" => {
            let topic = f.required_text("topic")?;
            let rate_per_sec = f.required_num("rate")?;
            let keys = f.required_text("keys")?;
            let number = |prefix: &str| keys.strip_prefix(prefix).and_then(|n| n.parse::<u32>().ok());
            let key_mode = if keys == "round-robin" {
                KeyMode::RoundRobin
            } else if let Some(key_space) = number("keyed") {
                KeyMode::Keyed { key_space }
            } else if let Some(batch_records) = number("sticky") {
                KeyMode::Sticky { batch_records }
            } else if let Some(partition) = number("partition") {
                KeyMode::Explicit { partition }
            } else {
                return Err(format!("“{keys}” is not a key mode (keyedN, stickyN, round-robin, partitionN)"));
            };
            Command::AddProducer { config: ProducerConfig { topic, rate_per_sec, key_mode } }
        }
        "set-producer-rate" => Command::SetProducerRate {
            producer: f.required_num("producer")?,
            rate_per_sec: f.required_num("rate")?,
        },
        "pause-producer" => {
            Command::PauseProducer { producer: f.required_num("producer")?, paused: f.flag("paused")? }
        }
        "remove-producer" => Command::RemoveProducer { producer: f.required_num("producer")? },
        "add-consumer" => Command::AddConsumer { config: read_consumer(f)? },
        "close-consumer" => Command::CloseConsumer { consumer: consumer(f)? },
        "kill-consumer" => Command::KillConsumer { consumer: consumer(f)? },
        "restart-consumer" => Command::RestartConsumer { consumer: consumer(f)? },
        "stall-processing" => {
            Command::StallProcessing { consumer: consumer(f)?, stalled: f.flag("stalled")? }
        }
        "cut-link" => Command::CutLink { consumer: consumer(f)?, cut: f.flag("cut")? },
        other => return Err(format!("there is no action “{other}”")),
    })
}

fn read_consumer(f: &mut Reader) -> Result<ConsumerConfig, String> {
    let d = ConsumerConfig::default();
    let commit = match f.text("commit").as_deref() {
        None => d.commit,
        Some("after-processing") => CommitMode::AfterProcessing,
        Some(other) => match other.strip_prefix("auto").and_then(|n| n.parse().ok()) {
            Some(interval_ms) => CommitMode::Auto { interval_ms },
            None => return Err(format!("“{other}” is not a commit mode (autoN or after-processing)")),
        },
    };
    let auto_offset_reset = match f.text("reset").as_deref() {
        None => d.auto_offset_reset,
        Some("earliest") => OffsetReset::Earliest,
        Some("latest") => OffsetReset::Latest,
        Some(other) => return Err(format!("“{other}” is not an offset reset (earliest or latest)")),
    };
    let assignors = match f.list("assignors") {
        None => d.assignors.clone(),
        Some(names) => names
            .iter()
            .map(|n| AssignorName::from_protocol_name(n).ok_or_else(|| format!("“{n}” is not an assignor")))
            .collect::<Result<_, _>>()?,
    };
    let group_protocol = match f.text("protocol").as_deref() {
        None | Some("classic") => GroupProtocol::Classic,
        Some("consumer") => GroupProtocol::Consumer,
        Some(other) => return Err(format!("“{other}” is not a group protocol (classic or consumer)")),
    };
    let remote_assignor = match f.text("remote-assignor") {
        None => None,
        Some(name) => Some(
            ServerAssignorName::from_name(&name)
                .ok_or_else(|| format!("“{name}” is not a server assignor (uniform or range)"))?,
        ),
    };
    Ok(ConsumerConfig {
        group_id: f.text("group").unwrap_or(d.group_id),
        client_id: f.text("client").unwrap_or(d.client_id),
        instance_id: f.text("instance"),
        topics: f.list("topics").unwrap_or(d.topics),
        session_timeout_ms: f.num("session", d.session_timeout_ms)?,
        heartbeat_interval_ms: f.num("heartbeat", d.heartbeat_interval_ms)?,
        max_poll_interval_ms: f.num("max-poll-interval", d.max_poll_interval_ms)?,
        max_poll_records: f.num("max-poll-records", d.max_poll_records)?,
        commit,
        auto_offset_reset,
        assignors,
        processing_ms_per_record: f.num("processing", d.processing_ms_per_record)?,
        request_timeout_ms: f.num("request-timeout", d.request_timeout_ms)?,
        retry_backoff_ms: f.num("retry-backoff", d.retry_backoff_ms)?,
        group_protocol,
        remote_assignor,
    })
}

/// Fields being written, in order.
#[derive(Default)]
struct Fields(Vec<(&'static str, String)>);

impl Fields {
    /// A number, left out when it equals `default`.
    fn num(&mut self, key: &'static str, value: u64, default: Option<u64>) {
        if default != Some(value) {
            self.0.push((key, value.to_string()));
        }
    }

    fn text(&mut self, key: &'static str, value: &str) {
        self.0.push((key, escape(value)));
    }

    fn flag(&mut self, key: &'static str, value: bool) {
        self.0.push((key, if value { "1" } else { "0" }.into()));
    }

    fn list<'a>(&mut self, key: &'static str, values: impl Iterator<Item = &'a str>) {
        let escaped: Vec<String> = values.map(escape).collect();
        self.0.push((key, escaped.join("+")));
    }

    fn joined(&self) -> String {
        let pairs: Vec<String> = self.0.iter().map(|(k, v)| format!("{k}={v}")).collect();
        pairs.join(",")
    }
}

/// Fields being read: each must be used once.
struct Reader(Vec<(String, String)>);

impl Reader {
    fn parse(text: &str) -> Result<Reader, String> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for pair in text.split(',').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').ok_or_else(|| format!("“{pair}” is not key=value"))?;
            if pairs.iter().any(|(k, _)| k == key) {
                return Err(format!("“{key}” is given twice"));
            }
            pairs.push((key.into(), value.into()));
        }
        Ok(Reader(pairs))
    }

    fn take(&mut self, key: &str) -> Option<String> {
        let index = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(index).1)
    }

    fn text(&mut self, key: &str) -> Option<String> {
        self.take(key).map(|v| unescape(&v))
    }

    fn required_text(&mut self, key: &str) -> Result<String, String> {
        self.text(key).ok_or_else(|| format!("“{key}” is missing"))
    }

    fn list(&mut self, key: &str) -> Option<Vec<String>> {
        self.take(key).map(|v| v.split('+').map(unescape).collect())
    }

    fn num<T: core::str::FromStr>(&mut self, key: &str, default: T) -> Result<T, String> {
        match self.take(key) {
            None => Ok(default),
            Some(v) => v.parse().map_err(|_| format!("{key}=“{v}” is not a whole number in range")),
        }
    }

    fn required_num<T: core::str::FromStr>(&mut self, key: &str) -> Result<T, String> {
        let value = self.take(key).ok_or_else(|| format!("“{key}” is missing"))?;
        value.parse().map_err(|_| format!("{key}=“{value}” is not a whole number in range"))
    }

    fn flag(&mut self, key: &str) -> Result<bool, String> {
        match self.take(key).as_deref() {
            Some("1") => Ok(true),
            Some("0") => Ok(false),
            Some(other) => Err(format!("{key}=“{other}” must be 0 or 1")),
            None => Err(format!("“{key}” is missing")),
        }
    }

    fn finish(self) -> Result<(), String> {
        match self.0.first() {
            None => Ok(()),
            Some((key, _)) => Err(format!("“{key}” is not a setting here")),
        }
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"._-".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// Undoes [`escape`]; a malformed escape is kept as it is.
fn unescape(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = text.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
