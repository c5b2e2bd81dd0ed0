//! A `kafka-consumer-groups.sh` table, with the notice Kafka prints above it.

use yew::prelude::*;

use crate::ops::Printed;

/// Props of [`OpsTable`].
#[derive(Properties, PartialEq, Debug)]
pub struct OpsTableProps {
    /// The command line it stands for.
    pub command: String,
    /// What it prints.
    pub printed: Printed,
}

/// One CLI view as a table.
#[function_component]
pub fn OpsTable(props: &OpsTableProps) -> Html {
    html! {
        <figure class="ops">
            <figcaption><code>{ format!("$ {}", props.command) }</code></figcaption>
            if let Some(notice) = &props.printed.notice { <p class="notice">{ notice }</p> }
            if let Some(table) = &props.printed.table {
                <div class="table-scroll">
                    <table>
                        <thead><tr>{ for table.headers.iter().map(|h| html! { <th scope="col">{ *h }</th> }) }</tr></thead>
                        <tbody>
                            { for table.rows.iter().map(|row| html! {
                                <tr>{ for row.iter().map(|c| html! { <td>{ c }</td> }) }</tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </figure>
    }
}
