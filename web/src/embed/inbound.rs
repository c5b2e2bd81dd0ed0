//! What a host page may ask of the playground: each message type of `docs/embed.md`, read from
//! the message's JSON text. Anything else is refused, with a reason the host is sent back.

use groupsim::{Command, Scenario};

use super::API;
use crate::lesson::json::{self, Json};

/// A message from the host: what it asks, and the `id` it gave (sent back with a refusal).
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub id: Option<Id>,
    pub ask: Ask,
}

/// A request's `id`: a string or a whole number, as the host chose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Id {
    Text(String),
    Num(i64),
}

/// What a host can ask.
#[derive(Clone, Debug, PartialEq)]
pub enum Ask {
    Play,
    Pause,
    /// Play at this speed, an index into the page's speeds (the nearest at or below).
    Speed(usize),
    /// Go to this virtual time (milliseconds).
    Seek(u64),
    /// Give the world this command.
    Command(Command),
    /// Open this world (a share link's scenario), playing it at once when `play`.
    Load {
        scenario: Scenario,
        play: bool,
    },
    /// Fetch the lesson at this URL and start it.
    LessonAt(String),
    /// Start this lesson (its JSON, handed over).
    Lesson(crate::lesson::format::Lesson),
    /// Send the state now.
    GetState,
}

/// Why a message was not acted on: the type it gave (if any), its id, and the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub asked: Option<String>,
    pub id: Option<Id>,
    pub message: String,
}

/// The furthest a seek may go: a day of virtual time (a replay that far takes a while, in
/// slices, and any action stops it).
pub const MAX_SEEK_MS: u64 = 86_400_000;

/// Reads one message's JSON text.
pub fn read(text: &str) -> Result<Request, Refusal> {
    let refuse = |asked: Option<String>, id: Option<Id>, message: String| Refusal { asked, id, message };
    let value = json::parse(text).map_err(|e| {
        let why = match e.message.starts_with("only whole numbers") {
            true => "only whole numbers are read (a speed below 1× is a string: \"0.5\")",
            false => &e.message,
        };
        refuse(None, None, format!("not JSON the playground reads: {why}"))
    })?;
    let Json::Obj(fields) = value else {
        return Err(refuse(None, None, "a message is an object with \"api\" and \"type\"".into()));
    };
    let get = |name: &str| fields.iter().find(|(n, _)| n == name).map(|(_, v)| v);
    let id = match get("id") {
        None => None,
        Some(Json::Str(s)) => Some(Id::Text(s.clone())),
        Some(Json::Num(n)) => Some(Id::Num(*n)),
        Some(_) => return Err(refuse(None, None, "\"id\" is a string or a whole number".into())),
    };
    let asked = match get("type") {
        Some(Json::Str(t)) => t.clone(),
        _ => return Err(refuse(None, id, "a message needs a \"type\" (a string)".into())),
    };
    if get("api") != Some(&Json::Num(API)) {
        return Err(refuse(
            Some(asked),
            id,
            format!("this playground speaks API version {API}: give \"api\": {API}"),
        ));
    }
    match ask(&asked, &fields) {
        Ok(ask) => Ok(Request { id, ask }),
        Err(message) => Err(refuse(Some(asked), id, message)),
    }
}

/// The fields each type takes besides `api`, `type` and `id`.
fn takes(asked: &str) -> Option<&'static [&'static str]> {
    Some(match asked {
        "play" | "pause" | "get-state" => &[],
        "speed" => &["speed"],
        "seek" => &["ms"],
        "command" => &["command"],
        "load" => &["scenario", "play"],
        "lesson" => &["url", "lesson"],
        _ => return None,
    })
}

fn ask(asked: &str, fields: &[(String, Json)]) -> Result<Ask, String> {
    let unknown = || {
        format!(
            "unknown type \"{asked}\"; the types are play, pause, speed, seek, command, load, lesson and get-state"
        )
    };
    let allowed = takes(asked).ok_or_else(unknown)?;
    if let Some((name, _)) = fields
        .iter()
        .find(|(n, _)| !matches!(n.as_str(), "api" | "type" | "id") && !allowed.contains(&n.as_str()))
    {
        return Err(format!("\"{asked}\" takes no field \"{name}\""));
    }
    let get = |name: &str| fields.iter().find(|(n, _)| n == name).map(|(_, v)| v);
    let text = |name: &str| match get(name) {
        Some(Json::Str(s)) => Ok(s.as_str()),
        _ => Err(format!("\"{asked}\" needs \"{name}\" (a string)")),
    };
    Ok(match asked {
        "play" => Ask::Play,
        "pause" => Ask::Pause,
        "get-state" => Ask::GetState,
        "speed" => {
            let given = match get("speed") {
                Some(Json::Num(n)) => n.to_string(),
                Some(Json::Str(s)) => s.clone(),
                _ => {
                    return Err("\"speed\" needs \"speed\": a multiple of real time (100, or \"0.5\")".into());
                }
            };
            Ask::Speed(
                crate::services::speed_from_text(&given)
                    .ok_or_else(|| format!("speed “{given}” is not a number"))?,
            )
        }
        "seek" => match get("ms") {
            Some(Json::Num(ms)) if (0..=MAX_SEEK_MS as i64).contains(ms) => Ask::Seek(*ms as u64),
            _ => {
                return Err(format!(
                    "\"seek\" needs \"ms\": a whole number of milliseconds from 0 to {MAX_SEEK_MS}"
                ));
            }
        },
        "command" => {
            let given = text("command")?;
            Ask::Command(Command::from_link(given).map_err(|e| format!("command “{given}”: {e}"))?)
        }
        "load" => {
            let given = text("scenario")?;
            let link = given.strip_prefix('#').unwrap_or(given);
            let scenario = Scenario::from_link(link).map_err(|e| format!("scenario: {e}"))?;
            let play = match get("play") {
                None => false,
                Some(Json::Bool(play)) => *play,
                Some(_) => return Err("\"play\" is true or false".into()),
            };
            Ask::Load { scenario, play }
        }
        "lesson" => match (get("url"), get("lesson")) {
            (Some(Json::Str(url)), None) if !url.is_empty() => Ask::LessonAt(url.clone()),
            (None, Some(Json::Str(text))) => Ask::Lesson(crate::lesson::parse(text)?),
            (None, Some(lesson @ Json::Obj(_))) => Ask::Lesson(crate::lesson::format::from_json(lesson)?),
            _ => {
                return Err(
                    "\"lesson\" needs either \"url\" (a string) or \"lesson\" (the lesson's JSON)".into()
                );
            }
        },
        _ => return Err(unknown()),
    })
}
