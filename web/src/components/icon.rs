//! Small inline SVG icons: no icon font and no emoji glyphs the reader's system may lack.

use yew::prelude::*;

/// Props of [`Icon`].
#[derive(Properties, PartialEq, Debug)]
pub struct IconProps {
    /// An SVG path in a 14×14 box.
    pub path: AttrValue,
}

/// A decorative icon; the button around it carries the accessible name.
#[function_component]
pub fn Icon(props: &IconProps) -> Html {
    html! {
        <svg viewBox="0 0 14 14" aria-hidden="true" focusable="false"><path d={props.path.clone()} /></svg>
    }
}
