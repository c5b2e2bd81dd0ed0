//! The app's embed part (`docs/embed.md`): acting on a host page's requests, and telling it
//! what happened (the state when it changes, each rebalance the run reaches, the lesson's
//! progress, the page's height).

use groupsim::{Instant, Stamped};
use yew::prelude::*;

use super::App;
use crate::components::SPEEDS;
use crate::embed::inbound::{self, Ask, Refusal, Request};
use crate::embed::{Embed, outbound};
use crate::msg::Msg;
use crate::services::embed::{self as host, HeightWatch, MessageListener, Sender};

/// What the app keeps while embedded.
#[derive(Debug)]
pub struct EmbedHost {
    pub options: Embed,
    _listener: Option<MessageListener>,
    height: Option<HeightWatch>,
    /// Messages to post after the next draw (the rebalances this move reached).
    outbox: Vec<String>,
    /// The state and the lesson progress last posted (the state without its time).
    state: String,
    lesson: String,
    /// How far the run's rebalances have been reported: replaying a stretch already seen (a
    /// seek back) reports nothing again.
    reported: Instant,
}

impl EmbedHost {
    pub fn new(options: Embed, ctx: &Context<App>) -> EmbedHost {
        let on_message = ctx.link().callback(|(text, sender)| Msg::Embed(text, sender));
        EmbedHost {
            _listener: MessageListener::new(&options, on_message),
            options,
            height: None,
            outbox: Vec::new(),
            state: String::new(),
            lesson: String::new(),
            reported: Instant::ZERO,
        }
    }

    /// An event the run reached: a rebalance past what was reported is posted after the draw.
    pub fn saw(&mut self, stamped: &Stamped, lang: crate::lang::Lang) {
        if stamped.at > self.reported
            && let Some(text) = outbound::rebalance(stamped.at.as_millis(), &stamped.event, lang)
        {
            self.outbox.push(text);
        }
    }

    /// After a move: what is past now has been reported.
    pub fn reached(&mut self, now: Instant) {
        self.reported = self.reported.max(now);
    }

    /// The world was replaced, or its future rewritten from `now` (a command after a seek back):
    /// what the run reaches after `now` is new again.
    pub fn rewritten(&mut self, now: Instant) {
        self.reported = self.reported.min(now);
    }
}

impl App {
    /// The embed, in a build that speaks the API ([`crate::embed::BUILT`]; in the others this
    /// is `None` at compile time, and none of the embed's code is linked). Every use goes
    /// through these two, or the same filter where the app's other fields are borrowed beside it.
    pub(super) fn embed(&self) -> Option<&EmbedHost> {
        self.embed.as_ref().filter(|_| crate::embed::BUILT)
    }

    pub(super) fn embed_mut(&mut self) -> Option<&mut EmbedHost> {
        self.embed.as_mut().filter(|_| crate::embed::BUILT)
    }

    /// A host page's message: acted on, or refused with the reason sent back to its sender.
    pub(super) fn embed_request(&mut self, ctx: &Context<Self>, text: &str, sender: &Sender) {
        if !crate::embed::BUILT {
            return;
        }
        let Request { id, ask } = match inbound::read(text) {
            Ok(request) => request,
            Err(refusal) => return sender.post(&outbound::refused(&refusal)),
        };
        if ask != Ask::GetState {
            // As any action of the visitor's does, a request stops a replay where it is.
            self.playback.replay = None;
        }
        let refused =
            |asked: &str, message: String| Refusal { asked: Some(asked.into()), id: id.clone(), message };
        let outcome = match ask {
            Ask::Play => {
                self.play(ctx);
                Ok(())
            }
            Ask::Pause => {
                self.playback.timer = None;
                Ok(())
            }
            Ask::Speed(index) => {
                self.playback.speed = index;
                Ok(())
            }
            Ask::Seek(ms) => {
                self.seek(ctx, Instant::from_millis(ms), false);
                Ok(())
            }
            Ask::Command(command) => self.command(command).map_err(|e| refused("command", e)),
            Ask::Load { scenario, play } => match self.load(ctx, scenario, true) {
                Ok(()) => {
                    self.error = None;
                    match &mut self.playback.replay {
                        Some(replay) => replay.then_play = play,
                        None if play => self.play(ctx),
                        None => {}
                    }
                    Ok(())
                }
                Err(e) => Err(refused("load", e)),
            },
            Ask::LessonAt(url) => {
                self.lesson_open(ctx, url);
                Ok(())
            }
            Ask::Lesson(lesson) => {
                self.lesson_start(ctx, lesson);
                Ok(())
            }
            Ask::GetState => {
                if let Some(embed) = self.embed_mut() {
                    embed.state.clear();
                }
                Ok(())
            }
        };
        if let Err(refusal) = outcome {
            sender.post(&outbound::refused(&refusal));
        }
    }

    /// A lesson asked for by URL could not be opened: the host hears why too.
    pub(super) fn embed_lesson_failed(&self, message: &str) {
        if let Some(embed) = self.embed() {
            let refusal = Refusal { asked: Some("lesson".into()), id: None, message: message.into() };
            host::post(&embed.options, &outbound::refused(&refusal));
        }
    }

    /// After a draw: the first says the page is ready (and starts watching its height); then
    /// the rebalances reached, the state when it changed and the lesson's progress are posted.
    pub(super) fn embed_rendered(&mut self, ctx: &Context<Self>, first_render: bool) {
        // The field itself: the rest of the app is read beside it.
        let Some(embed) = self.embed.as_mut().filter(|_| crate::embed::BUILT) else { return };
        if first_render {
            host::post(&embed.options, &outbound::ready(self.lang.code()));
            if let Some(root) = self.viewport.root.cast::<web_sys::Element>() {
                embed.height = HeightWatch::new(&root, ctx.link().callback(Msg::Height));
            }
        }
        for text in embed.outbox.drain(..) {
            host::post(&embed.options, &text);
        }
        embed.reached(self.view.now);
        let playing = self.playback.timer.is_some();
        let (text, key) = outbound::state(&self.view, playing, SPEEDS[self.playback.speed]);
        if key != embed.state {
            embed.state = key;
            host::post(&embed.options, &text);
        }
        let lesson = outbound::lesson(self.lessons.run.as_deref(), self.lang);
        if lesson != embed.lesson {
            host::post(&embed.options, &lesson);
            embed.lesson = lesson;
        }
    }

    /// The page's height changed: the host may resize its frame.
    pub(super) fn embed_height(&self, height: u32) {
        if let Some(embed) = self.embed() {
            host::post(&embed.options, &outbound::size(height));
        }
    }
}
