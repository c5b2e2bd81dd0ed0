//! Producers and topics: add, pause, remove and re-rate producers; create topics; follow one key
//! to see that it always lands in the same partition.

use groupsim::partitioner::{key_bytes, partition_for_key};
use groupsim::{Command, KeyMode, MAX_RATE, ProducerConfig, ProducerView};
use yew::prelude::*;

use crate::input::{selected, text_of, whole_number};

/// Props of [`ProducerPanel`].
#[derive(Properties, PartialEq, Debug)]
pub struct ProducerPanelProps {
    /// Every producer, in creation order.
    pub producers: Vec<ProducerView>,
    /// Topics and their partition counts.
    pub topics: Vec<(String, u32)>,
    /// The key being followed.
    pub follow: Option<u32>,
    /// Follow a key (or stop).
    pub on_follow: Callback<Option<u32>>,
    /// Do something to the world.
    pub on_command: Callback<Command>,
}

/// How a key mode reads.
pub fn describe_mode(mode: &KeyMode) -> String {
    match mode {
        KeyMode::Keyed { key_space } => format!("keyed, {key_space} keys (murmur2)"),
        KeyMode::Sticky { batch_records } => format!("null key, sticky ({batch_records}-record batches)"),
        KeyMode::RoundRobin => "round-robin".to_string(),
        KeyMode::Explicit { partition } => format!("always P{partition}"),
    }
}

