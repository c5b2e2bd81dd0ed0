//! "Add consumer" with its settings: assignment strategy, static membership, commit mode and
//! processing speed. Defaults are Kafka's.

use groupsim::assignor::AssignorName;
use groupsim::{Command, CommitMode};
use yew::prelude::*;

use crate::input::{checked, selected, text_of, whole_number};
use crate::lang::{Lang, use_lang};
use crate::world;

/// The `partition.assignment.strategy` lists offered, Kafka's default first: the option in
/// English, in Chinese, and the assignors.
pub const STRATEGIES: [(&str, &str, &[AssignorName]); 5] = [
    (
        "range, cooperative-sticky (Kafka's default: eager range)",
        "range, cooperative-sticky（Kafka 默认：按 eager 方式重平衡的 range）",
        &[AssignorName::Range, AssignorName::CooperativeSticky],
    ),
    ("range", "range", &[AssignorName::Range]),
    ("roundrobin", "roundrobin", &[AssignorName::RoundRobin]),
    ("sticky", "sticky", &[AssignorName::Sticky]),
    (
        "cooperative-sticky (cooperative rebalancing)",
        "cooperative-sticky（协作式重平衡）",
        &[AssignorName::CooperativeSticky],
    ),
];

/// Props of [`AddConsumer`].
#[derive(Properties, PartialEq, Debug)]
pub struct AddConsumerProps {
    /// How many consumers exist (the next static instance id is numbered after them).
    pub existing: usize,
    /// The group the consumer joins.
    pub group: String,
    /// The topics it may subscribe to.
    pub topics: Vec<String>,
    /// Do something to the world.
    pub on_command: Callback<Command>,
}

/// "Add consumer" for the page's first group, "Add consumer to group-b" for another.
pub fn add_label(group: &str, lang: Lang) -> String {
    match lang {
        _ if group == world::GROUP => lang.pick("Add consumer", "添加消费者").into(),
        Lang::En => format!("Add consumer to {group}"),
        Lang::Zh => format!("向 {group} 添加消费者"),
    }
}

