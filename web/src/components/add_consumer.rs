//! "Add consumer" with its settings: assignment strategy, static membership, commit mode and
//! processing speed. Defaults are Kafka's.

use groupsim::assignor::AssignorName;
use groupsim::assignor::server::ServerAssignorName;
use groupsim::{Command, CommitMode};
use yew::prelude::*;

use super::part::{Local, Part};
use crate::input::{checked, selected, text_of, whole_number};
use crate::lang::Lang;
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

/// The add-consumer button and its settings, which it keeps.
#[derive(PartialEq, Debug)]
pub struct AddConsumer {
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
    match lang.in_build() {
        _ if group == world::GROUP => lang.pick("Add consumer", "添加消费者").into(),
        Lang::En => format!("Add consumer to {group}"),
        Lang::Zh => format!("向 {group} 添加消费者"),
    }
}

/// The next consumer's settings as chosen so far (Kafka's defaults until then), and what is
/// wrong with them.
#[derive(Clone, Debug)]
pub struct ConsumerForm {
    /// Index into [`STRATEGIES`].
    strategy: usize,
    is_static: bool,
    after_processing: bool,
    processing_ms: u64,
    session_ms: String,
    poll_ms: String,
    /// Index into the topics, or `topics.len()` for all of them.
    subscription: usize,
    /// `group.protocol=consumer` (KIP-848).
    consumer_protocol: bool,
    /// `group.remote.assignor`: 0 the broker's default, 1 uniform, 2 range.
    remote: usize,
    error: Option<String>,
}

impl Default for ConsumerForm {
    /// Kafka's defaults, as the core's `ConsumerConfig::default` has them.
    fn default() -> Self {
        let kafka = world::consumer();
        ConsumerForm {
            strategy: 0,
            is_static: false,
            after_processing: kafka.commit == CommitMode::AfterProcessing,
            processing_ms: kafka.processing_ms_per_record,
            session_ms: kafka.session_timeout_ms.to_string(),
            poll_ms: kafka.max_poll_interval_ms.to_string(),
            subscription: 0,
            consumer_protocol: false,
            remote: 0,
            error: None,
        }
    }
}

impl Part for AddConsumer {
    type State = ConsumerForm;

    fn draw(&self, lang: Lang, form: &Local<ConsumerForm>) -> Html {
        add_consumer(self, lang, form)
    }
}

