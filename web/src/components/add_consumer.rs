//! "Add consumer" with its settings: assignment strategy, static membership, commit mode and
//! processing speed. Defaults are Kafka's.

use groupsim::assignor::AssignorName;
use groupsim::{Command, CommitMode};
use yew::prelude::*;

use crate::input::{checked, selected, text_of, whole_number};
use crate::world;

/// The `partition.assignment.strategy` lists offered, Kafka's default first.
pub const STRATEGIES: [(&str, &[AssignorName]); 5] = [
    (
        "range, cooperative-sticky (Kafka's default: eager range)",
        &[AssignorName::Range, AssignorName::CooperativeSticky],
    ),
    ("range", &[AssignorName::Range]),
    ("roundrobin", &[AssignorName::RoundRobin]),
    ("sticky", &[AssignorName::Sticky]),
    ("cooperative-sticky (cooperative rebalancing)", &[AssignorName::CooperativeSticky]),
];

/// Props of [`AddConsumer`].
#[derive(Properties, PartialEq, Debug)]
pub struct AddConsumerProps {
    /// How many consumers exist (the next static instance id is numbered after them).
    pub existing: usize,
    /// The group the consumer joins.
    pub group: String,
    /// The topics it may subscribe to.
    pub topics: Vec<String>,
    /// Do something to the world.
    pub on_command: Callback<Command>,
}

/// "Add consumer" for the page's first group, "Add consumer to group-b" for another.
pub fn add_label(group: &str) -> String {
    if group == world::GROUP { "Add consumer".into() } else { format!("Add consumer to {group}") }
}

/// The add-consumer button and its settings.
#[function_component]
pub fn AddConsumer(props: &AddConsumerProps) -> Html {
    let strategy = use_state(|| 0usize);
    let is_static = use_state(|| false);
    let after_processing = use_state(|| false);
    let processing_ms = use_state(|| 10u64);
    let session_ms = use_state(|| "45000".to_string());
    let poll_ms = use_state(|| "300000".to_string());
    // Index into the topics, or `topics.len()` for all of them.
    let subscription = use_state(|| 0usize);
    let error = use_state(|| None::<String>);
    let add = {
        let (strategy, is_static, after, ms) = (*strategy, *is_static, *after_processing, *processing_ms);
        let (session_ms, poll_ms, error) = (session_ms.clone(), poll_ms.clone(), error.clone());
        let on_command = props.on_command.clone();
        let next = props.existing + 1;
        let group = props.group.clone();
        let topics = match props.topics.get(*subscription) {
            Some(topic) => vec![topic.clone()],
            None => props.topics.clone(),
        };
        move |_| {
            // Milliseconds, up to an hour.
            let timeout = |text: &str, name| whole_number(text, name, 1u64, 3_600_000);
            let timeouts = timeout(&session_ms, "session.timeout.ms")
                .and_then(|s| Ok((s, timeout(&poll_ms, "max.poll.interval.ms")?)));
            let (session, poll) = match timeouts {
                Ok(t) => t,
                Err(e) => return error.set(Some(e)),
            };
            let mut config = world::consumer();
            if session <= config.heartbeat_interval_ms {
                return error.set(Some(format!(
                    "session.timeout.ms must be larger than heartbeat.interval.ms ({} ms)",
                    config.heartbeat_interval_ms
                )));
            }
            error.set(None);
            config.group_id = group.clone();
            config.topics = topics.clone();
            config.session_timeout_ms = session;
            config.max_poll_interval_ms = poll;
            config.assignors = STRATEGIES[strategy].1.to_vec();
            config.instance_id = is_static.then(|| format!("instance-{next}"));
            if after {
                config.commit = CommitMode::AfterProcessing;
            }
            config.processing_ms_per_record = ms;
            on_command.emit(Command::AddConsumer { config });
        }
    };
    let text_setter = |state: &UseStateHandle<String>| {
        let state = state.clone();
        move |e: InputEvent| state.set(text_of(&e))
    };
    let on_subscription = {
        let subscription = subscription.clone();
        move |e: Event| subscription.set(selected(&e).unwrap_or(0))
    };
    let on_strategy = {
        let strategy = strategy.clone();
        move |e: Event| strategy.set(selected(&e).unwrap_or(0))
    };
    let on_commit = {
        let after_processing = after_processing.clone();
        move |e: Event| after_processing.set(selected(&e) == Some(1))
    };
    let on_static = {
        let is_static = is_static.clone();
        move |e: Event| is_static.set(checked(&e))
    };
    let on_speed = {
        let processing_ms = processing_ms.clone();
        move |e: Event| processing_ms.set(selected(&e).map_or(10, |i| [1, 10, 50, 200][i.min(3)]))
    };
    html! {
        <div class="add-consumer">
            <button class="add" data-spot={format!("add-consumer:{}", props.group)} aria-label={add_label(&props.group)} onclick={add}>{ "+ Add consumer" }</button>
            if let Some(e) = &*error { <p class="inline-error" role="alert">{ e }</p> }
            <details>
                <summary>{ "settings for the next consumer" }</summary>
                <label>{ "partition.assignment.strategy" }
                    <select aria-label="Assignment strategy" onchange={on_strategy}>
                        { for STRATEGIES.iter().enumerate().map(|(i, (name, _))| html! {
                            <option value={i.to_string()} selected={i == *strategy}>{ *name }</option>
                        }) }
                    </select>
                </label>
                <label>{ "commits" }
                    <select aria-label="Commit mode" onchange={on_commit}>
                        <option value="0" selected={!*after_processing}>{ "auto-commit every 5 s" }</option>
                        <option value="1" selected={*after_processing}>{ "commitSync after each batch" }</option>
                    </select>
                </label>
                <label>{ "processing" }
                    <select aria-label="Processing time per record" onchange={on_speed}>
                        { for [1u64, 10, 50, 200].iter().enumerate().map(|(i, ms)| html! {
                            <option value={i.to_string()} selected={*ms == *processing_ms}>{ format!("{ms} ms per record") }</option>
                        }) }
                    </select>
                </label>
                <label>{ "subscribe to" }
                    <select aria-label="Subscription" onchange={on_subscription}>
                        { for props.topics.iter().enumerate().map(|(i, t)| html! {
                            <option value={i.to_string()} selected={i == *subscription}>{ t }</option>
                        }) }
                        if props.topics.len() > 1 {
                            <option value={props.topics.len().to_string()} selected={*subscription == props.topics.len()}>{ "all topics" }</option>
                        }
                    </select>
                </label>
                <label>{ "session.timeout.ms" }
                    <input type="text" inputmode="numeric" size="7" aria-label="Session timeout (ms)"
                        value={(*session_ms).clone()} oninput={text_setter(&session_ms)} />
                </label>
                <label>{ "max.poll.interval.ms" }
                    <input type="text" inputmode="numeric" size="7" aria-label="Max poll interval (ms)"
                        value={(*poll_ms).clone()} oninput={text_setter(&poll_ms)} />
                </label>
                <label class="check">
                    <input type="checkbox" aria-label="Static member" checked={*is_static} onchange={on_static} />
                    { format!("static (group.instance.id = instance-{})", props.existing + 1) }
                </label>
            </details>
        </div>
    }
}
