//! The keyboard shortcut list, shown with `?`.

use yew::prelude::*;

use crate::lang::use_lang;
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
    let lang = use_lang();
    let close = props.on_close.clone();
    let title = lang.pick("Keyboard shortcuts", "键盘快捷键");
    html! {
        <div class="help" role="dialog" aria-modal="true" aria-label={title}>
            <h2>{ title }</h2>
            <dl>
                { for SHORTCUTS.iter().map(|(_, label, _, en, zh)| html! {
                    <div><dt><kbd>{ *label }</kbd></dt><dd>{ lang.pick(en, zh) }</dd></div>
                }) }
            </dl>
            <button aria-label={lang.pick("Close the shortcut list", "关闭快捷键列表")} onclick={move |_| close.emit(())}>{ lang.pick("Close", "关闭") }</button>
        </div>
    }
}
