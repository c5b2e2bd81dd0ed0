//! Every command a person (or a scenario) gives the world, as data ([`Command`]) and as methods
//! on [`Sim`]: create and grow topics; add, pause, re-rate and remove producers; add, close,
//! kill and restart consumers, stall and resume their processing, cut and heal their links.
//! `sim.rs` keeps the clock and the dispatch of what falls due.

use alloc::format;
use alloc::string::{String, ToString};

use serde::{Deserialize, Serialize};

use crate::config::{ConsumerConfig, GroupProtocol};
use crate::consumer::{Consumer, Life};
use crate::effects::{Due, Effects};
use crate::error::SimError;
use crate::event::SimEvent;
use crate::ids::{ConsumerId, ProducerId};
use crate::log::PartitionLog;
use crate::producer::{Producer, ProducerConfig};
use crate::rng::SimRng;
use crate::sim::Sim;
use crate::sim::{CONSUMER_STREAMS, MAX_PARTITIONS, PRODUCER_STREAMS};

/// One thing a person can do to the world.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Command {
    /// Create a topic.
    CreateTopic {
        /// Its name.
        topic: String,
        /// Its partition count.
        partitions: u32,
    },
    /// Grow a topic.
    AddPartitions {
        /// Which topic.
        topic: String,
        /// The new partition count.
        partitions: u32,
    },
    /// Add a producer.
    AddProducer {
        /// Its settings.
        config: ProducerConfig,
    },
    /// Change a producer's rate.
    SetProducerRate {
        /// Which producer (0-based).
        producer: u32,
        /// Records per second.
        rate_per_sec: u32,
    },
    /// Pause or resume a producer.
    PauseProducer {
        /// Which producer (0-based).
        producer: u32,
        /// Paused (true) or running (false).
        paused: bool,
    },
    /// Remove a producer for good.
    RemoveProducer {
        /// Which producer (0-based).
        producer: u32,
    },
    /// Add a consumer.
    AddConsumer {
        /// Its settings.
        config: ConsumerConfig,
    },
    /// Close a consumer gracefully.
    CloseConsumer {
        /// Which consumer (0-based).
        consumer: u32,
    },
    /// Crash a consumer.
    KillConsumer {
        /// Which consumer (0-based).
        consumer: u32,
    },
    /// Start a stopped consumer again (same client id and instance id).
    RestartConsumer {
        /// Which consumer (0-based).
        consumer: u32,
    },
    /// Stall or resume a consumer's processing (a slow consumer).
    StallProcessing {
        /// Which consumer (0-based).
        consumer: u32,
        /// Stalled (true) or processing (false).
        stalled: bool,
    },
    /// Cut or heal a consumer's link to the brokers.
    CutLink {
        /// Which consumer (0-based).
        consumer: u32,
        /// Cut (true) or healed (false).
        cut: bool,
    },
}

impl Command {
    /// Every command's name, as scenarios and share links write it (`"do": "kill-consumer"`).
    pub const NAMES: [&'static str; 12] = [
        "create-topic",
        "add-partitions",
        "add-producer",
        "set-producer-rate",
        "pause-producer",
        "remove-producer",
        "add-consumer",
        "close-consumer",
        "kill-consumer",
        "restart-consumer",
        "stall-processing",
        "cut-link",
    ];

    /// This command's name, one of [`Command::NAMES`].
    pub fn name(&self) -> &'static str {
        let index = match self {
            Command::CreateTopic { .. } => 0,
            Command::AddPartitions { .. } => 1,
            Command::AddProducer { .. } => 2,
            Command::SetProducerRate { .. } => 3,
            Command::PauseProducer { .. } => 4,
            Command::RemoveProducer { .. } => 5,
            Command::AddConsumer { .. } => 6,
            Command::CloseConsumer { .. } => 7,
            Command::KillConsumer { .. } => 8,
            Command::RestartConsumer { .. } => 9,
            Command::StallProcessing { .. } => 10,
            Command::CutLink { .. } => 11,
        };
        Command::NAMES[index]
    }

    /// The consumer (0-based) this command is given to, for those given to one.
    pub fn consumer(&self) -> Option<u32> {
        match self {
            Command::CloseConsumer { consumer }
            | Command::KillConsumer { consumer }
            | Command::RestartConsumer { consumer }
            | Command::StallProcessing { consumer, .. }
            | Command::CutLink { consumer, .. } => Some(*consumer),
            _ => None,
        }
    }
}

