//! The keyboard shortcut list, shown with `?`. A plain function the app's view calls, not a
//! component.

use yew::prelude::*;

use crate::lang::Lang;
use crate::shortcuts::SHORTCUTS;

/// The shortcut list as a dialog; `on_close` hides it.
pub fn help(lang: Lang, on_close: &Callback<()>) -> Html {
    let close = on_close.clone();
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
