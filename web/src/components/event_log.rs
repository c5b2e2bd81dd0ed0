//! The event log: newest first, filtered by kind and by text. Every kept line can be scrolled
//! to, and only the lines in view are drawn (see [`crate::scroll_window`]).

use yew::prelude::*;
use yew::virtual_dom::VText;

use crate::lang::use_lang;
use crate::observed::{Kind, Log, LogLine};
use crate::scroll_window::{Rows, use_scroll_window};
use crate::shared::Shared;

/// Lines of one fixed height (long ones end in an ellipsis; the full text is their title),
/// twelve in view.
const LINES: Rows = Rows { height_px: 18, gap_px: 0, in_view: 12 };

/// Props of [`EventLog`].
#[derive(Properties, PartialEq, Debug)]
pub struct EventLogProps {
    /// The log.
    pub log: Shared<Log>,
}

/// The filterable log.
#[function_component]
pub fn EventLog(props: &EventLogProps) -> Html {
    let lang = use_lang();
    // The kinds shown, one bit per kind.
    let kinds =
        use_state(|| Kind::ALL.into_iter().filter(|k| k.shown_by_default()).fold(0u8, |m, k| m | k.bit()));
    let text = use_state(String::new);
    // ASCII case folding: the Unicode tables would add kilobytes to the download.
    let needle = text.to_ascii_lowercase();
    let matching: Vec<&LogLine> = props
        .log
        .newest(*kinds)
        .filter(|l| needle.is_empty() || l.text(lang).to_ascii_lowercase().contains(&needle))
        .collect();
    let window = use_scroll_window(LINES);
    let shown = LINES.drawn(matching.len(), window.first);
    let on_text = {
        let text = text.clone();
        move |e: InputEvent| text.set(crate::input::text_of(&e))
    };
    html! {
        <div class="event-log">
            <div class="log-filter" role="group" aria-label={lang.pick("Filter the log", "筛选日志")}>
                { for Kind::ALL.iter().map(|&kind| {
                    let kinds = kinds.clone();
                    let checked = *kinds & kind.bit() != 0;
                    let toggle = move |_| kinds.set(*kinds ^ kind.bit());
                    html! {
                        <label class={classes!("kind", format!("kind-{}", kind.label()))}>
                            <input type="checkbox" checked={checked} onchange={toggle}
                                aria-label={format!("{} {}", lang.pick("Show", "显示"), kind.label_in(lang))} />
                            { kind.label_in(lang) }
                        </label>
                    }
                }) }
                <input type="search" placeholder={lang.pick("filter: consumer-2, JoinGroup, P3…", "筛选：consumer-2、JoinGroup、P3…")} aria-label={lang.pick("Filter text", "筛选文字")}
                    value={(*text).clone()} oninput={on_text} />
            </div>
            { window.scroll_box("log-box", LINES, true,
                || format!("{} {}", lang.pick("Event log, newest first, lines:", "事件日志（最新在前），行数："), matching.len()), html! {
                <ol class="log-lines" aria-live="off" style={LINES.list_style(matching.len(), &shown)}>
                    // Unkeyed: as new lines arrive at the top, the drawn rows keep their
                    // elements and only their text changes.
                    { for matching[shown].iter().map(|l| html! {
                        <li class={l.kind.line_class()}>
                            <time>{ VText::new(l.time().clone()) }</time>
                            <span class="log-text" title={l.text(lang).clone()}>{ VText::new(l.text(lang).clone()) }</span>
                            if l.repeats > 1 { <span class="repeats">{ format!(" ×{}", l.repeats) }</span> }
                        </li>
                    }) }
                    if matching.is_empty() { <li class="muted">{ lang.pick("Nothing matches the filter yet.", "还没有符合筛选条件的内容。") }</li> }
                </ol>
            }) }
        </div>
    }
}
