//! What the page derives from the world's events and snapshots as time passes: the event log,
//! the records processed twice, the invariant checker and the lag history. All of it is rebuilt
//! by replaying when the user seeks, so it always matches the moment on screen.

use std::cell::OnceCell;
use std::collections::VecDeque;
use std::rc::Rc;

use groupsim::protocol::Api;
use groupsim::{Instant, InvariantChecker, SimEvent, SimView, Stamped};

use crate::shared::Shared;

/// How many log lines are kept per kind (the oldest go first), so a flood of records or
/// heartbeats never pushes the group's story out of the log.
pub const LOG_KEPT_PER_KIND: usize = 200;

/// How many re-processed records the page lists.
pub const DUPLICATES_KEPT: usize = 12;

/// How many lag samples are kept (the oldest go first).
pub const LAG_KEPT: usize = 240;

/// The least virtual time between two lag samples.
pub const LAG_EVERY_MS: u64 = 1_000;

/// What kind of thing an event is, for the log's filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Requests and responses other than heartbeats.
    Protocol,
    /// Heartbeat requests and responses.
    Heartbeat,
    /// Group states, rebalances, members joining and leaving.
    Group,
    /// Consumers starting, stopping, getting and losing partitions.
    Consumer,
    /// Commits and duplicates.
    Offsets,
    /// Records produced and consumed, topics.
    Records,
}

impl Kind {
    /// Every kind, in filter order.
    pub const ALL: [Kind; 6] =
        [Kind::Group, Kind::Consumer, Kind::Offsets, Kind::Protocol, Kind::Heartbeat, Kind::Records];

    /// The filter's label.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Protocol => "requests",
            Kind::Heartbeat => "heartbeats",
            Kind::Group => "group",
            Kind::Consumer => "consumers",
            Kind::Offsets => "offsets",
            Kind::Records => "records",
        }
    }

    /// The filter's label in `lang` ([`Kind::label`] is also its class name).
    pub fn label_in(self, lang: crate::lang::Lang) -> &'static str {
        match self {
            Kind::Protocol => lang.pick("requests", "请求"),
            Kind::Heartbeat => lang.pick("heartbeats", "心跳"),
            Kind::Group => lang.pick("group", "消费者组"),
            Kind::Consumer => lang.pick("consumers", "消费者"),
            Kind::Offsets => lang.pick("offsets", "位移"),
            Kind::Records => lang.pick("records", "消息"),
        }
    }

    /// The class of a log line of this kind: static, so a redraw makes no string.
    pub fn line_class(self) -> &'static str {
        match self {
            Kind::Protocol => "log-line kind-requests",
            Kind::Heartbeat => "log-line kind-heartbeats",
            Kind::Group => "log-line kind-group",
            Kind::Consumer => "log-line kind-consumers",
            Kind::Offsets => "log-line kind-offsets",
            Kind::Records => "log-line kind-records",
        }
    }

    /// The kind's bit in a set of kinds.
    pub fn bit(self) -> u8 {
        1 << self as u8
    }

    /// Shown unless the user asks: everything but the two kinds that flood the log.
    pub fn shown_by_default(self) -> bool {
        !matches!(self, Kind::Heartbeat | Kind::Records)
    }

    /// The kind of an event.
    pub fn of(event: &SimEvent) -> Kind {
        use SimEvent as E;
        match event {
            E::MessageSent { api: Api::Heartbeat | Api::ConsumerGroupHeartbeat, .. }
            | E::MessageReceived { api: Api::Heartbeat | Api::ConsumerGroupHeartbeat, .. }
            | E::MessageDropped { api: Api::Heartbeat | Api::ConsumerGroupHeartbeat, .. } => Kind::Heartbeat,
            E::MessageSent { .. }
            | E::MessageReceived { .. }
            | E::MessageDropped { .. }
            | E::RequestTimedOut { .. }
            | E::CoordinatorUnknown { .. }
            | E::CoordinatorFound { .. } => Kind::Protocol,
            E::GroupStateChanged { .. }
            | E::ConsumerGroupStateChanged { .. }
            | E::GroupEpochBumped { .. }
            | E::TargetAssignmentComputed { .. }
            | E::RebalanceStarted { .. }
            | E::JoinCompleted { .. }
            | E::RebalanceCompleted { .. }
            | E::MemberAdded { .. }
            | E::MemberRemoved { .. }
            | E::StaticMemberReplaced { .. }
            | E::PendingMemberExpired { .. } => Kind::Group,
            E::Committed { .. }
            | E::CommitFailed { .. }
            | E::CommitRejected { .. }
            | E::Duplicate { .. }
            | E::OffsetsExpired { .. } => Kind::Offsets,
            E::TopicCreated { .. }
            | E::PartitionsAdded { .. }
            | E::ProducerAdded { .. }
            | E::Produced { .. }
            | E::Consumed { .. } => Kind::Records,
            _ => Kind::Consumer,
        }
    }
}

