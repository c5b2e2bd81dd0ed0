//! Play / pause / step and the virtual clock.

use groupsim::Instant;
use yew::prelude::*;

use super::icon;
use crate::lang::Lang;

/// What [`controls`] draws (a plain function: one component type less in the download).
#[derive(Debug)]
pub struct ControlsProps {
    /// Whether time is running.
    pub playing: bool,
    /// The virtual clock.
    pub now: Instant,
    /// The world's seed.
    pub seed: u64,
    /// Start time.
    pub on_play: Callback<()>,
    /// Stop time.
    pub on_pause: Callback<()>,
    /// Move to the next event.
    pub on_step: Callback<()>,
    /// Jump ahead by some seconds of virtual time.
    pub on_skip: Callback<u64>,
    /// The speed, as an index into [`SPEEDS`].
    pub speed: usize,
    /// Pick a speed (index into [`SPEEDS`]).
    pub on_speed: Callback<usize>,
}

/// The speeds offered, in tenths of real time: 0.1× … 1000× on a log scale.
pub const SPEEDS: [u64; 13] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000];

/// `0.1×`, `1×`, `1000×`.
pub fn speed_label(index: usize) -> String {
    let tenths = SPEEDS[index.min(SPEEDS.len() - 1)];
    if tenths < 10 { format!("0.{tenths}×") } else { format!("{}×", tenths / 10) }
}

/// The time controls.
pub fn controls(lang: Lang, props: &ControlsProps) -> Html {
    let toggle = if props.playing {
        let cb = props.on_pause.clone();
        html! { <button class="primary" aria-label={lang.pick("Pause", "暂停")} onclick={move |_| cb.emit(())}>{ icon("M3 2h3v10H3zM8 2h3v10H8z") }{ lang.pick("Pause", "暂停") }</button> }
    } else {
        let cb = props.on_play.clone();
        html! { <button class="primary" aria-label={lang.pick("Play", "播放")} onclick={move |_| cb.emit(())}>{ icon("M3 1.5v11l9-5.5z") }{ lang.pick("Play", "播放") }</button> }
    };
    let step = props.on_step.clone();
    let skip = props.on_skip.clone();
    let on_speed = props.on_speed.clone();
    let speed_input = move |e: InputEvent| {
        if let Ok(index) = crate::input::text_of(&e).parse::<usize>() {
            on_speed.emit(index);
        }
    };
    html! {
        <div class="controls" data-spot="controls">
            { toggle }
            <button aria-label={lang.pick("+10 s: advance 10 seconds", "+10 s：快进 10 秒")}
                title={lang.pick("Jump 10 s of virtual time ahead", "虚拟时间向前跳 10 秒")} onclick={move |_| skip.emit(10)}>
                { "+10 s" }
            </button>
            <button aria-label={lang.pick("Step to the next event", "单步：前进到下一个事件")} onclick={move |_| step.emit(())}>
                { icon("M2 1.5v11l7-5.5zM10 2h2.5v10H10z") }{ lang.pick("Step", "单步") }
            </button>
            <label class="speed" data-spot="speed" title={lang.pick("Virtual seconds per real second (log scale)", "每一真实秒走过的虚拟秒数（对数刻度）")}>
                <span>{ lang.pick("speed", "速度") }</span>
                <input type="range" min="0" max={(SPEEDS.len() - 1).to_string()} step="1"
                    value={props.speed.to_string()} aria-label={lang.pick("Speed", "速度")} aria-valuetext={speed_label(props.speed)}
                    oninput={speed_input} />
                <output>{ speed_label(props.speed) }</output>
            </label>
            <span class="clock" title={lang.pick("Virtual time since the start", "从开始算起的虚拟时间")}>{ format!("t = {}", props.now) }</span>
            <span class="seed" title={lang.pick("The seed: the same seed replays the same run", "随机种子：同一个种子重放同一次运行")}>
                { match lang.in_build() { Lang::En => format!("seed {}", props.seed), Lang::Zh => format!("种子 {}", props.seed) } }
            </span>
        </div>
    }
}
