//! One consumer: who it is, what it owns, and what you can do to it.

use groupsim::{Command, ConsumerView, Life};
use yew::prelude::*;

use crate::owners::colour;

/// Props of [`MemberCard`].
#[derive(Properties, PartialEq, Debug)]
pub struct MemberCardProps {
    /// The consumer.
    pub consumer: ConsumerView,
    /// Whether the coordinator still counts it as a member.
    pub in_group: bool,
    /// Do something to the world.
    pub on_command: Callback<Command>,
}

/// A member card.
#[function_component]
pub fn MemberCard(props: &MemberCardProps) -> Html {
    let c = &props.consumer;
    let id = c.id.0;
    let act = |command: Command| {
        let on_command = props.on_command.clone();
        move |_| on_command.emit(command.clone())
    };
    let gone =
        if props.in_group { "still a member until its session times out" } else { "removed from the group" };
    let status = match c.life {
        Life::Running => c.state.to_string(),
        Life::Closed => format!("closed, {gone}"),
        Life::Killed => format!("killed, {gone}"),
        Life::Failed { error } => format!("failed ({error}), {gone}"),
    };
    let running = c.life == Life::Running;
    // A stopped consumer's partitions stay its own in the coordinator's eyes until it is removed.
    let shown = if running || props.in_group { c.assignment.as_slice() } else { &[] };
    html! {
        <li class={classes!("member", colour(c.id), (!running).then_some("stopped"))} aria-label={format!("Member {}", c.client_id)}>
            <div class="member-head">
                <strong>{ &c.client_id }</strong>
                <span class="member-state">{ status }</span>
            </div>
            <div class="member-id" title={c.member_id.clone()}>
                { if c.member_id.is_empty() { "no member id yet".to_string() } else { c.member_id.clone() } }
            </div>
            <div class="chips">
                { for shown.iter().map(|(tp, _)| html! { <span class="chip">{ format!("P{}", tp.partition) }</span> }) }
                if c.assignment.is_empty() && running { <span class="muted">{ "no partitions" }</span> }
            </div>
            if running {
                <div class="member-actions">
                    <button aria-label={format!("Close {}", c.client_id)} title="Graceful: commit, LeaveGroup, immediate rebalance"
                        onclick={act(Command::CloseConsumer { consumer: id })}>{ "Close" }</button>
                    <button class="danger" aria-label={format!("Kill {}", c.client_id)}
                        title="Crash: silence; the coordinator notices at the session timeout"
                        onclick={act(Command::KillConsumer { consumer: id })}>{ "Kill" }</button>
                </div>
            }
        </li>
    }
}
