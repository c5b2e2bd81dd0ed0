//! The lower panel: the event log, the `kafka-consumer-groups.sh` views, lag over time, the
//! records processed twice and the invariants, one tab at a time.

use std::collections::VecDeque;

use groupsim::{GroupView, Invariant, Violation};
use yew::prelude::*;

use super::part::{Local, Part, memo};
use super::{EventLog, LagChartProps, lag_chart, ops_table};
use crate::i18n::kafka::invariant_statement;
use crate::lang::Lang;
use crate::observed::{LagSample, Log};
use crate::ops;
use crate::shared::Shared;

/// The tabbed panel; it keeps the tab chosen.
#[derive(PartialEq, Debug)]
pub struct Details {
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
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

    fn label(self, lang: Lang) -> &'static str {
        match self {
            Tab::Log => lang.pick("Event log", "事件日志"),
            Tab::Describe => "--describe",
            Tab::Members => "--members",
            Tab::State => "--state",
            Tab::Lag => lang.pick("Lag", "积压"),
            Tab::Duplicates => lang.pick("Processed twice", "重复处理"),
            Tab::Invariants => lang.pick("Invariants", "不变式"),
        }
    }
}

impl Part for Details {
    type State = Tab;

    fn draw(&self, lang: Lang, tab: &Local<Tab>) -> Html {
        details(self, lang, tab)
    }
}

fn details(props: &Details, lang: Lang, chosen: &Local<Tab>) -> Html {
    let tab = chosen.get();
    let cli = |option: &str, g: &GroupView| {
        format!(
            "kafka-consumer-groups.sh --bootstrap-server broker-0:9092 --describe --group {}{option}",
            g.id
        )
    };
    let body = match tab {
        Tab::Log => memo(EventLog { log: props.log.clone() }),
        Tab::Describe => html! { <>{ for props.groups.iter().map(|g| html! {
            { ops_table(&cli("", g), &ops::offsets(g)) }
        }) }</> },
        Tab::Members => html! { <>{ for props.groups.iter().map(|g| html! {
            { ops_table(&cli(" --members --verbose", g), &ops::members(g)) }
        }) }</> },
        Tab::State => html! { <>{ for props.groups.iter().map(|g| html! {
            { ops_table(&cli(if groupsim::CONSUMER_PROTOCOL && g.consumer_protocol.is_some() { " --state --verbose" } else { " --state" }, g), &ops::state(g)) }
        }) }</> },
        Tab::Lag => lag_chart(lang, &LagChartProps { samples: props.lag.clone() }),
        Tab::Duplicates => html! {
            <section class="duplicates" aria-label={lang.pick("Duplicates", "重复处理")}>
                <h2>{ format!("{}{}", lang.pick("Processed twice: ", "重复处理："), props.duplicate_count) }</h2>
                if props.duplicates.is_empty() {
                    <p class="muted">{ lang.pick("No record has been processed twice. Kill a consumer between two commits to see some.", "还没有消息被处理两次。在两次提交之间杀掉一个消费者，就能看到。") }</p>
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
                            <strong>{ if broken.is_empty() { lang.pick("✓ always: ", "✓ 始终成立：") } else { lang.pick("✗ broken: ", "✗ 被打破：") } }</strong>
                            { invariant_statement(inv, lang) }
                            { for broken.iter().take(3).map(|v| {
                                let (on_seek, at) = (props.on_seek.clone(), v.at.as_millis());
                                html! { <div class="violation">
                                    <button onclick={move |_| on_seek.emit(at)}>{ format!("{} {}", lang.pick("go to", "跳到"), v.at) }</button>
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
        <section class="details" data-spot="details" aria-label={lang.pick("Details", "详情")}>
            <div class="tabs" role="tablist">
                { for Tab::ALL.iter().map(|&t| {
                    let select = { let chosen = chosen.clone(); move |_| chosen.update(|tab| *tab = t) };
                    let label = match t {
                        Tab::Duplicates => format!("{} ({})", t.label(lang), props.duplicate_count),
                        Tab::Invariants if !props.violations.is_empty() => format!("{} ✗", t.label(lang)),
                        _ => t.label(lang).to_string(),
                    };
                    html! {
                        <button role="tab" data-spot={format!("tab:{}", t.spot())} aria-selected={(tab == t).to_string()} onclick={select}>{ label }</button>
                    }
                }) }
            </div>
            <div class="tab-body" role="tabpanel">{ body }</div>
        </section>
    }
}
