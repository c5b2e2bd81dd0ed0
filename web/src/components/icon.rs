//! Small inline SVG icons: no icon font and no emoji glyphs the reader's system may lack. A plain
//! function, not a component: every component type costs the download Yew's code for one more.

use yew::prelude::*;

/// A decorative icon from an SVG path in a 14×14 box; the button around it carries the
/// accessible name.
pub fn icon(path: &'static str) -> Html {
    html! {
        <svg viewBox="0 0 14 14" aria-hidden="true" focusable="false"><path d={path} /></svg>
    }
}
