//! The event log: newest first, filtered by kind and by text. Every kept line can be scrolled
//! to, and only the lines in view are drawn (see [`crate::scroll_window`]).

use yew::prelude::*;
use yew::virtual_dom::VText;

use super::part::{Local, Part};
use crate::lang::Lang;
use crate::observed::{Kind, Log, LogLine};
use crate::scroll_window::{Rows, ScrollWindow};
use crate::shared::Shared;

/// Lines of one fixed height (long ones end in an ellipsis; the full text is their title),
/// twelve in view.
const LINES: Rows = Rows { height_px: 18, gap_px: 0, in_view: 12 };

/// The filterable log; it keeps its filter and scroll window.
#[derive(PartialEq, Debug)]
pub struct EventLog {
    /// The log.
    pub log: Shared<Log>,
}

/// The log's filter and where it is scrolled to.
#[derive(Clone, Debug)]
pub struct LogFilter {
    /// The kinds shown, one bit per kind.
    kinds: u8,
    text: String,
    window: ScrollWindow,
}

impl Default for LogFilter {
    fn default() -> Self {
        LogFilter {
            kinds: Kind::ALL.into_iter().filter(|k| k.shown_by_default()).fold(0u8, |m, k| m | k.bit()),
            text: String::new(),
            window: ScrollWindow::default(),
        }
    }
}

impl Part for EventLog {
    type State = LogFilter;

    fn draw(&self, lang: Lang, filter: &Local<LogFilter>) -> Html {
        event_log(self, lang, filter)
    }
}

fn event_log(props: &EventLog, lang: Lang, state: &Local<LogFilter>) -> Html {
    let filter = state.get();
    // ASCII case folding: the Unicode tables would add kilobytes to the download.
    let needle = filter.text.to_ascii_lowercase();
    let matching: Vec<&LogLine> = props
        .log
        .newest(filter.kinds)
        .filter(|l| needle.is_empty() || l.text(lang).to_ascii_lowercase().contains(&needle))
        .collect();
    let window = &filter.window;
    let shown = LINES.drawn(matching.len(), window.first);
    let on_text = {
        let state = state.clone();
        move |e: InputEvent| {
            let text = crate::input::text_of(&e);
            state.update(|f| f.text = text);
        }
    };
    html! {
        <div class="event-log">
            <div class="log-filter" role="group" aria-label={lang.pick("Filter the log", "筛选日志")}>
                { for Kind::ALL.iter().map(|&kind| {
                    let checked = filter.kinds & kind.bit() != 0;
                    let toggle = { let state = state.clone(); move |_| state.update(|f| f.kinds ^= kind.bit()) };
                    html! {
                        <label class={classes!("kind", format!("kind-{}", kind.label()))}>
                            <input type="checkbox" checked={checked} onchange={toggle}
                                aria-label={format!("{} {}", lang.pick("Show", "显示"), kind.label_in(lang))} />
                            { kind.label_in(lang) }
                        </label>
                    }
                }) }
                <input type="search" placeholder={lang.pick("filter: consumer-2, JoinGroup, P3…", "筛选：consumer-2、JoinGroup、P3…")} aria-label={lang.pick("Filter text", "筛选文字")}
                    value={filter.text.clone()} oninput={on_text} />
            </div>
            { window.scroll_box(state, |f| &mut f.window, "log-box", LINES, true,
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
