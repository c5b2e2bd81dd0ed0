//! The lesson format (docs/lessons.md): a lesson is JSON ([`super::json`]), read into these
//! types field by field, so that every mistake names the step and the field it is in.

use groupsim::Command;

use super::json::{self, Json};
use crate::components::SPEEDS;
use crate::lang::Lang;

/// The format version this page reads (`"lesson": 1`).
pub const FORMAT: u32 = 1;

/// Text in either language; a lesson written in one language gives only that one, and readers
/// of the other see it too.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    pub en: Option<String>,
    pub zh: Option<String>,
}

impl Text {
    /// The text in `lang`, else in the other language.
    pub fn get(&self, lang: Lang) -> &str {
        let (wanted, other) = match lang.in_build() {
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lesson {
    /// The format version, [`FORMAT`].
    pub lesson: u32,
    /// Its title.
    pub title: Text,
    /// About how long it takes, in minutes (the menu shows it).
    pub minutes: u32,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// The question it ends with.
    pub question: Question,
}

/// One step: text, and what the world does while it is read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Step {
    /// What the learner reads.
    pub text: Text,
    /// A world to start from: a share link's fragment (`v1;seed=…`), replayed to its end.
    pub world: Option<String>,
    /// Commands given when the step starts, each as a share link writes it
    /// (`"kill-consumer:consumer=1"`, 0-based as in links).
    pub commands: Vec<Command>,
    /// The part of the page to point at (see [`Spot`]).
    pub point: Option<String>,
    /// Play at this speed (whole multiples of real time: 1, 10, 100, …) when the step starts;
    /// `0` pauses. Left out, the clock stays as the learner has it.
    pub speed: Option<u32>,
    /// What the step waits for before the next one starts; left out, the learner presses Next.
    pub wait: Option<Wait>,
}

/// What a step waits for: exactly one of `act`, `event` and `seconds`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Wait {
    /// The learner gives this command (`kill-consumer`, `add-consumer`, …).
    pub act: Option<String>,
    /// The world reaches this event (see [`crate::lesson::watch::EVENTS`]).
    pub event: Option<String>,
    /// This much virtual time passes.
    pub seconds: Option<u64>,
    /// Only in this group.
    pub group: Option<String>,
    /// Only for this consumer (its client id, as the page shows it: `consumer-2`).
    pub consumer: Option<String>,
    /// For `group-state-changed`: only into this state (`Stable`, `PreparingRebalance`, …).
    pub state: Option<String>,
}

/// The question a lesson ends with, answered by looking at the page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Question {
    /// The question.
    pub text: Text,
    /// What the world measures the right answer to be.
    pub answer: Answer,
    /// Answers to pick from (one of them the measured one); left out, the learner types it.
    pub choices: Vec<String>,
    /// Shown after a right answer.
    pub explain: Text,
}

/// A measure of the world, the right answer to the question.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answer {
    /// What to measure (see [`crate::lesson::measure::MEASURES`]).
    pub measure: String,
    /// In this group (else the first).
    pub group: Option<String>,
    /// Of this partition (`orders-2`).
    pub partition: Option<String>,
    /// Of this consumer (`consumer-2`).
    pub consumer: Option<String>,
    /// Of this key.
    pub key: Option<u32>,
}

/// Reads a lesson: the JSON, then each field, then what the fields alone cannot say is wrong.
/// Every error names where.
pub fn parse(text: &str) -> Result<Lesson, String> {
    let value = json::parse(text).map_err(|e| {
        let place = step_at(text, e.line, e.column).map_or_else(
            || format!("line {}, column {}", e.line, e.column),
            |step| format!("step {step} (line {}, column {})", e.line, e.column),
        );
        format!("{place}: {}", e.message)
    })?;
    from_json(&value)
}

/// A lesson from JSON already read (a host page hands one over as an object; `docs/embed.md`).
pub fn from_json(value: &Json) -> Result<Lesson, String> {
    let lesson = read_lesson(value)?;
    check(&lesson)?;
    Ok(lesson)
}

/// An object's fields, read one by one; anything left unread is an unknown field.
struct Fields<'a> {
    fields: &'a [(String, Json)],
    known: &'static [&'static str],
}

