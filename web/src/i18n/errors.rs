//! Why the world refused a command, in the page's language (the English is the core's
//! [`SimError`] `Display`), a setting's reason too (the core's config checks give it as a fixed
//! English sentence; Kafka's config keys stay as they are in both).

use groupsim::{MAX_RATE, SimError};

use crate::lang::Lang;

/// The refusal as a sentence in `lang`.
pub fn sim_error(error: &SimError, lang: Lang) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        SimError::UnknownTopic(t) => format!("没有名为“{t}”的主题"),
        SimError::TopicExists(t) => format!("名为“{t}”的主题已经存在"),
        SimError::InvalidTopicName(t) => {
            format!("“{t}”不是合法的主题名：请用 1 到 249 个字母、数字、'.'、'_' 或 '-'")
        }
        SimError::InvalidPartitionCount { requested, min, max } => {
            format!("这里不能用 {requested} 个分区：请选 {min} 到 {max} 个")
        }
        SimError::InvalidRate(r) => format!("每秒 {r} 条太快了：一个生产者每秒最多发送 {MAX_RATE} 条"),
        SimError::UnknownProducer(p) => format!("没有 producer-{}", p + 1),
        SimError::ProducerRemoved(p) => format!("producer-{} 已被移除", p + 1),
        SimError::UnknownConsumer(c) => format!("没有 consumer-{}", c + 1),
        SimError::ConsumerNotRunning(c) => format!("consumer-{} 已经不在运行了", c + 1),
        SimError::ConsumerStillRunning(c) => {
            format!("consumer-{} 还在运行：先关闭或杀掉它，才能重启", c + 1)
        }
        SimError::InvalidSetting(why) => format!("配置无效：{}", setting_reason(why)),
        SimError::ConsumerProtocolNotBuilt => {
            "这个版本的演练场不包含新的消费者协议（group.protocol=consumer，KIP-848）".to_string()
        }
        SimError::MixedGroup { .. } if !groupsim::CONSUMER_PROTOCOL => String::new(),
        SimError::MixedGroup { group, has } => {
            let (has, other) = match has {
                groupsim::GroupProtocol::Classic => ("classic", "consumer"),
                groupsim::GroupProtocol::Consumer => ("consumer", "classic"),
            };
            format!(
                "组 {group} 里已有 {has} 协议的成员：Kafka 4.x 会让 {other} 协议的消费者加入并转换这个组（在线迁移），本演练场还没有模拟这一点"
            )
        }
    }
}

