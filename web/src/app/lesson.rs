//! The app's lesson part: the menu, the lesson under way and its spotlight, and how a step sets
//! up the world, waits, goes Back and ends.

use gloo_timers::callback::Timeout;
use groupsim::{Command, Instant, Scenario, Session, SimEvent};
use yew::prelude::*;

use super::App;
use crate::lesson::format::speed_index;
use crate::lesson::progress::recording_now;
use crate::lesson::{self, LessonRun};
use crate::msg::Msg;
use crate::services::{self, fetch, spotlight};
use crate::shared::Shared;

/// What the app keeps for lessons.
#[derive(Debug, Default)]
pub struct Lessons {
    /// The lesson under way.
    pub run: Option<Shared<LessonRun>>,
    /// Where the lesson under way was read from (`None`: handed over by a host page).
    pub url: Option<String>,
    /// The menu is open.
    pub menu: bool,
    /// The part of the page the step points at.
    spot: Option<String>,
    /// The spot is new: scroll to it, and say so if it is not on the page.
    spot_new: bool,
    /// The scroll to a new spot, after the panels have drawn.
    scroll: Option<Timeout>,
    /// Later in the move that ended the step's wait, the next step's wait was met too (a
    /// rebalance completes a few milliseconds after the session timeout that started it, within
    /// one tick).
    next_met: bool,
}

impl Lessons {
    /// Ends the current step's wait when `event` is what it waits for; once it is over, the
    /// next step's (when that step starts in this same world).
    pub fn saw(&mut self, event: &SimEvent) {
        let Some(run) = &mut self.run else { return };
        if !run.met {
            if run.wants_event(event) {
                run.make_mut().met = true;
            }
        } else if !self.next_met {
            self.next_met = run.next_wants_event(event);
        }
    }
}

impl App {
    /// A lesson's text arrived: read it and start it, or say what is wrong with it (the run on
    /// the page goes on).
    pub(super) fn lesson_loaded(&mut self, ctx: &Context<Self>, url: &str, text: Result<String, String>) {
        match text.and_then(|t| lesson::parse(&t)) {
            Ok(lesson) => {
                self.lesson_start(ctx, lesson);
                self.lessons.url = Some(url.to_string());
            }
            Err(e) => {
                self.embed_lesson_failed(&format!("{}: {e}", short_url(url)));
                self.error = Some(format!(
                    "{} {}: {e}. {}",
                    self.lang.pick("The lesson could not be opened:", "无法打开这节课："),
                    short_url(url),
                    self.lang.pick("The run on the page goes on.", "页面上的运行照常继续。")
                ));
            }
        }
    }

    /// Starts `lesson` at its first step (the menu closes).
    pub(super) fn lesson_start(&mut self, ctx: &Context<Self>, lesson: lesson::format::Lesson) {
        self.lessons.menu = false;
        self.lessons.url = None;
        self.lessons.run = Some(Shared(std::rc::Rc::new(LessonRun::new(lesson))));
        self.enter_step(ctx);
    }

    pub(super) fn lesson_open(&mut self, ctx: &Context<Self>, url: String) {
        let done = ctx
            .link()
            .callback(move |(url, text): (String, Result<String, String>)| Msg::LessonLoaded(url, text));
        let for_done = url.clone();
        fetch::text(&url, Callback::from(move |text| done.emit((for_done.clone(), text))));
    }

    /// The current step starts: its recording is kept for Back, then its world, commands,
    /// speed, spot and wait take effect.
    pub(super) fn enter_step(&mut self, ctx: &Context<Self>) {
        let recording = recording_now(&self.session);
        let Some(run) = &mut self.lessons.run else { return };
        run.make_mut().entered(recording);
        let Some(step) = run.current().cloned() else {
            // The question: the world waits while the learner looks.
            self.playback.timer = None;
            self.lessons.spot = None;
            self.lessons.spot_new = true;
            return;
        };
        let number = run.step + 1;
        let mut problem = None;
        if let Some(world) = &step.world {
            match services::scenario_from_fragment(world).unwrap_or_else(|| Err(String::new())) {
                Ok(scenario) => {
                    if let Err(e) = self.load(ctx, scenario, false) {
                        problem = Some(format!("step {number}, world: {e}"));
                    }
                }
                Err(e) => problem = Some(format!("step {number}, world: {e}")),
            }
        }
        for (i, command) in step.commands.iter().enumerate() {
            if problem.is_some() {
                break;
            }
            if let Err(e) = self.session.apply(command.clone()) {
                let why = crate::i18n::errors::sim_error(&e, self.lang);
                problem = Some(format!("step {number}, do[{i}] ({}): {why}", command.name()));
            }
            self.drain();
        }
        if let Some(speed) = step.speed.and_then(speed_index) {
            match speed {
                Some(index) => {
                    self.playback.speed = index;
                    self.play(ctx);
                }
                None => self.playback.timer = None,
            }
        }
        if problem.is_none()
            && let Some(wait) = &step.wait
            && let Some(name) = &wait.consumer
        {
            // A consumer the world does not have can only be waited for as it is added.
            let exists = lesson::watch::consumer_number(name)
                .is_ok_and(|n| self.view.consumers.iter().any(|c| c.id.0 == n));
            let added_later = wait.act.as_deref() == Some("add-consumer")
                || wait.event.as_deref() == Some("consumer-added");
            if !exists && !added_later {
                problem = Some(format!("step {number}, wait: consumer: the world has no {name}"));
            }
        }
        self.lessons.spot = step.point.clone();
        self.lessons.spot_new = true;
        let now = self.session.sim().now();
        if let Some(run) = &mut self.lessons.run {
            let run = run.make_mut();
            run.set_up(now);
            run.problem = problem;
        }
    }

