//! The embed API's side in the browser (`docs/embed.md`): the window's `message` listener, which
//! hands the text of each message from an allowed origin to the app, posting the playground's
//! messages to the host, watching the page's height, and opening the run full size.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{MessageEvent, Window};
use yew::Callback;

use crate::embed::{Embed, SOURCE};

/// Who sent a request: where a refusal goes back to.
#[derive(Clone, Debug)]
pub struct Sender {
    window: Option<Window>,
    origin: String,
}

impl Sender {
    /// Posts `text` (a JSON object) to the sender, to its origin only.
    pub fn post(&self, text: &str) {
        if let (Some(window), Ok(value)) = (&self.window, js_sys::JSON::parse(text)) {
            let target = if self.origin == "null" { "*" } else { &self.origin };
            let _ = window.post_message(&value, target);
        }
    }
}

/// Posts `text` (a JSON object) to the host: the parent window (the page itself when it is not
/// in a frame), to each allowed origin, or to any when every origin may drive it.
pub fn post(embed: &Embed, text: &str) {
    let Some(window) = web_sys::window() else { return };
    let (Ok(Some(parent)), Ok(value)) = (window.parent(), js_sys::JSON::parse(text)) else { return };
    if embed.origins.is_empty() {
        let _ = parent.post_message(&value, "*");
    }
    for origin in &embed.origins {
        let _ = parent.post_message(&value, origin);
    }
}

/// The window's `message` listener, removed when dropped. A message from an origin the embed
/// does not accept is ignored, unanswered; so are the playground's own (they carry its
/// [`SOURCE`]: a page not in a frame posts to itself). Every other message's JSON text goes to
/// `on_message` with its sender.
pub struct MessageListener {
    closure: Closure<dyn FnMut(MessageEvent)>,
}

impl std::fmt::Debug for MessageListener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MessageListener")
    }
}

impl MessageListener {
    pub fn new(embed: &Embed, on_message: Callback<(String, Sender)>) -> Option<MessageListener> {
        let window = web_sys::window()?;
        let embed = embed.clone();
        let closure = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let origin = e.origin();
            if !embed.accepts(&origin) {
                return;
            }
            let data = e.data();
            let text = match data.as_string() {
                Some(text) => text,
                None => match js_sys::JSON::stringify(&data).ok().and_then(|t| t.as_string()) {
                    Some(text) => text,
                    None => String::from("undefined"),
                },
            };
            let own = js_sys::Reflect::get(&data, &"source".into()).ok().and_then(|s| s.as_string());
            if own.as_deref() == Some(SOURCE) {
                return;
            }
            let window = e.source().map(|s| s.unchecked_into::<Window>());
            on_message.emit((text, Sender { window, origin }));
        });
        window.add_event_listener_with_callback("message", closure.as_ref().unchecked_ref()).ok()?;
        Some(MessageListener { closure })
    }
}

impl Drop for MessageListener {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ =
                window.remove_event_listener_with_callback("message", self.closure.as_ref().unchecked_ref());
        }
    }
}

/// Watches the page's height and reports it (CSS pixels) each time it changes. Stops when dropped.
pub struct HeightWatch {
    observer: web_sys::ResizeObserver,
    _closure: Closure<dyn FnMut()>,
}

impl std::fmt::Debug for HeightWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HeightWatch")
    }
}

impl HeightWatch {
    /// Watches `element`; reports its full height (`scrollHeight`) to `on_height`.
    pub fn new(element: &web_sys::Element, on_height: Callback<u32>) -> Option<HeightWatch> {
        let watched = element.clone();
        let mut last = 0;
        let closure = Closure::<dyn FnMut()>::new(move || {
            let height = u32::try_from(watched.scroll_height()).unwrap_or(0);
            if height != last {
                last = height;
                on_height.emit(height);
            }
        });
        let observer = web_sys::ResizeObserver::new(closure.as_ref().unchecked_ref()).ok()?;
        observer.observe(element);
        Some(HeightWatch { observer, _closure: closure })
    }
}

impl Drop for HeightWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Opens the run full size in a new tab: the first load's page (which opens a run that needs the
/// consumer protocol in that build), without the embed's options, in `lang`, with the run's share
/// link.
pub fn open_full_size(fragment: &str, lang: crate::lang::Lang) {
    let Some(window) = web_sys::window() else { return };
    let url = format!("{}?lang={}{fragment}", super::HOME, lang.code());
    let _ = window.open_with_url_and_target(&url, "_blank");
}
