//! Play / pause / step and the virtual clock.

use groupsim::Instant;
use yew::prelude::*;

use super::Icon;

/// Props of [`Controls`].
#[derive(Properties, PartialEq, Debug)]
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
}

/// The time controls.
#[function_component]
pub fn Controls(props: &ControlsProps) -> Html {
    let toggle = if props.playing {
        let cb = props.on_pause.clone();
        html! { <button class="primary" aria-label="Pause" onclick={move |_| cb.emit(())}><Icon path="M3 2h3v10H3zM8 2h3v10H8z" />{ "Pause" }</button> }
    } else {
        let cb = props.on_play.clone();
        html! { <button class="primary" aria-label="Play" onclick={move |_| cb.emit(())}><Icon path="M3 1.5v11l9-5.5z" />{ "Play" }</button> }
    };
    let step = props.on_step.clone();
    let skip = props.on_skip.clone();
    html! {
        <div class="controls">
            { toggle }
            <button aria-label="Advance 10 seconds" title="Jump 10 s of virtual time ahead" onclick={move |_| skip.emit(10)}>
                { "+10 s" }
            </button>
            <button aria-label="Step to the next event" onclick={move |_| step.emit(())}><Icon path="M2 1.5v11l7-5.5zM10 2h2.5v10H10z" />{ "Step" }</button>
            <span class="clock" title="Virtual time since the start">{ format!("t = {}", props.now) }</span>
            <span class="seed" title="The seed: the same seed replays the same run">{ format!("seed {}", props.seed) }</span>
        </div>
    }
}
