//! Start another group on the same topics: it reads independently, with its own offsets.

use groupsim::Command;
use yew::prelude::*;

use crate::lang::{Lang, use_lang};
use crate::world;

/// Props of [`NewGroup`].
#[derive(Properties, PartialEq, Debug)]
pub struct NewGroupProps {
    /// The groups that exist.
    pub existing: Vec<String>,
    /// Do something to the world.
    pub on_command: Callback<Command>,
}

/// The next unused name: `group-b`, `group-c`, …
pub fn next_group_name(existing: &[String]) -> String {
    ('a'..='z')
        .map(|c| format!("group-{c}"))
        .find(|name| !existing.contains(name))
        .unwrap_or_else(|| format!("group-{}", existing.len() + 1))
}

/// A button that starts a new group with one consumer.
#[function_component]
pub fn NewGroup(props: &NewGroupProps) -> Html {
    let lang = use_lang();
    let name = next_group_name(&props.existing);
    let on_command = props.on_command.clone();
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
                { match lang {
                    Lang::En => format!("+ Start {name} on the same topic"),
                    Lang::Zh => format!("+ 在同一主题上启动 {name}"),
                } }
            </button>
        </div>
    }
}
