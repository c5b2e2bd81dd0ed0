//! What a lesson step waits for ([`Wait`]): the learner's command, an event of the world, or
//! virtual time passing.

use groupsim::{Command, SimEvent};

use super::format::Wait;

/// The events a step can wait for, by the names docs/lessons.md gives them.
pub const EVENTS: [&str; 16] = [
    "consumer-added",
    "consumer-closed",
    "consumer-killed",
    "consumer-restarted",
    "poll-timeout",
    "group-state-changed",
    "rebalance-started",
    "rebalance-completed",
    "member-removed",
    "static-member-replaced",
    "partitions-revoked",
    "partitions-lost",
    "partitions-assigned",
    "committed",
    "duplicate",
    "request-timed-out",
];

/// The group states, as Kafka names them.
const STATES: [&str; 5] = ["Empty", "PreparingRebalance", "CompletingRebalance", "Stable", "Dead"];

/// Says what is wrong with a wait, if anything.
pub fn check(wait: &Wait) -> Result<(), String> {
    let given = [wait.act.is_some(), wait.event.is_some(), wait.seconds.is_some()];
    if given.iter().filter(|&&g| g).count() != 1 {
        return Err("give exactly one of \"act\", \"event\" and \"seconds\"".into());
    }
    if let Some(act) = &wait.act
        && !Command::NAMES.contains(&act.as_str())
    {
        return Err(format!("act: `{act}` is not a command; one of {}", Command::NAMES.join(", ")));
    }
    if let Some(event) = &wait.event
        && !EVENTS.contains(&event.as_str())
    {
        return Err(format!("event: no event is called `{event}`; one of {}", EVENTS.join(", ")));
    }
    if wait.state.is_some() && wait.event.as_deref() != Some("group-state-changed") {
        return Err("state: only a `group-state-changed` event has a state".into());
    }
    if let Some(state) = &wait.state
        && !STATES.contains(&state.as_str())
    {
        return Err(format!("state: no group state is called `{state}`; one of {}", STATES.join(", ")));
    }
    if let Some(consumer) = &wait.consumer {
        consumer_number(consumer).map_err(|e| format!("consumer: {e}"))?;
    }
    Ok(())
}

/// `consumer-2` → 1 (the index commands use); anything else says what a name looks like.
pub fn consumer_number(name: &str) -> Result<u32, String> {
    name.strip_prefix("consumer-")
        .and_then(|n| n.parse::<u32>().ok())
        .filter(|&n| n > 0)
        .map(|n| n - 1)
        .ok_or_else(|| format!("`{name}` is not a consumer's name (those are consumer-1, consumer-2, …)"))
}

/// Whether the learner's `command` is what `wait` waits for.
pub fn acted(wait: &Wait, command: &Command) -> bool {
    let Some(act) = &wait.act else { return false };
    if command.name() != act {
        return false;
    }
    if let (Some(group), Command::AddConsumer { config }) = (&wait.group, command)
        && &config.group_id != group
    {
        return false;
    }
    match (&wait.consumer, command.consumer()) {
        (Some(name), Some(consumer)) => consumer_number(name) == Ok(consumer),
        (Some(_), None) => false,
        (None, _) => true,
    }
}

/// Whether `event` is what `wait` waits for.
pub fn happened(wait: &Wait, event: &SimEvent) -> bool {
    let Some(wanted) = &wait.event else { return false };
    let Some((name, group, consumer)) = describe(event) else { return false };
    if name != wanted {
        return false;
    }
    if let (Some(want), Some(group)) = (&wait.group, group)
        && want != group
    {
        return false;
    }
    if let Some(want) = &wait.consumer {
        match consumer {
            Some(c) if consumer_number(want) == Ok(c) => {}
            _ => return false,
        }
    }
    match (&wait.state, event) {
        (Some(state), SimEvent::GroupStateChanged { to, .. }) => to.to_string() == *state,
        _ => true,
    }
}

/// An event's name, group and consumer (the index), for the events a step can wait for.
fn describe(event: &SimEvent) -> Option<(&'static str, Option<&str>, Option<u32>)> {
    use SimEvent as E;
    Some(match event {
        E::ConsumerAdded { consumer, group, .. } => {
            ("consumer-added", Some(group.as_str()), Some(consumer.0))
        }
        E::ConsumerClosed { consumer } => ("consumer-closed", None, Some(consumer.0)),
        E::ConsumerKilled { consumer, .. } => ("consumer-killed", None, Some(consumer.0)),
        E::ConsumerRestarted { consumer } => ("consumer-restarted", None, Some(consumer.0)),
        E::PollTimeout { consumer } => ("poll-timeout", None, Some(consumer.0)),
        E::GroupStateChanged { group, .. } => ("group-state-changed", Some(group.as_str()), None),
        E::RebalanceStarted { group, .. } => ("rebalance-started", Some(group.as_str()), None),
        E::RebalanceCompleted { group, .. } => ("rebalance-completed", Some(group.as_str()), None),
        E::MemberRemoved { group, consumer, .. } => {
            ("member-removed", Some(group.as_str()), Some(consumer.0))
        }
        E::StaticMemberReplaced { group, consumer, .. } => {
            ("static-member-replaced", Some(group.as_str()), Some(consumer.0))
        }
        E::PartitionsRevoked { consumer, .. } => ("partitions-revoked", None, Some(consumer.0)),
        E::PartitionsLost { consumer, .. } => ("partitions-lost", None, Some(consumer.0)),
        E::PartitionsAssigned { consumer, .. } => ("partitions-assigned", None, Some(consumer.0)),
        E::Committed { group, consumer, .. } => ("committed", Some(group.as_str()), Some(consumer.0)),
        E::Duplicate { group, again, .. } => ("duplicate", Some(group.as_str()), Some(again.0)),
        E::RequestTimedOut { consumer, .. } => ("request-timed-out", None, Some(consumer.0)),
        _ => return None,
    })
}
