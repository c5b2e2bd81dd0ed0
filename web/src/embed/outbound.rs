//! What the playground tells its host (`docs/embed.md`): each message as JSON text, which
//! `services::embed` posts as an object. Every message carries `api`, `source` and `type`.

use std::fmt::Write;

use groupsim::{SimEvent, SimView};

use super::inbound::{Id, Refusal};
use super::{API, SOURCE};
use crate::lesson::json::quote;
use crate::lesson::{Answered, LessonRun};

/// A message of `kind`: `{"api":1,"source":…,"type":kind` followed by `rest` (`,"a":1…`).
fn message(kind: &str, rest: &str) -> String {
    format!("{{\"api\":{API},\"source\":{},\"type\":{}{rest}}}", quote(SOURCE), quote(kind))
}

fn id_field(id: &Option<Id>) -> String {
    match id {
        None => String::new(),
        Some(Id::Text(text)) => format!(",\"id\":{}", quote(text)),
        Some(Id::Num(n)) => format!(",\"id\":{n}"),
    }
}

/// The page is listening: the host may send requests from now on.
pub fn ready(lang: &str) -> String {
    message("ready", &format!(",\"lang\":{},\"panels\":[{}]", quote(lang), list(super::PANELS.iter())))
}

fn list<'a>(items: impl Iterator<Item = &'a &'a str>) -> String {
    items.map(|p| quote(p)).collect::<Vec<_>>().join(",")
}

/// A request not acted on, and why.
pub fn refused(refusal: &Refusal) -> String {
    let asked = refusal.asked.as_deref().map_or_else(|| "null".to_string(), quote);
    message(
        "refused",
        &format!(",\"refused\":{asked}{},\"message\":{}", id_field(&refusal.id), quote(&refusal.message)),
    )
}

/// The page's state: whether it plays, its speed (a multiple of real time), where the run is
/// and how far it reaches, and each group's state, generation and members. `key` is the part
/// that, when it changes, is worth a message (everything but the time).
pub fn state(view: &SimView, playing: bool, speed_tenths: u64) -> (String, String) {
    let speed = match speed_tenths % 10 {
        0 => (speed_tenths / 10).to_string(),
        tenth => format!("{}.{tenth}", speed_tenths / 10),
    };
    let mut groups = String::new();
    for g in &view.groups {
        if !groups.is_empty() {
            groups.push(',');
        }
        let _ = write!(
            groups,
            "{{\"id\":{},\"state\":{},\"generation\":{},\"members\":{}}}",
            quote(&g.id),
            quote(&g.state.to_string()),
            g.generation,
            g.members.len()
        );
    }
    let running = view.consumers.iter().filter(|c| c.life == groupsim::Life::Running).count();
    let key =
        format!(",\"playing\":{playing},\"speed\":{speed},\"consumers\":{running},\"groups\":[{groups}]");
    (message("state", &format!("{key},\"now_ms\":{}", view.now.as_millis())), key)
}

/// A rebalance the run reached, when it completed: the group, its generations, why it started
/// (`cause` in English, `cause_text` in the page's language), how long it took and which
/// partitions changed owner (`null`: none).
pub fn rebalance(at_ms: u64, event: &SimEvent, lang: crate::lang::Lang) -> Option<String> {
    let SimEvent::RebalanceCompleted { group, cause, generation_before, generation, took, moved, .. } = event
    else {
        return None;
    };
    let owner = |o: &Option<String>| o.as_deref().map_or_else(|| "null".to_string(), quote);
    let moved: Vec<String> = moved
        .iter()
        .map(|(tp, from, to)| {
            format!(
                "{{\"topic\":{},\"partition\":{},\"from\":{},\"to\":{}}}",
                quote(&tp.topic),
                tp.partition,
                owner(from),
                owner(to)
            )
        })
        .collect();
    let said = match lang.in_build() {
        crate::lang::Lang::En => cause.to_string(),
        crate::lang::Lang::Zh => crate::i18n::events::cause_zh(cause),
    };
    Some(message(
        "rebalance",
        &format!(
            ",\"group\":{},\"cause\":{},\"cause_text\":{},\"generation_before\":{generation_before},\"generation\":{generation},\"took_ms\":{},\"at_ms\":{at_ms},\"moved\":[{}]",
            quote(group),
            quote(&cause.to_string()),
            quote(&said),
            took.as_millis(),
            moved.join(",")
        ),
    ))
}

/// Where the lesson is (`null` fields when there is none): its title, the step shown (1-based;
/// `steps + 1` is the question), whether the learner may go on, and how the answer went.
pub fn lesson(run: Option<&LessonRun>, lang: crate::lang::Lang) -> String {
    let Some(run) = run else { return message("lesson", ",\"lesson\":null") };
    let answered = match &run.answered {
        None => "null",
        Some(Answered::Right(_)) => "\"right\"",
        Some(Answered::Wrong(_)) => "\"wrong\"",
    };
    let problem = run.problem.as_deref().map_or_else(|| "null".to_string(), quote);
    message(
        "lesson",
        &format!(
            ",\"lesson\":{},\"step\":{},\"steps\":{},\"question\":{},\"can_go_on\":{},\"answered\":{answered},\"problem\":{problem}",
            quote(run.lesson.title.get(lang)),
            run.step + 1,
            run.lesson.steps.len(),
            run.at_question(),
            run.can_go_on()
        ),
    )
}

/// The height the page would like, in CSS pixels: the host may size its frame to it.
pub fn size(height: u32) -> String {
    message("size", &format!(",\"height\":{height}"))
}
