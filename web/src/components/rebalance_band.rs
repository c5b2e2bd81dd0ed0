//! The group's rebalance history: cause, generations, rounds, what moved and who stopped.

use groupsim::ConsumerId;
use groupsim::history::RebalanceRecord;
use yew::prelude::*;

use crate::i18n::events::cause_zh;
use crate::lang::Lang;

/// What [`rebalance_band`] draws (a plain function: one component type less in the download).
#[derive(Debug)]
pub struct RebalanceBandProps {
    /// Oldest first.
    pub rebalances: Vec<RebalanceRecord>,
    /// The group's consumers' client ids, to name them (not the consumers themselves, which
    /// change on every tick while this band changes only at a rebalance).
    pub names: Vec<(ConsumerId, String)>,
    /// A consumer-protocol group: its rebalances move group epochs, not generations.
    pub epochs: bool,
}

/// The newest rebalances first.
pub fn rebalance_band(lang: Lang, props: &RebalanceBandProps) -> Html {
    if props.rebalances.is_empty() {
        return html! {};
    }
    let name = |id: ConsumerId| {
        props.names.iter().find(|(c, _)| *c == id).map_or_else(|| id.to_string(), |(_, n)| n.clone())
    };
    html! {
        <section class="rebalances" aria-label={lang.pick("Rebalance history", "重平衡历史")}>
            <h3>{ lang.pick("Rebalances", "重平衡") }</h3>
            <ol reversed=true>
                { for props.rebalances.iter().rev().take(4).map(|r| {
                    let stopped = if r.stopped.is_empty() {
                        lang.pick("nobody stopped consuming", "没有消费者停止消费").to_string()
                    } else {
                        let list: Vec<String> = r.stopped.iter().map(|(c, d)| format!("{} {d}", name(*c))).collect();
                        match lang.in_build() {
                            Lang::En => format!("stopped: {}", list.join(", ")),
                            Lang::Zh => format!("停止消费：{}", list.join("、")),
                        }
                    };
                    let rounds = match (r.rounds > 1, lang.in_build()) {
                        (false, _) => String::new(),
                        (true, Lang::En) => format!(", {} rounds", r.rounds),
                        (true, Lang::Zh) => format!("，共 {} 轮", r.rounds),
                    };
                    let cause = match lang.in_build() {
                        Lang::En => r.cause.to_string(),
                        Lang::Zh => cause_zh(&r.cause),
                    };
                    html! {
                        <li class="rebalance">
                            <div><strong>{ match (lang.in_build(), groupsim::CONSUMER_PROTOCOL && props.epochs) {
                                (Lang::En, true) => format!("epoch {} → {}", r.generation_before, r.generation),
                                (Lang::Zh, true) => format!("组纪元 {} → {}", r.generation_before, r.generation),
                                (Lang::En, false) => format!("gen {} → {}", r.generation_before, r.generation),
                                (Lang::Zh, false) => format!("第 {} 代 → 第 {} 代", r.generation_before, r.generation),
                            } }</strong>
                                { format!(" · {cause} · {}{rounds}", r.took) }</div>
                            <div class="muted">{ match lang.in_build() {
                                Lang::En => format!("{} partitions moved · {stopped}", r.moved.len()),
                                Lang::Zh => format!("{} 个分区被重新分配 · {stopped}", r.moved.len()),
                            } }
                                if r.awaiting_follow_up { { lang.pick(" · waiting for the follow-up round", " · 等待后续一轮") } }
                            </div>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
