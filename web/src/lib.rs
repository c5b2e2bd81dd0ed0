//! The Kafka consumer group playground: a Yew app that owns a [`groupsim::Sim`] and draws it.
//!
//! [`start`] mounts [`App`] on the page's `#app` element; tests mount it anywhere with
//! [`App`]'s props.

mod app;
mod components;
mod owners;
mod panic;
mod world;

pub use app::{App, AppProps};

/// Installs the panic hook and mounts the app on `#app` (or on `<body>` if there is none).
pub fn start() {
    panic::install_hook();
    let document = web_sys::window().and_then(|w| w.document());
    match document.as_ref().and_then(|d| d.get_element_by_id("app")) {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}
