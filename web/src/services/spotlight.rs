//! Pointing at a part of the page for a lesson step: the element named `data-spot="…"` is
//! scrolled into view (the app draws its outline with the page).

/// Scrolls the spot into view; `false` when nothing on the page is that spot.
pub fn scroll_to(spot: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let Ok(Some(element)) = document.query_selector(&crate::lesson::spot::selector(spot)) else {
        return false;
    };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    true
}
