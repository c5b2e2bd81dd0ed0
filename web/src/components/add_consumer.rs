//! "Add consumer" with its settings: assignment strategy, static membership, commit mode and
//! processing speed. Defaults are Kafka's.

use groupsim::assignor::AssignorName;
use groupsim::{Command, CommitMode};
use yew::prelude::*;

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
    /// Do something to the world.
    pub on_command: Callback<Command>,
}

fn selected(e: &Event) -> Option<usize> {
    e.target_dyn_into::<web_sys::HtmlSelectElement>().and_then(|s| s.value().parse().ok())
}

/// The add-consumer button and its settings.
#[function_component]
pub fn AddConsumer(props: &AddConsumerProps) -> Html {
    let strategy = use_state(|| 0usize);
    let is_static = use_state(|| false);
    let after_processing = use_state(|| false);
    let processing_ms = use_state(|| 10u64);
    let add = {
        let (strategy, is_static, after, ms) = (*strategy, *is_static, *after_processing, *processing_ms);
        let on_command = props.on_command.clone();
        let next = props.existing + 1;
        move |_| {
            let mut config = world::consumer();
            config.assignors = STRATEGIES[strategy].1.to_vec();
            config.instance_id = is_static.then(|| format!("instance-{next}"));
            if after {
                config.commit = CommitMode::AfterProcessing;
            }
            config.processing_ms_per_record = ms;
            on_command.emit(Command::AddConsumer { config });
        }
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
        move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                is_static.set(input.checked());
            }
        }
    };
    let on_speed = {
        let processing_ms = processing_ms.clone();
        move |e: Event| processing_ms.set(selected(&e).map_or(10, |i| [1, 10, 50, 200][i.min(3)]))
    };
    html! {
        <div class="add-consumer">
            <button class="add" aria-label="Add consumer" onclick={add}>{ "+ Add consumer" }</button>
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
                <label class="check">
                    <input type="checkbox" aria-label="Static member" checked={*is_static} onchange={on_static} />
                    { format!("static (group.instance.id = instance-{})", props.existing + 1) }
                </label>
            </details>
        </div>
    }
}
