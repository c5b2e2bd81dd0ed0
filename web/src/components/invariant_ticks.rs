//! The invariants as live ticks: green while they hold, red with a link to the moment one broke.

use groupsim::{Invariant, Violation};
use yew::prelude::*;

use crate::i18n::kafka::{invariant_short as short_name, invariant_statement};
use crate::lang::Lang;

/// One tick per invariant: `violations` so far (oldest first), the records processed twice so
/// far, and `on_seek` to go to where one broke. A plain function the app's view calls.
pub fn invariant_ticks(
    lang: Lang,
    violations: &[Violation],
    duplicates: u64,
    on_seek: &Callback<u64>,
) -> Html {
    html! {
        <ul class="ticks" data-spot="invariants" aria-label={lang.pick("Invariants", "不变式")}>
            { for Invariant::ALL.iter().map(|&invariant| {
                let first = violations.iter().find(|v| v.invariant == invariant);
                match first {
                    None => html! {
                        <li class="tick ok" title={format!("{} {}", lang.pick("Holds:", "成立："), invariant_statement(invariant, lang))}>
                            { "✓ " }{ short_name(invariant, lang) }
                        </li>
                    },
                    Some(v) => {
                        let (on_seek, at) = (on_seek.clone(), v.at.as_millis());
                        html! {
                            <li class="tick broken" title={format!("{} {}: {}", lang.pick("Broken at", "被打破于"), v.at, v.detail)}>
                                <button aria-label={match lang.in_build() {
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
            <li class={classes!("tick", "dup-count", (duplicates > 0).then_some("some"))}
                title={lang.pick("Records a group processed a second time: after a crash, the new owner starts from the last commit", "被同一个组处理了第二次的消息：崩溃后，新的拥有者从最后一次提交的位移开始读")}>
                { match lang.in_build() {
                    Lang::En => format!("↻ {} processed twice", duplicates),
                    Lang::Zh => format!("↻ {} 条重复处理", duplicates),
                } }
            </li>
        </ul>
    }
}
