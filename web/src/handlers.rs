//! The app's callbacks, made once when it starts. Yew compares callbacks by identity, so a
//! component handed the same callbacks and unchanged data skips its redraw; callbacks made
//! afresh in every `view` would make every component redraw on every tick.

use groupsim::Command;
use yew::html::Scope;
use yew::prelude::*;

use crate::app::App;
use crate::msg::Msg;

/// Every callback the app hands its components.
#[derive(Debug)]
pub struct Handlers {
    pub command: Callback<Command>,
    pub seek: Callback<u64>,
    pub follow: Callback<Option<u32>>,
    pub play: Callback<()>,
    pub pause: Callback<()>,
    pub step: Callback<()>,
    pub skip: Callback<u64>,
    pub speed: Callback<usize>,
    pub reset: Callback<u64>,
    pub share: Callback<()>,
    pub open_help: Callback<()>,
    pub close_help: Callback<()>,
    pub lang: Callback<crate::lang::Lang>,
    pub lessons: Callback<bool>,
    pub lesson_open: Callback<String>,
    pub lesson_next: Callback<()>,
    pub lesson_back: Callback<()>,
    pub lesson_leave: Callback<()>,
    pub lesson_answer: Callback<String>,
    pub full_size: Callback<()>,
}

impl Handlers {
    pub fn new(link: &Scope<App>) -> Self {
        Handlers {
            command: link.callback(Msg::Command),
            seek: link.callback(Msg::Seek),
            follow: link.callback(Msg::Follow),
            play: link.callback(|_| Msg::Play),
            pause: link.callback(|_| Msg::Pause),
            step: link.callback(|_| Msg::Step),
            skip: link.callback(Msg::Skip),
            speed: link.callback(Msg::Speed),
            reset: link.callback(Msg::Reset),
            share: link.callback(|_| Msg::Share),
            open_help: link.callback(|_| Msg::Help(true)),
            close_help: link.callback(|_| Msg::Help(false)),
            lang: link.callback(Msg::Lang),
            lessons: link.callback(Msg::Lessons),
            lesson_open: link.callback(Msg::LessonOpen),
            lesson_next: link.callback(|_| Msg::LessonNext),
            lesson_back: link.callback(|_| Msg::LessonBack),
            lesson_leave: link.callback(|_| Msg::LessonLeave),
            lesson_answer: link.callback(Msg::LessonAnswer),
            full_size: link.callback(|_| Msg::FullSize),
        }
    }
}
