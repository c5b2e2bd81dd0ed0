//! The `kafka-consumer-groups.sh --describe` views as Kafka prints them, read from
//! `tools/src/main/java/org/apache/kafka/tools/consumer/group/ConsumerGroupCommand.java`
//! (`printOffsets`, `printMembers`, `printStates`, `maybePrintEmptyGroupState`):
//! columns, `-` for a missing value, `topic:0,1,2` assignment strings, `host:port  (id)`.

use groupsim::{DescribeRow, GroupState, GroupView};

/// A table: column titles and rows of cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Column titles.
    pub headers: Vec<&'static str>,
    /// Rows, cells as printed.
    pub rows: Vec<Vec<String>>,
}

/// The line Kafka prints above the table for a group that is not Stable, if any.
pub fn notice(group: &GroupView) -> Option<String> {
    let id = &group.id;
    match group.state {
        GroupState::Dead => Some(format!("Consumer group '{id}' does not exist.")),
        GroupState::Empty => Some(format!("Consumer group '{id}' has no active members.")),
        GroupState::PreparingRebalance | GroupState::CompletingRebalance => {
            Some(format!("Consumer group '{id}' is rebalancing."))
        }
        GroupState::Stable => None,
    }
}

/// `--describe` (the offsets view): one row per partition.
pub fn offsets(group: &GroupView) -> Table {
    Table {
        headers: DescribeRow::HEADERS.to_vec(),
        rows: group.describe.iter().map(|r| r.cells().to_vec()).collect(),
    }
}

/// `--describe --members --verbose` for a classic group: GROUP-INSTANCE-ID only when a member
/// has one; the assignment as `topic:0,1,2`, topics joined by `;`.
pub fn members(group: &GroupView) -> Table {
    let with_instance = group.members.iter().any(|m| m.instance_id.is_some());
    let mut headers = vec!["GROUP", "CONSUMER-ID"];
    if with_instance {
        headers.push("GROUP-INSTANCE-ID");
    }
    headers.extend(["HOST", "CLIENT-ID", "#PARTITIONS", "ASSIGNMENT"]);
    let rows = group
        .members
        .iter()
        .map(|m| {
            let mut row = vec![group.id.clone(), m.member_id.clone()];
            if with_instance {
                row.push(m.instance_id.clone().unwrap_or_default());
            }
            row.extend([m.host.clone(), m.client_id.clone(), m.assignment.len().to_string(), assignment(m)]);
            row
        })
        .collect();
    Table { headers, rows }
}

fn assignment(member: &groupsim::MemberView) -> String {
    let mut topics: Vec<(&str, Vec<u32>)> = Vec::new();
    for tp in &member.assignment {
        match topics.iter_mut().find(|(t, _)| *t == tp.topic) {
            Some((_, partitions)) => partitions.push(tp.partition),
            None => topics.push((&tp.topic, vec![tp.partition])),
        }
    }
    if topics.is_empty() {
        return "-".into();
    }
    sort_small(&mut topics);
    let parts: Vec<String> = topics
        .into_iter()
        .map(|(topic, mut partitions)| {
            sort_small(&mut partitions);
            let list: Vec<String> = partitions.iter().map(u32::to_string).collect();
            format!("{topic}:{}", list.join(","))
        })
        .collect();
    parts.join(";")
}

/// Insertion sort: these lists are a member's assignment, and the page's download is smaller
/// without another instantiation of the standard sorts.
fn sort_small<T: Ord>(items: &mut [T]) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && items[j - 1] > items[j] {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// `--describe --state`: the coordinator as `host:port  (id)`, `-` for no assignment strategy.
pub fn state(group: &GroupView) -> Table {
    let coordinator = format!("broker-{id}:9092  ({id})", id = group.coordinator);
    Table {
        headers: vec!["GROUP", "COORDINATOR (ID)", "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS"],
        rows: vec![vec![
            group.id.clone(),
            coordinator,
            group.assignor.map_or("-", |a| a.protocol_name()).to_string(),
            group.state.to_string(),
            group.members.len().to_string(),
        ]],
    }
}

#[cfg(test)]
mod tests {
    use groupsim::{Duration, Session};

    use super::*;

    fn settled_group() -> GroupView {
        let mut session = Session::new(crate::world::initial_scenario(1)).unwrap();
        session.advance(Duration::from_secs(10)).unwrap();
        session.sim().view().groups.remove(0)
    }

    #[test]
    fn members_and_state_print_as_kafka_does() {
        let group = settled_group();
        let members = members(&group);
        assert_eq!(
            members.headers,
            ["GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS", "ASSIGNMENT"]
        );
        assert_eq!(members.rows.len(), 3);
        let assignments: Vec<&str> = members.rows.iter().map(|r| r[5].as_str()).collect();
        // Eager range over 6 partitions and 3 members: two consecutive partitions each.
        assert_eq!(assignments, ["orders:0,1", "orders:2,3", "orders:4,5"]);
        let state = state(&group);
        assert_eq!(state.rows[0][2..], ["range".to_string(), "Stable".into(), "3".into()]);
        assert!(state.rows[0][1].ends_with(&format!("  ({})", group.coordinator)));
        assert_eq!(notice(&group), None);
    }
}