/// The producers panel.
#[function_component]
pub fn ProducerPanel(props: &ProducerPanelProps) -> Html {
    let rate = use_state(|| "5".to_string());
    let mode = use_state(|| 0usize);
    let keys = use_state(|| "32".to_string());
    let topic_name = use_state(|| "payments".to_string());
    let topic_partitions = use_state(|| "3".to_string());
    let error = use_state(|| None::<String>);
    let topic_index = use_state(|| 0usize);
    let chosen_topic = props.topics.get(*topic_index).or(props.topics.first()).map(|(t, _)| t.clone());
    let add = {
        let (rate, mode, keys, error, on_command) =
            (rate.clone(), *mode, keys.clone(), error.clone(), props.on_command.clone());
        let topic = chosen_topic.unwrap_or_default();
        move |_| {
            let parsed = whole_number(&rate, "The rate", 0, MAX_RATE).and_then(|rate| {
                let key_mode = match mode {
                    0 => KeyMode::Keyed { key_space: whole_number(&keys, "The key space", 1, 1_000_000)? },
                    1 => KeyMode::default(),
                    _ => KeyMode::RoundRobin,
                };
                Ok(ProducerConfig { topic: topic.clone(), rate_per_sec: rate, key_mode })
            });
            match parsed {
                Ok(config) => {
                    error.set(None);
                    on_command.emit(Command::AddProducer { config });
                }
                Err(e) => error.set(Some(e)),
            }
        }
    };
    let create_topic = {
        let (name, partitions, error, on_command) =
            (topic_name.clone(), topic_partitions.clone(), error.clone(), props.on_command.clone());
        move |_| match whole_number(&partitions, "The partition count", 1, 64) {
            Ok(partitions) => {
                error.set(None);
                on_command.emit(Command::CreateTopic { topic: name.trim().to_string(), partitions });
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let on_follow_input = {
        let on_follow = props.on_follow.clone();
        move |e: InputEvent| on_follow.emit(text_of(&e).trim().parse::<u32>().ok())
    };
    let setter = |state: &UseStateHandle<String>| {
        let state = state.clone();
        move |e: InputEvent| state.set(text_of(&e))
    };
    let on_mode = {
        let mode = mode.clone();
        move |e: Event| {
            mode.set(selected(&e).unwrap_or(0));
        }
    };
    let followed = props.follow.map(|k| {
        let bytes = key_bytes(k);
        let places: Vec<String> =
            props.topics.iter().map(|(t, n)| format!("{t}-{}", partition_for_key(&bytes, *n))).collect();
        format!("key-{k} → {} (murmur2 of the key, mod the partition count)", places.join(", "))
    });
    html! {
        <section class="producers" data-spot="producers" aria-label="Producers">
            <h2>{ "Producers" }</h2>
            <ul>
                { for props.producers.iter().filter(|p| !p.removed).map(|p| {
                    let id = p.id.0;
                    let act = |command: Command| { let c = props.on_command.clone(); move |_| c.emit(command.clone()) };
                    html! {
                        <li class="producer">
                            <strong>{ p.id.to_string() }</strong>
                            { format!(" → {} · {}/s · {}", p.topic, p.rate_per_sec, describe_mode(&p.key_mode)) }
                            if p.paused { <span class="muted">{ " · paused" }</span> }
                            <span class="producer-actions">
                                <button aria-label={format!("½× rate of {}", p.id)} title="Halve the rate"
                                    onclick={act(Command::SetProducerRate { producer: id, rate_per_sec: p.rate_per_sec / 2 })}>{ "½×" }</button>
                                <button aria-label={format!("2× rate of {}", p.id)} title="Double the rate"
                                    onclick={act(Command::SetProducerRate { producer: id, rate_per_sec: (p.rate_per_sec.max(1) * 2).min(MAX_RATE) })}>{ "2×" }</button>
                                <button aria-label={format!("{} {}", if p.paused { "Resume" } else { "Pause" }, p.id)}
                                    onclick={act(Command::PauseProducer { producer: id, paused: !p.paused })}>
                                    { if p.paused { "Resume" } else { "Pause" } }
                                </button>
                                <button aria-label={format!("Remove {}", p.id)} onclick={act(Command::RemoveProducer { producer: id })}>{ "Remove" }</button>
                            </span>
                        </li>
                    }
                }) }
            </ul>
            <div class="form-row">
                if props.topics.len() > 1 {
                    <select aria-label="Producer topic" onchange={{
                        let topic_index = topic_index.clone();
                        move |e: Event| topic_index.set(selected(&e).unwrap_or(0))
                    }}>
                        { for props.topics.iter().enumerate().map(|(i, (t, _))| html! {
                            <option value={i.to_string()} selected={i == *topic_index}>{ t }</option>
                        }) }
                    </select>
                }
                <label>{ "rate/s " }<input type="text" inputmode="numeric" size="4" aria-label="Producer rate" value={(*rate).clone()} oninput={setter(&rate)} /></label>
                <select aria-label="Key mode" onchange={on_mode}>
                    <option value="0" selected={*mode == 0}>{ "keyed" }</option>
                    <option value="1" selected={*mode == 1}>{ "null key (sticky)" }</option>
                    <option value="2" selected={*mode == 2}>{ "round-robin" }</option>
                </select>
                if *mode == 0 {
                    <label>{ "keys " }<input type="text" inputmode="numeric" size="4" aria-label="Key space" value={(*keys).clone()} oninput={setter(&keys)} /></label>
                }
                <button aria-label="Add producer" onclick={add}>{ "Add producer" }</button>
            </div>
            <div class="form-row">
                <input type="text" size="10" aria-label="New topic name" value={(*topic_name).clone()} oninput={setter(&topic_name)} />
                <label>{ "partitions " }<input type="text" inputmode="numeric" size="3" aria-label="New topic partitions" value={(*topic_partitions).clone()} oninput={setter(&topic_partitions)} /></label>
                <button aria-label="Create topic" onclick={create_topic}>{ "Create topic" }</button>
            </div>
            if let Some(e) = &*error { <p class="inline-error" role="alert">{ e }</p> }
            <div class="form-row">
                <label>{ "follow key " }<input type="text" inputmode="numeric" size="4" aria-label="Follow key"
                    placeholder="7" value={props.follow.map(|k| k.to_string()).unwrap_or_default()} oninput={on_follow_input} /></label>
                if let Some(text) = followed { <span class="follow-result">{ text }</span> }
            </div>
        </section>
    }
}
