//! The group's rebalance history: cause, generations, rounds, what moved and who stopped.

use groupsim::ConsumerId;
use groupsim::history::RebalanceRecord;
use yew::prelude::*;

/// Props of [`RebalanceBand`].
#[derive(Properties, PartialEq, Debug)]
pub struct RebalanceBandProps {
    /// Oldest first.
    pub rebalances: Vec<RebalanceRecord>,
    /// The group's consumers' client ids, to name them (not the consumers themselves, which
    /// change on every tick while this band changes only at a rebalance).
    pub names: Vec<(ConsumerId, String)>,
}

/// The newest rebalances first.
#[function_component]
pub fn RebalanceBand(props: &RebalanceBandProps) -> Html {
    if props.rebalances.is_empty() {
        return html! {};
    }
    let name = |id: ConsumerId| {
        props.names.iter().find(|(c, _)| *c == id).map_or_else(|| id.to_string(), |(_, n)| n.clone())
    };
    html! {
        <section class="rebalances" aria-label="Rebalance history">
            <h3>{ "Rebalances" }</h3>
            <ol reversed=true>
                { for props.rebalances.iter().rev().take(4).map(|r| {
                    let stopped = if r.stopped.is_empty() {
                        "nobody stopped consuming".to_string()
                    } else {
                        let list: Vec<String> = r.stopped.iter().map(|(c, d)| format!("{} {d}", name(*c))).collect();
                        format!("stopped: {}", list.join(", "))
                    };
                    let rounds = if r.rounds > 1 { format!(", {} rounds", r.rounds) } else { String::new() };
                    html! {
                        <li class="rebalance">
                            <div><strong>{ format!("gen {} → {}", r.generation_before, r.generation) }</strong>
                                { format!(" · {} · {}{rounds}", r.cause, r.took) }</div>
                            <div class="muted">{ format!("{} partitions moved · {stopped}", r.moved.len()) }
                                if r.awaiting_follow_up { { " · waiting for the follow-up round" } }
                            </div>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
