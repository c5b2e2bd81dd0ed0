//! A consumer group: its state, generation, leader, coordinator and members.

use groupsim::{Command, ConsumerView, GroupView};
use yew::prelude::*;

use super::{AddConsumer, MemberCard, RebalanceBand};

/// Props of [`GroupPanel`].
#[derive(Properties, PartialEq, Debug)]
pub struct GroupPanelProps {
    /// The group as its coordinator sees it.
    pub group: GroupView,
    /// Its consumers as they see themselves, in creation order.
    pub consumers: Vec<ConsumerView>,
    /// Do something to the world.
    pub on_command: Callback<Command>,
}

/// The group panel.
#[function_component]
pub fn GroupPanel(props: &GroupPanelProps) -> Html {
    let g = &props.group;
    let leader = g
        .leader
        .as_ref()
        .and_then(|l| g.members.iter().find(|m| &m.member_id == l))
        .map_or_else(|| "-".to_string(), |m| m.client_id.clone());
    html! {
        <section class="group" aria-label={format!("Group {}", g.id)}>
            <h2>
                { format!("Group {}", g.id) }
                <span class={classes!("badge", format!("state-{:?}", g.state))} title={g.state.meaning()}>
                    { g.state.to_string() }
                </span>
            </h2>
            <dl class="facts">
                <div><dt>{ "generation" }</dt><dd class="generation">{ g.generation }</dd></div>
                <div><dt>{ "leader" }</dt><dd>{ leader }</dd></div>
                <div><dt>{ "coordinator" }</dt><dd>{ format!("broker-{}", g.coordinator) }</dd></div>
                <div><dt>{ "assignor" }</dt><dd>{ g.assignor.map_or("-", |a| a.protocol_name()) }</dd></div>
                <div><dt title="LOG-END-OFFSET − CURRENT-OFFSET, summed">{ "lag" }</dt><dd>{ g.total_lag }</dd></div>
            </dl>
            <ul class="members">
                { for props.consumers.iter().map(|c| html! {
                    <MemberCard
                        consumer={c.clone()}
                        in_group={g.members.iter().any(|m| m.consumer == c.id)}
                        on_command={props.on_command.clone()}
                    />
                }) }
            </ul>
            <AddConsumer existing={props.consumers.len()} on_command={props.on_command.clone()} />
            <RebalanceBand rebalances={g.rebalances.clone()} consumers={props.consumers.clone()} />
        </section>
    }
}
