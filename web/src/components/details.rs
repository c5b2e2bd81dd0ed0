//! The lower panel: the event log, the `kafka-consumer-groups.sh` views, lag over time, the
//! records processed twice and the invariants, one tab at a time.

use std::collections::VecDeque;

use groupsim::{GroupView, Invariant, Violation};
use yew::prelude::*;

use super::{EventLog, LagChart, OpsTable};
use crate::observed::{LagSample, Log};
use crate::ops;
use crate::shared::Shared;

/// Props of [`Details`].
#[derive(Properties, PartialEq, Debug)]
pub struct DetailsProps {
    /// Every group.
    pub groups: Vec<GroupView>,
    /// The event log.
    pub log: Shared<Log>,
    /// Lag samples.
    pub lag: Shared<VecDeque<LagSample>>,
    /// Every violation so far.
    pub violations: Vec<Violation>,
    /// The newest re-processed records, oldest first.
    pub duplicates: Vec<String>,
    /// How many records were processed twice in all.
    pub duplicate_count: u64,
    /// Go to a moment (ms).
    pub on_seek: Callback<u64>,
}

/// The tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Log,
    Describe,
    Members,
    State,
    Lag,
    Duplicates,
    Invariants,
}

impl Tab {
    const ALL: [Tab; 7] =
        [Tab::Log, Tab::Describe, Tab::Members, Tab::State, Tab::Lag, Tab::Duplicates, Tab::Invariants];

    /// Its name as a lesson points at it (`tab:describe`).
    fn spot(self) -> &'static str {
        match self {
            Tab::Log => "log",
            Tab::Describe => "describe",
            Tab::Members => "members",
            Tab::State => "state",
            Tab::Lag => "lag",
            Tab::Duplicates => "duplicates",
            Tab::Invariants => "invariants",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Tab::Log => "Event log",
            Tab::Describe => "--describe",
            Tab::Members => "--members",
            Tab::State => "--state",
            Tab::Lag => "Lag",
            Tab::Duplicates => "Processed twice",
            Tab::Invariants => "Invariants",
        }
    }
}

/// The tabbed panel.
#[function_component]
pub fn Details(props: &DetailsProps) -> Html {
    let tab = use_state(|| Tab::Log);
    let cli = |option: &str, g: &GroupView| {
        format!(
            "kafka-consumer-groups.sh --bootstrap-server broker-0:9092 --describe --group {}{option}",
            g.id
        )
    };
    let body = match *tab {
        Tab::Log => html! { <EventLog log={props.log.clone()} /> },
        Tab::Describe => html! { <>{ for props.groups.iter().map(|g| html! {
            <OpsTable command={cli("", g)} printed={ops::offsets(g)} />
        }) }</> },
        Tab::Members => html! { <>{ for props.groups.iter().map(|g| html! {
            <OpsTable command={cli(" --members --verbose", g)} printed={ops::members(g)} />
        }) }</> },
        Tab::State => html! { <>{ for props.groups.iter().map(|g| html! {
            <OpsTable command={cli(" --state", g)} printed={ops::state(g)} />
        }) }</> },
        Tab::Lag => html! { <LagChart samples={props.lag.clone()} /> },
        Tab::Duplicates => html! {
            <section class="duplicates" aria-label="Duplicates">
                <h2>{ format!("Processed twice: {}", props.duplicate_count) }</h2>
                if props.duplicates.is_empty() {
                    <p class="muted">{ "No record has been processed twice. Kill a consumer between two commits to see some." }</p>
                } else {
                    <ul>{ for props.duplicates.iter().rev().map(|d| html! { <li>{ d }</li> }) }</ul>
                }
            </section>
        },
        Tab::Invariants => html! {
            <ul class="invariant-list">
                { for Invariant::ALL.iter().map(|&inv| {
                    let broken: Vec<&Violation> = props.violations.iter().filter(|v| v.invariant == inv).collect();
                    html! {
                        <li class={if broken.is_empty() { "ok" } else { "broken" }}>
                            <strong>{ if broken.is_empty() { "✓ always: " } else { "✗ broken: " } }</strong>
                            { inv.statement() }
                            { for broken.iter().take(3).map(|v| {
                                let (on_seek, at) = (props.on_seek.clone(), v.at.as_millis());
                                html! { <div class="violation">
                                    <button onclick={move |_| on_seek.emit(at)}>{ format!("go to {}", v.at) }</button>
                                    { format!(" {}", v.detail) }
                                </div> }
                            }) }
                        </li>
                    }
                }) }
            </ul>
        },
    };
    html! {
        <section class="details" data-spot="details" aria-label="Details">
            <div class="tabs" role="tablist">
                { for Tab::ALL.iter().map(|&t| {
                    let select = { let tab = tab.clone(); move |_| tab.set(t) };
                    let label = match t {
                        Tab::Duplicates => format!("{} ({})", t.label(), props.duplicate_count),
                        Tab::Invariants if !props.violations.is_empty() => format!("{} ✗", t.label()),
                        _ => t.label().to_string(),
                    };
                    html! {
                        <button role="tab" data-spot={format!("tab:{}", t.spot())} aria-selected={(*tab == t).to_string()} onclick={select}>{ label }</button>
                    }
                }) }
            </div>
            <div class="tab-body" role="tabpanel">{ body }</div>
        </section>
    }
}
