//! The root component: owns the simulation and the timer that drives it.

use gloo_timers::callback::Interval;
use groupsim::{Command, Duration, Sim, SimEvent};
use yew::prelude::*;

use crate::components::{Controls, GroupPanel, SPEEDS, TopicPanel};
use crate::owners::Owners;
use crate::world;

/// Wall-clock milliseconds between ticks while playing.
const TICK_MS: u32 = 100;

/// How the app starts.
#[derive(Properties, PartialEq, Debug)]
pub struct AppProps {
    /// Start playing at once (the page does; tests start paused and step).
    #[prop_or(true)]
    pub autoplay: bool,
    /// The seed of the world.
    #[prop_or(1)]
    pub seed: u64,
}

impl Default for AppProps {
    fn default() -> Self {
        AppProps { autoplay: true, seed: 1 }
    }
}

/// What the app reacts to.
#[derive(Debug)]
pub enum Msg {
    /// The timer fired: advance the world by one tick of virtual time.
    Tick,
    /// Start the timer.
    Play,
    /// Stop the timer.
    Pause,
    /// Process the next scheduled thing and stop.
    Step,
    /// Move virtual time forward by this many seconds at once.
    Skip(u64),
    /// Play at this speed (an index into [`SPEEDS`]).
    Speed(usize),
    /// Do something to the world.
    Command(Command),
}

/// The playground.
#[derive(Debug)]
pub struct App {
    sim: Sim,
    timer: Option<Interval>,
    /// The last refused command's reason, shown until the next command.
    error: Option<String>,
    /// Index into [`SPEEDS`].
    speed: usize,
    /// Records processed twice, newest last (at most [`DUPLICATES_KEPT`]), and how many in all.
    duplicates: Vec<String>,
    duplicate_count: u64,
}

/// How many re-processed records the page lists.
const DUPLICATES_KEPT: usize = 12;

/// 1× by default.
const DEFAULT_SPEED: usize = 3;

impl Component for App {
    type Message = Msg;
    type Properties = AppProps;

    fn create(ctx: &Context<Self>) -> Self {
        let mut app = App {
            sim: world::initial(ctx.props().seed),
            timer: None,
            error: None,
            speed: DEFAULT_SPEED,
            duplicates: Vec::new(),
            duplicate_count: 0,
        };
        if ctx.props().autoplay {
            app.play(ctx);
        }
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Tick => {
                let virtual_ms = u64::from(TICK_MS) * SPEEDS[self.speed] / 10;
                self.sim.advance(Duration::from_millis(virtual_ms));
            }
            Msg::Speed(index) => self.speed = index.min(SPEEDS.len() - 1),
            Msg::Play => self.play(ctx),
            // Dropping the Interval cancels it.
            Msg::Pause => self.timer = None,
            Msg::Step => {
                self.timer = None;
                self.sim.step();
            }
            Msg::Skip(seconds) => self.sim.advance(Duration::from_secs(seconds)),
            // A refused command changes nothing in the world; say why next to the controls.
            Msg::Command(command) => {
                self.error = self.sim.apply_command(&command).err().map(|e| e.to_string())
            }
        }
        // The app reads views; of the events it keeps only the duplicates.
        while let Some(stamped) = self.sim.poll_event() {
            if let SimEvent::Duplicate { partition, offset, first, again, .. } = &stamped.event {
                self.duplicate_count += 1;
                self.duplicates.push(format!("{partition}@{offset}: {first}, again {again}"));
                if self.duplicates.len() > DUPLICATES_KEPT {
                    self.duplicates.remove(0);
                }
            }
        }
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let view = self.sim.view();
        let owners = Owners::of(&view, world::GROUP);
        let link = ctx.link();
        html! {
            <main class="playground">
                <header class="topbar">
                    <h1>{ "Kafka consumer group playground" }</h1>
                    <Controls
                        playing={self.timer.is_some()}
                        now={view.now}
                        seed={view.seed}
                        on_play={link.callback(|_| Msg::Play)}
                        on_pause={link.callback(|_| Msg::Pause)}
                        on_step={link.callback(|_| Msg::Step)}
                        on_skip={link.callback(Msg::Skip)}
                        speed={self.speed}
                        on_speed={link.callback(Msg::Speed)}
                    />
                </header>
                if let Some(error) = &self.error {
                    <p class="error" role="alert">{ error }</p>
                }
                <div class="columns">
                    { for view.topics.iter().map(|topic| html! {
                        <TopicPanel topic={topic.clone()} owners={owners.clone()} />
                    }) }
                    { for view.groups.iter().map(|group| html! {
                        <GroupPanel
                            group={group.clone()}
                            consumers={view.consumers.iter().filter(|c| c.group == group.id).cloned().collect::<Vec<_>>()}
                            on_command={link.callback(Msg::Command)}
                        />
                    }) }
                </div>
                <section class="duplicates" aria-label="Duplicates">
                    <h2>{ format!("Processed twice: {}", self.duplicate_count) }</h2>
                    if self.duplicates.is_empty() {
                        <p class="muted">{ "No record has been processed twice. Kill a consumer between two commits to see some." }</p>
                    } else {
                        <ul>{ for self.duplicates.iter().rev().map(|d| html! { <li>{ d }</li> }) }</ul>
                    }
                </section>
            </main>
        }
    }
}

impl App {
    fn play(&mut self, ctx: &Context<Self>) {
        let link = ctx.link().clone();
        self.timer = Some(Interval::new(TICK_MS, move || link.send_message(Msg::Tick)));
    }
}
