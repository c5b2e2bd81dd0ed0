//! The list of lessons, with their length; choosing one fetches and starts it. A plain function
//! the app's view calls, not a component: it has no state of its own, and each component type
//! costs the download Yew's code for one more component.

use yew::prelude::*;

use crate::lang::Lang;
use crate::lesson::catalog;

/// The lesson menu, a dialog over the page: `on_open` starts the lesson at a URL, `on_menu`
/// closes the menu (with `false`).
pub fn lesson_menu(lang: Lang, on_open: &Callback<String>, on_menu: &Callback<bool>) -> Html {
    let close = on_menu.clone();
    html! {
        <div class="help lessons" role="dialog" aria-modal="true" aria-labelledby="lessons-title">
                <h2 id="lessons-title">{ lang.pick("Lessons", "课程") }</h2>
                <p>{ lang.pick(
                    "Each lesson sets up a world, shows you where to look, waits while you try things, and ends with one question the page answers.",
                    "每节课都会先搭好场景，告诉你该看哪里，等你动手尝试，最后留一道能在页面上找到答案的小题。",
                ) }</p>
                <ol>
                    { for catalog::listed().map(|entry| {
                        let (open, url) = (on_open.clone(), entry.url());
                        html! { <li>
                            <button class="lesson-choice" onclick={move |_| open.emit(url.clone())}>{ entry.title(lang) }</button>
                            <span class="muted">{ format!(" {} {}", entry.minutes, lang.pick("min", "分钟")) }</span>
                        </li> }
                    }) }
                </ol>
                <p class="muted">{ lang.pick(
                    "Writing a tutorial? Open your own lesson with ?lesson=your-lesson.json (the format: docs/lessons.md).",
                    "在写教程？用 ?lesson=你的课程.json 打开自己写的课程（格式见 docs/lessons.md）。",
                ) }</p>
                <button onclick={move |_| close.emit(false)}>{ lang.pick("Close", "关闭") }</button>
        </div>
    }
}
