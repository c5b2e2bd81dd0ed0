//! The run as a whole: seek along the recording, reset (with a seed), share it as a link.

use groupsim::Instant;
use yew::prelude::*;

use super::part::{Local, Part};
use crate::lang::Lang;

/// The timeline bar.
#[derive(PartialEq, Debug)]
pub struct Timeline {
    /// The moment shown.
    pub now: Instant,
    /// The furthest moment reached.
    pub head: Instant,
    /// When each recorded command was given (ms), for the marks on the track.
    pub commands: Vec<u64>,
    /// The world's seed.
    pub seed: u64,
    /// The share link last published, if any.
    pub link: Option<String>,
    /// Go to a moment (ms).
    pub on_seek: Callback<u64>,
    /// Start again with a seed.
    pub on_reset: Callback<u64>,
    /// Publish the run as a link.
    pub on_share: Callback<()>,
    /// Show the keyboard shortcuts.
    pub on_help: Callback<()>,
}

/// Reads a seed typed by a person: a whole number that fits in 64 bits; the error is in `lang`.
pub fn parse_seed(text: &str, lang: Lang) -> Result<u64, String> {
    let text = text.trim();
    text.parse::<u64>().map_err(|_| match lang.in_build() {
        Lang::En => format!("“{text}” is not a seed: use a whole number from 0 to {}", u64::MAX),
        Lang::Zh => format!("“{text}”不是有效的种子：请输入 0 到 {} 之间的整数", u64::MAX),
    })
}

/// What the timeline keeps: the seed as typed (until then the world's own) and what is wrong
/// with it.
#[derive(Clone, Default, Debug)]
pub struct SeedField {
    text: Option<String>,
    error: Option<String>,
}

impl Part for Timeline {
    type State = SeedField;

    fn draw(&self, lang: Lang, state: &Local<SeedField>) -> Html {
        timeline(self, lang, state)
    }
}

fn timeline(props: &Timeline, lang: Lang, state: &Local<SeedField>) -> Html {
    let field = state.get();
    let head_ms = props.head.as_millis().max(1);
    let on_seek = props.on_seek.clone();
    let seek = move |e: InputEvent| {
        if let Ok(ms) = crate::input::text_of(&e).parse::<u64>() {
            on_seek.emit(ms);
        }
    };
    let on_seed_input = {
        let state = state.clone();
        move |e: InputEvent| {
            let text = crate::input::text_of(&e);
            state.update(|field| {
                field.error = parse_seed(&text, lang).err();
                field.text = Some(text);
            });
        }
    };
    let seed_text = field.text.unwrap_or_else(|| props.seed.to_string());
    let reset = {
        let (state, on_reset, text) = (state.clone(), props.on_reset.clone(), seed_text.clone());
        move |_| match parse_seed(&text, lang) {
            Ok(seed) => on_reset.emit(seed),
            Err(e) => state.update(|field| field.error = Some(e)),
        }
    };
    let share = props.on_share.clone();
    let help = props.on_help.clone();
    html! {
        <div class="timeline" data-spot="timeline">
            <label class="seek" title={lang.pick(
                "Drag back to replay from the start up to that moment; the recorded actions are given again",
                "向回拖动，就从头重放到那一刻；记录下的操作会再执行一遍",
            )}>
                <span class="sr-only">{ lang.pick("Seek", "跳转") }</span>
                <input type="range" min="0" max={head_ms.to_string()} step="100"
                    value={props.now.as_millis().to_string()} aria-label={lang.pick("Seek", "跳转")}
                    aria-valuetext={props.now.to_string()} oninput={seek} />
                <span class="marks" aria-hidden="true">
                    { for props.commands.iter().filter(|&&ms| ms > 0).map(|ms| html! {
                        <span class="mark" style={format!("left:{}%", ms * 100 / head_ms)}></span>
                    }) }
                </span>
            </label>
            <span class="head" title={lang.pick("The furthest moment reached", "已到达的最远时刻")}>
                { match lang.in_build() { Lang::En => format!("of {}", props.head), Lang::Zh => format!("共 {}", props.head) } }
            </span>
            <label class="seed-input">
                <span>{ lang.pick("seed", "种子") }</span>
                <input type="text" inputmode="numeric" size="6" aria-label={lang.pick("Seed", "种子")} value={seed_text}
                    aria-invalid={field.error.is_some().to_string()} oninput={on_seed_input} />
            </label>
            <button aria-label={lang.pick("Reset", "重置")} title={lang.pick("Start the default world again with this seed", "用这个种子重新开始默认场景")}
                onclick={reset}>{ lang.pick("Reset", "重置") }</button>
            if !crate::embed::ALWAYS {
            <button data-spot="share" aria-label={lang.pick("Share link", "分享链接")}
                title={lang.pick("Put this run in the address bar: opening the link replays it exactly", "把这次运行写进地址栏：打开这个链接就能原样重放")}
                onclick={move |_| share.emit(())}>{ lang.pick("Share", "分享") }</button>
            <button aria-label={lang.pick("Keyboard shortcuts", "键盘快捷键")} title={lang.pick("Keyboard shortcuts (?)", "键盘快捷键（?）")} onclick={move |_| help.emit(())}>{ "?" }</button>
            }
            if let Some(error) = &field.error {
                <p class="inline-error" role="alert">{ error }</p>
            }
            if let Some(link) = props.link.as_ref().filter(|_| !crate::embed::ALWAYS) {
                <input class="share-link" readonly=true aria-label={lang.pick("The share link", "这次运行的分享链接")} value={link.clone()} />
                <input class="share-link" readonly=true aria-label={lang.pick("Embed this run in a page (an iframe, 800×580)", "把这次运行嵌入网页（iframe，800×580）")}
                    title={lang.pick("Paste into a tutorial page; docs/embed.md says how to drive it", "粘贴到教程页面里；如何用脚本控制它见 docs/embed.md")}
                    value={crate::embed::iframe_snippet(link)} />
            }
        </div>
    }
}
