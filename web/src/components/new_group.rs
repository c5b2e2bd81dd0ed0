//! Start another group on the same topics: it reads independently, with its own offsets.

use groupsim::Command;
use yew::prelude::*;

use crate::lang::Lang;
use crate::world;

/// The next unused name: `group-b`, `group-c`, …
pub fn next_group_name(existing: &[String]) -> String {
    ('a'..='z')
        .map(|c| format!("group-{c}"))
        .find(|name| !existing.contains(name))
        .unwrap_or_else(|| format!("group-{}", existing.len() + 1))
}

/// A button that starts a new group (the first name not in `existing`) with one consumer. A
/// plain function the app's view calls, not a component.
pub fn new_group(lang: Lang, existing: &[String], on_command: &Callback<Command>) -> Html {
    let name = next_group_name(existing);
    let on_command = on_command.clone();
    let group = name.clone();
    let start = move |_| {
        let config = groupsim::ConsumerConfig { group_id: group.clone(), ..world::consumer() };
        on_command.emit(Command::AddConsumer { config });
    };
    html! {
        <div class="new-group" data-spot="new-group">
            <button onclick={start}
                title={lang.pick(
                    "Another group on the same topic gets every record again, with its own committed offsets",
                    "同一主题上的另一个消费者组会把每条消息再读一遍，并有自己独立提交的位移",
                )}>
                { match lang.in_build() {
                    Lang::En => format!("+ Start {name} on the same topic"),
                    Lang::Zh => format!("+ 在同一主题上启动 {name}"),
                } }
            </button>
        </div>
    }
}
