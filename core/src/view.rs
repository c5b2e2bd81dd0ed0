//! Snapshots of the world for people: what the UI draws and what tests assert on.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::assignor::server::ServerAssignorName;
use crate::assignor::{AssignorName, TopicPartition};
use crate::consumer::membership::MemberState as ClientState;
use crate::consumer::{Consumer, Life, MemberState};
use crate::effects::Due;
use crate::group::consumer::{ConsumerGroupState, MemberState as ReconcileState};
use crate::group::{Group, GroupState, Hosted};
use crate::history::RebalanceRecord;
use crate::ids::{ConsumerId, ProducerId};
use crate::log::Record;
use crate::net::Endpoint;
use crate::partitioner::KeyMode;
use crate::protocol::Api;
use crate::sim::Sim;
use crate::time::{Duration, Instant};

/// How many recent records per partition a view carries.
const VIEW_RECENT_RECORDS: usize = 8;

/// The whole world at one instant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimView {
    /// The virtual clock.
    pub now: Instant,
    /// The seed the world was made with.
    pub seed: u64,
    /// Topics by name.
    pub topics: Vec<TopicView>,
    /// Producers in creation order.
    pub producers: Vec<ProducerView>,
    /// Consumer groups as their coordinators see them, by group id.
    pub groups: Vec<GroupView>,
    /// Consumer clients in creation order, as they see themselves.
    pub consumers: Vec<ConsumerView>,
    /// Messages on the wire.
    pub in_flight: Vec<MessageView>,
}

/// One topic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicView {
    /// Its name.
    pub name: String,
    /// Its partitions, by id.
    pub partitions: Vec<PartitionView>,
}

/// One partition of a topic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartitionView {
    /// The partition id.
    pub id: u32,
    /// The first retained offset.
    pub log_start_offset: u64,
    /// The next offset to be written (LEO).
    pub log_end_offset: u64,
    /// The newest few records, oldest first (for drawing).
    pub recent: Vec<Record>,
}

/// One producer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProducerView {
    /// Its id.
    pub id: ProducerId,
    /// The topic it writes to.
    pub topic: String,
    /// Records per second.
    pub rate_per_sec: u32,
    /// How it picks keys and partitions.
    pub key_mode: KeyMode,
    /// Whether it is paused.
    pub paused: bool,
    /// Whether it was removed for good.
    pub removed: bool,
}

/// A consumer group on its coordinator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupView {
    /// `group.id`.
    pub id: String,
    /// The state.
    pub state: GroupState,
    /// The generation id.
    pub generation: i32,
    /// The leader's member id.
    pub leader: Option<String>,
    /// The broker coordinating the group.
    pub coordinator: u32,
    /// Always `consumer` for consumer groups.
    pub protocol_type: String,
    /// The assignor chosen for this generation.
    pub assignor: Option<AssignorName>,
    /// Members in join order.
    pub members: Vec<MemberView>,
    /// `kafka-consumer-groups.sh --describe` rows, by topic and partition.
    pub describe: Vec<DescribeRow>,
    /// The sum of the lags that are defined.
    pub total_lag: u64,
    /// Its recent rebalances, oldest first (at most [`crate::history::HISTORY_PER_GROUP`]).
    pub rebalances: Vec<RebalanceRecord>,
    /// Per partition, the offset after the last record the group processed (by any member,
    /// owner or not), by topic and partition: what is processed but not committed yet is
    /// between the committed offset and this.
    pub processed: Vec<(TopicPartition, u64)>,
    /// For a consumer-protocol group (KIP-848): its epochs and its own state. Its `state`
    /// above is then the nearest classic state (Assigning → PreparingRebalance, Reconciling →
    /// CompletingRebalance) for code that knows only classic groups, and `generation` is its
    /// group epoch.
    pub consumer_protocol: Option<ConsumerGroupView>,
}

