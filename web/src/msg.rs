//! What the app reacts to: the timer, the controls, commands to the world, keys, links and
//! panels coming into view.

use groupsim::Command;

use crate::lang::Lang;

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
    /// Play at this speed (an index into [`crate::components::SPEEDS`]).
    Speed(usize),
    /// Go to this virtual time (milliseconds), replaying from the start when it is behind.
    Seek(u64),
    /// Start the default world again with this seed, dropping the recording.
    Reset(u64),
    /// Put the run in the address bar.
    Share,
    /// Do something to the world.
    Command(Command),
    /// A keyboard shortcut (`KeyboardEvent.key`).
    Key(String),
    /// Show or hide the shortcut list.
    Help(bool),
    /// Highlight where this key lands (or stop).
    Follow(Option<u32>),
    /// Go on with a replay too long for one slice.
    Replay,
    /// These panels came into view (`true`) or went out of it.
    Seen(Vec<(String, bool)>),
    /// The address's fragment changed to this (a share link pasted into the tab).
    Link(String),
    /// Speak this language.
    Lang(Lang),
    /// Show or hide the lesson menu.
    Lessons(bool),
    /// Fetch the lesson at this URL and start it.
    LessonOpen(String),
    /// A lesson's text arrived from this URL (or why it did not).
    LessonLoaded(String, Result<String, String>),
    /// Go on to the lesson's next step.
    LessonNext,
    /// Go back a step, rewinding the world to where it began.
    LessonBack,
    /// Leave the lesson; free play goes on from where the world is.
    LessonLeave,
    /// The learner's answer to the lesson's question.
    LessonAnswer(String),
    /// A lesson step points at something not on the page.
    LessonProblem(String),
    /// A host page's message (its JSON text) and who sent it (`docs/embed.md`).
    Embed(String, crate::services::embed::Sender),
    /// The embedded page's height changed to this (CSS pixels).
    Height(u32),
    /// Open this run full size, in a new tab (from an embed).
    FullSize,
}
