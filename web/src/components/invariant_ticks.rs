//! The invariants as live ticks: green while they hold, red with a link to the moment one broke.

use groupsim::{Invariant, Violation};
use yew::prelude::*;

use crate::i18n::kafka::{invariant_short as short_name, invariant_statement};
use crate::lang::{Lang, use_lang};

/// Props of [`InvariantTicks`].
#[derive(Properties, PartialEq, Debug)]
pub struct InvariantTicksProps {
    /// Every violation so far, oldest first.
    pub violations: Vec<Violation>,
    /// How many records were processed twice so far.
    pub duplicates: u64,
    /// Go to a moment (ms).
    pub on_seek: Callback<u64>,
}

/// One tick per invariant.
#[function_component]
pub fn InvariantTicks(props: &InvariantTicksProps) -> Html {
    let lang = use_lang();
    html! {
        <ul class="ticks" data-spot="invariants" aria-label={lang.pick("Invariants", "不变式")}>
            { for Invariant::ALL.iter().map(|&invariant| {
                let first = props.violations.iter().find(|v| v.invariant == invariant);
                match first {
                    None => html! {
                        <li class="tick ok" title={format!("{} {}", lang.pick("Holds:", "成立："), invariant_statement(invariant, lang))}>
                            { "✓ " }{ short_name(invariant, lang) }
                        </li>
                    },
                    Some(v) => {
                        let (on_seek, at) = (props.on_seek.clone(), v.at.as_millis());
                        html! {
                            <li class="tick broken" title={format!("{} {}: {}", lang.pick("Broken at", "被打破于"), v.at, v.detail)}>
                                <button aria-label={match lang {
                                    Lang::En => format!("Go to where “{}” broke", short_name(invariant, lang)),
                                    Lang::Zh => format!("跳到“{}”被打破的时刻", short_name(invariant, lang)),
                                }}
                                    onclick={move |_| on_seek.emit(at)}>
                                    { "✗ " }{ short_name(invariant, lang) }{ format!(" @ {}", v.at) }
                                </button>
                            </li>
                        }
                    }
                }
            }) }
            <li class={classes!("tick", "dup-count", (props.duplicates > 0).then_some("some"))}
                title={lang.pick("Records a group processed a second time: after a crash, the new owner starts from the last commit", "被同一个组处理了第二次的消息：崩溃后，新的拥有者从最后一次提交的位移开始读")}>
                { match lang {
                    Lang::En => format!("↻ {} processed twice", props.duplicates),
                    Lang::Zh => format!("↻ {} 条重复处理", props.duplicates),
                } }
            </li>
        </ul>
    }
}
