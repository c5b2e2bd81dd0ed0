//! A topic: its partitions as lanes, and a way to add partitions. A topic with many partitions
//! scrolls its lanes in a box and draws only those in view (see [`crate::scroll_window`]).

use groupsim::partitioner::{key_bytes, partition_for_key};
use groupsim::{Command, TopicView};
use yew::prelude::*;

use super::PartitionLane;
use super::part::{Local, Part, memo_keyed};
use crate::lang::Lang;
use crate::owners::Owners;
use crate::scroll_window::{Rows, ScrollWindow};

/// One topic, one lane per partition; it keeps its lanes' scroll window.
#[derive(PartialEq, Debug)]
pub struct TopicPanel {
    /// The topic to draw.
    pub topic: TopicView,
    /// Per group: who consumes each partition, the committed offsets and positions.
    pub owners: Vec<(String, Owners)>,
    /// The key being followed, highlighted where it lands.
    pub follow: Option<u32>,
    /// The page runs at 10× or faster: lanes rewrite their record boxes in place.
    pub fast: bool,
    /// Do something to the world.
    pub on_command: Callback<Command>,
}

/// More partitions than this and the lanes scroll in a box.
const WINDOWED_ABOVE: usize = 12;

/// Lanes in a scroll box: ten in view. A lane is the log-end line, then an owner line and an
/// offsets line per group (the `.lane-side` text sizes in static/style.css).
fn lane_rows(groups: usize) -> Rows {
    Rows { height_px: 38 + 25 * (groups.max(1) as u32 - 1), gap_px: 6, in_view: 10 }
}

/// Following a key scrolls its partition's lane into view in `topic`'s panel under `root`, when
/// the lanes scroll and it is out of view; `groups` is how many groups the lanes show.
pub fn follow_into_view(root: &web_sys::Element, topic: &TopicView, key: u32, groups: usize) {
    let count = topic.partitions.len() as u32;
    if topic.partitions.len() <= WINDOWED_ABOVE {
        return;
    }
    let selector = format!("[data-spot=\"topic:{}\"] .lanes-box", topic.name);
    let Ok(Some(lanes)) = root.query_selector(&selector) else { return };
    let rows = lane_rows(groups);
    let top = rows.first_in_view(lanes.scroll_top().max(0) as u32);
    let p = partition_for_key(&key_bytes(key), count) as usize;
    if !(top..top + rows.in_view).contains(&p) {
        lanes.set_scroll_top((p as u32 * rows.stride_px()) as i32);
    }
}

impl Part for TopicPanel {
    type State = ScrollWindow;

    fn draw(&self, lang: Lang, window: &Local<ScrollWindow>) -> Html {
        topic_panel(self, lang, window)
    }
}

fn topic_panel(props: &TopicPanel, lang: Lang, state: &Local<ScrollWindow>) -> Html {
    let window = state.get();
    let topic = &props.topic;
    let total: u64 = topic.partitions.iter().map(|p| p.log_end_offset).sum();
    let longest = topic.partitions.iter().map(|p| p.log_end_offset).max().unwrap_or(0);
    let count = topic.partitions.len() as u32;
    let groups = props.owners.len();
    let rows = lane_rows(groups);
    let windowed = topic.partitions.len() > WINDOWED_ABOVE;
    let shown = window.shown(rows, topic.partitions.len(), windowed);
    let lanes_style = windowed.then(|| rows.list_style(topic.partitions.len(), &shown));
    let grow = {
        let (on_command, name) = (props.on_command.clone(), topic.name.clone());
        move |_| on_command.emit(Command::AddPartitions { topic: name.clone(), partitions: count + 1 })
    };
    let title = format!("{} {}", lang.pick("Topic", "主题"), topic.name);
    let sizes = match lang.in_build() {
        Lang::En => format!(" · {count} partitions · {total} records"),
        Lang::Zh => format!(" · {count} 个分区 · {total} 条消息"),
    };
    let grow_label = match lang.in_build() {
        Lang::En => format!("Add a partition to {}", topic.name),
        Lang::Zh => format!("为 {} 添加分区", topic.name),
    };
    let whose = props.owners.first().map(|(g, _)| g.as_str());
    let legend_for = match lang.in_build() {
        Lang::En => format!(" (for {})", whose.unwrap_or("the group")),
        Lang::Zh => format!("（针对 {}）", whose.unwrap_or("该消费者组")),
    };
    html! {
        <section class="topic" data-spot={format!("topic:{}", topic.name)} aria-label={title.clone()}>
            <h2>
                { &title }
                <span class="muted">{ sizes }</span>
                <button class="small" aria-label={grow_label}
                    title={lang.pick(
                        "Kafka can only grow a topic; keyed records may land elsewhere afterwards, and the group rebalances when its leader sees the new count",
                        "Kafka 只能给主题增加分区，不能减少；之后带键的消息可能落到别的分区，组长发现分区数变了，消费者组就会重平衡",
                    )}
                    onclick={grow}>{ lang.pick("+ partition", "+ 分区") }</button>
            </h2>
            { window.scroll_box(state, |w| w, "lanes-box", rows, windowed,
                || match lang.in_build() {
                    Lang::En => format!("Partitions of {}: scroll to see all {count}", topic.name),
                    Lang::Zh => format!("{} 的分区：滚动查看全部 {count} 个", topic.name),
                }, html! {
                <ol class="lanes" style={lanes_style}>
                    { for topic.partitions[shown.clone()].iter().map(|p| html! {
                        { memo_keyed(p.id, PartitionLane {
                            topic: topic.name.clone(),
                            partition: p.clone(),
                            longest,
                            follow: props.follow,
                            count,
                            fast: props.fast,
                            owners: props.owners.iter().map(|(g, o)| (g.clone(), o.get(&topic.name, p.id).cloned())).collect(),
                        }) }
                    }) }
                </ol>
            }) }
            <p class="legend-line" aria-hidden="true">
                <span class="record done">{ lang.pick("committed", "已提交") }</span>
                <span class="record at-risk">{ lang.pick("processed, not committed", "已处理，未提交") }</span>
                <span class="record ahead">{ lang.pick("not processed yet", "尚未处理") }</span>
                { legend_for }
            </p>
        </section>
    }
}
