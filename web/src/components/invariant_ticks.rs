//! The invariants as live ticks: green while they hold, red with a link to the moment one broke.

use groupsim::{Invariant, Violation};
use yew::prelude::*;

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

/// A short name for a tick.
pub fn short_name(invariant: Invariant) -> &'static str {
    match invariant {
        Invariant::OneOwnerPerGeneration => "one owner",
        Invariant::CommitsNeverGoBackwards => "commits only advance",
        Invariant::NoSkippedRecords => "no loss",
        Invariant::DuplicatesOnlyAfterFailure => "duplicates explained",
    }
}

/// One tick per invariant.
#[function_component]
pub fn InvariantTicks(props: &InvariantTicksProps) -> Html {
    html! {
        <ul class="ticks" data-spot="invariants" aria-label="Invariants">
            { for Invariant::ALL.iter().map(|&invariant| {
                let first = props.violations.iter().find(|v| v.invariant == invariant);
                match first {
                    None => html! {
                        <li class="tick ok" title={format!("Holds: {}", invariant.statement())}>
                            { "✓ " }{ short_name(invariant) }
                        </li>
                    },
                    Some(v) => {
                        let (on_seek, at) = (props.on_seek.clone(), v.at.as_millis());
                        html! {
                            <li class="tick broken" title={format!("Broken at {}: {}", v.at, v.detail)}>
                                <button aria-label={format!("Go to where “{}” broke", short_name(invariant))}
                                    onclick={move |_| on_seek.emit(at)}>
                                    { "✗ " }{ short_name(invariant) }{ format!(" @ {}", v.at) }
                                </button>
                            </li>
                        }
                    }
                }
            }) }
            <li class={classes!("tick", "dup-count", (props.duplicates > 0).then_some("some"))}
                title="Records a group processed a second time: after a crash, the new owner starts from the last commit">
                { format!("↻ {} processed twice", props.duplicates) }
            </li>
        </ul>
    }
}
