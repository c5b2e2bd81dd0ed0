//! The lesson format (docs/lessons.md): a lesson is JSON, read with serde, then checked so that
//! every mistake names the step and the field it is in.

use groupsim::Command;
use serde::Deserialize;

use crate::components::SPEEDS;
use crate::lang::Lang;

/// The format version this page reads (`"lesson": 1`).
pub const FORMAT: u32 = 1;

/// Text in either language; a lesson written in one language gives only that one, and readers
/// of the other see it too.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    #[serde(default)]
    pub en: Option<String>,
    #[serde(default)]
    pub zh: Option<String>,
}

impl Text {
    /// The text in `lang`, else in the other language.
    pub fn get(&self, lang: Lang) -> &str {
        let (wanted, other) = match lang {
            Lang::En => (&self.en, &self.zh),
            Lang::Zh => (&self.zh, &self.en),
        };
        wanted.as_deref().or(other.as_deref()).unwrap_or_default()
    }

    fn is_empty(&self) -> bool {
        self.en.as_deref().is_none_or(str::is_empty) && self.zh.as_deref().is_none_or(str::is_empty)
    }
}

/// A lesson.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// The format version, [`FORMAT`].
    pub lesson: u32,
    /// Its title.
    pub title: Text,
    /// About how long it takes, in minutes (the menu shows it).
    #[serde(default)]
    pub minutes: u32,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// The question it ends with.
    pub question: Question,
}

/// One step: text, and what the world does while it is read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// What the learner reads.
    pub text: Text,
    /// A world to start from: a share link's fragment (`v1;seed=…`), replayed to its end.
    #[serde(default)]
    pub world: Option<String>,
    /// Commands given when the step starts, as in a scenario (`{"do": "kill-consumer", …}`).
    #[serde(default, rename = "do")]
    pub commands: Vec<Command>,
    /// The part of the page to point at (see [`Spot`]).
    #[serde(default)]
    pub point: Option<String>,
    /// Play at this speed (whole multiples of real time: 1, 10, 100, …) when the step starts;
    /// `0` pauses. Left out, the clock stays as the learner has it.
    #[serde(default)]
    pub speed: Option<u32>,
    /// What the step waits for before the next one starts; left out, the learner presses Next.
    #[serde(default)]
    pub wait: Option<Wait>,
}

/// What a step waits for: exactly one of `act`, `event` and `seconds`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wait {
    /// The learner gives this command (`kill-consumer`, `add-consumer`, …).
    #[serde(default)]
    pub act: Option<String>,
    /// The world reaches this event (see [`crate::lesson::watch::EVENTS`]).
    #[serde(default)]
    pub event: Option<String>,
    /// This much virtual time passes.
    #[serde(default)]
    pub seconds: Option<u64>,
    /// Only in this group.
    #[serde(default)]
    pub group: Option<String>,
    /// Only for this consumer (its client id, as the page shows it: `consumer-2`).
    #[serde(default)]
    pub consumer: Option<String>,
    /// For `group-state-changed`: only into this state (`Stable`, `PreparingRebalance`, …).
    #[serde(default)]
    pub state: Option<String>,
}

/// The question a lesson ends with, answered by looking at the page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The question.
    pub text: Text,
    /// What the world measures the right answer to be.
    pub answer: Answer,
    /// Answers to pick from (one of them the measured one); left out, the learner types it.
    #[serde(default)]
    pub choices: Vec<String>,
    /// Shown after a right answer.
    #[serde(default)]
    pub explain: Text,
}

/// A measure of the world, the right answer to the question.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// What to measure (see [`crate::lesson::measure::MEASURES`]).
    pub measure: String,
    /// In this group (else the first).
    #[serde(default)]
    pub group: Option<String>,
    /// Of this partition (`orders-2`).
    #[serde(default)]
    pub partition: Option<String>,
    /// Of this consumer (`consumer-2`).
    #[serde(default)]
    pub consumer: Option<String>,
    /// Of this key.
    #[serde(default)]
    pub key: Option<u32>,
}

