//! One partition drawn as a lane: a bar as long as its log, its newest records, its log-end offset.

use groupsim::PartitionView;
use yew::prelude::*;

use crate::owners::{LaneOwner, colour};

/// Props of [`PartitionLane`].
#[derive(Properties, PartialEq, Debug)]
pub struct PartitionLaneProps {
    /// The topic's name.
    pub topic: String,
    /// The partition.
    pub partition: PartitionView,
    /// The longest log in the topic, to scale the bar.
    pub longest: u64,
    /// Who consumes it and how far the group has committed.
    pub owner: Option<LaneOwner>,
}

/// A partition lane.
#[function_component]
pub fn PartitionLane(props: &PartitionLaneProps) -> Html {
    let p = &props.partition;
    let fill = (p.log_end_offset * 100).checked_div(props.longest).unwrap_or(0);
    let consumer = props.owner.as_ref().and_then(|o| o.consumer.clone());
    let committed = props.owner.as_ref().and_then(|o| o.committed);
    let class = match &consumer {
        Some((id, _)) => classes!("lane", colour(*id)),
        None => classes!("lane", "unowned"),
    };
    html! {
        <li {class} aria-label={format!("Partition {}-{}", props.topic, p.id)}>
            <span class="lane-name">{ format!("P{}", p.id) }</span>
            <div class="lane-track" style={format!("--fill-pct:{fill}%")}>
                <ol class="records">
                    { for p.recent.iter().map(|r| html! {
                        <li key={r.offset} class="record" title={format!("offset {}", r.offset)}>
                            <span class="offset">{ r.offset }</span>
                            <span class="key">{ r.key.map_or_else(|| "∅".to_string(), |k| format!("k{k}")) }</span>
                        </li>
                    }) }
                </ol>
            </div>
            <span class="lane-side">
                <span class="leo" title="Log-end offset: the offset the next record will get">
                    { format!("LEO {}", p.log_end_offset) }
                </span>
                <span class="owner" title="The consumer of the group that owns this partition now">
                    { consumer.map_or_else(|| "unowned".to_string(), |(_, name)| name) }
                </span>
                <span class="committed" title="The group's committed offset: where a new owner would start">
                    { format!("committed {}", committed.map_or_else(|| "-".to_string(), |c| c.to_string())) }
                </span>
            </span>
        </li>
    }
}