/// What a consumer-protocol group adds (reference §3.2–§3.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsumerGroupView {
    /// Its state, as `kafka-consumer-groups.sh --describe --state` prints it.
    pub state: ConsumerGroupState,
    /// The group epoch.
    pub group_epoch: i32,
    /// The epoch of its target assignment (behind the group epoch while Assigning).
    pub target_epoch: i32,
    /// The server assignor its next target comes from.
    pub assignor: ServerAssignorName,
}

/// A consumer-protocol member as its coordinator sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberEpochView {
    /// Its member epoch.
    pub member_epoch: i32,
    /// Where it is in its reconciliation.
    pub state: ReconcileState,
    /// What it must still revoke before it gets more.
    pub revoking: Vec<TopicPartition>,
    /// What the target assignment gives it.
    pub target: Vec<TopicPartition>,
    /// When its rebalance timeout fences it unless it revokes, while it revokes.
    pub rebalance_deadline: Option<Instant>,
}

/// A consumer-protocol client's membership, as it sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientMembershipView {
    /// Its state.
    pub state: ClientState,
    /// Its member epoch (0 while joining, -1 or -2 while leaving).
    pub member_epoch: i32,
    /// What the coordinator last assigned it, which it walks towards.
    pub target: Vec<TopicPartition>,
}

/// A member as the coordinator sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    /// Its member id.
    pub member_id: String,
    /// `client.id`.
    pub client_id: String,
    /// `group.instance.id`.
    pub instance_id: Option<String>,
    /// The consumer behind it.
    pub consumer: ConsumerId,
    /// Its host as Kafka prints it.
    pub host: String,
    /// Its assignment as DescribeGroups reports it: the last one the leader handed out, kept
    /// through a rebalance until the next SyncGroup (`describeNoMetadata` still sets it).
    pub assignment: Vec<TopicPartition>,
    /// When the coordinator will expire it without a heartbeat.
    pub session_deadline: Option<Instant>,
    /// A new member in its first join: its deadline is [`crate::NEW_MEMBER_JOIN_TIMEOUT_MS`]
    /// after it joined, not its session timeout.
    pub first_join: bool,
    /// A consumer-protocol member's epochs and reconciliation.
    pub epochs: Option<MemberEpochView>,
}

/// One row of `kafka-consumer-groups.sh --describe`; `None` prints as `-`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DescribeRow {
    /// GROUP.
    pub group: String,
    /// TOPIC.
    pub topic: String,
    /// PARTITION.
    pub partition: u32,
    /// CURRENT-OFFSET: the committed offset.
    pub current_offset: Option<u64>,
    /// LOG-END-OFFSET.
    pub log_end_offset: u64,
    /// LAG = LOG-END-OFFSET − CURRENT-OFFSET.
    pub lag: Option<u64>,
    /// CONSUMER-ID.
    pub consumer_id: Option<String>,
    /// HOST.
    pub host: Option<String>,
    /// CLIENT-ID.
    pub client_id: Option<String>,
}

impl DescribeRow {
    /// The column titles, as Kafka prints them.
    pub const HEADERS: [&'static str; 9] = [
        "GROUP",
        "TOPIC",
        "PARTITION",
        "CURRENT-OFFSET",
        "LOG-END-OFFSET",
        "LAG",
        "CONSUMER-ID",
        "HOST",
        "CLIENT-ID",
    ];

    /// The cells as Kafka prints them, `-` where a value is missing.
    pub fn cells(&self) -> [String; 9] {
        let dash = |v: Option<String>| v.unwrap_or_else(|| "-".to_string());
        [
            self.group.clone(),
            self.topic.clone(),
            self.partition.to_string(),
            dash(self.current_offset.map(|o| o.to_string())),
            self.log_end_offset.to_string(),
            dash(self.lag.map(|l| l.to_string())),
            dash(self.consumer_id.clone()),
            dash(self.host.clone()),
            dash(self.client_id.clone()),
        ]
    }
}

