//! The consumer commands a person (or a scenario) gives the world: add, close, kill, restart,
//! stall and resume processing, cut and heal a link. Topic and producer commands live with the
//! world in `sim.rs`.

use alloc::format;

use crate::config::ConsumerConfig;
use crate::consumer::{Consumer, Life};
use crate::effects::{Due, Effects};
use crate::error::SimError;
use crate::event::SimEvent;
use crate::ids::ConsumerId;
use crate::sim::Sim;

impl Sim {
    /// Adds a consumer; it joins its group at once (its first `poll()`).
    pub fn add_consumer(&mut self, mut config: ConsumerConfig) -> Result<ConsumerId, SimError> {
        config.validate()?;
        if let Some(missing) = config.topics.iter().find(|t| !self.topics.contains_key(*t)) {
            return Err(SimError::UnknownTopic(missing.clone()));
        }
        let id = ConsumerId(self.consumers.len() as u32);
        if config.client_id.is_empty() {
            config.client_id = format!("{id}");
        }
        let event = SimEvent::ConsumerAdded {
            consumer: id,
            client_id: config.client_id.clone(),
            group: config.group_id.clone(),
        };
        self.consumers.push(Consumer::new(id, config, self.now()));
        self.emit(event);
        self.agenda.set(Due::Wake(id), self.now());
        Ok(id)
    }

    /// Closes a consumer gracefully: commit, revoke, LeaveGroup (dynamic members), so the group
    /// rebalances at once.
    pub fn close_consumer(&mut self, id: ConsumerId) -> Result<(), SimError> {
        let mut fx = Effects::default();
        self.running_consumer(id)?.close(&mut fx);
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
        *consumer = Consumer::new(id, consumer.config.clone(), now);
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
}
