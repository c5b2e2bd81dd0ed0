//! Guided lessons (issue 15): the format ([`format`]), what a step waits for ([`watch`]), the
//! parts of the page it points at ([`spot`]), the question's measured answer ([`measure`]),
//! where the learner is ([`progress`]) and the built-in ones ([`catalog`]).

pub mod catalog;
pub mod format;
pub mod json;
pub mod measure;
pub mod progress;
pub mod spot;
pub mod watch;

#[cfg(test)]
mod tests;

pub use format::parse;
pub use progress::{Answered, LessonRun};
