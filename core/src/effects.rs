//! What a handler asks the world to do. Handlers never touch the clock, the network or the agenda
//! themselves: they push [`Effect`]s in order, and the world applies them (stateright's actors,
//! quinn's `poll_*`).

use alloc::string::String;
use alloc::vec::Vec;

use crate::event::SimEvent;
use crate::ids::{Conn, ConsumerId, ProducerId};
use crate::protocol::{Request, Response};
use crate::time::Instant;

/// What a deadline on the world's agenda is for.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Due {
    /// A producer's next record.
    Produce(ProducerId),
    /// A message arrives.
    Deliver(u64),
    /// A consumer's application thread: process the next record or poll.
    Wake(ConsumerId),
    /// A consumer's heartbeat thread.
    Heartbeat(ConsumerId),
    /// A consumer's oldest unanswered request reaches `request.timeout.ms`.
    RequestTimeout(ConsumerId),
    /// The coordinator's session (or new-member join) deadline for a member.
    MemberExpiry {
        /// The group.
        group: String,
        /// The member id.
        member: String,
    },
    /// The initial-rebalance delay of a group going Empty → PreparingRebalance.
    InitialRebalance(String),
    /// The rebalance timeout of a join phase.
    JoinTimeout(String),
    /// The deadline for every member to SyncGroup after a join phase.
    PendingSync(String),
    /// The coordinator's offsets-retention check that will find an Empty group's offsets expired.
    OffsetsExpiry(String),
    /// A consumer-protocol member's session timeout (`group.consumer.session.timeout.ms`).
    ConsumerSession {
        /// The group.
        group: String,
        /// The member id.
        member: String,
    },
    /// A consumer-protocol member's rebalance timeout while it revokes.
    ConsumerRebalance {
        /// The group.
        group: String,
        /// The member id.
        member: String,
    },
}

/// One thing for the world to do.
#[derive(Clone, Debug)]
pub(crate) enum Effect {
    /// Send a request from a consumer to its group's coordinator, with its correlation id.
    Request { from: ConsumerId, group: String, request: Request, correlation: u32 },
    /// Send a response from a group's coordinator to a consumer's connection.
    Respond { to: Conn, group: String, response: Response },
    /// Schedule (or move) a deadline.
    Set(Due, Instant),
    /// Cancel a deadline.
    Cancel(Due),
    /// Record an event.
    Emit(SimEvent),
}

/// The effects of one handler call, in order.
#[derive(Debug, Default)]
pub(crate) struct Effects(pub Vec<Effect>);

impl Effects {
    pub fn request(&mut self, from: ConsumerId, group: &str, request: Request, correlation: u32) {
        self.0.push(Effect::Request { from, group: group.into(), request, correlation });
    }

    pub fn respond(&mut self, to: Conn, group: &str, response: Response) {
        self.0.push(Effect::Respond { to, group: group.into(), response });
    }

    pub fn set(&mut self, due: Due, at: Instant) {
        self.0.push(Effect::Set(due, at));
    }

    pub fn cancel(&mut self, due: Due) {
        self.0.push(Effect::Cancel(due));
    }

    pub fn emit(&mut self, event: SimEvent) {
        self.0.push(Effect::Emit(event));
    }
}