impl Sim {
    /// Carries out one command now.
    pub fn apply_command(&mut self, command: &Command) -> Result<(), SimError> {
        match command {
            Command::CreateTopic { topic, partitions } => self.create_topic(topic, *partitions),
            Command::AddPartitions { topic, partitions } => self.add_partitions(topic, *partitions),
            Command::AddProducer { config } => self.add_producer(config.clone()).map(drop),
            Command::SetProducerRate { producer, rate_per_sec } => {
                self.set_producer_rate(ProducerId(*producer), *rate_per_sec)
            }
            Command::PauseProducer { producer, paused } => {
                self.set_producer_paused(ProducerId(*producer), *paused)
            }
            Command::RemoveProducer { producer } => self.remove_producer(ProducerId(*producer)),
            Command::AddConsumer { config } => self.add_consumer(config.clone()).map(drop),
            Command::CloseConsumer { consumer } => self.close_consumer(ConsumerId(*consumer)),
            Command::KillConsumer { consumer } => self.kill_consumer(ConsumerId(*consumer)),
            Command::RestartConsumer { consumer } => self.restart_consumer(ConsumerId(*consumer)),
            Command::StallProcessing { consumer, stalled } => {
                self.set_processing_stalled(ConsumerId(*consumer), *stalled)
            }
            Command::CutLink { consumer, cut } => self.set_link_cut(ConsumerId(*consumer), *cut),
        }
    }

    /// Creates a topic with `partitions` partitions.
    pub fn create_topic(&mut self, name: &str, partitions: u32) -> Result<(), SimError> {
        validate_topic_name(name)?;
        if self.topics.contains_key(name) {
            return Err(SimError::TopicExists(name.to_string()));
        }
        check_partition_count(partitions, 1)?;
        let logs = (0..partitions).map(|_| PartitionLog::new(self.config().retention_records)).collect();
        self.topics.insert(name.to_string(), logs);
        self.emit(SimEvent::TopicCreated { topic: name.to_string(), partitions });
        Ok(())
    }

    /// Grows a topic to `partitions` partitions (Kafka never shrinks a topic).
    pub fn add_partitions(&mut self, name: &str, partitions: u32) -> Result<(), SimError> {
        let retention = self.config().retention_records;
        let topic = self.topics.get_mut(name).ok_or_else(|| SimError::UnknownTopic(name.to_string()))?;
        let from = topic.len() as u32;
        check_partition_count(partitions, from + 1)?;
        topic.resize_with(partitions as usize, || PartitionLog::new(retention));
        self.emit(SimEvent::PartitionsAdded { topic: name.to_string(), from, to: partitions });
        // Each group's leader notices at its next poll(), when its assignment snapshot no
        // longer matches the metadata (`ConsumerCoordinator.rejoinNeededOrPending`).
        Ok(())
    }

    /// Adds a producer; it sends its first record one interval from now.
    pub fn add_producer(&mut self, config: ProducerConfig) -> Result<ProducerId, SimError> {
        config.validate()?;
        if !self.topics.contains_key(&config.topic) {
            return Err(SimError::UnknownTopic(config.topic));
        }
        let id = ProducerId(self.producers.len() as u32);
        let rng = SimRng::new(self.config().seed, PRODUCER_STREAMS + u64::from(id.0));
        let topic = config.topic.clone();
        self.producers.push(Producer::new(id, config, rng, self.now()));
        self.schedule_producer(id);
        self.emit(SimEvent::ProducerAdded { producer: id, topic });
        Ok(id)
    }

    /// Pauses or resumes a producer.
    pub fn set_producer_paused(&mut self, id: ProducerId, paused: bool) -> Result<(), SimError> {
        let now = self.now();
        let producer = self.producer_mut(id)?;
        producer.paused = paused;
        producer.rebase(now);
        self.schedule_producer(id);
        Ok(())
    }

