//! The world and its one clock.
//!
//! Call order: make a [`Sim`], issue commands (`create_topic`, `add_producer`, ...), then move time
//! with [`Sim::step`], [`Sim::advance`] or [`Sim::run_until`], and drain what happened with
//! [`Sim::poll_event`]. [`Sim::view`] is a snapshot for drawing at any point.

use alloc::collections::VecDeque;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::agenda::Agenda;
use crate::assignor::TopicPartition;
use crate::config::{BrokerConfig, offsets_partition_for};
use crate::consumer::Consumer;
use crate::delivery::Delivery;
use crate::effects::{Due, Effect, Effects};
use crate::error::SimError;
use crate::event::{SimEvent, Stamped};
use crate::group::consumer::ConsumerGroupState;
use crate::group::{Ctx, Group, GroupState, Hosted};
use crate::history::RebalanceHistory;
use crate::ids::{Conn, ProducerId};
use crate::log::Topics;
use crate::net::{Endpoint, Envelope, Network, Payload};
use crate::producer::Producer;
use crate::protocol::{Request, Response};
use crate::rng::SimRng;
use crate::time::{Duration, Instant};
use crate::vec_map::VecMap;

/// The most partitions a topic may have here.
pub const MAX_PARTITIONS: u32 = 1024;
/// How many undrained events the world keeps before it drops the oldest.
pub const EVENT_BUFFER: usize = 100_000;

/// Settings of the world itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SimConfig {
    /// The seed of every random draw in the run.
    pub seed: u64,
    /// Records each partition retains before the oldest are deleted (memory stays flat).
    pub retention_records: u32,
    /// The brokers and their group coordinator settings.
    pub broker: BrokerConfig,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig { seed: 1, retention_records: 10_000, broker: BrokerConfig::default() }
    }
}

/// Child-stream numbers: each kind of component draws from its own range of streams.
pub(crate) const PRODUCER_STREAMS: u64 = 1 << 32;
const GROUP_STREAMS: u64 = 2 << 32;
pub(crate) const CONSUMER_STREAMS: u64 = 3 << 32;

/// The simulated world: topics, producers and the virtual clock. `Clone` copies everything,
/// undrained events included; checkpoints use [`Sim::copy_drained`], which the page can afford.
#[derive(Clone, Debug)]
pub struct Sim {
    config: SimConfig,
    now: Instant,
    pub(crate) agenda: Agenda<Due>,
    pub(crate) topics: Topics,
    pub(crate) producers: Vec<Producer>,
    pub(crate) consumers: Vec<Consumer>,
    pub(crate) groups: VecMap<String, Group>,
    /// Consumer-protocol groups (KIP-848); a group id is in one map or the other.
    pub(crate) consumer_groups: VecMap<String, Hosted>,
    pub(crate) network: Network,
    pub(crate) delivery: Delivery,
    events: VecDeque<Stamped>,
    dropped_events: u64,
    /// Groups created so far (a Dead group created anew counts again): each gets its own stream.
    groups_created: u64,
    pub(crate) history: RebalanceHistory,
}

impl Sim {
    /// An empty world at time zero. Fails if the broker settings are out of range.
    pub fn new(config: SimConfig) -> Result<Self, SimError> {
        config.broker.validate()?;
        Ok(Sim {
            now: Instant::ZERO,
            agenda: Agenda::default(),
            topics: VecMap::new(),
            producers: Vec::new(),
            consumers: Vec::new(),
            groups: VecMap::new(),
            consumer_groups: VecMap::new(),
            network: Network::new(Duration::from_millis(config.broker.network_latency_ms)),
            delivery: Delivery::default(),
            events: VecDeque::new(),
            dropped_events: 0,
            groups_created: 0,
            history: RebalanceHistory::default(),
            config,
        })
    }

    /// A copy of the world with no undrained events: what a checkpoint keeps. (Not `clone`:
    /// copying the event queue too would compile every event's clone into the page, and a
    /// checkpoint is only taken once the queue is drained.)
    pub(crate) fn copy_drained(&self) -> Sim {
        Sim {
            config: self.config.clone(),
            now: self.now,
            agenda: self.agenda.clone(),
            topics: self.topics.clone(),
            producers: self.producers.clone(),
            consumers: self.consumers.clone(),
            groups: self.groups.clone(),
            consumer_groups: if crate::CONSUMER_PROTOCOL {
                self.consumer_groups.clone()
            } else {
                VecMap::new()
            },
            network: self.network.clone(),
            delivery: self.delivery.clone(),
            events: VecDeque::new(),
            dropped_events: self.dropped_events,
            groups_created: self.groups_created,
            history: self.history.clone(),
        }
    }

