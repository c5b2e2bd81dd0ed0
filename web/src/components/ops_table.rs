//! A `kafka-consumer-groups.sh` table, with the notice Kafka prints above it. A plain function
//! (drawn only in the open tab), not a component.

use yew::prelude::*;

use crate::ops::Printed;

/// One CLI view as a table: the command line it stands for, and what it prints.
pub fn ops_table(command: &str, printed: &Printed) -> Html {
    html! {
        <figure class="ops">
            <figcaption><code>{ format!("$ {command}") }</code></figcaption>
            if let Some(notice) = &printed.notice { <p class="notice">{ notice }</p> }
            if let Some(table) = &printed.table {
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
