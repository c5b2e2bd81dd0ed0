//! The protocol made visible: the newest requests and responses between consumers and their
//! coordinator, as arrows. A message still on the wire is drawn travelling; the animation is
//! CSS and stops under `prefers-reduced-motion`.

use std::collections::VecDeque;

use groupsim::Instant;
use yew::prelude::*;

use super::part::{Local, Part};
use crate::lang::Lang;
use crate::observed::Flight;
use crate::shared::Shared;

/// How long a timed-out request stays on the wire, in virtual milliseconds.
pub const TIMEOUT_SHOWN_MS: u64 = 30_000;

/// The wire: drawn again only when its input changes.
#[derive(PartialEq, Debug)]
pub struct Wire {
    /// The newest messages, oldest first.
    pub flights: Shared<VecDeque<Flight>>,
    /// The virtual clock.
    pub now: Instant,
    /// The latest requests that timed out, oldest first; each stays in view for
    /// [`TIMEOUT_SHOWN_MS`] of virtual time.
    pub timeouts: Shared<VecDeque<Flight>>,
    /// The page runs at 10× or faster: no animation to restart, so rows are rewritten in
    /// place rather than replaced (every message of a tick is new at that speed).
    pub fast: bool,
}

impl Part for Wire {
    type State = ();

    fn draw(&self, lang: Lang, _: &Local<()>) -> Html {
        wire(self, lang)
    }
}

fn wire(props: &Wire, lang: Lang) -> Html {
    html! {
        <section class="wire" data-spot="wire" aria-label={lang.pick("Protocol messages", "协议消息")}>
            <h2>{ lang.pick("On the wire", "网络上的消息") }<span class="muted">{ lang.pick(" · newest last", " · 最新的在最后") }</span></h2>
            <ol>
                { for props.flights.iter().enumerate().map(|(row, f)| {
                    // A new key makes a new row, which restarts the dot's animation.
                    let key = if props.fast { row as u64 } else { f.id };
                    let travelling = f.arrives_at > props.now;
                    let class = classes!(
                        "flight",
                        format!("api-{}", f.api),
                        if f.response { "response" } else { "request" },
                        travelling.then_some("travelling"),
                    );
                    html! {
                        <li {key} {class} title={match lang.in_build() {
                            Lang::En => format!("{} · sent {} · arrives {}", f.summary, f.at, f.arrives_at),
                            Lang::Zh => format!("{} · {} 发出 · {} 到达", f.summary, f.at, f.arrives_at),
                        }}>
                            <span class="end client">{ &f.client }</span>
                            <span class="arrow">
                                <span class="api">{ format!("{}{}", f.api, if f.response { " ✓" } else { "" }) }</span>
                                <span class="dot"></span>
                            </span>
                            <span class="end broker">{ &f.broker }</span>
                        </li>
                    }
                }) }
                if props.flights.is_empty() { <li class="muted">{ lang.pick("No request yet.", "还没有请求。") }</li> }
                { for props.timeouts.iter().filter(|f| f.at.as_millis() + TIMEOUT_SHOWN_MS > props.now.as_millis()).map(|f| html! {
                    <li key={format!("timeout-{}-{}", f.client, f.id)} class="flight timed-out" title={f.summary.clone()}>
                        <span class="end client">{ &f.client }</span>
                        <span class="arrow"><span class="api">{ match lang.in_build() {
                            Lang::En => format!("✗ {} timed out after {}", f.api, f.timed_out.unwrap_or_default()),
                            Lang::Zh => format!("✗ {} 等了 {} 后超时", f.api, f.timed_out.unwrap_or_default()),
                        } }</span></span>
                        <span class="end broker">{ &f.broker }</span>
                    </li>
                }) }
            </ol>
        </section>
    }
}
