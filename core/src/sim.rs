//! The world and its one clock.
//!
//! Call order: make a [`Sim`], issue commands (`create_topic`, `add_producer`, ...), then move time
//! with [`Sim::step`], [`Sim::advance`] or [`Sim::run_until`], and drain what happened with
//! [`Sim::poll_event`]. [`Sim::view`] is a snapshot for drawing at any point.

use alloc::collections::{BTreeMap, VecDeque};
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::agenda::Agenda;
use crate::error::SimError;
use crate::event::{SimEvent, Stamped};
use crate::ids::ProducerId;
use crate::log::PartitionLog;
use crate::producer::{Producer, ProducerConfig};
use crate::rng::SimRng;
use crate::time::{Duration, Instant};
use crate::view::{PartitionView, ProducerView, SimView, TopicView};

/// The most partitions a topic may have here.
pub const MAX_PARTITIONS: u32 = 1024;
/// How many undrained events the world keeps before it drops the oldest.
pub const EVENT_BUFFER: usize = 100_000;
/// How many recent records per partition a view carries.
const VIEW_RECENT_RECORDS: usize = 8;

/// Settings of the world itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SimConfig {
    /// The seed of every random draw in the run.
    pub seed: u64,
    /// Records each partition retains before the oldest are deleted (memory stays flat).
    pub retention_records: u32,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig { seed: 1, retention_records: 10_000 }
    }
}

/// Child-stream numbers: each kind of component draws from its own range of streams.
const PRODUCER_STREAMS: u64 = 1 << 32;

/// What a deadline on the agenda is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Due {
    /// The producer's next record.
    Produce(ProducerId),
}

/// A topic: a name and its partitions' logs.
#[derive(Clone, Debug)]
struct Topic {
    partitions: Vec<PartitionLog>,
}

/// The simulated world: topics, producers and the virtual clock.
#[derive(Clone, Debug)]
pub struct Sim {
    config: SimConfig,
    now: Instant,
    agenda: Agenda<Due>,
    topics: BTreeMap<String, Topic>,
    producers: Vec<Producer>,
    events: VecDeque<Stamped>,
    dropped_events: u64,
}

