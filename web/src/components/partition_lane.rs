//! One partition drawn as a lane: a bar as long as its log, its newest records, its log-end
//! offset, and per group the owner, the committed offset and the position.

use groupsim::PartitionView;
use yew::prelude::*;

use super::part::{Local, Part};
use crate::lang::Lang;
use crate::owners::{LaneOwner, colour};

/// A partition lane: drawn again only when its input changes.
#[derive(PartialEq, Debug)]
pub struct PartitionLane {
    /// The topic's name.
    pub topic: String,
    /// The partition.
    pub partition: PartitionView,
    /// The longest log in the topic, to scale the bar.
    pub longest: u64,
    /// The key being followed.
    pub follow: Option<u32>,
    /// How many partitions the topic has (a long topic draws only some lanes at a time, so
    /// each lane says where it sits).
    pub count: u32,
    /// Per group (the page's first group first): who consumes it and how far it has got.
    pub owners: Vec<(String, Option<LaneOwner>)>,
    /// The page runs at 10× or faster: records do not animate in, so their boxes are rewritten
    /// in place rather than replaced (most records of a tick are new at that speed).
    pub fast: bool,
}

/// Where a record stands for the lane's first group: committed, processed but not committed
/// (what a crash now would make the next owner process again), or not processed yet (fetched
/// records still waiting in a batch among them), in the page's language.
fn stage(
    offset: u64,
    committed: u64,
    processed: u64,
    followed: bool,
    lang: Lang,
) -> (&'static str, &'static str) {
    let at_risk = lang.pick(
        "processed, not committed yet: a crash now means it is processed again",
        "已处理，尚未提交：此时崩溃，它会被再处理一遍",
    );
    let done = lang.pick("committed", "已提交");
    let ahead = lang.pick("not processed yet", "尚未处理");
    match (offset < committed, offset < processed, followed) {
        (true, _, false) => ("record done", done),
        (true, _, true) => ("record done followed", done),
        (false, true, false) => ("record at-risk", at_risk),
        (false, true, true) => ("record at-risk followed", at_risk),
        (false, false, false) => ("record ahead", ahead),
        (false, false, true) => ("record ahead followed", ahead),
    }
}

impl Part for PartitionLane {
    type State = ();

    fn draw(&self, lang: Lang, _: &Local<()>) -> Html {
        partition_lane(self, lang)
    }
}

fn partition_lane(props: &PartitionLane, lang: Lang) -> Html {
    let p = &props.partition;
    let pct = |offset: u64| (offset * 100).checked_div(props.longest).unwrap_or(0);
    let first = props.owners.first().and_then(|(_, o)| o.as_ref());
    let committed = first.and_then(|o| o.committed).unwrap_or(0);
    let processed = first.and_then(|o| o.processed).unwrap_or(0).max(committed);
    let class = match first.and_then(|o| o.consumer.as_ref()) {
        Some((id, _)) => classes!("lane", colour(*id)),
        None => classes!("lane", "unowned"),
    };
    html! {
        <li {class} aria-label={format!("{} {}-{}", lang.pick("Partition", "分区"), props.topic, p.id)}
            aria-posinset={(p.id + 1).to_string()} aria-setsize={props.count.to_string()}>
            <span class="lane-name">{ format!("P{}", p.id) }</span>
            <div class="lane-track" style={format!("--fill-pct:{}%", pct(p.log_end_offset))}>
                <ol class="records">
                    { for p.recent.iter().enumerate().map(|(slot, r)| {
                        // A new key makes a new box, which plays the arrival animation.
                        let key = if props.fast { slot as u64 } else { r.offset };
                        let hit = props.follow.is_some() && r.key == props.follow;
                        // Static class and title strings: a lane redraws every tick at speed.
                        let (class, what) = stage(r.offset, committed, processed, hit, lang);
                        html! {
                            <li {key} {class} title={what}>
                                <span class="offset">{ r.offset }</span>
                                <span class="key">{ r.key.map_or_else(|| "∅".to_string(), |k| format!("k{k}")) }</span>
                            </li>
                        }
                    }) }
                </ol>
            </div>
            <span class="lane-side">
                <span class="leo" title={lang.pick(
                    "Log-end offset: the offset the next record will get",
                    "日志末端位移（LEO）：下一条消息将得到的位移",
                )}>
                    { format!("LEO {}", p.log_end_offset) }
                </span>
                { for props.owners.iter().map(|(group, o)| {
                    let owner = o.as_ref().and_then(|o| o.consumer.as_ref()).map_or_else(|| lang.pick("unowned", "未分配").to_string(), |(_, n)| n.clone());
                    let committed = o.as_ref().and_then(|o| o.committed).map_or_else(|| "-".to_string(), |c| c.to_string());
                    // The owner's position: the next offset it will process.
                    let at = o.as_ref().and_then(|o| o.position).map(|p| format!(" · {} {p}", lang.pick("at", "位置"))).unwrap_or_default();
                    // With two groups each line says whose it is, short: `a: consumer-1` for group-a.
                    let lead = if props.owners.len() > 1 {
                        format!("{}: ", group.strip_prefix("group-").unwrap_or(group))
                    } else {
                        String::new()
                    };
                    html! {
                        <span class="lane-group">
                            <span class="owner" title={match lang.in_build() {
                                Lang::En => format!("The consumer of {group} that owns this partition now"),
                                Lang::Zh => format!("{group} 里眼下拥有这个分区的消费者"),
                            }}>
                                { format!("{lead}{owner}") }
                            </span>
                            <span class="committed" title={match lang.in_build() {
                                Lang::En => format!("{group}'s committed offset (where a new owner would start) and its consumer's position"),
                                Lang::Zh => format!("{group} 已提交的位移（新的拥有者会从这里开始）及其消费者当前的位置"),
                            }}>
                                { format!("{} {committed}{at}", lang.pick("committed", "已提交")) }
                            </span>
                        </span>
                    }
                }) }
            </span>
        </li>
    }
}
