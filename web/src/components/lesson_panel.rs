//! The lesson under way: its step's text, Back / Next / Leave, and at the end its question. A
//! plain function the app's view calls (the typed answer is read from the form when it is
//! sent), not a component.

use yew::prelude::*;

use crate::lang::Lang;
use crate::lesson::{Answered, LessonRun};
use crate::shared::Shared;

/// What [`lesson_panel`] draws and whom it tells.
#[derive(Debug)]
pub struct LessonPanelProps {
    pub run: Shared<LessonRun>,
    pub on_next: Callback<()>,
    pub on_back: Callback<()>,
    pub on_leave: Callback<()>,
    pub on_answer: Callback<String>,
}

/// The lesson card under the header.
pub fn lesson_panel(lang: Lang, props: &LessonPanelProps) -> Html {
    let run = &*props.run;
    let lesson = &run.lesson;
    let total = lesson.steps.len();
    let (back, next, leave) = (props.on_back.clone(), props.on_next.clone(), props.on_leave.clone());
    let counter = if run.at_question() {
        lang.pick("Question", "小测验").to_string()
    } else {
        format!("{} {} / {}", lang.pick("Step", "步骤"), run.step + 1, total)
    };
    let body = match run.current() {
        Some(step) => {
            let waiting = step.wait.is_some() && !run.met;
            let hint = step.wait.as_ref().filter(|_| waiting).map(|w| {
                if w.act.is_some() {
                    lang.pick("Waiting for you to do it on the page.", "等你在页面上动手操作。")
                } else if w.event.is_some() {
                    lang.pick(
                        "Watch: the next step starts when it happens.",
                        "请观察：事情发生后自动进入下一步。",
                    )
                } else {
                    lang.pick(
                        "Watch: the next step starts when the time is up.",
                        "请观察：时间一到自动进入下一步。",
                    )
                }
            });
            html! { <>
                <p class="lesson-text">{ step.text.get(lang) }</p>
                if let Some(hint) = hint { <p class="lesson-hint" role="status">{ hint }</p> }
            </> }
        }
        None => {
            let question = &lesson.question;
            let answer = {
                let on_answer = props.on_answer.clone();
                move |given: String| on_answer.emit(given)
            };
            let choices = question.choices.iter().map(|choice| {
                let (answer, choice) = (answer.clone(), choice.clone());
                let label = choice.clone();
                html! { <button class="choice" onclick={move |_| answer(choice.clone())}>{ label }</button> }
            });
            let typed_answer = {
                let answer = answer.clone();
                move |e: SubmitEvent| {
                    e.prevent_default();
                    answer(crate::input::form_text(&e));
                }
            };
            html! { <>
                <p class="lesson-text">{ question.text.get(lang) }</p>
                if question.choices.is_empty() {
                    <form class="answer" onsubmit={typed_answer}>
                        <input type="text" aria-label={lang.pick("Your answer", "你的答案")} />
                        <button type="submit">{ lang.pick("Check", "核对") }</button>
                    </form>
                } else {
                    <div class="choices" role="group" aria-label={lang.pick("Answers", "选项")}>{ for choices }</div>
                }
                { match &run.answered {
                    Some(Answered::Right(_)) => html! {
                        <p class="right" role="status">{ lang.pick("Right. ", "答对了。") }{ question.explain.get(lang) }</p>
                    },
                    Some(Answered::Wrong(given)) => html! {
                        <p class="wrong" role="status">{ format!("{} “{given}”. {}", lang.pick("Not", "不是"), lang.pick("Look at the page again: the answer is there.", "再看看页面，答案就在上面。")) }</p>
                    },
                    None => html! {},
                } }
            </> }
        }
    };
    let done = matches!(run.answered, Some(Answered::Right(_)));
    html! {
        <aside class="lesson" aria-label={lang.pick("Lesson", "课程")}>
            <header>
                <h2>{ lesson.title.get(lang) }</h2>
                <span class="lesson-step">{ counter }</span>
            </header>
            { body }
            if let Some(problem) = &run.problem {
                <p class="error" role="alert">{ format!("{} {problem}", lang.pick("This lesson has a problem:", "这节课有个问题：")) }</p>
            }
            <div class="lesson-nav">
                <button onclick={move |_| back.emit(())} disabled={run.step == 0}>{ lang.pick("Back", "上一步") }</button>
                if !run.at_question() {
                    <button class="primary" onclick={{ let next = next.clone(); move |_| next.emit(()) }} disabled={!run.can_go_on()}>{ lang.pick("Next", "下一步") }</button>
                }
                <button onclick={move |_| leave.emit(())}>{ if done { lang.pick("Finish", "完成") } else { lang.pick("Leave the lesson", "退出课程") } }</button>
            </div>
        </aside>
    }
}
