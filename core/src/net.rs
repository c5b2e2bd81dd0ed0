//! The simulated network: every request and response is a message in flight for the configured
//! latency, so the UI can draw it. Links between a consumer and the brokers can be cut and healed
//! (turmoil's `partition` / `repair`); a message on a cut link is lost.

use alloc::collections::VecDeque;
use alloc::string::String;
use core::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::{Conn, ConsumerId, ConsumerSet};
use crate::protocol::{Api, Request, Response};
use crate::time::{Duration, Instant};

/// One end of a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Endpoint {
    /// A consumer client.
    Consumer(ConsumerId),
    /// A broker, by id.
    Broker(u32),
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Endpoint::Consumer(c) => c.fmt(f),
            Endpoint::Broker(b) => write!(f, "broker-{b}"),
        }
    }
}

/// What a message carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Payload {
    /// Client → coordinator.
    Request(Request),
    /// Coordinator → client.
    Response(Response),
}

impl Payload {
    /// Which API (`JoinGroup`, `Heartbeat`, ...) and whether this is a response.
    pub fn api(&self) -> (Api, bool) {
        match self {
            Payload::Request(r) => (r.api(), false),
            Payload::Response(r) => (r.api(), true),
        }
    }
}

impl fmt::Display for Payload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Payload::Request(r) => r.fmt(f),
            Payload::Response(r) => r.fmt(f),
        }
    }
}

/// A message in flight.
#[derive(Clone, Debug)]
pub(crate) struct Envelope {
    pub from: Endpoint,
    pub to: Endpoint,
    pub group: String,
    pub payload: Payload,
    pub consumer: ConsumerId,
    /// The consumer's connection epoch ([`crate::ids::Conn`]).
    pub epoch: u32,
    /// The request's correlation id, which its answer carries back.
    pub correlation: u32,
    /// Set by [`Network::send`].
    pub sent_at: Instant,
    /// Set by [`Network::send`].
    pub arrives_at: Instant,
}

impl Envelope {
    pub fn new(from: Endpoint, to: Endpoint, group: String, payload: Payload, conn: Conn) -> Self {
        let (consumer, epoch, correlation) = (conn.consumer, conn.epoch, conn.correlation);
        let (sent_at, arrives_at) = (Instant::ZERO, Instant::ZERO);
        Envelope { from, to, group, payload, consumer, epoch, correlation, sent_at, arrives_at }
    }
}

/// Messages in flight and the cut links.
#[derive(Clone, Debug, Default)]
pub(crate) struct Network {
    pub latency: Duration,
    /// By id, oldest first (ids only grow): a list, not a map, because a message almost always
    /// arrives first of those in flight, and the page's download is smaller without another map.
    in_flight: VecDeque<(u64, Envelope)>,
    next_id: u64,
    cut: ConsumerSet,
}

impl Network {
    pub fn new(latency: Duration) -> Self {
        Network { latency, ..Network::default() }
    }

    /// Puts a message on the wire; returns its id and arrival time, or `None` if the link is cut.
    pub fn send(&mut self, mut envelope: Envelope, now: Instant) -> (u64, Option<Instant>) {
        envelope.sent_at = now;
        envelope.arrives_at = now + self.latency;
        self.next_id += 1;
        let id = self.next_id;
        if self.cut.contains(envelope.consumer) {
            return (id, None);
        }
        self.in_flight.push_back((id, envelope));
        (id, Some(now + self.latency))
    }

    /// Takes a message off the wire at its arrival; `Err` if its link was cut meanwhile.
    pub fn deliver(&mut self, id: u64) -> Option<Result<Envelope, Envelope>> {
        let index = self.in_flight.iter().position(|(i, _)| *i == id)?;
        let (_, envelope) = self.in_flight.remove(index)?;
        Some(if self.cut.contains(envelope.consumer) { Err(envelope) } else { Ok(envelope) })
    }

    /// Cuts or heals the link between a consumer and every broker.
    pub fn set_cut(&mut self, consumer: ConsumerId, cut: bool) {
        if cut {
            self.cut.insert(consumer);
        } else {
            self.cut.remove(consumer);
        }
    }

    pub fn is_cut(&self, consumer: ConsumerId) -> bool {
        self.cut.contains(consumer)
    }

    /// Messages in flight, for drawing.
    pub fn in_flight(&self) -> impl Iterator<Item = (u64, &Envelope)> {
        self.in_flight.iter().map(|(id, e)| (*id, e))
    }
}