/// A consumer client as it sees itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsumerView {
    /// Its id.
    pub id: ConsumerId,
    /// `client.id`.
    pub client_id: String,
    /// `group.id`.
    pub group: String,
    /// The topics it subscribes to.
    pub subscribed: Vec<String>,
    /// Running, closed, killed or failed.
    pub life: Life,
    /// Its membership state.
    pub state: MemberState,
    /// Its member id (empty before the first join).
    pub member_id: String,
    /// Its generation (-1 when not in one).
    pub generation: i32,
    /// Its partitions and positions (`None` until the committed offset is fetched).
    pub assignment: Vec<(TopicPartition, Option<u64>)>,
    /// When its next heartbeat is due.
    pub next_heartbeat: Option<Instant>,
    /// When `max.poll.interval.ms` runs out unless it polls.
    pub poll_deadline: Instant,
    /// Whether its link to the brokers is cut.
    pub link_cut: bool,
    /// Its processing is stuck (no `poll()`).
    pub stalled: bool,
    /// It rebalances cooperatively (every configured assignor supports it).
    pub cooperative: bool,
    /// `group.instance.id`, for a static member.
    pub instance_id: Option<String>,
    /// `session.timeout.ms`.
    pub session_timeout_ms: u64,
    /// `heartbeat.interval.ms`.
    pub heartbeat_interval_ms: u64,
    /// `max.poll.interval.ms`.
    pub max_poll_interval_ms: u64,
    /// Its oldest request still waiting for an answer, when it times out, and its timeout.
    pub waiting: Option<(Api, Instant, Duration)>,
    /// Whether it knows its coordinator (false while it looks it up again).
    pub coordinator_known: bool,
    /// `close()` waits for it to finish the records its last poll returned.
    pub closing: bool,
    /// Records its last `poll()` returned that it has not processed yet.
    pub fetched: u32,
    /// With `group.protocol=consumer`: its membership. Its `state` above is then the nearest
    /// classic state, its `member_id` its own, and its `generation` its member epoch.
    pub membership: Option<ClientMembershipView>,
}

/// A message on the wire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    /// Its id.
    pub id: u64,
    /// Sender.
    pub from: Endpoint,
    /// Receiver.
    pub to: Endpoint,
    /// The API name.
    pub api: Api,
    /// Whether it is a response.
    pub response: bool,
    /// When it was sent.
    pub sent_at: Instant,
    /// When it arrives.
    pub arrives_at: Instant,
}

impl Sim {
    /// A snapshot for drawing.
    pub fn view(&self) -> SimView {
        SimView {
            now: self.now(),
            seed: self.config().seed,
            topics: self
                .topics
                .iter()
                .map(|(name, logs)| TopicView {
                    name: name.clone(),
                    partitions: logs
                        .iter()
                        .enumerate()
                        .map(|(id, log)| PartitionView {
                            id: id as u32,
                            log_start_offset: log.log_start_offset(),
                            log_end_offset: log.log_end_offset(),
                            recent: log.tail(VIEW_RECENT_RECORDS).cloned().collect(),
                        })
                        .collect(),
                })
                .collect(),
            producers: self
                .producers
                .iter()
                .map(|p| ProducerView {
                    id: p.id,
                    topic: p.config.topic.clone(),
                    rate_per_sec: p.config.rate_per_sec,
                    key_mode: p.config.key_mode.clone(),
                    paused: p.paused,
                    removed: p.removed,
                })
                .collect(),
            groups: self.group_views(),
            consumers: self
                .consumers
                .iter()
                .map(|c| ConsumerView {
                    id: c.id,
                    client_id: c.config.client_id.clone(),
                    group: c.config.group_id.clone(),
                    subscribed: c.config.topics.clone(),
                    life: c.life,
                    state: client_state(c),
                    member_id: c.membership().map_or_else(|| c.member_id.clone(), |m| m.member_id.clone()),
                    generation: c.membership().map_or(c.generation, |m| m.member_epoch),
                    membership: c.membership().map(|m| ClientMembershipView {
                        state: m.state,
                        member_epoch: m.member_epoch,
                        target: m.target().to_vec(),
                    }),
                    assignment: c.assignment.iter().map(|(tp, p)| (tp.clone(), *p)).collect(),
                    next_heartbeat: c.next_heartbeat,
                    poll_deadline: c.poll_deadline(),
                    waiting: c.waiting_for(),
                    coordinator_known: c.coordinator_known,
                    closing: c.closing,
                    fetched: c.fetched(),
                    link_cut: self.network.is_cut(c.id),
                    stalled: c.stalled,
                    cooperative: c.cooperative(),
                    instance_id: c.config.instance_id.clone(),
                    session_timeout_ms: c.config.session_timeout_ms,
                    heartbeat_interval_ms: c.config.heartbeat_interval_ms,
                    max_poll_interval_ms: c.config.max_poll_interval_ms,
                })
                .collect(),
            in_flight: self
                .network
                .in_flight()
                .map(|(id, e)| {
                    let (api, response) = e.payload.api();
                    MessageView {
                        id,
                        from: e.from,
                        to: e.to,
                        api,
                        response,
                        sent_at: e.sent_at,
                        arrives_at: e.arrives_at,
                    }
                })
                .collect(),
        }
    }

