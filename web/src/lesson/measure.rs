//! The right answer to a lesson's question, measured on the world when the learner answers
//! ([`Answer`]): the page shows the same thing, so looking is how to answer.

use groupsim::partitioner::{key_bytes, partition_for_key};
use groupsim::{GroupView, SimView};

use super::format::Answer;
use super::watch::consumer_number;

/// What can be measured, by the names docs/lessons.md gives them.
pub const MEASURES: [&str; 12] = [
    "duplicates",
    "members",
    "idle-consumers",
    "generation",
    "state",
    "rebalances",
    "stopped",
    "lag",
    "owner",
    "committed",
    "partitions-of",
    "partition-of-key",
];

/// Says what is wrong with an answer's measure, if anything.
pub fn check(answer: &Answer) -> Result<(), String> {
    let m = answer.measure.as_str();
    if !MEASURES.contains(&m) {
        return Err(format!("measure: nothing is measured as `{m}`; one of {}", MEASURES.join(", ")));
    }
    let needs = |field: &str, given: bool| {
        if given { Ok(()) } else { Err(format!("measure `{m}` needs \"{field}\"")) }
    };
    match m {
        "owner" | "committed" => needs("partition", answer.partition.is_some())?,
        "partitions-of" => needs("consumer", answer.consumer.is_some())?,
        "partition-of-key" => needs("key", answer.key.is_some())?,
        _ => {}
    }
    if let Some(consumer) = &answer.consumer {
        consumer_number(consumer).map_err(|e| format!("consumer: {e}"))?;
    }
    if let Some(partition) = &answer.partition {
        split_partition(partition).ok_or_else(|| {
            format!(
                "partition: `{partition}` is not a partition's name (a topic, a dash, a number: orders-2)"
            )
        })?;
    }
    Ok(())
}

/// `orders-2` → (`orders`, 2).
fn split_partition(name: &str) -> Option<(&str, u32)> {
    let (topic, n) = name.rsplit_once('-')?;
    Some((topic, n.parse().ok()?)).filter(|(t, _)| !t.is_empty())
}

/// The right answer now, as the page would show it; an error when the world has no such thing
/// (the lesson names a group or partition that is not there).
pub fn measure(answer: &Answer, view: &SimView, duplicates: u64) -> Result<String, String> {
    let group = || -> Result<&GroupView, String> {
        match &answer.group {
            Some(id) => {
                view.groups.iter().find(|g| &g.id == id).ok_or_else(|| format!("group: no group `{id}`"))
            }
            None => view.groups.first().ok_or_else(|| "group: the world has no group".to_string()),
        }
    };
    let partition = || -> Result<(&str, u32), String> {
        let name = answer.partition.as_deref().unwrap_or_default();
        split_partition(name).ok_or_else(|| format!("partition: `{name}` is not a partition"))
    };
    Ok(match answer.measure.as_str() {
        "duplicates" => duplicates.to_string(),
        "members" => group()?.members.len().to_string(),
        "idle-consumers" => group()?.members.iter().filter(|m| m.assignment.is_empty()).count().to_string(),
        "generation" => group()?.generation.to_string(),
        "state" => group()?.state.to_string(),
        "rebalances" => group()?.rebalances.len().to_string(),
        "stopped" => {
            let last = group()?.rebalances.last().ok_or("the group has not rebalanced yet")?;
            last.stopped.iter().filter(|(_, d)| d.as_millis() > 0).count().to_string()
        }
        "lag" => group()?.total_lag.to_string(),
        "owner" => {
            let (topic, p) = partition()?;
            let owner = group()?
                .members
                .iter()
                .find(|m| m.assignment.iter().any(|tp| tp.topic == topic && tp.partition == p));
            owner.map_or_else(|| "none".to_string(), |m| m.client_id.clone())
        }
        "committed" => {
            let (topic, p) = partition()?;
            let row = group()?.describe.iter().find(|r| r.topic == topic && r.partition == p);
            row.and_then(|r| r.current_offset).map_or_else(|| "-".to_string(), |o| o.to_string())
        }
        "partitions-of" => {
            let name = answer.consumer.as_deref().unwrap_or_default();
            let n = consumer_number(name)?;
            let c =
                view.consumers.iter().find(|c| c.id.0 == n).ok_or_else(|| format!("consumer: no {name}"))?;
            c.assignment.len().to_string()
        }
        "partition-of-key" => {
            let topic = view.topics.first().ok_or("the world has no topic")?;
            let key = answer.key.unwrap_or_default();
            partition_for_key(&key_bytes(key), topic.partitions.len() as u32).to_string()
        }
        other => return Err(format!("measure: nothing is measured as `{other}`")),
    })
}

/// Whether the learner's answer is the measured one (spaces and case do not matter).
pub fn is_right(given: &str, measured: &str) -> bool {
    given.trim().eq_ignore_ascii_case(measured.trim())
}