impl<'a> Fields<'a> {
    fn of(value: &'a Json, known: &'static [&'static str]) -> Result<Fields<'a>, String> {
        let Json::Obj(fields) = value else { return Err("expected an object { … }".into()) };
        if let Some((name, _)) = fields.iter().find(|(name, _)| !known.contains(&name.as_str())) {
            return Err(format!("unknown field `{name}`, expected one of `{}`", known.join("`, `")));
        }
        Ok(Fields { fields, known })
    }

    fn get(&self, name: &str) -> Option<&'a Json> {
        debug_assert!(self.known.contains(&name));
        self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    fn required(&self, name: &str) -> Result<&'a Json, String> {
        self.get(name).ok_or_else(|| format!("missing field `{name}`"))
    }

    fn string(&self, name: &str) -> Result<Option<String>, String> {
        match self.get(name) {
            None | Some(Json::Null) => Ok(None),
            Some(Json::Str(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("{name}: expected a string in double quotes")),
        }
    }

    fn number(&self, name: &str) -> Result<Option<u64>, String> {
        match self.get(name) {
            None | Some(Json::Null) => Ok(None),
            Some(Json::Num(n)) => {
                u64::try_from(*n).map(Some).map_err(|_| format!("{name}: expected a number from 0 up"))
            }
            Some(_) => Err(format!("{name}: expected a whole number")),
        }
    }

    fn small(&self, name: &str) -> Result<Option<u32>, String> {
        self.number(name)?
            .map(|n| u32::try_from(n).map_err(|_| format!("{name}: {n} is too large")))
            .transpose()
    }

    fn text(&self, name: &str) -> Result<Text, String> {
        match self.get(name) {
            None => Ok(Text::default()),
            Some(Json::Str(s)) => Ok(Text { en: Some(s.clone()), zh: None }),
            Some(value) => {
                let f = Fields::of(value, &["en", "zh"]).map_err(|e| join(name, ": ", e))?;
                Ok(Text {
                    en: f.string("en").map_err(|e| join(name, ".", e))?,
                    zh: f.string("zh").map_err(|e| join(name, ".", e))?,
                })
            }
        }
    }

    fn list(&self, name: &str) -> Result<&'a [Json], String> {
        match self.get(name) {
            None => Ok(&[]),
            Some(Json::Arr(items)) => Ok(items),
            Some(_) => Err(format!("{name}: expected a list [ … ]")),
        }
    }
}

fn read_lesson(value: &Json) -> Result<Lesson, String> {
    let f = Fields::of(value, &["lesson", "title", "minutes", "steps", "question"])?;
    let lesson = f.small("lesson")?.ok_or("missing field `lesson` (the format version, 1)")?;
    let mut steps = Vec::new();
    for (i, step) in f.list("steps")?.iter().enumerate() {
        steps.push(read_step(step).map_err(|e| in_step(i + 1, e))?);
    }
    let question = read_question(f.required("question")?).map_err(|e| join("question", ", ", e))?;
    Ok(Lesson { lesson, title: f.text("title")?, minutes: f.small("minutes")?.unwrap_or(0), steps, question })
}

fn read_step(value: &Json) -> Result<Step, String> {
    let f = Fields::of(value, &["text", "world", "do", "point", "speed", "wait"])?;
    let mut commands = Vec::new();
    for (i, command) in f.list("do")?.iter().enumerate() {
        let Json::Str(text) = command else {
            return Err(format!(
                "do[{i}]: expected a command as a share link writes it, in quotes: \"kill-consumer:consumer=1\""
            ));
        };
        commands.push(Command::from_link(text).map_err(|e| format!("do[{i}] ({text}): {e}"))?);
    }
    let wait = match f.get("wait") {
        None | Some(Json::Null) => None,
        Some(value) => Some(read_wait(value).map_err(|e| join("wait", ": ", e))?),
    };
    Ok(Step {
        text: f.text("text")?,
        world: f.string("world")?,
        commands,
        point: f.string("point")?,
        speed: f.small("speed")?,
        wait,
    })
}

fn read_wait(value: &Json) -> Result<Wait, String> {
    let f = Fields::of(value, &["act", "event", "seconds", "group", "consumer", "state"])?;
    Ok(Wait {
        act: f.string("act")?,
        event: f.string("event")?,
        seconds: f.number("seconds")?,
        group: f.string("group")?,
        consumer: f.string("consumer")?,
        state: f.string("state")?,
    })
}

fn read_question(value: &Json) -> Result<Question, String> {
    let f = Fields::of(value, &["text", "answer", "choices", "explain"])?;
    let a = Fields::of(f.required("answer")?, &["measure", "group", "partition", "consumer", "key"])
        .map_err(|e| join("answer", ": ", e))?;
    let answer = Answer {
        measure: a
            .string("measure")
            .map_err(|e| join("answer", ": ", e))?
            .ok_or("answer: missing field `measure`")?,
        group: a.string("group")?,
        partition: a.string("partition")?,
        consumer: a.string("consumer")?,
        key: a.small("key")?,
    };
    let mut choices = Vec::new();
    for (i, choice) in f.list("choices")?.iter().enumerate() {
        match choice {
            Json::Str(s) => choices.push(s.clone()),
            Json::Num(n) => choices.push(n.to_string()),
            _ => return Err(format!("choices[{i}]: expected a string or a number")),
        }
    }
    Ok(Question { text: f.text("text")?, answer, choices, explain: f.text("explain")? })
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

/// `e` said of `place`, after `sep` (`wait: …`, `question, …`): one function for every such
/// prefix rather than a `format!` at each, which is code of its own in the download.
fn join(place: &str, sep: &str, e: String) -> String {
    let mut out = String::with_capacity(place.len() + sep.len() + e.len());
    out.push_str(place);
    out.push_str(sep);
    out.push_str(&e);
    out
}

/// `e` said of step `n` (from 1).
fn in_step(n: usize, e: String) -> String {
    join(&format!("step {n}"), ", ", e)
}

/// What the fields alone cannot say: the version, the speeds, the waits, the spots, the measure.
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
        check_step(step).map_err(|e| in_step(i + 1, e))?;
    }
    let question = &lesson.question;
    if question.text.is_empty() {
        return Err("question, text: the question needs its text".into());
    }
    super::measure::check(&question.answer).map_err(|e| join("question, answer", ": ", e))?;
    Ok(())
}

fn check_step(step: &Step) -> Result<(), String> {
    if step.text.is_empty() {
        return Err("text: the step has no text".into());
    }
    if let Some(world) = &step.world {
        crate::services::scenario_from_fragment(world)
            .unwrap_or_else(|| Err("an empty world".into()))
            .map_err(|e| join("world", ": ", e))?;
    }
    if let Some(point) = &step.point {
        super::spot::check(point).map_err(|e| join("point", ": ", e))?;
    }
    if let Some(speed) = step.speed {
        speed_index(speed)
            .ok_or_else(|| format!("speed: {speed}× is not one of the speeds offered ({})", speeds()))?;
    }
    if let Some(wait) = &step.wait {
        super::watch::check(wait).map_err(|e| join("wait", ": ", e))?;
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
