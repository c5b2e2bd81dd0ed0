//! The application thread: `poll()` (rejoin, auto-commit, fetch), processing records one by one,
//! commits, and `onJoinPrepare` / the JoinGroup it sends (reference §1.5, §2.2, §6).

use alloc::vec::Vec;

use super::{Consumer, FETCH_MAX_WAIT_MS, Life, MemberState, reset_position};
use crate::assignor::{AssignorName, TopicPartition};
use crate::config::CommitMode;
use crate::effects::{Due, Effects};
use crate::event::SimEvent;
use crate::log::Topics;
use crate::protocol::{Api, Request, Subscription};
use crate::time::{Duration, Instant};

impl Consumer {
    /// Processes the next record of the current batch, or polls when the batch is done.
    pub fn on_wake(&mut self, now: Instant, topics: &Topics, fx: &mut Effects) {
        self.parked = false;
        if self.life != Life::Running || self.stalled {
            return;
        }
        let Some((partition, offset)) = self.batch.pop_front() else { return self.poll(now, topics, fx) };
        fx.emit(SimEvent::Consumed {
            group: self.config.group_id.clone(),
            consumer: self.id,
            partition,
            offset,
        });
        if self.batch.is_empty() {
            if self.config.commit == CommitMode::AfterProcessing {
                self.commit_positions(now, fx); // commitSync() after the batch
            }
            // The loop goes straight back to poll().
            self.poll(now, topics, fx);
        } else {
            fx.set(Due::Wake(self.id), now + Duration::from_millis(self.config.processing_ms_per_record));
        }
    }

    /// `KafkaConsumer.poll`: find the coordinator if it is unknown, else (re)join if needed,
    /// fetch missing committed offsets and auto-commit when due; then fetch a batch. Fetching
    /// goes on from known positions while the coordinator is unknown, as in Kafka.
    pub(super) fn poll(&mut self, now: Instant, topics: &Topics, fx: &mut Effects) {
        self.last_poll = now;
        if self.closing {
            return self.finish_close(now, fx); // the loop's shutdown check, between polls
        }
        if let Some(assignment) = self.pending.take() {
            self.install(now, assignment, fx);
        }
        if self.kip().is_some() {
            self.kip848_poll(now, fx);
        } else if !self.coordinator_known {
            self.find_coordinator(now, fx);
        } else {
            self.check_metadata(topics);
            if self.rejoin_needed && !self.join_in_flight() && now >= self.join_not_before {
                if self.needs_join_prepare {
                    self.join_prepare(now, fx);
                }
                self.send_join(now, fx);
            }
            if self.state == MemberState::Stable {
                self.fetch_committed_offsets(now, fx);
                if let CommitMode::Auto { interval_ms } = self.config.commit
                    && now >= self.next_auto_commit
                {
                    self.commit_positions(now, fx);
                    self.next_auto_commit = now + Duration::from_millis(interval_ms);
                }
            }
        }
        // Eager members own nothing during a rebalance; cooperative ones keep consuming.
        if self.assignment.is_empty() {
            return self.park(now, fx);
        }
        self.fetch(topics, fx);
        if self.batch.is_empty() {
            return self.park(now, fx);
        }
        fx.set(Due::Wake(self.id), now + Duration::from_millis(self.config.processing_ms_per_record));
    }

    /// `ConsumerCoordinator.rejoinNeededOrPending`: the leader rejoins when the partition counts
    /// it assigned from are no longer the metadata's (partitions added, even during the
    /// rebalance that made the assignment: test `testUpdateMetadataDuringRebalance`).
    fn check_metadata(&mut self, topics: &Topics) {
        let Some(snapshot) = &self.assignment_snapshot else { return };
        if self.state != MemberState::Stable || self.rejoin_needed {
            return;
        }
        let changed = snapshot.iter().any(|(t, n)| topics.get(t).map_or(0, |p| p.len() as u32) != *n);
        if changed {
            self.rejoin_needed = true;
        }
    }