    /// Next: the step waits for nothing, or its wait is over.
    pub(super) fn lesson_next(&mut self, ctx: &Context<Self>) {
        if let Some(run) = &mut self.lessons.run
            && run.can_go_on()
        {
            run.make_mut().next();
            self.enter_step(ctx);
        }
    }

    /// Back: the world goes back to where the previous step began, and that step starts again.
    pub(super) fn lesson_back(&mut self, ctx: &Context<Self>) {
        let Some(run) = &mut self.lessons.run else { return };
        let Some(start) = run.make_mut().back() else { return };
        self.playback.timer = None;
        if let Err(e) = self.load(ctx, start, false) {
            self.error = Some(e);
        }
        self.enter_step(ctx);
    }

    pub(super) fn lesson_leave(&mut self) {
        self.lessons.run = None;
        self.lessons.url = None;
        self.lessons.spot = None;
        self.lessons.spot_new = true;
    }

    pub(super) fn lesson_answer(&mut self, given: &str) {
        let duplicates = self.observed.duplicate_count;
        if let Some(run) = &mut self.lessons.run {
            run.make_mut().answer(given, &self.view, duplicates);
        }
    }

    /// After a command the world took: the learner may have done what the step waits for.
    pub(super) fn lesson_acted(&mut self, command: &Command) {
        if let Some(run) = &mut self.lessons.run
            && run.wants_act(command)
        {
            run.make_mut().met = true;
        }
    }

    /// After every move: a wait that is over starts the next step, whose own wait may already
    /// be over too.
    pub(super) fn lesson_moved(&mut self, ctx: &Context<Self>) {
        let now = self.session.sim().now();
        let Some(run) = &mut self.lessons.run else { return };
        if run.time_is_up(now) {
            run.make_mut().met = true;
        }
        if run.met && run.current().is_some_and(|s| s.wait.is_some()) {
            run.make_mut().next();
            let next_met = std::mem::take(&mut self.lessons.next_met);
            self.enter_step(ctx);
            if next_met && let Some(run) = &mut self.lessons.run {
                run.make_mut().met = true;
                self.lesson_moved(ctx);
            }
        }
        self.lessons.next_met = false;
    }

    /// After a draw with a new spot: once every panel has drawn too (a zero timeout runs after
    /// Yew's pending renders), it is scrolled into view, and one not on the page is the
    /// lesson's problem.
    pub(super) fn lesson_rendered(&mut self, ctx: &Context<Self>) {
        if !std::mem::take(&mut self.lessons.spot_new) {
            return;
        }
        let Some(spot) = self.lessons.spot.clone() else { return };
        let link = ctx.link().clone();
        self.lessons.scroll = Some(Timeout::new(0, move || {
            if !spotlight::scroll_to(&spot) {
                link.send_message(Msg::LessonProblem(format!(
                    "point: nothing on the page is `{spot}` now (is there such a group, topic or consumer?)"
                )));
            }
        }));
    }

    /// The rule that outlines the spot, drawn with the page (so a redraw never loses it).
    pub(super) fn spot_style(&self) -> Option<String> {
        let spot = self.lessons.spot.as_deref()?;
        Some(format!(
            "{}{{outline:3px solid #c27c00;outline-offset:2px;border-radius:6px}}",
            lesson::spot::selector(spot)
        ))
    }

    /// Replaces the run with `scenario`'s, replayed to its end (in slices when `sliced`) and
    /// paused there.
    pub(super) fn load(
        &mut self,
        ctx: &Context<Self>,
        scenario: Scenario,
        sliced: bool,
    ) -> Result<(), String> {
        let until = scenario.until_ms;
        let session = Session::new(scenario).map_err(|e| e.to_string())?;
        self.playback.timer = None;
        self.session = session;
        if let Some(embed) = self.embed_mut() {
            embed.rewritten(Instant::ZERO);
        }
        self.observed = crate::observed::Observed::default();
        self.checkpoints.clear();
        self.link = None;
        self.drain();
        if until > 0 {
            self.seek_sliced(ctx, Instant::from_millis(until), false, sliced);
        }
        Ok(())
    }
}

/// A lesson's address as an error names it: a long one (a `data:` URL) is cut short.
fn short_url(url: &str) -> String {
    match url.char_indices().nth(60) {
        Some((end, _)) => format!("{}…", &url[..end]),
        None => url.to_string(),
    }
}
