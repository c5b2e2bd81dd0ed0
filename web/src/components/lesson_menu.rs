//! The list of lessons, with their length; choosing one fetches and starts it.

use yew::prelude::*;

use crate::lang::use_lang;
use crate::lesson::catalog::LESSONS;

/// Props of [`LessonMenu`].
#[derive(Properties, PartialEq, Debug)]
pub struct LessonMenuProps {
    /// Start the lesson at this URL.
    pub on_open: Callback<String>,
    pub on_close: Callback<()>,
}

/// The lesson menu, a dialog over the page.
#[function_component]
pub fn LessonMenu(props: &LessonMenuProps) -> Html {
    let lang = use_lang();
    let close = props.on_close.clone();
    html! {
        <div class="help lessons" role="dialog" aria-modal="true" aria-labelledby="lessons-title">
                <h2 id="lessons-title">{ lang.pick("Lessons", "课程") }</h2>
                <p>{ lang.pick(
                    "Each lesson sets up a world, shows you where to look, waits while you try things, and ends with one question the page answers.",
                    "每节课都会先搭好场景，告诉你该看哪里，等你动手尝试，最后留一道能在页面上找到答案的小题。",
                ) }</p>
                <ol>
                    { for LESSONS.iter().map(|entry| {
                        let (open, url) = (props.on_open.clone(), entry.url());
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
                <button onclick={move |_| close.emit(())}>{ lang.pick("Close", "关闭") }</button>
        </div>
    }
}