    /// Removes a producer for good: it sends nothing more. Its id stays taken (ids are never
    /// reused, so a recorded scenario keeps meaning the same producers).
    pub fn remove_producer(&mut self, id: ProducerId) -> Result<(), SimError> {
        self.producer_mut(id)?.removed = true;
        self.schedule_producer(id);
        self.emit(SimEvent::ProducerRemoved { producer: id });
        Ok(())
    }

    /// Changes a producer's rate (records per second).
    pub fn set_producer_rate(&mut self, id: ProducerId, rate_per_sec: u32) -> Result<(), SimError> {
        let now = self.now();
        let producer = self.producer_mut(id)?;
        let config = ProducerConfig { rate_per_sec, ..producer.config.clone() };
        config.validate()?;
        producer.config = config;
        producer.rebase(now);
        self.schedule_producer(id);
        Ok(())
    }

    /// Adds a consumer; it joins its group at once (its first `poll()`).
    pub fn add_consumer(&mut self, mut config: ConsumerConfig) -> Result<ConsumerId, SimError> {
        config.validate()?;
        if config.group_protocol == GroupProtocol::Consumer && !crate::CONSUMER_PROTOCOL {
            return Err(SimError::ConsumerProtocolNotBuilt);
        }
        if let Some(missing) = config.topics.iter().find(|t| !self.topics.contains_key(*t)) {
            return Err(SimError::UnknownTopic(missing.clone()));
        }
        self.check_group_kind(&config)?;
        let id = ConsumerId(self.consumers.len() as u32);
        if config.client_id.is_empty() {
            config.client_id = format!("{id}");
        }
        let event = SimEvent::ConsumerAdded {
            consumer: id,
            client_id: config.client_id.clone(),
            group: config.group_id.clone(),
        };
        let mut consumer = self.new_consumer(id, config, 0);
        consumer.coordinator_broker = self.coordinator_of(&consumer.config.group_id);
        self.consumers.push(consumer);
        self.emit(event);
        self.agenda.set(Due::Wake(id), self.now());
        Ok(id)
    }

    /// A consumer process; a consumer-protocol one draws its member id from its own stream
    /// (one per process: a restart is a new member id).
    fn new_consumer(&self, id: ConsumerId, config: ConsumerConfig, process: u32) -> Consumer {
        let consumer = Consumer::new(id, config, self.now());
        if consumer.config.group_protocol == GroupProtocol::Classic || !crate::CONSUMER_PROTOCOL {
            return consumer;
        }
        let stream = CONSUMER_STREAMS + (u64::from(id.0) << 24) + u64::from(process);
        consumer.with_consumer_protocol(&mut SimRng::new(self.config().seed, stream), self.now())
    }

    /// A group takes members of one protocol only (the online migration between them is not
    /// modelled): refused when a running consumer of the group, or the coordinator's group,
    /// has members of the other.
    fn check_group_kind(&self, config: &ConsumerConfig) -> Result<(), SimError> {
        if !crate::CONSUMER_PROTOCOL {
            return Ok(());
        }
        let group = &config.group_id;
        let other = |p: GroupProtocol| p != config.group_protocol;
        let running = self.consumers.iter().find(|c| {
            c.life == Life::Running && c.config.group_id == *group && other(c.config.group_protocol)
        });
        let mut has = running.map(|c| c.config.group_protocol);
        if has.is_none() && config.group_protocol == GroupProtocol::Consumer {
            let members = self.groups.get(group).is_some_and(|g| !g.members.is_empty());
            has = members.then_some(GroupProtocol::Classic);
        }
        if has.is_none() && config.group_protocol == GroupProtocol::Classic {
            let members = self.consumer_groups.get(group).is_some_and(|g| g.group.members().next().is_some());
            has = members.then_some(GroupProtocol::Consumer);
        }
        match has {
            Some(has) => Err(SimError::MixedGroup { group: group.clone(), has }),
            None => Ok(()),
        }
    }

