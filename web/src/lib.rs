//! The Kafka consumer group playground: a Yew app that owns a [`groupsim::Sim`] and draws it.
//!
//! [`start`] mounts [`App`] on the page's `#app` element; tests mount it anywhere with
//! [`App`]'s props.

mod app;
mod components;
mod embed;
mod handlers;
mod held;
mod i18n;
mod input;
mod lang;
mod lesson;
mod msg;
mod observed;
mod ops;
mod owners;
mod panic;
mod scroll_window;
mod services;
mod shared;
mod shortcuts;
mod world;

pub use app::{App, AppProps};
pub use embed::Embed;

/// What the page says about a share-link fragment it cannot read (`None` when it reads).
pub fn link_error(fragment: &str) -> Option<String> {
    services::scenario_from_fragment(fragment).and_then(Result::err)
}

/// The lesson a page's query names (`?lesson=…`, percent-escapes decoded), if any.
pub fn lesson_from_query(search: &str) -> Option<String> {
    services::lesson_from_query(search)
}

/// Installs the panic hook and mounts the app on `#app` (or on `<body>` if there is none),
/// opening the scenario in the URL's `#scenario=` fragment if there is one.
pub fn start() {
    panic::install_hook();
    let lang = services::language::initial();
    let (scenario, load_error) = match services::scenario_from_url(lang) {
        Some(Ok(scenario)) if services::open_in_consumer_protocol_build(&scenario) => return,
        Some(Ok(scenario)) => (Some(scenario), None),
        Some(Err(e)) => (None, Some(e)),
        None => (None, None),
    };
    if services::open_in_embed_build() {
        return;
    }
    let (speed, play_linked) = services::options_from_url();
    services::language::set_document_lang(lang);
    let props = AppProps {
        lang,
        lesson: services::lesson_from_url(),
        invite: true,
        scenario,
        load_error,
        play_linked,
        speed: speed.unwrap_or(app::DEFAULT_SPEED),
        follow_hash: true,
        embed: services::embed_from_url(),
        ..AppProps::default()
    };
    let document = web_sys::window().and_then(|w| w.document());
    match document.as_ref().and_then(|d| d.get_element_by_id("app")) {
        Some(root) => yew::Renderer::<App>::with_root_and_props(root, props).render(),
        None => yew::Renderer::<App>::with_props(props).render(),
    };
}
