//! A topic: its partitions as lanes.

use groupsim::TopicView;
use yew::prelude::*;

use super::PartitionLane;
use crate::owners::Owners;

/// Props of [`TopicPanel`].
#[derive(Properties, PartialEq, Debug)]
pub struct TopicPanelProps {
    /// The topic to draw.
    pub topic: TopicView,
    /// Who consumes each partition, and the committed offsets.
    pub owners: Owners,
}

/// One topic, one lane per partition.
#[function_component]
pub fn TopicPanel(props: &TopicPanelProps) -> Html {
    let topic = &props.topic;
    let total: u64 = topic.partitions.iter().map(|p| p.log_end_offset).sum();
    let longest = topic.partitions.iter().map(|p| p.log_end_offset).max().unwrap_or(0);
    html! {
        <section class="topic" aria-label={format!("Topic {}", topic.name)}>
            <h2>
                { format!("Topic {}", topic.name) }
                <span class="muted">{ format!(" · {} partitions · {} records", topic.partitions.len(), total) }</span>
            </h2>
            <ol class="lanes">
                { for topic.partitions.iter().map(|p| html! {
                    <PartitionLane
                        topic={topic.name.clone()}
                        partition={p.clone()}
                        {longest}
                        owner={props.owners.get(&topic.name, p.id).cloned()}
                    />
                }) }
            </ol>
        </section>
    }
}