    /// The virtual clock.
    pub fn now(&self) -> Instant {
        self.now
    }

    /// The world's settings.
    pub fn config(&self) -> &SimConfig {
        &self.config
    }

    /// When the next thing is due, if anything is scheduled.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.agenda.next_at()
    }

    /// Jumps the clock to the next deadline and processes everything due then. Returns the new
    /// time, or `None` (clock unchanged) when nothing is scheduled.
    pub fn step(&mut self) -> Option<Instant> {
        let at = self.agenda.next_at()?;
        self.now = self.now.max(at);
        while let Some((_, due)) = self.agenda.pop_due(at) {
            self.fire(due);
        }
        Some(self.now)
    }

    /// Processes everything due up to `now + dt`, then sets the clock to `now + dt`.
    pub fn advance(&mut self, dt: Duration) {
        let until = self.now + dt;
        while let Some((at, due)) = self.agenda.pop_due(until) {
            self.now = self.now.max(at);
            self.fire(due);
        }
        self.now = until;
    }

    /// Steps until the clock reaches `t` or `max_steps` deadlines were processed, whichever comes
    /// first. Returns how many were processed; the clock ends at `t` only if all due ones ran.
    pub fn run_until(&mut self, t: Instant, max_steps: u64) -> u64 {
        let mut steps = 0;
        while steps < max_steps {
            match self.agenda.pop_due(t) {
                Some((at, due)) => {
                    self.now = self.now.max(at);
                    self.fire(due);
                    steps += 1;
                }
                None => {
                    self.now = self.now.max(t);
                    break;
                }
            }
        }
        steps
    }

    /// The oldest event not yet drained.
    pub fn poll_event(&mut self) -> Option<Stamped> {
        self.events.pop_front()
    }

    /// Whether events are waiting to be drained.
    pub fn has_undrained_events(&self) -> bool {
        !self.events.is_empty()
    }

    /// How many events were dropped because nobody drained them (see [`EVENT_BUFFER`]).
    pub fn dropped_events(&self) -> u64 {
        self.dropped_events
    }

    fn fire(&mut self, due: Due) {
        let now = self.now;
        let mut fx = Effects::default();
        match &due {
            Due::Produce(id) => return self.produce(*id),
            Due::Deliver(id) => return self.deliver(*id),
            Due::Wake(c) => {
                if let Some(consumer) = self.consumers.get_mut(c.0 as usize) {
                    consumer.on_wake(now, &self.topics, &mut fx);
                }
            }
            Due::Heartbeat(c) => {
                if let Some(consumer) = self.consumers.get_mut(c.0 as usize) {
                    consumer.on_heartbeat(now, &mut fx);
                }
            }
            Due::RequestTimeout(c) => {
                if let Some(consumer) = self.consumers.get_mut(c.0 as usize) {
                    consumer.on_request_timeout(now, &mut fx);
                }
            }
            Due::MemberExpiry { group, .. }
            | Due::InitialRebalance(group)
            | Due::JoinTimeout(group)
            | Due::PendingSync(group)
            | Due::OffsetsExpiry(group)
            | Due::ConsumerSession { group, .. }
            | Due::ConsumerRebalance { group, .. } => {
                let broker = self.config.broker;
                let mut cx = Ctx { now, broker: &broker, fx: &mut fx };
                if let Some(g) = self.consumer_groups.get_mut(group).filter(|_| crate::CONSUMER_PROTOCOL) {
                    g.handle_timer(&due, &partition_counts(&self.topics), &mut cx);
                } else if let Some(g) = self.groups.get_mut(group) {
                    g.handle_timer(&due, &mut cx);
                }
            }
        }
        self.apply(fx);
    }

    /// A message arrives: a request goes to its group's coordinator, a response to its consumer.
    fn deliver(&mut self, id: u64) {
        let Some(result) = self.network.deliver(id) else { return };
        let envelope = match result {
            Ok(envelope) => envelope,
            Err(lost) => {
                let (api, response) = lost.payload.api();
                let summary = lost.payload.to_string();
                let (from, to) = (lost.from, lost.to);
                return self.emit(SimEvent::MessageDropped { id, from, to, api, response, summary });
            }
        };
        let (api, response) = envelope.payload.api();
        let summary = envelope.payload.to_string();
        let (from, to) = (envelope.from, envelope.to);
        self.emit(SimEvent::MessageReceived { id, from, to, api, response, summary });
        let now = self.now;
        let mut fx = Effects::default();
        let conn =
            Conn { consumer: envelope.consumer, epoch: envelope.epoch, correlation: envelope.correlation };
        match envelope.payload {
            Payload::Request(Request::FindCoordinator { key }) => {
                // Any broker answers FindCoordinator from the metadata; no group is created.
                let node = self.coordinator_of(&key);
                fx.respond(conn, &envelope.group, Response::FindCoordinator { node });
            }
            Payload::Request(request) => {
                let client_id = match self.consumers.get(envelope.consumer.0 as usize) {
                    Some(c) => c.config.client_id.clone(),
                    None => return,
                };
                let broker = self.config.broker;
                let mut cx = Ctx { now, broker: &broker, fx: &mut fx };
                match self.route(&envelope.group, &request) {
                    Kind::Consumer => {
                        let topics = partition_counts(&self.topics);
                        let group = self.consumer_group_mut(&envelope.group);
                        group.handle_request(conn, &client_id, request, &topics, &mut cx);
                    }
                    Kind::Classic => {
                        let fresh =
                            matches!(&request, Request::JoinGroup { member_id, .. } if member_id.is_empty());
                        let group = self.group_mut(&envelope.group, fresh);
                        group.handle_request(conn, &client_id, request, &mut cx);
                    }
                }
            }
            Payload::Response(response) => {
                // An answer to a connection the client has since dropped never reaches it.
                if let Some(consumer) = self.consumers.get_mut(envelope.consumer.0 as usize)
                    && consumer.epoch == envelope.epoch
                {
                    consumer.on_response(now, response, envelope.correlation, &self.topics, &mut fx);
                }
            }
        }
        self.apply(fx);
    }

    /// The group's coordinator state, created on first contact as Kafka does. A group whose
    /// offsets expired is Dead, that is deleted: a JoinGroup with no member id (`fresh`) creates
    /// it anew, Empty at generation 0 (`GroupMetadataManager.getOrMaybeCreateClassicGroup`).
    fn group_mut(&mut self, id: &str, fresh: bool) -> &mut Group {
        let dead = self.groups.get(id).is_some_and(|g| g.state == GroupState::Dead);
        if !self.groups.contains_key(id) || (dead && fresh) {
            let coordinator = self.coordinator_of(id);
            let rng = SimRng::new(self.config.seed, GROUP_STREAMS + self.groups_created);
            self.groups_created += 1;
            self.groups.insert(id.to_string(), Group::new(id.to_string(), coordinator, rng));
        }
        self.groups.get_mut(id).expect("inserted above")
    }

    /// Which kind of group a request goes to. The coordinator has at most one group per id: a
    /// first ConsumerGroupHeartbeat makes a consumer-protocol group, a JoinGroup a classic one,
    /// and a group of the other kind with no members is replaced, its committed offsets kept
    /// (Kafka keeps offsets apart from the group). One that has members answers the request
    /// itself, with GROUP_ID_NOT_FOUND.
    fn route(&mut self, id: &str, request: &Request) -> Kind {
        if !crate::CONSUMER_PROTOCOL {
            return Kind::Classic;
        }
        match request {
            Request::ConsumerGroupHeartbeat(_) => {
                let empty = |g: &Group| matches!(g.state, GroupState::Empty | GroupState::Dead);
                match self.groups.get(id) {
                    Some(g) if !empty(g) => return Kind::Classic,
                    Some(_) => {
                        let old = self.groups.remove(id).expect("just seen");
                        let offsets = if old.state == GroupState::Dead { VecMap::new() } else { old.offsets };
                        self.agenda.cancel(&Due::OffsetsExpiry(id.into()));
                        let hosted = self.new_consumer_group(id, offsets);
                        self.consumer_groups.insert(id.into(), hosted);
                    }
                    None => {}
                }
                Kind::Consumer
            }
            Request::JoinGroup { .. } => {
                let Some(g) = self.consumer_groups.get(id) else { return Kind::Classic };
                if g.group.members().next().is_some() {
                    return Kind::Consumer;
                }
                let old = self.consumer_groups.remove(id).expect("just seen");
                self.agenda.cancel(&Due::OffsetsExpiry(id.into()));
                if old.state != ConsumerGroupState::Dead {
                    self.group_mut(id, true).offsets = old.offsets;
                }
                Kind::Classic
            }
            _ if self.consumer_groups.contains_key(id) => Kind::Consumer,
            _ => Kind::Classic,
        }
    }

    fn consumer_group_mut(&mut self, id: &str) -> &mut Hosted {
        if !self.consumer_groups.contains_key(id) {
            let hosted = self.new_consumer_group(id, VecMap::new());
            self.consumer_groups.insert(id.into(), hosted);
        }
        self.consumer_groups.get_mut(id).expect("inserted above")
    }

    fn new_consumer_group(&mut self, id: &str, offsets: VecMap<TopicPartition, u64>) -> Hosted {
        let rng = SimRng::new(self.config.seed, GROUP_STREAMS + self.groups_created);
        self.groups_created += 1;
        Hosted::new(id, self.coordinator_of(id), offsets, rng)
    }

    /// The broker that coordinates `group` (computed without creating the group): the leader of
    /// its `__consumer_offsets` partition, which is broker `partition mod N` here, a deterministic
    /// stand-in for Kafka's replica placement.
    pub(crate) fn coordinator_of(&self, group: &str) -> u32 {
        let broker = &self.config.broker;
        offsets_partition_for(group, broker.offsets_topic_partitions) % broker.brokers
    }

    /// Carries out what a handler asked for, in order.
    pub(crate) fn apply(&mut self, fx: Effects) {
        for effect in fx.0 {
            match effect {
                Effect::Set(due, at) => self.agenda.set(due, at),
                Effect::Cancel(due) => self.agenda.cancel(&due),
                Effect::Emit(event) => self.record(event),
                Effect::Request { from, group, request, correlation } => {
                    let to = Endpoint::Broker(self.coordinator_of(&group));
                    let epoch = self.consumers.get(from.0 as usize).map_or(0, |c| c.epoch);
                    let payload = Payload::Request(request);
                    let conn = Conn { consumer: from, epoch, correlation };
                    let envelope = Envelope::new(Endpoint::Consumer(from), to, group, payload, conn);
                    self.send(envelope);
                }
                Effect::Respond { to, group, response } => {
                    let from = Endpoint::Broker(self.coordinator_of(&group));
                    let payload = Payload::Response(response);
                    let envelope = Envelope::new(from, Endpoint::Consumer(to.consumer), group, payload, to);
                    self.send(envelope);
                }
            }
        }
    }

    fn send(&mut self, envelope: Envelope) {
        let (from, to, group) = (envelope.from, envelope.to, envelope.group.clone());
        let (api, response) = envelope.payload.api();
        let summary = envelope.payload.to_string();
        match self.network.send(envelope, self.now) {
            (id, Some(arrives_at)) => {
                self.agenda.set(Due::Deliver(id), arrives_at);
                self.emit(SimEvent::MessageSent { id, from, to, group, api, response, summary, arrives_at });
            }
            (id, None) => self.emit(SimEvent::MessageDropped { id, from, to, api, response, summary }),
        }
    }

    /// Emits an event, and for a processed record checks it against the group's history.
    fn record(&mut self, event: SimEvent) {
        if let SimEvent::Consumed { group, consumer, partition, offset } = &event {
            let duplicate = self.delivery.processed(group, partition, *offset, *consumer);
            self.emit(event);
            if let Some(duplicate) = duplicate {
                self.emit(duplicate);
            }
            return;
        }
        self.emit(event);
    }

    fn produce(&mut self, id: ProducerId) {
        let now = self.now;
        let Some(producer) = self.producers.get_mut(id.0 as usize) else { return };
        if let Some(topic) = self.topics.get_mut(&producer.config.topic) {
            let count = topic.len() as u32;
            if let Ok((key, partition)) =
                producer.partitioner.next(&producer.config.key_mode, count, &mut producer.rng)
            {
                let offset = topic[partition as usize].append(key, now, id);
                for consumer in &mut self.consumers {
                    if consumer.records_arrived(&producer.config.topic, partition) {
                        self.agenda.set(Due::Wake(consumer.id), now);
                    }
                }
                let event = SimEvent::Produced {
                    producer: id,
                    topic: producer.config.topic.clone(),
                    partition,
                    offset,
                    key,
                };
                producer.sent();
                self.schedule_producer(id);
                self.emit(event);
                return;
            }
        }
        // The target vanished or the explicit partition does not exist: keep the schedule.
        producer.sent();
        self.schedule_producer(id);
    }

    pub(crate) fn schedule_producer(&mut self, id: ProducerId) {
        let due = Due::Produce(id);
        match self.producers.get(id.0 as usize).and_then(Producer::next_send) {
            Some(at) => self.agenda.set(due, at),
            None => self.agenda.cancel(&due),
        }
    }

    pub(crate) fn emit(&mut self, event: SimEvent) {
        if self.events.len() >= EVENT_BUFFER {
            self.events.pop_front();
            self.dropped_events += 1;
        }
        let stamped = Stamped { at: self.now, event };
        self.history.observe(&stamped);
        self.events.push_back(stamped);
    }
}

