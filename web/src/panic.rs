//! A panic must never leave a blank page: the console gets the Rust panic text (through
//! `console_error_panic_hook`) and the page gets a visible message.

use std::panic;

/// Replaces the panic hook once, at start.
pub fn install_hook() {
    panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_in_page(&info.to_string());
    }));
}

fn show_in_page(text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(banner) = document.create_element("div") else { return };
    banner.set_class_name("panic-banner");
    banner.set_attribute("role", "alert").ok();
    banner.set_text_content(Some(&format!(
        "The playground stopped because of a bug: {text}. Reload the page to start again; \
         the browser console has the details."
    )));
    if let Some(body) = document.body() {
        body.prepend_with_node_1(&banner).ok();
    }
}