/// The core's reason for refusing a setting, in Chinese; one it does not know stays in English.
/// Kafka's own checks (`ConsumerConfig`, `GroupCoordinatorConfig`) are read by their pattern,
/// keeping the setting names.
fn setting_reason(why: &'static str) -> std::borrow::Cow<'static, str> {
    let patterns: [(&str, &str); 5] = [
        (" cannot be set when group.protocol=CLASSIC", "group.protocol=CLASSIC 时不能设置 "),
        (" cannot be set when group.protocol=CONSUMER", "group.protocol=CONSUMER 时不能设置 "),
        (" must be greater than or equal to ", " 必须大于或等于 "),
        (" must be less than or equal to ", " 必须小于或等于 "),
        (" must be less than ", " 必须小于 "),
    ];
    // Past the first, only the consumer protocol's checks give these; a build without it has none.
    let patterns = if groupsim::CONSUMER_PROTOCOL { &patterns[..] } else { &patterns[..1] };
    for (i, (en, zh)) in patterns.iter().enumerate() {
        if i < 2
            && let Some(keys) = why.strip_suffix(en)
        {
            return format!("{zh}{keys}").into();
        }
        if i >= 2
            && let Some((a, b)) = why.split_once(en)
        {
            return format!("{a}{zh}{b}").into();
        }
    }
    if groupsim::CONSUMER_PROTOCOL
        && let Some(rest) = why.strip_prefix("Invalid value 0 for configuration ")
        && let Some(key) = rest.strip_suffix(": Value must be at least 1")
    {
        return format!("{key} 的值 0 无效：至少为 1").into();
    }
    std::borrow::Cow::Borrowed(match why {
        "group.consumer.assignors must name at least one assignor" => {
            "group.consumer.assignors 至少要列出一个分配器"
        }
        "group.consumer.assignors must not list an assignor twice" => {
            "group.consumer.assignors 不能重复列出同一个分配器"
        }
        "group.id must not be empty" => "group.id 不能为空",
        "a consumer must subscribe to at least one topic" => "消费者至少要订阅一个主题",
        "heartbeat.interval.ms must be above 0 and below session.timeout.ms" => {
            "heartbeat.interval.ms 必须大于 0 且小于 session.timeout.ms"
        }
        "max.poll.interval.ms must be above 0" => "max.poll.interval.ms 必须大于 0",
        "max.poll.records must be at least 1" => "max.poll.records 至少为 1",
        "auto.commit.interval.ms must be above 0" => "auto.commit.interval.ms 必须大于 0",
        "partition.assignment.strategy must name at least one assignor" => {
            "partition.assignment.strategy 至少要列出一个分配策略"
        }
        "request.timeout.ms and retry.backoff.ms must be above 0" => {
            "request.timeout.ms 和 retry.backoff.ms 必须大于 0"
        }
        "group.instance.id must not be empty when set" => "设置了 group.instance.id 时它不能为空",
        "key_space must be at least 1" => "键空间（key_space）至少为 1",
        "brokers and offsets.topic.num.partitions must be at least 1" => {
            "broker 数量和 offsets.topic.num.partitions 至少为 1"
        }
        "group.min.session.timeout.ms must not exceed group.max.session.timeout.ms" => {
            "group.min.session.timeout.ms 不能超过 group.max.session.timeout.ms"
        }
        "offsets.retention.minutes and offsets.retention.check.interval.ms must be above 0" => {
            "offsets.retention.minutes 和 offsets.retention.check.interval.ms 必须大于 0"
        }
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_reads_in_either_language() {
        let e = SimError::ConsumerStillRunning(1);
        assert_eq!(sim_error(&e, Lang::En), e.to_string());
        assert_eq!(sim_error(&e, Lang::Zh), "consumer-2 还在运行：先关闭或杀掉它，才能重启");
        assert_eq!(sim_error(&SimError::UnknownConsumer(8), Lang::Zh), "没有 consumer-9");
    }

    /// Every reason the core's config checks give has its Chinese: a core that gained a reason
    /// without one fails here.
    fn check_one(c: &groupsim::ConsumerConfig, reasons: &mut Vec<&'static str>) {
        if let Err(SimError::InvalidSetting(why)) = c.validate() {
            reasons.push(why);
        }
    }

    #[test]
    fn kafka_checks_read_in_chinese_by_their_pattern() {
        if !groupsim::CONSUMER_PROTOCOL {
            return; // a build without the consumer protocol has none of these
        }
        let cases = [
            (
                "partition.assignment.strategy, session.timeout.ms cannot be set when group.protocol=CONSUMER",
                "group.protocol=CONSUMER 时不能设置 partition.assignment.strategy, session.timeout.ms",
            ),
            (
                "group.consumer.heartbeat.interval.ms must be less than or equal to group.consumer.max.heartbeat.interval.ms",
                "group.consumer.heartbeat.interval.ms 必须小于或等于 group.consumer.max.heartbeat.interval.ms",
            ),
        ];
        for (en, zh) in cases {
            assert_eq!(setting_reason(en), zh);
        }
    }

    #[test]
    fn every_setting_reason_reads_in_chinese() {
        let mut bad = groupsim::ConsumerConfig::default();
        let mut reasons = Vec::new();
        let mut check = |c: &groupsim::ConsumerConfig| {
            if let Err(SimError::InvalidSetting(why)) = c.validate() {
                reasons.push(why);
            }
        };
        bad.group_id = String::new();
        check(&bad);
        bad = groupsim::ConsumerConfig { topics: Vec::new(), ..Default::default() };
        check(&bad);
        bad = groupsim::ConsumerConfig { heartbeat_interval_ms: 0, ..Default::default() };
        check(&bad);
        bad = groupsim::ConsumerConfig { max_poll_interval_ms: 0, ..Default::default() };
        check(&bad);
        bad = groupsim::ConsumerConfig { max_poll_records: 0, ..Default::default() };
        check(&bad);
        bad = groupsim::ConsumerConfig { assignors: Vec::new(), ..Default::default() };
        check(&bad);
        bad = groupsim::ConsumerConfig { request_timeout_ms: 0, ..Default::default() };
        check(&bad);
        bad = groupsim::ConsumerConfig { instance_id: Some(String::new()), ..Default::default() };
        check(&bad);
        bad = groupsim::ConsumerConfig {
            commit: groupsim::CommitMode::Auto { interval_ms: 0 },
            ..Default::default()
        };
        check(&bad);
        let broker = groupsim::BrokerConfig::default();
        for b in [
            groupsim::BrokerConfig { brokers: 0, ..broker },
            groupsim::BrokerConfig { min_session_timeout_ms: broker.max_session_timeout_ms + 1, ..broker },
            groupsim::BrokerConfig { offsets_retention_minutes: 0, ..broker },
        ] {
            if let Err(SimError::InvalidSetting(why)) = b.validate() {
                reasons.push(why);
            }
        }
        for b in [
            groupsim::BrokerConfig { consumer_heartbeat_interval_ms: 1_000, ..broker },
            groupsim::BrokerConfig { consumer_heartbeat_interval_ms: 20_000, ..broker },
            groupsim::BrokerConfig { consumer_session_timeout_ms: 1_000, ..broker },
            groupsim::BrokerConfig { consumer_session_timeout_ms: 90_000, ..broker },
        ] {
            if let Err(SimError::InvalidSetting(why)) = b.validate() {
                reasons.push(why);
            }
        }
        let groups = groupsim::group::consumer::ConsumerGroupConfig {
            min_heartbeat_interval_ms: 0,
            ..Default::default()
        };
        if let (true, Err(SimError::InvalidSetting(why))) = (groupsim::CONSUMER_PROTOCOL, groups.validate()) {
            reasons.push(why);
        }
        for (assignors, session, heartbeat) in [
            (vec![groupsim::assignor::AssignorName::Range], 45_000, 3_000),
            (vec![groupsim::assignor::AssignorName::Range], 10_000, 1_000),
        ] {
            let c = groupsim::ConsumerConfig {
                group_protocol: groupsim::GroupProtocol::Consumer,
                assignors,
                session_timeout_ms: session,
                heartbeat_interval_ms: heartbeat,
                ..Default::default()
            };
            check_one(&c, &mut reasons);
        }
        let remote = groupsim::ConsumerConfig {
            remote_assignor: Some(groupsim::assignor::server::ServerAssignorName::Uniform),
            ..Default::default()
        };
        check_one(&remote, &mut reasons);
        reasons.push("key_space must be at least 1");
        // The consumer protocol's (seven of them) come only with it.
        let expected = if groupsim::CONSUMER_PROTOCOL { 21 } else { 14 };
        assert_eq!(reasons.len(), expected, "{reasons:?}");
        for why in reasons {
            let zh = setting_reason(why);
            assert_ne!(zh, why, "no Chinese for “{why}”");
        }
    }
}
