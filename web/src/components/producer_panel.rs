//! Producers and topics: add, pause, remove and re-rate producers; create topics; follow one key
//! to see that it always lands in the same partition.

use groupsim::partitioner::{key_bytes, partition_for_key};
use groupsim::{Command, KeyMode, MAX_RATE, ProducerConfig, ProducerView};
use yew::prelude::*;

use super::part::{Local, Part};
use crate::input::{selected, text_of, whole_number};
use crate::lang::Lang;

/// The producers panel; it keeps what was typed into its forms.
#[derive(PartialEq, Debug)]
pub struct ProducerPanel {
    /// Every producer, in creation order.
    pub producers: Vec<ProducerView>,
    /// Topics and their partition counts.
    pub topics: Vec<(String, u32)>,
    /// The key being followed.
    pub follow: Option<u32>,
    /// Follow a key (or stop).
    pub on_follow: Callback<Option<u32>>,
    /// Do something to the world.
    pub on_command: Callback<Command>,
}

/// How a key mode reads.
pub fn describe_mode(mode: &KeyMode, lang: Lang) -> String {
    match (mode, lang.in_build()) {
        (KeyMode::Keyed { key_space }, Lang::En) => format!("keyed, {key_space} keys (murmur2)"),
        (KeyMode::Keyed { key_space }, Lang::Zh) => format!("按键分区，{key_space} 个键（murmur2）"),
        (KeyMode::Sticky { batch_records }, Lang::En) => {
            format!("null key, sticky ({batch_records}-record batches)")
        }
        (KeyMode::Sticky { batch_records }, Lang::Zh) => format!("无键，粘性分区（每批 {batch_records} 条）"),
        (KeyMode::RoundRobin, _) => lang.pick("round-robin", "轮询").to_string(),
        (KeyMode::Explicit { partition }, Lang::En) => format!("always P{partition}"),
        (KeyMode::Explicit { partition }, Lang::Zh) => format!("固定发往 P{partition}"),
    }
}

/// What the producers panel's forms hold: the new producer's settings, the new topic's, and
/// what is wrong with them.
#[derive(Clone, Debug)]
pub struct ProducerForm {
    rate: String,
    /// 0 keyed, 1 null key (sticky), 2 round-robin.
    mode: usize,
    keys: String,
    topic_name: String,
    topic_partitions: String,
    error: Option<String>,
    /// The new producer's topic, an index into the topics.
    topic_index: usize,
}

impl Default for ProducerForm {
    fn default() -> Self {
        ProducerForm {
            rate: "5".into(),
            mode: 0,
            keys: "32".into(),
            topic_name: "payments".into(),
            topic_partitions: "3".into(),
            error: None,
            topic_index: 0,
        }
    }
}

impl Part for ProducerPanel {
    type State = ProducerForm;

    fn draw(&self, lang: Lang, form: &Local<ProducerForm>) -> Html {
        producer_panel(self, lang, form)
    }
}