    /// Both kinds, by group id.
    fn group_views(&self) -> Vec<GroupView> {
        let mut views: Vec<GroupView> = self.groups.values().map(|g| self.group_view(g)).collect();
        if crate::CONSUMER_PROTOCOL && !self.consumer_groups.is_empty() {
            views.extend(self.consumer_groups.values().map(|g| self.consumer_group_view(g)));
            crate::sort::sort_by(&mut views, |a, b| a.id.cmp(&b.id));
        }
        views
    }

    fn consumer_group_view(&self, h: &Hosted) -> GroupView {
        let g = &h.group;
        let id = g.group_id.clone();
        let members: Vec<MemberView> = g
            .members()
            .map(|m| {
                let (consumer, client_id) = h
                    .clients
                    .get(m.member_id.as_str())
                    .cloned()
                    .unwrap_or((ConsumerId(u32::MAX), String::new()));
                let due = |member: String| Due::ConsumerRebalance { group: id.clone(), member };
                MemberView {
                    member_id: m.member_id.clone(),
                    client_id,
                    instance_id: m.instance_id.clone(),
                    consumer,
                    host: host_of(consumer),
                    assignment: m.assigned(),
                    session_deadline: self
                        .agenda
                        .deadline(&Due::ConsumerSession { group: id.clone(), member: m.member_id.clone() }),
                    first_join: false,
                    epochs: Some(MemberEpochView {
                        member_epoch: m.assignment.member_epoch,
                        state: m.assignment.state,
                        revoking: m.revoking(),
                        target: g.target_of(&m.member_id),
                        rebalance_deadline: self.agenda.deadline(&due(m.member_id.clone())),
                    }),
                }
            })
            .collect();
        let state = h.state;
        let classic = match state {
            ConsumerGroupState::Empty => GroupState::Empty,
            ConsumerGroupState::Assigning => GroupState::PreparingRebalance,
            ConsumerGroupState::Reconciling => GroupState::CompletingRebalance,
            ConsumerGroupState::Stable => GroupState::Stable,
            ConsumerGroupState::Dead => GroupState::Dead,
        };
        let (describe, total_lag) = self.describe(&id, &h.offsets, &members);
        GroupView {
            id: id.clone(),
            state: classic,
            generation: g.group_epoch,
            leader: None,
            coordinator: h.coordinator,
            protocol_type: "consumer".to_string(),
            assignor: None,
            members,
            describe,
            total_lag,
            rebalances: self.history.of(&id).cloned().collect(),
            processed: self.delivery.processed_of(&id).map(|(tp, high)| (tp.clone(), high)).collect(),
            consumer_protocol: Some(ConsumerGroupView {
                state,
                group_epoch: g.group_epoch,
                target_epoch: g.assignment_epoch,
                assignor: g.assignor(&self.config().broker.consumer_groups()),
            }),
        }
    }