/// Reads a lesson: the JSON, then what JSON alone cannot say is wrong. Every error names where.
pub fn parse(text: &str) -> Result<Lesson, String> {
    let lesson: Lesson = serde_json::from_str(text).map_err(|e| json_error(text, &e))?;
    check(&lesson)?;
    Ok(lesson)
}

/// A serde error with the step it is in, found from its line: `step 3: unknown field …`.
fn json_error(text: &str, e: &serde_json::Error) -> String {
    let message = e.to_string();
    let message = message.split(" at line ").next().unwrap_or_default();
    let place = step_at(text, e.line(), e.column()).map_or_else(
        || format!("line {}, column {}", e.line(), e.column()),
        |step| format!("step {step} (line {}, column {})", e.line(), e.column()),
    );
    format!("{place}: {message}")
}

/// Which step (1-based) the text at `line`:`column` lies in: counts the objects opened directly
/// inside `"steps": [ … ]` up to there.
fn step_at(text: &str, line: usize, column: usize) -> Option<usize> {
    let upto: usize =
        text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum::<usize>() + column;
    let text = text.get(..upto.min(text.len()))?;
    let start = text.find("\"steps\"")?;
    let (mut depth, mut steps, mut in_string, mut escaped) = (0i32, 0, false, false);
    for c in text[start..].chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            _ if in_string => {}
            '[' | '{' => {
                depth += 1;
                if depth == 2 && c == '{' {
                    steps += 1;
                }
            }
            ']' | '}' => {
                depth -= 1;
                if depth <= 0 {
                    return None;
                }
            }
            _ => {}
        }
    }
    (steps > 0).then_some(steps)
}

/// What serde cannot check: the version, the speeds, the waits, the spots, the measure.
fn check(lesson: &Lesson) -> Result<(), String> {
    if lesson.lesson != FORMAT {
        return Err(format!("lesson: this page reads format {FORMAT}, the lesson says {}", lesson.lesson));
    }
    if lesson.title.is_empty() {
        return Err("title: a lesson needs a title (\"en\", \"zh\" or both)".into());
    }
    if lesson.steps.is_empty() {
        return Err("steps: a lesson needs at least one step".into());
    }
    for (i, step) in lesson.steps.iter().enumerate() {
        check_step(step).map_err(|e| format!("step {}, {e}", i + 1))?;
    }
    let question = &lesson.question;
    if question.text.is_empty() {
        return Err("question, text: the question needs its text".into());
    }
    super::measure::check(&question.answer).map_err(|e| format!("question, answer: {e}"))?;
    Ok(())
}

fn check_step(step: &Step) -> Result<(), String> {
    if step.text.is_empty() {
        return Err("text: the step has no text".into());
    }
    if let Some(world) = &step.world {
        crate::services::scenario_from_fragment(world)
            .unwrap_or_else(|| Err("an empty world".into()))
            .map_err(|e| format!("world: {e}"))?;
    }
    if let Some(point) = &step.point {
        super::spot::check(point).map_err(|e| format!("point: {e}"))?;
    }
    if let Some(speed) = step.speed {
        speed_index(speed)
            .ok_or_else(|| format!("speed: {speed}× is not one of the speeds offered ({})", speeds()))?;
    }
    if let Some(wait) = &step.wait {
        super::watch::check(wait).map_err(|e| format!("wait: {e}"))?;
    }
    Ok(())
}

/// The index into [`SPEEDS`] (which are in tenths) of `speed` × real time; `Some(None)` for `0`,
/// which pauses; `None` for a speed not offered.
pub fn speed_index(speed: u32) -> Option<Option<usize>> {
    if speed == 0 {
        return Some(None);
    }
    SPEEDS.iter().position(|&s| s == u64::from(speed) * 10).map(Some)
}

fn speeds() -> String {
    let whole = SPEEDS.iter().filter(|&&s| s % 10 == 0).map(|s| (s / 10).to_string());
    core::iter::once("0".to_string()).chain(whole).collect::<Vec<_>>().join(", ")
}
