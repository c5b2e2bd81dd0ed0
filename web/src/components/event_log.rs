//! The event log: newest first, filtered by kind and by text.

use yew::prelude::*;

use crate::observed::{Kind, Log};
use crate::shared::Shared;

/// How many matching lines are drawn.
const SHOWN: usize = 120;

/// Props of [`EventLog`].
#[derive(Properties, PartialEq, Debug)]
pub struct EventLogProps {
    /// The log.
    pub log: Shared<Log>,
}

/// The filterable log.
#[function_component]
pub fn EventLog(props: &EventLogProps) -> Html {
    // The kinds shown, one bit per kind.
    let kinds =
        use_state(|| Kind::ALL.into_iter().filter(|k| k.shown_by_default()).fold(0u8, |m, k| m | k.bit()));
    let text = use_state(String::new);
    // ASCII case folding: the Unicode tables would add kilobytes to the download.
    let needle = text.to_ascii_lowercase();
    let shown: Vec<(&crate::observed::LogLine, String)> = props
        .log
        .newest(*kinds)
        .map(|l| (l, l.event.to_string()))
        .filter(|(_, text)| needle.is_empty() || text.to_ascii_lowercase().contains(&needle))
        .take(SHOWN)
        .collect();
    let on_text = {
        let text = text.clone();
        move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                text.set(input.value());
            }
        }
    };
    html! {
        <div class="event-log">
            <div class="log-filter" role="group" aria-label="Filter the log">
                { for Kind::ALL.iter().map(|&kind| {
                    let kinds = kinds.clone();
                    let checked = *kinds & kind.bit() != 0;
                    let toggle = move |_| kinds.set(*kinds ^ kind.bit());
                    html! {
                        <label class={classes!("kind", format!("kind-{}", kind.label()))}>
                            <input type="checkbox" checked={checked} onchange={toggle}
                                aria-label={format!("Show {}", kind.label())} />
                            { kind.label() }
                        </label>
                    }
                }) }
                <input type="search" placeholder="filter: consumer-2, JoinGroup, P3…" aria-label="Filter text"
                    value={(*text).clone()} oninput={on_text} />
            </div>
            <ol class="log-lines" aria-live="off">
                { for shown.iter().map(|(l, text)| html! {
                    <li class={classes!("log-line", format!("kind-{}", l.kind.label()))}>
                        <time>{ l.at.to_string() }</time>
                        <span>{ text }</span>
                        if l.repeats > 1 { <span class="repeats">{ format!(" ×{}", l.repeats) }</span> }
                    </li>
                }) }
                if shown.is_empty() { <li class="muted">{ "Nothing matches the filter yet." }</li> }
            </ol>
        </div>
    }
}
