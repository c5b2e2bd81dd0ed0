//! A topic: its partitions as lanes, and a way to add partitions. A topic with many partitions
//! scrolls its lanes in a box and draws only those in view (see [`crate::lane_window`]).

use groupsim::partitioner::{key_bytes, partition_for_key};
use groupsim::{Command, TopicView};
use yew::prelude::*;

use super::PartitionLane;
use crate::lane_window::{self, WINDOWED_ABOVE};
use crate::owners::Owners;

/// Props of [`TopicPanel`].
#[derive(Properties, PartialEq, Debug)]
pub struct TopicPanelProps {
    /// The topic to draw.
    pub topic: TopicView,
    /// Per group: who consumes each partition, the committed offsets and positions.
    pub owners: Vec<(String, Owners)>,
    /// The key being followed, highlighted where it lands.
    pub follow: Option<u32>,
    /// Do something to the world.
    pub on_command: Callback<Command>,
}

/// One topic, one lane per partition.
#[function_component]
pub fn TopicPanel(props: &TopicPanelProps) -> Html {
    let topic = &props.topic;
    let total: u64 = topic.partitions.iter().map(|p| p.log_end_offset).sum();
    let longest = topic.partitions.iter().map(|p| p.log_end_offset).max().unwrap_or(0);
    let count = topic.partitions.len() as u32;
    let groups = props.owners.len();
    // The lane at the top of the scroll box.
    let first = use_state_eq(|| 0usize);
    let lanes_ref = use_node_ref();
    let windowed = topic.partitions.len() > WINDOWED_ABOVE;
    let on_scroll = {
        let (first, lanes_ref) = (first.clone(), lanes_ref.clone());
        move |_| {
            if let Some(lanes) = lanes_ref.cast::<web_sys::Element>() {
                first.set(lane_window::first_in_view(lanes.scroll_top().max(0) as u32, groups));
            }
        }
    };
    // Following a key scrolls its partition into view.
    {
        let lanes_ref = lanes_ref.clone();
        let top = *first;
        use_effect_with((props.follow, count, groups), move |&(follow, count, groups)| {
            let target =
                follow.filter(|_| windowed).map(|k| partition_for_key(&key_bytes(k), count) as usize);
            if let (Some(p), Some(lanes)) = (target, lanes_ref.cast::<web_sys::Element>())
                && !(top..top + lane_window::IN_VIEW).contains(&p)
            {
                lanes.set_scroll_top((p as u32 * lane_window::stride_px(groups)) as i32);
            }
        });
    }
    let shown = lane_window::drawn(topic.partitions.len(), *first);
    // Fixed-height lanes in a box of fixed height; the lanes not drawn stand in as padding.
    // Inline, since the arithmetic depends on it (the stylesheet only adds looks).
    let (box_style, lanes_style) = if windowed {
        let stride = lane_window::stride_px(groups);
        let above = shown.start as u32 * stride;
        let below = (topic.partitions.len() - shown.end) as u32 * stride;
        (
            Some(format!("height:{}px;overflow-y:auto", lane_window::box_height_px(groups))),
            Some(format!(
                "display:grid;margin:0;gap:{}px;grid-auto-rows:{}px;padding-top:{above}px;padding-bottom:{below}px",
                lane_window::GAP_PX,
                lane_window::lane_height_px(groups)
            )),
        )
    } else {
        (None, None)
    };
    let grow = {
        let (on_command, name) = (props.on_command.clone(), topic.name.clone());
        move |_| on_command.emit(Command::AddPartitions { topic: name.clone(), partitions: count + 1 })
    };
    html! {
        <section class="topic" aria-label={format!("Topic {}", topic.name)}>
            <h2>
                { format!("Topic {}", topic.name) }
                <span class="muted">{ format!(" · {count} partitions · {total} records") }</span>
                <button class="small" aria-label={format!("Add a partition to {}", topic.name)}
                    title="Kafka can only grow a topic; keyed records may land elsewhere afterwards, and the group rebalances when its leader sees the new count"
                    onclick={grow}>{ "+ partition" }</button>
            </h2>
            <div class={classes!("lanes-box", windowed.then_some("windowed"))} ref={lanes_ref} style={box_style}
                onscroll={windowed.then_some(on_scroll)}
                tabindex={windowed.then_some("0")} role={windowed.then_some("region")}
                aria-label={windowed.then(|| format!("Partitions of {}: scroll to see all {count}", topic.name))}>
                <ol class="lanes" style={lanes_style}>
                    { for topic.partitions[shown.clone()].iter().map(|p| html! {
                        <PartitionLane
                            key={p.id}
                            topic={topic.name.clone()}
                            partition={p.clone()}
                            {longest}
                            follow={props.follow}
                            {count}
                            owners={props.owners.iter().map(|(g, o)| (g.clone(), o.get(&topic.name, p.id).cloned())).collect::<Vec<_>>()}
                        />
                    }) }
                </ol>
            </div>
            <p class="legend-line" aria-hidden="true">
                <span class="record done">{ "committed" }</span>
                <span class="record at-risk">{ "processed, not committed" }</span>
                <span class="record ahead">{ "not processed yet" }</span>
                { format!(" (for {})", props.owners.first().map_or("the group", |(g, _)| g.as_str())) }
            </p>
        </section>
    }
}