fn producer_panel(props: &ProducerPanel, lang: Lang, state: &Local<ProducerForm>) -> Html {
    let form = state.get();
    let chosen_topic = props.topics.get(form.topic_index).or(props.topics.first()).map(|(t, _)| t.clone());
    let add = {
        let (state, form, on_command) = (state.clone(), form.clone(), props.on_command.clone());
        let topic = chosen_topic.unwrap_or_default();
        move |_| {
            let parsed = whole_number(&form.rate, lang, ("The rate", "速率"), 0, MAX_RATE).and_then(|rate| {
                let key_mode = match form.mode {
                    0 => KeyMode::Keyed {
                        key_space: whole_number(&form.keys, lang, ("The key space", "键空间"), 1, 1_000_000)?,
                    },
                    1 => KeyMode::default(),
                    _ => KeyMode::RoundRobin,
                };
                Ok(ProducerConfig { topic: topic.clone(), rate_per_sec: rate, key_mode })
            });
            state.update(|f| f.error = parsed.as_ref().err().cloned());
            if let Ok(config) = parsed {
                on_command.emit(Command::AddProducer { config });
            }
        }
    };
    let create_topic = {
        let (state, form, on_command) = (state.clone(), form.clone(), props.on_command.clone());
        move |_| {
            let partitions =
                whole_number(&form.topic_partitions, lang, ("The partition count", "分区数"), 1, 64);
            state.update(|f| f.error = partitions.as_ref().err().cloned());
            if let Ok(partitions) = partitions {
                on_command
                    .emit(Command::CreateTopic { topic: form.topic_name.trim().to_string(), partitions });
            }
        }
    };
    let on_follow_input = {
        let on_follow = props.on_follow.clone();
        move |e: InputEvent| on_follow.emit(text_of(&e).trim().parse::<u32>().ok())
    };
    let setter = |field: fn(&mut ProducerForm) -> &mut String| {
        let state = state.clone();
        move |e: InputEvent| {
            let text = text_of(&e);
            state.update(|f| *field(f) = text);
        }
    };
    let on_mode = {
        let state = state.clone();
        move |e: Event| state.update(|f| f.mode = selected(&e).unwrap_or(0))
    };
    let followed = props.follow.map(|k| {
        let bytes = key_bytes(k);
        let places: Vec<String> =
            props.topics.iter().map(|(t, n)| format!("{t}-{}", partition_for_key(&bytes, *n))).collect();
        match lang.in_build() {
            Lang::En => {
                format!("key-{k} → {} (murmur2 of the key, mod the partition count)", places.join(", "))
            }
            Lang::Zh => format!("key-{k} → {}（键的 murmur2 哈希对分区数取模）", places.join("、")),
        }
    });
    html! {
        <section class="producers" data-spot="producers" aria-label={lang.pick("Producers", "生产者")}>
            <h2>{ lang.pick("Producers", "生产者") }</h2>
            <ul>
                { for props.producers.iter().filter(|p| !p.removed).map(|p| {
                    let id = p.id.0;
                    let act = |command: Command| { let c = props.on_command.clone(); move |_| c.emit(command.clone()) };
                    let pause = if p.paused { lang.pick("Resume", "继续") } else { lang.pick("Pause", "暂停") };
                    let (halve, double) = match lang.in_build() {
                        Lang::En => (format!("½× rate of {}", p.id), format!("2× rate of {}", p.id)),
                        Lang::Zh => (format!("把 {} 的速率调到 ½×", p.id), format!("把 {} 的速率调到 2×", p.id)),
                    };
                    html! {
                        <li class="producer">
                            <strong>{ p.id.to_string() }</strong>
                            { format!(" → {} · {}{} · {}", p.topic, p.rate_per_sec, lang.pick("/s", " 条/秒"), describe_mode(&p.key_mode, lang)) }
                            if p.paused { <span class="muted">{ lang.pick(" · paused", " · 已暂停") }</span> }
                            <span class="producer-actions">
                                <button aria-label={halve} title={lang.pick("Halve the rate", "速率减半")}
                                    onclick={act(Command::SetProducerRate { producer: id, rate_per_sec: p.rate_per_sec / 2 })}>{ "½×" }</button>
                                <button aria-label={double} title={lang.pick("Double the rate", "速率加倍")}
                                    onclick={act(Command::SetProducerRate { producer: id, rate_per_sec: (p.rate_per_sec.max(1) * 2).min(MAX_RATE) })}>{ "2×" }</button>
                                <button aria-label={format!("{pause} {}", p.id)}
                                    onclick={act(Command::PauseProducer { producer: id, paused: !p.paused })}>
                                    { pause }
                                </button>
                                <button aria-label={format!("{} {}", lang.pick("Remove", "移除"), p.id)} onclick={act(Command::RemoveProducer { producer: id })}>{ lang.pick("Remove", "移除") }</button>
                            </span>
                        </li>
                    }
                }) }
            </ul>
            <div class="form-row">
                if props.topics.len() > 1 {
                    <select aria-label={lang.pick("Producer topic", "生产者的主题")} onchange={{
                        let state = state.clone();
                        move |e: Event| state.update(|f| f.topic_index = selected(&e).unwrap_or(0))
                    }}>
                        { for props.topics.iter().enumerate().map(|(i, (t, _))| html! {
                            <option value={i.to_string()} selected={i == form.topic_index}>{ t }</option>
                        }) }
                    </select>
                }
                <label>{ lang.pick("rate/s ", "速率/秒 ") }<input type="text" inputmode="numeric" size="4" aria-label={lang.pick("Producer rate", "生产者速率/秒")} value={form.rate.clone()} oninput={setter(|f| &mut f.rate)} /></label>
                <select aria-label={lang.pick("Key mode", "消息键模式")} onchange={on_mode}>
                    <option value="0" selected={form.mode == 0}>{ lang.pick("keyed", "按键分区") }</option>
                    <option value="1" selected={form.mode == 1}>{ lang.pick("null key (sticky)", "无键（粘性分区）") }</option>
                    <option value="2" selected={form.mode == 2}>{ lang.pick("round-robin", "轮询") }</option>
                </select>
                if form.mode == 0 {
                    <label>{ lang.pick("keys ", "键空间 ") }<input type="text" inputmode="numeric" size="4" aria-label={lang.pick("Key space", "键空间")} value={form.keys.clone()} oninput={setter(|f| &mut f.keys)} /></label>
                }
                <button aria-label={lang.pick("Add producer", "添加生产者")} onclick={add}>{ lang.pick("Add producer", "添加生产者") }</button>
            </div>
            <div class="form-row">
                <input type="text" size="10" aria-label={lang.pick("New topic name", "新主题名称")} value={form.topic_name.clone()} oninput={setter(|f| &mut f.topic_name)} />
                <label>{ lang.pick("partitions ", "分区数 ") }<input type="text" inputmode="numeric" size="3" aria-label={lang.pick("New topic partitions", "新主题的分区数")} value={form.topic_partitions.clone()} oninput={setter(|f| &mut f.topic_partitions)} /></label>
                <button aria-label={lang.pick("Create topic", "创建主题")} onclick={create_topic}>{ lang.pick("Create topic", "创建主题") }</button>
            </div>
            if let Some(e) = &form.error { <p class="inline-error" role="alert">{ e }</p> }
            <div class="form-row">
                <label>{ lang.pick("follow key ", "跟踪键 ") }<input type="text" inputmode="numeric" size="4" aria-label={lang.pick("Follow key", "跟踪键")}
                    placeholder="7" value={props.follow.map(|k| k.to_string()).unwrap_or_default()} oninput={on_follow_input} /></label>
                if let Some(text) = followed { <span class="follow-result">{ text }</span> }
            </div>
        </section>
    }
}