    /// Closes a consumer gracefully: commit, revoke, LeaveGroup (dynamic members), so the group
    /// rebalances at once.
    pub fn close_consumer(&mut self, id: ConsumerId) -> Result<(), SimError> {
        let now = self.now();
        let mut fx = Effects::default();
        self.running_consumer(id)?.close(now, &mut fx);
        self.apply(fx);
        Ok(())
    }

    /// Kills a consumer: it goes silent without committing; the coordinator notices only when its
    /// session times out.
    pub fn kill_consumer(&mut self, id: ConsumerId) -> Result<(), SimError> {
        let mut fx = Effects::default();
        self.running_consumer(id)?.kill(&mut fx);
        self.apply(fx);
        Ok(())
    }

    /// Starts a closed, killed or failed consumer again as a new process with the same settings:
    /// the same `client.id` and, if static, the same `group.instance.id`. It joins with no member
    /// id; a static member back within its session timeout takes its old place without a
    /// rebalance (reference §2.3).
    pub fn restart_consumer(&mut self, id: ConsumerId) -> Result<(), SimError> {
        let now = self.now();
        let consumer = self.consumers.get_mut(id.0 as usize).ok_or(SimError::UnknownConsumer(id.0))?;
        if consumer.life == Life::Running {
            return Err(SimError::ConsumerStillRunning(id.0));
        }
        // A new process: a new connection, so answers meant for the old one are dropped.
        let (epoch, broker, config) =
            (consumer.epoch + 1, consumer.coordinator_broker, consumer.config.clone());
        self.check_group_kind(&config)?;
        let mut fresh = self.new_consumer(id, config, epoch);
        fresh.epoch = epoch;
        fresh.coordinator_broker = broker;
        self.consumers[id.0 as usize] = fresh;
        self.emit(SimEvent::ConsumerRestarted { consumer: id });
        self.agenda.set(Due::Wake(id), now);
        Ok(())
    }

    /// Makes a consumer's processing stall (`true`) or go on (`false`). While stalled it does
    /// not call `poll()`; its heartbeat thread keeps running until `max.poll.interval.ms` passes
    /// (reference §1.6).
    pub fn set_processing_stalled(&mut self, id: ConsumerId, stalled: bool) -> Result<(), SimError> {
        let now = self.now();
        let consumer = self.running_consumer(id)?;
        if consumer.stalled == stalled {
            return Ok(());
        }
        consumer.stalled = stalled;
        if stalled {
            self.emit(SimEvent::ProcessingStalled { consumer: id });
        } else {
            self.agenda.set(Due::Wake(id), now);
            self.emit(SimEvent::ProcessingResumed { consumer: id });
        }
        Ok(())
    }

    /// Cuts (`true`) or heals (`false`) the link between a consumer and every broker. Messages
    /// sent or arriving while cut are lost.
    pub fn set_link_cut(&mut self, id: ConsumerId, cut: bool) -> Result<(), SimError> {
        self.consumer(id)?;
        if self.network.is_cut(id) != cut {
            self.network.set_cut(id, cut);
            self.emit(SimEvent::LinkChanged { consumer: id, cut });
        }
        Ok(())
    }

    fn consumer(&self, id: ConsumerId) -> Result<&Consumer, SimError> {
        self.consumers.get(id.0 as usize).ok_or(SimError::UnknownConsumer(id.0))
    }

    fn running_consumer(&mut self, id: ConsumerId) -> Result<&mut Consumer, SimError> {
        let consumer = self.consumers.get_mut(id.0 as usize).ok_or(SimError::UnknownConsumer(id.0))?;
        if consumer.life != Life::Running {
            return Err(SimError::ConsumerNotRunning(id.0));
        }
        Ok(consumer)
    }

    fn producer_mut(&mut self, id: ProducerId) -> Result<&mut Producer, SimError> {
        match self.producers.get_mut(id.0 as usize) {
            Some(p) if p.removed => Err(SimError::ProducerRemoved(id.0)),
            Some(p) => Ok(p),
            None => Err(SimError::UnknownProducer(id.0)),
        }
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