fn add_consumer(props: &AddConsumer, lang: Lang, state: &Local<ConsumerForm>) -> Html {
    let form = state.get();
    let add = {
        let (strategy, is_static, after, ms) =
            (form.strategy, form.is_static, form.after_processing, form.processing_ms);
        let (session_ms, poll_ms, error) = (form.session_ms.clone(), form.poll_ms.clone(), state.clone());
        let (kip848, remote) = (groupsim::CONSUMER_PROTOCOL && form.consumer_protocol, form.remote);
        let error = move |e: Option<String>| error.update(|f| f.error = e);
        let on_command = props.on_command.clone();
        let next = props.existing + 1;
        let group = props.group.clone();
        let topics = match props.topics.get(form.subscription) {
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
                Err(e) => return error(Some(e)),
            };
            let mut config = world::consumer();
            if !kip848 && session <= config.heartbeat_interval_ms {
                let heartbeat = config.heartbeat_interval_ms;
                return error(Some(match lang.in_build() {
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
            error(None);
            config.group_id = group.clone();
            config.topics = topics.clone();
            config.max_poll_interval_ms = poll;
            if kip848 {
                // The consumer protocol's client refuses the classic settings: they stay unset.
                config.group_protocol = groupsim::GroupProtocol::Consumer;
                config.remote_assignor =
                    [None, Some(ServerAssignorName::Uniform), Some(ServerAssignorName::Range)][remote.min(2)];
            } else {
                config.session_timeout_ms = session;
                config.assignors = STRATEGIES[strategy].2.to_vec();
            }
            config.instance_id = is_static.then(|| format!("instance-{next}"));
            if after {
                config.commit = CommitMode::AfterProcessing;
            }
            config.processing_ms_per_record = ms;
            on_command.emit(Command::AddConsumer { config });
        }
    };
    let text_setter = |field: fn(&mut ConsumerForm) -> &mut String| {
        let state = state.clone();
        move |e: InputEvent| {
            let text = text_of(&e);
            state.update(|f| *field(f) = text);
        }
    };
    // Each choice sets one field from the event that made it.
    let on = |set: fn(&mut ConsumerForm, &Event)| {
        let state = state.clone();
        move |e: Event| state.update(|f| set(f, &e))
    };
    let on_subscription = on(|f, e| f.subscription = selected(e).unwrap_or(0));
    let on_strategy = on(|f, e| f.strategy = selected(e).unwrap_or(0));
    let on_commit = on(|f, e| f.after_processing = selected(e) == Some(1));
    let on_static = on(|f, e| f.is_static = checked(e));
    let on_speed = on(|f, e| f.processing_ms = selected(e).map_or(10, |i| [1, 10, 50, 200][i.min(3)]));
    let on_protocol = on(|f, e| f.consumer_protocol = selected(e) == Some(1));
    let on_remote = on(|f, e| f.remote = selected(e).unwrap_or(0));
    let kip848 = groupsim::CONSUMER_PROTOCOL && form.consumer_protocol;
    html! {
        <div class="add-consumer">
            <button class="add" data-spot={format!("add-consumer:{}", props.group)} aria-label={add_label(&props.group, lang)} onclick={add}>{ lang.pick("+ Add consumer", "+ 添加消费者") }</button>
            if let Some(e) = &form.error { <p class="inline-error" role="alert">{ e }</p> }
            <details>
                <summary>{ lang.pick("settings for the next consumer", "下一个消费者的设置") }</summary>
                if groupsim::CONSUMER_PROTOCOL {
                    <label>{ "group.protocol" }
                        <select aria-label={lang.pick("Rebalance protocol", "group.protocol（重平衡协议）")} onchange={on_protocol}>
                            <option value="0" selected={!form.consumer_protocol}>{ lang.pick("classic (Kafka's default)", "classic（Kafka 默认）") }</option>
                            <option value="1" selected={form.consumer_protocol}>{ lang.pick("consumer (KIP-848)", "consumer（KIP-848）") }</option>
                        </select>
                    </label>
                } else {
                    // This build leaves the consumer protocol out of its first load; the one that
                    // has it opens beside this run, which goes on.
                    <p class="muted">
                        <a href={format!("{}kip848/?lang={}", crate::services::HOME, lang.code())} target="_blank" rel="noopener">
                            { lang.pick("group.protocol=consumer (KIP-848): open the playground that has it", "group.protocol=consumer（KIP-848）：打开带新协议的演练场") }
                        </a>
                    </p>
                }
                if kip848 {
                    <label>{ "group.remote.assignor" }
                        <select aria-label={lang.pick("Server-side assignor", "group.remote.assignor（服务端分配器）")} onchange={on_remote}>
                            <option value="0" selected={form.remote == 0}>{ lang.pick("unset (the broker's first: uniform)", "不设置（broker 的第一个：uniform）") }</option>
                            <option value="1" selected={form.remote == 1}>{ "uniform" }</option>
                            <option value="2" selected={form.remote == 2}>{ "range" }</option>
                        </select>
                    </label>
                } else {
                <label>{ "partition.assignment.strategy" }
                    <select aria-label={lang.pick("Assignment strategy", "partition.assignment.strategy（分配策略）")} onchange={on_strategy}>
                        { for STRATEGIES.iter().enumerate().map(|(i, &(en, zh, _))| html! {
                            <option value={i.to_string()} selected={i == form.strategy}>{ lang.pick(en, zh) }</option>
                        }) }
                    </select>
                </label>
                }
                <label>{ lang.pick("commits", "提交方式") }
                    <select aria-label={lang.pick("Commit mode", "提交方式")} onchange={on_commit}>
                        <option value="0" selected={!form.after_processing}>{ lang.pick("auto-commit every 5 s", "每 5 秒自动提交") }</option>
                        <option value="1" selected={form.after_processing}>{ lang.pick("commitSync after each batch", "每批处理完后 commitSync") }</option>
                    </select>
                </label>
                <label>{ lang.pick("processing", "处理耗时") }
                    <select aria-label={lang.pick("Processing time per record", "每条消息的处理耗时")} onchange={on_speed}>
                        { for [1u64, 10, 50, 200].iter().enumerate().map(|(i, ms)| html! {
                            <option value={i.to_string()} selected={*ms == form.processing_ms}>{ match lang.in_build() {
                                Lang::En => format!("{ms} ms per record"),
                                Lang::Zh => format!("每条 {ms} ms"),
                            } }</option>
                        }) }
                    </select>
                </label>
                <label>{ lang.pick("subscribe to", "订阅") }
                    <select aria-label={lang.pick("Subscription", "订阅")} onchange={on_subscription}>
                        { for props.topics.iter().enumerate().map(|(i, t)| html! {
                            <option value={i.to_string()} selected={i == form.subscription}>{ t }</option>
                        }) }
                        if props.topics.len() > 1 {
                            <option value={props.topics.len().to_string()} selected={form.subscription == props.topics.len()}>{ lang.pick("all topics", "全部主题") }</option>
                        }
                    </select>
                </label>
                if !kip848 {
                <label>{ "session.timeout.ms" }
                    <input type="text" inputmode="numeric" size="7" aria-label={lang.pick("Session timeout (ms)", "session.timeout.ms（会话超时，毫秒）")}
                        value={form.session_ms.clone()} oninput={text_setter(|f| &mut f.session_ms)} />
                </label>
                }
                <label>{ "max.poll.interval.ms" }
                    <input type="text" inputmode="numeric" size="7" aria-label={lang.pick("Max poll interval (ms)", "max.poll.interval.ms（最大 poll 间隔，毫秒）")}
                        value={form.poll_ms.clone()} oninput={text_setter(|f| &mut f.poll_ms)} />
                </label>
                <label class="check">
                    <input type="checkbox" aria-label={lang.pick("Static member", "静态成员")} checked={form.is_static} onchange={on_static} />
                    { match lang.in_build() {
                        Lang::En => format!("static (group.instance.id = instance-{})", props.existing + 1),
                        Lang::Zh => format!("静态成员（group.instance.id = instance-{}）", props.existing + 1),
                    } }
                </label>
            </details>
        </div>
    }
}