/// One line of the event log; a run of identical events is one line with a count. The words
/// are made only for the lines drawn, once.
#[derive(Clone, Debug)]
pub struct LogLine {
    /// Its place among all events (ties in time keep their order).
    pub seq: u64,
    /// When (the first of a run).
    pub at: Instant,
    /// Its kind.
    pub kind: Kind,
    /// The event.
    pub event: SimEvent,
    /// How many identical events in a row this line stands for.
    pub repeats: u32,
    /// The time, made when first drawn.
    time: OnceCell<Rc<str>>,
    /// The event in English (the core's words), made when first drawn in English.
    en: OnceCell<Rc<str>>,
    /// The event in Chinese, made when first drawn in Chinese.
    zh: OnceCell<Rc<str>>,
}

impl LogLine {
    /// When, as `12.345s`.
    pub fn time(&self) -> &Rc<str> {
        self.time.get_or_init(|| self.at.to_string().into())
    }

    /// The event in words, in `lang`.
    pub fn text(&self, lang: crate::lang::Lang) -> &Rc<str> {
        match lang.in_build() {
            // Each language's words only in its arm: a build for Chinese links none of the core's
            // English sentences.
            crate::lang::Lang::En => self.en.get_or_init(|| self.event.to_string().into()),
            crate::lang::Lang::Zh => self.zh.get_or_init(|| crate::i18n::events::zh(&self.event).into()),
        }
    }
}

/// Whether `next` only repeats `last`: the failed commits a member retries every batch while its
/// group rebalances.
fn repeats(last: &SimEvent, next: &SimEvent) -> bool {
    matches!((last, next), (SimEvent::CommitFailed { consumer: a, partitions: x, .. }, SimEvent::CommitFailed { consumer: b, partitions: y, .. }) if a == b && x == y)
}

/// The event log: the newest lines of each kind. Lines are shared, so the copy taken when a
/// drawn log changes copies pointers, not events.
#[derive(Clone, Debug, Default)]
pub struct Log {
    kinds: [VecDeque<Rc<LogLine>>; Kind::ALL.len()],
    seq: u64,
}

impl Log {
    fn push(&mut self, stamped: Stamped) {
        let kind = Kind::of(&stamped.event);
        self.seq += 1;
        let lines = &mut self.kinds[kind as usize];
        match lines.back_mut() {
            Some(last) if repeats(&last.event, &stamped.event) => Rc::make_mut(last).repeats += 1,
            _ => {
                lines.push_back(Rc::new(LogLine {
                    seq: self.seq,
                    at: stamped.at,
                    kind,
                    event: stamped.event,
                    repeats: 1,
                    time: OnceCell::new(),
                    en: OnceCell::new(),
                    zh: OnceCell::new(),
                }));
                if lines.len() > LOG_KEPT_PER_KIND {
                    lines.pop_front();
                }
            }
        }
    }

    /// The lines of the kinds in `mask` (see [`Kind::bit`]), newest first.
    pub fn newest(&self, mask: u8) -> impl Iterator<Item = &LogLine> {
        let mut cursors: Vec<_> = Kind::ALL
            .iter()
            .filter(|k| mask & k.bit() != 0)
            .map(|&k| self.kinds[k as usize].iter().rev().map(|l| &**l).peekable())
            .collect();
        std::iter::from_fn(move || {
            let newest =
                cursors.iter_mut().enumerate().filter_map(|(i, c)| c.peek().map(|l| (l.seq, i))).max()?;
            cursors[newest.1].next()
        })
    }
}

/// How many recent protocol messages the wire shows.
pub const WIRE_KEPT: usize = 8;

/// Appends to a list that keeps only its newest `kept` items.
fn push_kept<T>(list: &mut VecDeque<T>, item: T, kept: usize) {
    list.push_back(item);
    if list.len() > kept {
        list.pop_front();
    }
}

/// How many timed-out requests the wire keeps.
pub const TIMEOUTS_KEPT: usize = 2;

/// A protocol message as the wire draws it.
#[derive(Clone, Debug)]
pub struct Flight {
    /// The message id (a stable key for the animation).
    pub id: u64,
    /// When it was sent.
    pub at: Instant,
    /// When it arrives.
    pub arrives_at: Instant,
    /// The client's side (`consumer-2`).
    pub client: String,
    /// The broker's side (`broker-1`).
    pub broker: String,
    /// `JoinGroup`, `Heartbeat`, …
    pub api: Api,
    /// A response (broker → client) rather than a request.
    pub response: bool,
    /// Not a message: the client gave up waiting for this request's answer after this long.
    pub timed_out: Option<groupsim::Duration>,
    /// The one-line summary.
    pub summary: String,
}