    fn group_view(&self, g: &Group) -> GroupView {
        let members: Vec<MemberView> = g
            .members
            .iter()
            .map(|m| MemberView {
                member_id: m.member_id.clone(),
                client_id: m.client_id.clone(),
                instance_id: m.instance_id.clone(),
                consumer: m.conn.consumer,
                host: host_of(m.conn.consumer),
                assignment: m.assignment.clone(),
                session_deadline: self
                    .agenda
                    .deadline(&Due::MemberExpiry { group: g.id.clone(), member: m.member_id.clone() }),
                first_join: m.is_new,
                epochs: None,
            })
            .collect();
        let (describe, total_lag) = self.describe(&g.id, &g.offsets, &members);
        GroupView {
            id: g.id.clone(),
            state: g.state,
            generation: g.generation,
            leader: g.leader.clone(),
            coordinator: g.coordinator,
            protocol_type: "consumer".to_string(),
            assignor: g.protocol,
            members,
            describe,
            total_lag,
            rebalances: self.history.of(&g.id).cloned().collect(),
            processed: self.delivery.processed_of(&g.id).map(|(tp, high)| (tp.clone(), high)).collect(),
            consumer_protocol: None,
        }
    }

    /// `--describe`'s rows: Kafka prints the assigned partitions of active members, then
    /// committed partitions nobody owns; sorted here by topic and partition. And the total lag.
    fn describe(
        &self,
        group: &str,
        offsets: &crate::vec_map::VecMap<TopicPartition, u64>,
        members: &[MemberView],
    ) -> (Vec<DescribeRow>, u64) {
        let mut rows: Vec<DescribeRow> = Vec::new();
        let mut owned = crate::vec_map::VecSet::new();
        for m in members {
            for tp in &m.assignment {
                owned.insert(tp);
                rows.push(self.describe_row(group, offsets, tp, Some(m)));
            }
        }
        for tp in offsets.keys().filter(|tp| !owned.contains(tp)) {
            rows.push(self.describe_row(group, offsets, tp, None));
        }
        crate::sort::sort_by(&mut rows, |a, b| (&a.topic, a.partition).cmp(&(&b.topic, b.partition)));
        let total_lag = rows.iter().filter_map(|r| r.lag).sum();
        (rows, total_lag)
    }

    fn describe_row(
        &self,
        group: &str,
        offsets: &crate::vec_map::VecMap<TopicPartition, u64>,
        tp: &TopicPartition,
        member: Option<&MemberView>,
    ) -> DescribeRow {
        let log_end_offset = self
            .topics
            .get(&tp.topic)
            .and_then(|t| t.get(tp.partition as usize))
            .map_or(0, |l| l.log_end_offset());
        let current_offset = offsets.get(tp).copied();
        DescribeRow {
            group: group.into(),
            topic: tp.topic.clone(),
            partition: tp.partition,
            current_offset,
            log_end_offset,
            lag: current_offset.map(|c| log_end_offset.saturating_sub(c)),
            consumer_id: member.map(|m| m.member_id.clone()),
            host: member.map(|m| m.host.clone()),
            client_id: member.map(|m| m.client_id.clone()),
        }
    }
}

/// A client's state as the classic protocol would name it: a consumer-protocol member's nearest
/// one (JOINING → PreparingRebalance, RECONCILING and ACKNOWLEDGING → CompletingRebalance).
fn client_state(c: &Consumer) -> MemberState {
    let Some(m) = c.membership() else { return c.state };
    match m.state {
        ClientState::Stable => MemberState::Stable,
        ClientState::Joining => MemberState::PreparingRebalance,
        ClientState::Reconciling | ClientState::Acknowledging => MemberState::CompletingRebalance,
        _ => MemberState::Unjoined,
    }
}

/// The address a consumer's connection comes from, as Kafka prints it (`/10.0.0.N`).
fn host_of(consumer: ConsumerId) -> String {
    format!("/10.0.0.{}", consumer.0 + 1)
}
