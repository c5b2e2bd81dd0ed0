//! A consumer group: its state, generation, leader, coordinator and members. A group with many
//! members scrolls their cards in a box and draws only those in view (see
//! [`crate::scroll_window`]).

use groupsim::{Command, ConsumerView, GroupView, Instant};
use yew::prelude::*;

use super::part::{Local, Part, memo, memo_keyed};
use super::{AddConsumer, MemberCard, RebalanceBandProps, rebalance_band};
use crate::i18n::kafka::{consumer_state_meaning, group_state_meaning};
use crate::lang::Lang;
use crate::scroll_window::{Rows, ScrollWindow};

/// A group's panel; it keeps its member cards' scroll window.
#[derive(PartialEq, Debug)]
pub struct GroupPanel {
    /// `group.id`.
    pub id: String,
    /// The group as its coordinator sees it; `None` until the first JoinGroup reaches it.
    pub group: Option<GroupView>,
    /// Its consumers as they see themselves, in creation order.
    pub consumers: Vec<ConsumerView>,
    /// The virtual clock, for the timers.
    pub now: Instant,
    /// How many consumers exist in all groups (static instance ids are numbered after them).
    pub existing: usize,
    /// Every topic, for new consumers' subscriptions.
    pub topics: Vec<String>,
    /// Do something to the world.
    pub on_command: Callback<Command>,
}

/// More members than this and their cards scroll in a box.
const WINDOWED_ABOVE: usize = 6;

/// Cards in a scroll box: three in view, each as tall as a card with one row of chips.
const CARDS: Rows = Rows { height_px: 125, gap_px: 6, in_view: 3 };

/// In a scroll box a card shows this many chips and counts the rest, so it keeps its height.
const CHIPS_IN_A_ROW: usize = 8;

impl Part for GroupPanel {
    type State = ScrollWindow;

    fn draw(&self, lang: Lang, window: &Local<ScrollWindow>) -> Html {
        group_panel(self, lang, window)
    }
}

fn group_panel(props: &GroupPanel, lang: Lang, state: &Local<ScrollWindow>) -> Html {
    let id = &props.id;
    let kip = props
        .group
        .as_ref()
        .and_then(|g| g.consumer_protocol.clone())
        .filter(|_| groupsim::CONSUMER_PROTOCOL);
    let facts = match &props.group {
        Some(g) if let Some(k) = &kip => html! {
            <dl class="facts">
                <div><dt title={lang.pick("Moves ahead when members or their subscriptions change", "成员或订阅变化时前进")}>{ lang.pick("group epoch", "组纪元") }</dt><dd class="generation">{ k.group_epoch }</dd></div>
                <div><dt title={lang.pick("The group epoch the target assignment was computed at", "目标分配是在哪个组纪元计算的")}>{ lang.pick("target epoch", "目标纪元") }</dt><dd>{ k.target_epoch }</dd></div>
                <div><dt>{ lang.pick("coordinator", "协调者") }</dt><dd>{ format!("broker-{}", g.coordinator) }</dd></div>
                <div><dt title={lang.pick("The coordinator's server-side assignor", "协调者端的分配器")}>{ lang.pick("assignor", "分配器") }</dt><dd>{ k.assignor.name() }</dd></div>
                <div><dt>{ lang.pick("lag", "积压") }</dt><dd>{ g.total_lag }</dd></div>
            </dl>
        },
        Some(g) => {
            let leader = g
                .leader
                .as_ref()
                .and_then(|l| g.members.iter().find(|m| &m.member_id == l))
                .map_or_else(|| "-".to_string(), |m| m.client_id.clone());
            html! {
                <dl class="facts">
                    <div><dt>{ lang.pick("generation", "代") }</dt><dd class="generation">{ g.generation }</dd></div>
                    <div><dt>{ lang.pick("leader", "组长") }</dt><dd>{ leader }</dd></div>
                    <div><dt>{ lang.pick("coordinator", "协调者") }</dt><dd>{ format!("broker-{}", g.coordinator) }</dd></div>
                    <div><dt>{ lang.pick("assignor", "分配策略") }</dt><dd>{ g.assignor.map_or("-", |a| a.protocol_name()) }</dd></div>
                    <div><dt title={lang.pick("LOG-END-OFFSET − CURRENT-OFFSET, summed", "各分区 LOG-END-OFFSET − CURRENT-OFFSET 之和")}>{ lang.pick("lag", "积压") }</dt><dd>{ g.total_lag }</dd></div>
                </dl>
            }
        }
        None => html! {
            <p class="muted facts">{ lang.pick(
                "Not known to a coordinator yet: the first JoinGroup is on its way.",
                "协调者还不知道这个消费者组：第一个 JoinGroup 请求还在路上。",
            ) }</p>
        },
    };
    let badge = props.group.as_ref().map(|g| match &kip {
        Some(k) => html! {
            <span class={classes!("badge", format!("state-{:?}", g.state))} title={consumer_state_meaning(k.state, lang)}>
                { k.state.to_string() }
            </span>
        },
        None => html! {
            <span class={classes!("badge", format!("state-{:?}", g.state))} title={group_state_meaning(g.state, lang)}>
                { g.state.to_string() }
            </span>
        },
    });
    let window = state.get();
    let count = props.consumers.len();
    let windowed = count > WINDOWED_ABOVE;
    let shown = window.shown(CARDS, count, windowed);
    let member = |c: &ConsumerView| {
        props.group.as_ref().and_then(|g| g.members.iter().find(|m| m.consumer == c.id).cloned())
    };
    let title = format!("{} {id}", lang.pick("Group", "消费者组"));
    html! {
        <section class="group" data-spot={format!("group:{id}")} aria-label={title.clone()}>
            <h2>{ &title }{ badge }</h2>
            { facts }
            { window.scroll_box(state, |w| w, "members-box", CARDS, windowed,
                || match lang.in_build() {
                    Lang::En => format!("Members of {id}: scroll to see all {count}"),
                    Lang::Zh => format!("{id} 的成员：滚动查看全部 {count} 个"),
                }, html! {
                <ul class="members" style={windowed.then(|| CARDS.list_style(count, &shown))}>
                    { for props.consumers[shown].iter().map(|c| html! {
                        { memo_keyed(c.id.0, MemberCard {
                            consumer: c.clone(),
                            now: props.now,
                            member: member(c),
                            max_chips: windowed.then_some(CHIPS_IN_A_ROW),
                            on_command: props.on_command.clone(),
                        }) }
                    }) }
                </ul>
            }) }
            { memo(AddConsumer {
                existing: props.existing,
                group: id.clone(),
                topics: props.topics.clone(),
                on_command: props.on_command.clone(),
            }) }
            if let Some(g) = &props.group {
                { rebalance_band(lang, &RebalanceBandProps {
                    rebalances: g.rebalances.clone(),
                    names: props.consumers.iter().map(|c| (c.id, c.client_id.clone())).collect::<Vec<_>>(),
                    epochs: kip.is_some(),
                }) }
            }
        </section>
    }
}