impl Sim {
    /// An empty world at time zero.
    pub fn new(config: SimConfig) -> Self {
        Sim {
            config,
            now: Instant::ZERO,
            agenda: Agenda::default(),
            topics: BTreeMap::new(),
            producers: Vec::new(),
            events: VecDeque::new(),
            dropped_events: 0,
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

    /// Creates a topic with `partitions` partitions.
    pub fn create_topic(&mut self, name: &str, partitions: u32) -> Result<(), SimError> {
        validate_topic_name(name)?;
        if self.topics.contains_key(name) {
            return Err(SimError::TopicExists(name.to_string()));
        }
        check_partition_count(partitions, 1)?;
        let logs = (0..partitions).map(|_| PartitionLog::new(self.config.retention_records)).collect();
        self.topics.insert(name.to_string(), Topic { partitions: logs });
        self.emit(SimEvent::TopicCreated { topic: name.to_string(), partitions });
        Ok(())
    }

    /// Grows a topic to `partitions` partitions (Kafka never shrinks a topic).
    pub fn add_partitions(&mut self, name: &str, partitions: u32) -> Result<(), SimError> {
        let retention = self.config.retention_records;
        let topic = self.topics.get_mut(name).ok_or_else(|| SimError::UnknownTopic(name.to_string()))?;
        let from = topic.partitions.len() as u32;
        check_partition_count(partitions, from + 1)?;
        topic.partitions.resize_with(partitions as usize, || PartitionLog::new(retention));
        self.emit(SimEvent::PartitionsAdded { topic: name.to_string(), from, to: partitions });
        Ok(())
    }

    /// Adds a producer; it sends its first record one interval from now.
    pub fn add_producer(&mut self, config: ProducerConfig) -> Result<ProducerId, SimError> {
        config.validate()?;
        if !self.topics.contains_key(&config.topic) {
            return Err(SimError::UnknownTopic(config.topic));
        }
        let id = ProducerId(self.producers.len() as u32);
        let rng = SimRng::new(self.config.seed, PRODUCER_STREAMS + u64::from(id.0));
        let topic = config.topic.clone();
        self.producers.push(Producer::new(id, config, rng, self.now));
        self.schedule_producer(id);
        self.emit(SimEvent::ProducerAdded { producer: id, topic });
        Ok(id)
    }

    /// Pauses or resumes a producer.
    pub fn set_producer_paused(&mut self, id: ProducerId, paused: bool) -> Result<(), SimError> {
        let now = self.now;
        let producer = self.producer_mut(id)?;
        producer.paused = paused;
        producer.rebase(now);
        self.schedule_producer(id);
        Ok(())
    }

    /// Changes a producer's rate (records per second).
    pub fn set_producer_rate(&mut self, id: ProducerId, rate_per_sec: u32) -> Result<(), SimError> {
        let now = self.now;
        let producer = self.producer_mut(id)?;
        let config = ProducerConfig { rate_per_sec, ..producer.config.clone() };
        config.validate()?;
        producer.config = config;
        producer.rebase(now);
        self.schedule_producer(id);
        Ok(())
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

    /// How many events were dropped because nobody drained them (see [`EVENT_BUFFER`]).
    pub fn dropped_events(&self) -> u64 {
        self.dropped_events
    }

    /// A snapshot for drawing.
    pub fn view(&self) -> SimView {
        SimView {
            now: self.now,
            seed: self.config.seed,
            topics: self
                .topics
                .iter()
                .map(|(name, topic)| TopicView {
                    name: name.clone(),
                    partitions: topic
                        .partitions
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
                })
                .collect(),
        }
    }

    fn fire(&mut self, due: Due) {
        match due {
            Due::Produce(id) => self.produce(id),
        }
    }

    fn produce(&mut self, id: ProducerId) {
        let now = self.now;
        let Some(producer) = self.producers.get_mut(id.0 as usize) else { return };
        if let Some(topic) = self.topics.get_mut(&producer.config.topic) {
            let count = topic.partitions.len() as u32;
            if let Ok((key, partition)) =
                producer.partitioner.next(&producer.config.key_mode, count, &mut producer.rng)
            {
                let offset = topic.partitions[partition as usize].append(key, now, id);
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

    fn schedule_producer(&mut self, id: ProducerId) {
        let due = Due::Produce(id);
        match self.producers.get(id.0 as usize).and_then(Producer::next_send) {
            Some(at) => self.agenda.set(due, at),
            None => self.agenda.cancel(&due),
        }
    }

    fn producer_mut(&mut self, id: ProducerId) -> Result<&mut Producer, SimError> {
        self.producers.get_mut(id.0 as usize).ok_or(SimError::UnknownProducer(id.0))
    }

    fn emit(&mut self, event: SimEvent) {
        if self.events.len() >= EVENT_BUFFER {
            self.events.pop_front();
            self.dropped_events += 1;
        }
        self.events.push_back(Stamped { at: self.now, event });
    }
}

/// Kafka's `Topic.validate`: 1–249 characters of ASCII alphanumerics, `.`, `_` and `-`.
fn validate_topic_name(name: &str) -> Result<(), SimError> {
    let ok = !name.is_empty()
        && name.len() <= 249
        && name != "."
        && name != ".."
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
    if ok { Ok(()) } else { Err(SimError::InvalidTopicName(name.to_string())) }
}

fn check_partition_count(requested: u32, min: u32) -> Result<(), SimError> {
    if (min..=MAX_PARTITIONS).contains(&requested) {
        Ok(())
    } else {
        Err(SimError::InvalidPartitionCount { requested, min, max: MAX_PARTITIONS })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::partitioner::KeyMode;

    fn world() -> Sim {
        let mut sim = Sim::new(SimConfig::default());
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