    /// `initWithCommittedOffsetsIfNeeded`: every poll asks again for the committed offsets of
    /// partitions whose position is unknown, unless an OffsetFetch is already on its way.
    pub(super) fn fetch_committed_offsets(&mut self, now: Instant, fx: &mut Effects) {
        if self.awaiting(Api::OffsetFetch) {
            return;
        }
        let missing: Vec<TopicPartition> =
            self.assignment.iter().filter(|(_, p)| p.is_none()).map(|(tp, _)| tp.clone()).collect();
        if !missing.is_empty() {
            self.send(now, Request::OffsetFetch { partitions: missing }, fx);
        }
    }

    /// Waits in `poll()`: until records arrive ([`Consumer::records_arrived`]), a response
    /// arrives, `fetch.max.wait.ms` passes, the next auto-commit is due, or a retry's backoff
    /// ends, whichever is first (`ConsumerCoordinator.timeToNextPoll` bounds the wait by the
    /// auto-commit deadline).
    pub(super) fn park(&mut self, now: Instant, fx: &mut Effects) {
        self.parked = true;
        let mut until = now + Duration::from_millis(FETCH_MAX_WAIT_MS);
        if matches!(self.config.commit, CommitMode::Auto { .. })
            && self.commits_allowed()
            && !self.assignment.is_empty()
            && self.next_auto_commit > now
        {
            until = until.min(self.next_auto_commit);
        }
        let backoff = if self.coordinator_known { self.join_not_before } else { self.find_not_before };
        if backoff > now {
            until = until.min(backoff);
        }
        fx.set(Due::Wake(self.id), until);
    }

    /// Records were appended to partition `partition` of `topic`: a parked fetch for it
    /// completes now. True when this consumer was waiting for them (the caller wakes it).
    pub fn records_arrived(&mut self, topic: &str, partition: u32) -> bool {
        // Cheap checks first: this runs for every consumer on every record produced.
        let waiting = self.parked
            && self.life == Life::Running
            && self
                .assignment
                .iter()
                .any(|(tp, p)| tp.partition == partition && p.is_some() && tp.topic == topic);
        if waiting {
            self.parked = false;
        }
        waiting
    }

    /// Takes up to `max.poll.records` from the assigned partitions, starting one partition further
    /// each poll so no partition starves. Positions advance now, as in Kafka.
    /// Partitions pending revocation are not fetched from (a consumer-protocol member between
    /// its reconciliation's commit and the revocation).
    pub(super) fn fetch(&mut self, topics: &Topics, fx: &mut Effects) {
        let paused = self.pending_revocation().to_vec();
        let mut room = self.config.max_poll_records as u64;
        let (id, reset, batch) = (self.id, self.config.auto_offset_reset, &mut self.batch);
        // References, not copies of the keys: this runs at every poll.
        let mut partitions: Vec<(&TopicPartition, &mut Option<u64>)> = self.assignment.iter_mut().collect();
        let n = partitions.len();
        for i in 0..n {
            let (tp, slot) = &mut partitions[(self.fetch_cursor + i) % n];
            let Some(position) = **slot else { continue };
            if paused.contains(tp) {
                continue;
            }
            let Some(log) = topics.get(&tp.topic).and_then(|t| t.get(tp.partition as usize)) else {
                continue;
            };
            let mut position = position;
            if position < log.log_start_offset() || position > log.log_end_offset() {
                // OFFSET_OUT_OF_RANGE: the reset policy decides.
                position = reset_position(reset, tp, topics);
                fx.emit(SimEvent::PositionReset { consumer: id, partition: (*tp).clone(), offset: position });
            }
            let take = (log.log_end_offset() - position).min(room);
            batch.extend((position..position + take).map(|o| ((*tp).clone(), o)));
            **slot = Some(position + take);
            room -= take;
            if room == 0 {
                break;
            }
        }
        self.fetch_cursor = if n == 0 { 0 } else { (self.fetch_cursor + 1) % n };
    }

