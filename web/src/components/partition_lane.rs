//! One partition drawn as a lane: a bar as long as its log, its newest records, its log-end offset.

use groupsim::PartitionView;
use yew::prelude::*;

/// Props of [`PartitionLane`].
#[derive(Properties, PartialEq, Debug)]
pub struct PartitionLaneProps {
    /// The topic's name.
    pub topic: String,
    /// The partition.
    pub partition: PartitionView,
    /// The longest log in the topic, to scale the bar.
    pub longest: u64,
}

/// A partition lane.
#[function_component]
pub fn PartitionLane(props: &PartitionLaneProps) -> Html {
    let p = &props.partition;
    let fill = (p.log_end_offset * 100).checked_div(props.longest).unwrap_or(0);
    html! {
        <li class="lane" aria-label={format!("Partition {}-{}", props.topic, p.id)}>
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
            <span class="leo" title="Log-end offset: the offset the next record will get">
                { format!("LEO {}", p.log_end_offset) }
            </span>
        </li>
    }
}