/// The two kinds of group a coordinator hosts.
enum Kind {
    Classic,
    Consumer,
}

/// The cluster's metadata as a coordinator reads it: each topic's partition count.
pub(crate) fn partition_counts(topics: &Topics) -> VecMap<String, u32> {
    topics.iter().map(|(t, parts)| (t.clone(), parts.len() as u32)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::partitioner::KeyMode;
    use crate::producer::ProducerConfig;

    fn world() -> Sim {
        let mut sim = Sim::new(SimConfig::default()).unwrap();
        sim.create_topic("orders", 3).unwrap();
        sim
    }

    #[test]
    fn a_producer_at_ten_per_second_writes_ten_records_a_second() {
        let mut sim = world();
        sim.add_producer(ProducerConfig { rate_per_sec: 10, ..Default::default() }).unwrap();
        sim.advance(Duration::from_secs(1));
        let total: u64 = sim.view().topics[0].partitions.iter().map(|p| p.log_end_offset).sum();
        assert_eq!(total, 10);
        assert_eq!(sim.now(), Instant::from_millis(1000));
    }

    #[test]
    fn step_jumps_to_the_next_deadline() {
        let mut sim = world();
        sim.add_producer(ProducerConfig { rate_per_sec: 4, ..Default::default() }).unwrap();
        assert_eq!(sim.step(), Some(Instant::from_millis(250)));
        assert_eq!(sim.step(), Some(Instant::from_millis(500)));
    }

    #[test]
    fn a_paused_producer_writes_nothing_and_resumes() {
        let mut sim = world();
        let p = sim.add_producer(ProducerConfig { rate_per_sec: 10, ..Default::default() }).unwrap();
        sim.set_producer_paused(p, true).unwrap();
        sim.advance(Duration::from_secs(5));
        assert_eq!(sim.next_deadline(), None);
        sim.set_producer_paused(p, false).unwrap();
        sim.advance(Duration::from_secs(1));
        let total: u64 = sim.view().topics[0].partitions.iter().map(|p| p.log_end_offset).sum();
        assert_eq!(total, 10);
    }

    #[test]
    fn round_robin_fills_partitions_evenly() {
        let mut sim = world();
        sim.add_producer(ProducerConfig {
            rate_per_sec: 30,
            key_mode: KeyMode::RoundRobin,
            ..Default::default()
        })
        .unwrap();
        sim.advance(Duration::from_secs(1));
        let ends: Vec<u64> = sim.view().topics[0].partitions.iter().map(|p| p.log_end_offset).collect();
        assert_eq!(ends, [10, 10, 10]);
    }

    #[test]
    fn bad_input_is_refused_with_a_reason_and_changes_nothing() {
        let mut sim = world();
        assert_eq!(sim.create_topic("orders", 3), Err(SimError::TopicExists("orders".into())));
        assert!(matches!(sim.create_topic("bad name", 3), Err(SimError::InvalidTopicName(_))));
        assert!(matches!(sim.create_topic("t", 0), Err(SimError::InvalidPartitionCount { .. })));
        assert!(matches!(sim.add_partitions("orders", 2), Err(SimError::InvalidPartitionCount { .. })));
        let e = sim.add_producer(ProducerConfig { topic: "nope".into(), ..Default::default() }).unwrap_err();
        assert_eq!(e.to_string(), "there is no topic named \"nope\"");
        assert_eq!(sim.view().topics.len(), 1);
        assert!(sim.view().producers.is_empty());
    }

    #[test]
    fn events_are_drained_in_order_with_their_time() {
        let mut sim = world();
        sim.add_producer(ProducerConfig { rate_per_sec: 2, ..Default::default() }).unwrap();
        sim.advance(Duration::from_secs(1));
        let log: Vec<String> = core::iter::from_fn(|| sim.poll_event()).map(|e| e.to_string()).collect();
        assert_eq!(log.len(), 4, "{log:?}");
        assert!(log[0].contains("topic orders created with 3 partitions"));
        assert!(log[2].starts_with("[   0.500s] producer-1 → orders-"), "{}", log[2]);
    }
}