/// The add-consumer button and its settings.
#[function_component]
pub fn AddConsumer(props: &AddConsumerProps) -> Html {
    let lang = use_lang();
    let strategy = use_state(|| 0usize);
    let is_static = use_state(|| false);
    let after_processing = use_state(|| false);
    let processing_ms = use_state(|| 10u64);
    let session_ms = use_state(|| "45000".to_string());
    let poll_ms = use_state(|| "300000".to_string());
    // Index into the topics, or `topics.len()` for all of them.
    let subscription = use_state(|| 0usize);
    let error = use_state(|| None::<String>);
    let add = {
        let (strategy, is_static, after, ms) = (*strategy, *is_static, *after_processing, *processing_ms);
        let (session_ms, poll_ms, error) = (session_ms.clone(), poll_ms.clone(), error.clone());
        let on_command = props.on_command.clone();
        let next = props.existing + 1;
        let group = props.group.clone();
        let topics = match props.topics.get(*subscription) {
            Some(topic) => vec![topic.clone()],
            None => props.topics.clone(),
        };
        move |_| {
            let timeouts =
                whole_number(&session_ms, lang, ("session.timeout.ms", "session.timeout.ms"), 1, 3_600_000)
                    .and_then(|s| {
                        Ok((
                            s,
                            whole_number(
                                &poll_ms,
                                lang,
                                ("max.poll.interval.ms", "max.poll.interval.ms"),
                                1,
                                3_600_000,
                            )?,
                        ))
                    });
            let (session, poll) = match timeouts {
                Ok(t) => t,
                Err(e) => return error.set(Some(e)),
            };
            let mut config = world::consumer();
            if session <= config.heartbeat_interval_ms {
                let heartbeat = config.heartbeat_interval_ms;
                return error.set(Some(match lang {
                    Lang::En => {
                        format!(
                            "session.timeout.ms must be larger than heartbeat.interval.ms ({heartbeat} ms)"
                        )
                    }
                    Lang::Zh => {
                        format!("session.timeout.ms 必须大于 heartbeat.interval.ms（{heartbeat} ms）")
                    }
                }));
            }
            error.set(None);
            config.group_id = group.clone();
            config.topics = topics.clone();
            config.session_timeout_ms = session;
            config.max_poll_interval_ms = poll;
            config.assignors = STRATEGIES[strategy].2.to_vec();
            config.instance_id = is_static.then(|| format!("instance-{next}"));
            if after {
                config.commit = CommitMode::AfterProcessing;
            }
            config.processing_ms_per_record = ms;
            on_command.emit(Command::AddConsumer { config });
        }
    };
    let text_setter = |state: &UseStateHandle<String>| {
        let state = state.clone();
        move |e: InputEvent| state.set(text_of(&e))
    };
    let on_subscription = {
        let subscription = subscription.clone();
        move |e: Event| subscription.set(selected(&e).unwrap_or(0))
    };
    let on_strategy = {
        let strategy = strategy.clone();
        move |e: Event| strategy.set(selected(&e).unwrap_or(0))
    };
    let on_commit = {
        let after_processing = after_processing.clone();
        move |e: Event| after_processing.set(selected(&e) == Some(1))
    };
    let on_static = {
        let is_static = is_static.clone();
        move |e: Event| is_static.set(checked(&e))
    };
    let on_speed = {
        let processing_ms = processing_ms.clone();
        move |e: Event| processing_ms.set(selected(&e).map_or(10, |i| [1, 10, 50, 200][i.min(3)]))
    };
    html! {
        <div class="add-consumer">
            <button class="add" data-spot={format!("add-consumer:{}", props.group)} aria-label={add_label(&props.group, lang)} onclick={add}>{ lang.pick("+ Add consumer", "+ 添加消费者") }</button>
            if let Some(e) = &*error { <p class="inline-error" role="alert">{ e }</p> }
            <details>
                <summary>{ lang.pick("settings for the next consumer", "下一个消费者的设置") }</summary>
                <label>{ "partition.assignment.strategy" }
                    <select aria-label={lang.pick("Assignment strategy", "partition.assignment.strategy（分配策略）")} onchange={on_strategy}>
                        { for STRATEGIES.iter().enumerate().map(|(i, &(en, zh, _))| html! {
                            <option value={i.to_string()} selected={i == *strategy}>{ lang.pick(en, zh) }</option>
                        }) }
                    </select>
                </label>
                <label>{ lang.pick("commits", "提交方式") }
                    <select aria-label={lang.pick("Commit mode", "提交方式")} onchange={on_commit}>
                        <option value="0" selected={!*after_processing}>{ lang.pick("auto-commit every 5 s", "每 5 秒自动提交") }</option>
                        <option value="1" selected={*after_processing}>{ lang.pick("commitSync after each batch", "每批处理完后 commitSync") }</option>
                    </select>
                </label>
                <label>{ lang.pick("processing", "处理耗时") }
                    <select aria-label={lang.pick("Processing time per record", "每条消息的处理耗时")} onchange={on_speed}>
                        { for [1u64, 10, 50, 200].iter().enumerate().map(|(i, ms)| html! {
                            <option value={i.to_string()} selected={*ms == *processing_ms}>{ match lang {
                                Lang::En => format!("{ms} ms per record"),
                                Lang::Zh => format!("每条 {ms} ms"),
                            } }</option>
                        }) }
                    </select>
                </label>
                <label>{ lang.pick("subscribe to", "订阅") }
                    <select aria-label={lang.pick("Subscription", "订阅")} onchange={on_subscription}>
                        { for props.topics.iter().enumerate().map(|(i, t)| html! {
                            <option value={i.to_string()} selected={i == *subscription}>{ t }</option>
                        }) }
                        if props.topics.len() > 1 {
                            <option value={props.topics.len().to_string()} selected={*subscription == props.topics.len()}>{ lang.pick("all topics", "全部主题") }</option>
                        }
                    </select>
                </label>
                <label>{ "session.timeout.ms" }
                    <input type="text" inputmode="numeric" size="7" aria-label={lang.pick("Session timeout (ms)", "session.timeout.ms（会话超时，毫秒）")}
                        value={(*session_ms).clone()} oninput={text_setter(&session_ms)} />
                </label>
                <label>{ "max.poll.interval.ms" }
                    <input type="text" inputmode="numeric" size="7" aria-label={lang.pick("Max poll interval (ms)", "max.poll.interval.ms（最大 poll 间隔，毫秒）")}
                        value={(*poll_ms).clone()} oninput={text_setter(&poll_ms)} />
                </label>
                <label class="check">
                    <input type="checkbox" aria-label={lang.pick("Static member", "静态成员")} checked={*is_static} onchange={on_static} />
                    { match lang {
                        Lang::En => format!("static (group.instance.id = instance-{})", props.existing + 1),
                        Lang::Zh => format!("静态成员（group.instance.id = instance-{}）", props.existing + 1),
                    } }
                </label>
            </details>
        </div>
    }
}