    /// Commits the position of every partition whose position is known.
    pub(super) fn commit_positions(&mut self, now: Instant, fx: &mut Effects) {
        let offsets: Vec<(TopicPartition, u64)> =
            self.assignment.iter().filter_map(|(tp, p)| p.map(|p| (tp.clone(), p))).collect();
        self.commit(now, offsets, fx);
    }

    /// Sends an OffsetCommit. Like Java's `generationIfStable()`, only a Stable member commits,
    /// and only to a known coordinator; otherwise the commit fails locally and a later one
    /// covers it.
    /// A consumer-protocol member commits with its member epoch whenever it is in the group
    /// (`CommitRequestManager` sends the latest epoch, reconciling or not).
    pub(super) fn commit(&mut self, now: Instant, offsets: Vec<(TopicPartition, u64)>, fx: &mut Effects) {
        let epoch = if self.kip().is_some() { self.member_epoch() } else { self.generation };
        if epoch < 0 || offsets.is_empty() || (self.kip().is_some() && epoch == 0) {
            return;
        }
        if !self.commits_allowed() || !self.coordinator_known {
            let (partitions, coordinator_unknown) = (offsets.len() as u32, !self.coordinator_known);
            fx.emit(SimEvent::CommitFailed { consumer: self.id, partitions, coordinator_unknown });
            return;
        }
        let member_id = match self.kip() {
            Some(k) => k.membership.member_id.clone(),
            None => self.member_id.clone(),
        };
        let request = Request::OffsetCommit {
            member_id,
            instance_id: self.config.instance_id.clone(),
            generation: epoch,
            offsets,
        };
        self.send(now, request, fx);
    }

    /// Whether a commit may go out now: a Stable classic member, or a consumer-protocol member
    /// with an epoch.
    fn commits_allowed(&self) -> bool {
        match self.kip() {
            Some(k) => k.membership.member_epoch > 0,
            None => self.state == MemberState::Stable,
        }
    }

    /// `onJoinPrepare` (at a poll, so the batch is done): lost partitions after a reset
    /// generation; otherwise commit (auto-commit) and, eager only, revoke everything.
    pub(super) fn join_prepare(&mut self, now: Instant, fx: &mut Effects) {
        self.needs_join_prepare = false;
        self.batch.clear();
        if self.assignment.is_empty() {
            return;
        }
        let partitions: Vec<TopicPartition> = self.assignment.keys().cloned().collect();
        if self.generation < 0 {
            fx.emit(SimEvent::PartitionsLost { consumer: self.id, partitions });
        } else {
            if matches!(self.config.commit, CommitMode::Auto { .. }) {
                self.commit_positions(now, fx);
            }
            if self.cooperative() {
                return; // keeps every subscribed partition and goes on consuming
            }
            fx.emit(SimEvent::PartitionsRevoked { consumer: self.id, partitions });
        }
        self.assignment.clear();
        self.stopped_since.get_or_insert(now);
    }

    pub(super) fn send_join(&mut self, now: Instant, fx: &mut Effects) {
        // Each assignor writes its own metadata: ownedPartitions and the generation on the
        // wire, and for `sticky` its userData with the last assignment (reference §4.3).
        let owned: Vec<TopicPartition> = self.assignment.keys().cloned().collect();
        let protocols = self
            .config
            .assignors
            .iter()
            .map(|&a| {
                let (owned, generation) = match a {
                    AssignorName::Sticky => self.last_assignment.clone(),
                    _ => (owned.clone(), self.generation),
                };
                (a, Subscription { topics: self.config.topics.clone(), owned, generation })
            })
            .collect();
        let request = Request::JoinGroup {
            member_id: self.member_id.clone(),
            instance_id: self.config.instance_id.clone(),
            session_timeout_ms: self.config.session_timeout_ms,
            rebalance_timeout_ms: self.config.max_poll_interval_ms,
            protocols,
        };
        self.state = MemberState::PreparingRebalance;
        self.rejoin_needed = false;
        // The heartbeat thread pauses while the JoinGroup is in flight (reference §9.3).
        self.next_heartbeat = None;
        fx.cancel(Due::Heartbeat(self.id));
        self.send(now, request, fx);
    }
}
