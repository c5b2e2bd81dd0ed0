//! Pointing at a part of the page for a lesson step: the element named `data-spot="…"` gets the
//! `spot` class (drawn as a highlight) and is scrolled into view.

use wasm_bindgen::JsCast;

/// Highlights the spot (and no other), scrolling to it when `scroll`; `false` when nothing on the
/// page is that spot.
pub fn show(spot: Option<&str>, scroll: bool) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    if let Ok(lit) = document.query_selector_all(".spot") {
        for element in (0..lit.length()).filter_map(|i| lit.item(i)) {
            if let Ok(element) = element.dyn_into::<web_sys::Element>() {
                let _ = element.class_list().remove_1("spot");
            }
        }
    }
    let Some(spot) = spot else { return true };
    let Ok(Some(element)) = document.query_selector(&crate::lesson::spot::selector(spot)) else {
        return false;
    };
    let _ = element.class_list().add_1("spot");
    if !scroll {
        return true;
    }
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    true
}
