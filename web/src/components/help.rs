//! The keyboard shortcut list, shown with `?`.

use yew::prelude::*;

use crate::shortcuts::SHORTCUTS;

/// Props of [`Help`].
#[derive(Properties, PartialEq, Debug)]
pub struct HelpProps {
    /// Hide the list.
    pub on_close: Callback<()>,
}

/// The shortcut list as a dialog.
#[function_component]
pub fn Help(props: &HelpProps) -> Html {
    let close = props.on_close.clone();
    html! {
        <div class="help" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts">
            <h2>{ "Keyboard shortcuts" }</h2>
            <dl>
                { for SHORTCUTS.iter().map(|(_, label, _, what)| html! {
                    <div><dt><kbd>{ *label }</kbd></dt><dd>{ *what }</dd></div>
                }) }
            </dl>
            <button aria-label="Close the shortcut list" onclick={move |_| close.emit(())}>{ "Close" }</button>
        </div>
    }
}
