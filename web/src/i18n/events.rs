//! The event log in 简体中文: each event as a Chinese tutorial would say it. Kafka's own words
//! (API names, error codes, state names, config keys) stay as Kafka prints them; the English
//! lines are the core's `Display`.

use std::fmt::Write;

use groupsim::assignor::{AssignorName, TopicPartition};
use groupsim::{RebalanceCause, SimEvent};

/// The event in Chinese.
pub fn zh(event: &SimEvent) -> String {
    use SimEvent as E;
    match event {
        E::TopicCreated { topic, partitions } => format!("创建主题 {topic}，共 {partitions} 个分区"),
        E::PartitionsAdded { topic, from, to } => format!("主题 {topic} 的分区从 {from} 个扩到 {to} 个"),
        E::ProducerAdded { producer, topic } => format!("{producer} 开始写入 {topic}"),
        E::ProducerRemoved { producer } => format!("{producer} 已移除"),
        E::Produced { producer, topic, partition, offset, key } => match key {
            Some(k) => format!("{producer} → {topic}-{partition} @{offset} key-{k}"),
            None => format!("{producer} → {topic}-{partition} @{offset}（null 键）"),
        },
        E::ConsumerAdded { consumer, client_id, group } => {
            format!("{consumer}（{client_id}）在组 {group} 中启动")
        }
        E::ConsumerClosed { consumer } => format!("{consumer} 正常关闭"),
        E::ConsumerRestarted { consumer } => format!("{consumer} 重新启动"),
        E::ProcessingStalled { consumer } => format!("{consumer} 的处理卡住了：不再调用 poll()"),
        E::ProcessingResumed { consumer } => format!("{consumer} 恢复处理"),
        E::ConsumerKilled { consumer, unprocessed } => {
            format!("{consumer} 崩溃（已拉取但未处理的消息 {unprocessed} 条）")
        }
        E::ConsumerFailed { consumer, error } => format!("{consumer} 停止：{error}"),
        E::MessageSent { from, to, summary, .. } => format!("{from} → {to}：{summary}"),
        E::MessageReceived { from, to, summary, .. } => format!("{to} ← {from}：{summary}"),
        E::MessageDropped { from, to, summary, .. } => format!("链路已断开，丢失：{from} → {to}：{summary}"),
        E::LinkChanged { consumer, cut: true } => format!("{consumer} 到 broker 的网络被切断"),
        E::LinkChanged { consumer, cut: false } => format!("{consumer} 到 broker 的网络已恢复"),
        E::GroupStateChanged { group, from, to } => format!("组 {group}：{from} → {to}"),
        // Only a build with the consumer protocol has these.
        E::ConsumerGroupStateChanged { group, from, to } if groupsim::CONSUMER_PROTOCOL => {
            format!("组 {group}：{from} → {to}")
        }
        E::GroupEpochBumped { group, epoch, cause } if groupsim::CONSUMER_PROTOCOL => {
            format!("组 {group}：组纪元升到 {epoch}（{}）", cause_zh(cause))
        }
        E::TargetAssignmentComputed { group, epoch, target } if groupsim::CONSUMER_PROTOCOL => {
            let mut line = format!("组 {group}：协调者算出纪元 {epoch} 的目标分配：");
            for (client, partitions) in target {
                let _ = write!(line, " {client}={}", partitions.len());
            }
            line
        }
        E::RebalanceStarted { group, cause, generation } => {
            format!("组 {group}：开始重平衡（{}），当前第 {generation} 代", cause_zh(cause))
        }
        E::JoinCompleted { group, generation, leader, protocol, members } => {
            let protocol = protocol.map_or("-", AssignorName::protocol_name);
            format!("组 {group}：第 {generation} 代，{members} 个成员，组长 {leader}，分配器 {protocol}")
        }
        E::RebalanceCompleted {
            group, generation_before, generation, took, moved, round, follow_up, ..
        } => {
            let mut line = format!(
                "组 {group}：第 {round} 轮重平衡完成，代数 {generation_before} → {generation}，耗时 {took}，移动了 {} 个分区",
                moved.len()
            );
            if *follow_up {
                line.push_str("；被撤销的分区要等下一轮再分配");
            }
            line
        }
        E::MemberAdded { group, member_id, consumer } => {
            format!("组 {group}：{consumer} 以 {member_id} 加入")
        }
        E::MemberRemoved { group, member_id, reason, .. } => {
            format!("组 {group}：移除 {member_id}（{reason:?}）")
        }
        E::StaticMemberReplaced { group, old_member_id, member_id, .. } => {
            format!("组 {group}：静态成员 {old_member_id} 被 {member_id} 替换（旧 id 被隔离）")
        }
        E::PendingMemberExpired { group, member_id } => {
            format!("组 {group}：{member_id} 收到 MEMBER_ID_REQUIRED 后一直没有重新加入")
        }
        E::PollTimeout { consumer } => format!("{consumer}：超过 max.poll.interval.ms 没有调用 poll"),
        E::PartitionsRevoked { consumer, partitions } => format!("{consumer} 撤销了 {}", list(partitions)),
        E::PartitionsLost { consumer, partitions } => format!("{consumer} 丢失了 {}", list(partitions)),
        E::PartitionsAssigned { consumer, generation, added, partitions } if added == partitions => {
            format!("{consumer} 在第 {generation} 代分到 {}", list(added))
        }
        E::PartitionsAssigned { consumer, generation, added, partitions } => {
            format!("{consumer} 在第 {generation} 代分到 {}；现在拥有 {}", list(added), list(partitions))
        }
        E::PositionSet { consumer, partition, offset, committed } => {
            let from = if *committed { "已提交位移" } else { "auto.offset.reset" };
            format!("{consumer} 从 {partition} 的位移 {offset} 开始（{from}）")
        }
        E::PositionReset { consumer, partition, offset } => {
            format!("{consumer}：{partition} 位移越界，重置为 {offset}")
        }
        E::ConsumptionResumed { consumer, stopped_for } => {
            format!("{consumer} 停了 {stopped_for} 后恢复消费")
        }
        E::Consumed { consumer, partition, offset, .. } => format!("{consumer} 处理了 {partition}@{offset}"),
        E::Duplicate { group, partition, offset, first, again } => {
            format!("组 {group} 重复处理：{partition}@{offset} 先由 {first} 处理，又被 {again} 处理一次")
        }
        E::Committed { group, partition, offset, consumer, .. } => {
            format!("组 {group}：{consumer} 提交 {partition} = {offset}")
        }
        E::CommitFailed { consumer, partitions, coordinator_unknown: false } => {
            format!("{consumer} 无法提交 {partitions} 个分区：组正在重平衡（RebalanceInProgressException）")
        }
        E::CommitFailed { consumer, partitions, coordinator_unknown: true } => {
            format!("{consumer} 无法提交 {partitions} 个分区：协调者未知（RetriableCommitFailedException）")
        }
        E::CommitRejected { group, consumer, error } => {
            format!("组 {group}：{consumer} 的提交被拒绝：{error}")
        }
        E::OffsetsExpired { group, partitions, empty_since } => format!(
            "组 {group}：{partitions} 个已提交位移过期（组自 {empty_since} 起为 Empty，超过 offsets.retention.minutes）；组被删除"
        ),
        E::RequestTimedOut { consumer, api, to, after } => {
            format!("{consumer}：发往 {to} 的 {api} 在 {after} 后超时")
        }
        E::CoordinatorUnknown { consumer, reason, failed } => format!(
            "{consumer}：协调者未知（{reason}）；{failed} 个等待中的请求随连接一起失败；重新查找协调者"
        ),
        E::CoordinatorFound { consumer, broker } => format!("{consumer}：协调者是 broker-{broker}"),
        E::CloseRequested { consumer, remaining } => {
            format!("{consumer} 正在关闭：先处理完 poll() 已返回的 {remaining} 条消息，再提交并离开")
        }
        E::ConsumerGroupStateChanged { .. }
        | E::GroupEpochBumped { .. }
        | E::TargetAssignmentComputed { .. } => String::new(),
    }
}

/// Why a rebalance started, in Chinese.
pub fn cause_zh(cause: &RebalanceCause) -> String {
    match cause {
        RebalanceCause::MemberJoined { client_id } => format!("{client_id} 加入"),
        RebalanceCause::MemberLeft { client_id } => format!("{client_id} 离开了组"),
        RebalanceCause::SessionTimeout { client_id } => format!("{client_id} 会话超时"),
        RebalanceCause::MetadataChanged { client_id } => format!("{client_id} 带着新的元数据重新加入"),
        RebalanceCause::PollTimeout { client_id } => {
            format!("{client_id} 离开：超过 max.poll.interval.ms 没有 poll")
        }
        RebalanceCause::SyncTimeout => "成员没有按时 SyncGroup".to_string(),
        RebalanceCause::RevocationTimeout { client_id } => {
            format!("{client_id} 没有在重平衡超时内撤销分区")
        }
    }
}

/// `[orders-0, orders-1]`, or `无`.
fn list(partitions: &[TopicPartition]) -> String {
    if partitions.is_empty() {
        return "无".to_string();
    }
    let mut out = String::from("[");
    for (i, tp) in partitions.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "{tp}");
    }
    out.push(']');
    out
}
