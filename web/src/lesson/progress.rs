//! Where a learner is in a lesson: the step, what it waits for, the recording each step began
//! from (so Back can go there), and the answer given. Pure: the app gives it the events, the
//! commands and the clock, and does what it says.

use groupsim::{Command, Instant, Scenario, SimEvent, SimView};

use super::format::{Lesson, Step};
use super::{measure, watch};

/// How the learner's answer went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answered {
    /// Right: the measured answer.
    Right(String),
    /// Not what the page shows (the answer given).
    Wrong(String),
}

/// A lesson under way.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonRun {
    pub lesson: Lesson,
    /// The step shown: `lesson.steps.len()` is the question.
    pub step: usize,
    /// The recording as each step so far began (index = step), for Back.
    starts: Vec<Scenario>,
    /// When the current step's `seconds` wait is over.
    until: Option<Instant>,
    /// The current step's wait is over; the next step starts once this move is taken in.
    pub met: bool,
    pub answered: Option<Answered>,
    /// What went wrong in the current step (a command refused, a spot not on the page).
    pub problem: Option<String>,
}

impl LessonRun {
    pub fn new(lesson: Lesson) -> Self {
        LessonRun {
            lesson,
            step: 0,
            starts: Vec::new(),
            until: None,
            met: false,
            answered: None,
            problem: None,
        }
    }

    /// The step shown, `None` at the question.
    pub fn current(&self) -> Option<&Step> {
        self.lesson.steps.get(self.step)
    }

    pub fn at_question(&self) -> bool {
        self.step >= self.lesson.steps.len()
    }

    /// Whether the learner may press Next: the step waits for nothing, or its wait is over.
    pub fn can_go_on(&self) -> bool {
        self.current().is_some_and(|s| s.wait.is_none() || self.met)
    }

    /// The step starts: `recording` is the world as it began (before the step's own world and
    /// commands), kept for Back.
    pub fn entered(&mut self, recording: Scenario) {
        self.starts.truncate(self.step);
        self.starts.push(recording);
        self.met = false;
        self.problem = None;
        self.answered = None;
        self.until = None;
    }

    /// The step's world and commands are in place at `now`: its `seconds` count from here.
    /// What the replay of its world showed on the way there is not what it waits for.
    pub fn set_up(&mut self, now: Instant) {
        self.met = false;
        self.until = self.wait().and_then(|w| w.seconds).map(|s| now + groupsim::Duration::from_secs(s));
    }

    /// Goes on to the next step (or the question).
    pub fn next(&mut self) {
        self.step = (self.step + 1).min(self.lesson.steps.len());
        self.met = false;
    }

    /// Goes back a step; returns the recording that step began from, to be restored before it
    /// is entered again.
    pub fn back(&mut self) -> Option<Scenario> {
        let to = self.step.checked_sub(1)?;
        let start = self.starts.get(to)?.clone();
        self.step = to;
        self.met = false;
        Some(start)
    }

    /// Whether `event` ends the current step's wait (and it is not over yet).
    pub fn wants_event(&self, event: &SimEvent) -> bool {
        !self.met && self.wait().is_some_and(|w| watch::happened(w, event))
    }

    /// Whether `event` meets the next step's wait, when that step starts in the same world (no
    /// `world`, no `do` of its own).
    pub fn next_wants_event(&self, event: &SimEvent) -> bool {
        let next = self.lesson.steps.get(self.step + 1);
        let same_world = next.is_some_and(|s| s.world.is_none() && s.commands.is_empty());
        same_world && next.and_then(|s| s.wait.as_ref()).is_some_and(|w| watch::happened(w, event))
    }

    /// Whether the learner's `command`, taken by the world, ends the current step's wait.
    pub fn wants_act(&self, command: &Command) -> bool {
        !self.met && self.wait().is_some_and(|w| watch::acted(w, command))
    }

    /// Whether the current step's `seconds` are up at `now`.
    pub fn time_is_up(&self, now: Instant) -> bool {
        !self.met && self.until.is_some_and(|until| now >= until)
    }

    fn wait(&self) -> Option<&super::format::Wait> {
        self.current().and_then(|s| s.wait.as_ref())
    }

    /// The learner answers the question; it is measured on the world as it is now.
    pub fn answer(&mut self, given: &str, view: &SimView, duplicates: u64) {
        match measure::measure(&self.lesson.question.answer, view, duplicates) {
            Ok(right) if measure::is_right(given, &right) => self.answered = Some(Answered::Right(right)),
            Ok(_) => self.answered = Some(Answered::Wrong(given.trim().to_string())),
            Err(e) => self.problem = Some(format!("question, answer, {e}")),
        }
    }
}

/// The recording of `session` up to now: the commands given so far, to be replayed to now.
pub fn recording_now(session: &groupsim::Session) -> Scenario {
    let now = session.sim().now().as_millis();
    let mut scenario = session.scenario();
    scenario.commands.retain(|c| c.at_ms <= now);
    scenario.until_ms = now;
    scenario
}
