//! The event log: newest first, filtered by kind and by text.

use std::collections::VecDeque;
use std::rc::Rc;

use yew::prelude::*;

use crate::observed::{Kind, LogLine};

/// How many matching lines are drawn.
const SHOWN: usize = 120;

/// Props of [`EventLog`].
#[derive(Properties, PartialEq, Debug)]
pub struct EventLogProps {
    /// The kept lines, oldest first.
    pub lines: Rc<VecDeque<LogLine>>,
}

/// The filterable log.
#[function_component]
pub fn EventLog(props: &EventLogProps) -> Html {
    // The kinds shown, one bit per kind.
    let kinds =
        use_state(|| Kind::ALL.into_iter().filter(|k| k.shown_by_default()).fold(0u8, |m, k| m | k.bit()));
    let text = use_state(String::new);
    let needle = text.to_lowercase();
    let shown: Vec<&LogLine> = props
        .lines
        .iter()
        .rev()
        .filter(|l| {
            *kinds & l.kind.bit() != 0 && (needle.is_empty() || l.text.to_lowercase().contains(&needle))
        })
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
                { for shown.iter().map(|l| html! {
                    <li class={classes!("log-line", format!("kind-{}", l.kind.label()))}>
                        <time>{ l.at.to_string() }</time>
                        <span>{ &l.text }</span>
                        if l.repeats > 1 { <span class="repeats">{ format!(" ×{}", l.repeats) }</span> }
                    </li>
                }) }
                if shown.is_empty() { <li class="muted">{ "Nothing matches the filter yet." }</li> }
            </ol>
        </div>
    }
}