/// The page's derived state.
#[derive(Clone, Debug, Default)]
pub struct Observed {
    /// The event log.
    pub log: Shared<Log>,
    /// The newest [`DUPLICATES_KEPT`] re-processed records, oldest first, and how many in all.
    pub duplicates: VecDeque<String>,
    /// Every record processed twice so far.
    pub duplicate_count: u64,
    /// The invariants, checked after every event and every drawn moment.
    pub checker: InvariantChecker,
    /// Total lag per group over time, sampled at drawn moments at most once per [`LAG_EVERY_MS`].
    pub lag: Shared<VecDeque<LagSample>>,
    /// The newest [`WIRE_KEPT`] protocol messages, oldest first.
    pub wire: Shared<VecDeque<Flight>>,
    /// The newest [`TIMEOUTS_KEPT`] requests that timed out, oldest first: the wire keeps them
    /// in view for a while, where the flood of messages would push them out at once.
    pub timeouts: Shared<VecDeque<Flight>>,
}

/// The lag of every group at one moment.
#[derive(Clone, Debug)]
pub struct LagSample {
    /// When.
    pub at: Instant,
    /// (group, total lag, lag per `--describe` row) per group, by group id. A partition without a
    /// committed offset has no lag (Kafka prints `-`) and counts as 0 here, as in the total.
    pub groups: Vec<(String, u64, Vec<u64>)>,
}

impl Observed {
    /// Takes one event into account.
    pub fn event(&mut self, stamped: Stamped) {
        self.checker.observe(&stamped);
        if let SimEvent::Duplicate { partition, offset, first, again, .. } = &stamped.event {
            self.duplicate_count += 1;
            let line = format!("{partition}@{offset}: {first}, again {again}");
            push_kept(&mut self.duplicates, line, DUPLICATES_KEPT);
        }
        if let SimEvent::MessageSent { id, from, to, api, response, summary, arrives_at, .. } = &stamped.event
        {
            let (client, broker) = if *response { (to, from) } else { (from, to) };
            let flight = Flight {
                id: *id,
                at: stamped.at,
                arrives_at: *arrives_at,
                client: client.to_string(),
                broker: broker.to_string(),
                api: *api,
                response: *response,
                summary: summary.clone(),
                timed_out: None,
            };
            push_kept(self.wire.make_mut(), flight, WIRE_KEPT);
        }
        if let SimEvent::RequestTimedOut { consumer, api, to, after } = &stamped.event {
            let flight = Flight {
                id: stamped.at.as_millis(),
                at: stamped.at,
                arrives_at: stamped.at,
                client: consumer.to_string(),
                broker: to.to_string(),
                api: *api,
                response: false,
                // Not the event's own words: formatting a whole SimEvent here would compile a
                // second copy of its Display (5 KB of wasm).
                summary: format!("{api} to {to} timed out after {after}"),
                timed_out: Some(*after),
            };
            push_kept(self.timeouts.make_mut(), flight, TIMEOUTS_KEPT);
        }
        self.log.make_mut().push(stamped);
    }

    /// Takes a drawn moment into account: ownership checks and a lag sample.
    pub fn moment(&mut self, view: &SimView) {
        self.checker.check_view(view);
        let lag = self.lag.make_mut();
        if lag.back().is_some_and(|s| view.now.saturating_since(s.at).as_millis() < LAG_EVERY_MS) {
            return;
        }
        lag.push_back(LagSample {
            at: view.now,
            groups: view
                .groups
                .iter()
                .map(|g| (g.id.clone(), g.total_lag, g.describe.iter().map(|r| r.lag.unwrap_or(0)).collect()))
                .collect(),
        });
        if lag.len() > LAG_KEPT {
            lag.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use groupsim::ConsumerId;

    use super::*;

    fn failed(at: u64) -> Stamped {
        let event =
            SimEvent::CommitFailed { consumer: ConsumerId(0), partitions: 1, coordinator_unknown: false };
        Stamped { at: Instant::from_millis(at), event }
    }

    #[test]
    fn a_line_class_names_its_kind_as_the_filter_does() {
        for kind in Kind::ALL {
            assert_eq!(kind.line_class(), format!("log-line kind-{}", kind.label()));
        }
    }

    #[test]
    fn identical_events_in_a_row_are_one_line_with_a_count() {
        let mut observed = Observed::default();
        observed.event(failed(1));
        observed.event(failed(2));
        let lines: Vec<&LogLine> = observed.log.newest(u8::MAX).collect();
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].repeats, 2);
        assert_eq!(lines[0].kind, Kind::Offsets);
    }

    #[test]
    fn a_flood_of_records_keeps_the_group_events_and_lines_merge_newest_first() {
        let mut observed = Observed::default();
        observed.event(failed(1));
        for offset in 0..1_000 {
            let event = SimEvent::Produced {
                producer: groupsim::ProducerId(0),
                topic: "t".into(),
                partition: 0,
                offset,
                key: None,
            };
            observed.event(Stamped { at: Instant::from_millis(2 + offset), event });
        }
        assert_eq!(observed.log.newest(Kind::Offsets.bit()).count(), 1, "the commit is still there");
        let times: Vec<u64> = observed.log.newest(u8::MAX).map(|l| l.at.as_millis()).collect();
        assert_eq!(times.len(), LOG_KEPT_PER_KIND + 1);
        assert_eq!((times[0], *times.last().unwrap()), (1_001, 1));
    }
}
