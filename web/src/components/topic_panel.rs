//! A topic: its partitions as lanes, and a way to add partitions.

use groupsim::{Command, TopicView};
use yew::prelude::*;

use super::PartitionLane;
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
            <ol class="lanes">
                { for topic.partitions.iter().map(|p| html! {
                    <PartitionLane
                        topic={topic.name.clone()}
                        partition={p.clone()}
                        {longest}
                        follow={props.follow}
                        owners={props.owners.iter().map(|(g, o)| (g.clone(), o.get(&topic.name, p.id).cloned())).collect::<Vec<_>>()}
                    />
                }) }
            </ol>
            <p class="legend-line" aria-hidden="true">
                <span class="record done">{ "committed" }</span>
                <span class="record at-risk">{ "processed, not committed" }</span>
                <span class="record ahead">{ "not processed yet" }</span>
                { format!(" (for {})", props.owners.first().map_or("the group", |(g, _)| g.as_str())) }
            </p>
        </section>
    }
}
