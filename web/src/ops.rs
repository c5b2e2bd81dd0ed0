//! The `kafka-consumer-groups.sh --describe` views as Kafka 4.x prints them, read from
//! `tools/src/main/java/org/apache/kafka/tools/consumer/group/ConsumerGroupCommand.java`
//! (`printOffsets`, `printMembers`, `printStates`, `shouldPrintMemberState`,
//! `collectGroupsOffsets`, `getAssignmentString`): columns, `-` for a missing value,
//! `topic:0,1,2` assignment strings, `host:port  (id)`, the `Warning:` and `Error:` lines, and
//! no table where Kafka prints none. docs/kafka-source-notes.md has the Java lines.

use groupsim::{DescribeRow, GroupState, GroupView, MemberView};

/// A table: column titles and rows of cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Column titles.
    pub headers: Vec<&'static str>,
    /// Rows, cells as printed.
    pub rows: Vec<Vec<String>>,
}

/// What one command prints: a line above (on stderr in Kafka, `Warning:` or `Error:` where
/// Kafka writes one), and the table if it prints one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Printed {
    /// The line above the table.
    pub notice: Option<String>,
    /// The table, or `None` where Kafka prints none.
    pub table: Option<Table>,
}

/// `shouldPrintMemberState`'s line for the group's state. A Dead group here is deleted, and
/// 4.x's describe then fails with `GroupIdNotFoundException`, printed by `run()`'s `printError`.
fn notice(group: &GroupView) -> Option<String> {
    let id = &group.id;
    match group.state {
        GroupState::Dead => Some(format!(
            "Error: Executing consumer group command failed due to \
             org.apache.kafka.common.errors.GroupIdNotFoundException: Group {id} not found."
        )),
        GroupState::Empty => Some(format!("Consumer group '{id}' has no active members.")),
        GroupState::PreparingRebalance | GroupState::CompletingRebalance => {
            Some(format!("Warning: Consumer group '{id}' is rebalancing."))
        }
        GroupState::Stable => None,
    }
}

/// `--describe` (the offsets view), in `collectGroupsOffsets`' order: the members that own
/// partitions, most partitions first (ties in the coordinator's member order), each one's
/// partitions by topic and partition; then the committed partitions nobody owns. No table at all
/// when there is no row (`shouldPrintMemberState` returns false).
pub fn offsets(group: &GroupView) -> Printed {
    let mut owners: Vec<&MemberView> = group.members.iter().filter(|m| !m.assignment.is_empty()).collect();
    // Stable: insertion keeps the member order among equals.
    for i in 1..owners.len() {
        let mut j = i;
        while j > 0 && owners[j - 1].assignment.len() < owners[j].assignment.len() {
            owners.swap(j - 1, j);
            j -= 1;
        }
    }
    let owned_by = |row: &&DescribeRow, m: &MemberView| row.consumer_id.as_deref() == Some(&m.member_id);
    let mut rows: Vec<Vec<String>> = Vec::new();
    for m in owners {
        rows.extend(group.describe.iter().filter(|r| owned_by(r, m)).map(|r| r.cells().to_vec()));
    }
    rows.extend(group.describe.iter().filter(|r| r.consumer_id.is_none()).map(|r| r.cells().to_vec()));
    let shown = group.state != GroupState::Dead && !rows.is_empty();
    Printed {
        notice: notice(group),
        table: shown.then(|| Table { headers: DescribeRow::HEADERS.to_vec(), rows }),
    }
}

/// `--describe --members --verbose` (4.x, KIP-1099): GROUP-INSTANCE-ID only when a member has
/// one; CURRENT-ASSIGNMENT as `topic:0,1,2`, topics joined by `;`. A consumer-protocol member
/// has its member epoch as CURRENT-EPOCH, the group's target assignment epoch as TARGET-EPOCH and
/// its part of the target as TARGET-ASSIGNMENT (`collectGroupMembers`); a classic one has `-`
/// there. The header is printed even with no member; nothing for a deleted group.
pub fn members(group: &GroupView) -> Printed {
    if group.state == GroupState::Dead {
        return Printed { notice: notice(group), table: None };
    }
    let with_instance = group.members.iter().any(|m| m.instance_id.is_some());
    let mut headers = vec!["GROUP", "CONSUMER-ID"];
    if with_instance {
        headers.push("GROUP-INSTANCE-ID");
    }
    headers.extend([
        "HOST",
        "CLIENT-ID",
        "#PARTITIONS",
        "CURRENT-EPOCH",
        "CURRENT-ASSIGNMENT",
        "TARGET-EPOCH",
        "TARGET-ASSIGNMENT",
    ]);
    let rows = group
        .members
        .iter()
        .map(|m| {
            let mut row = vec![group.id.clone(), m.member_id.clone()];
            if with_instance {
                row.push(m.instance_id.clone().unwrap_or_default());
            }
            row.extend([m.host.clone(), m.client_id.clone(), m.assignment.len().to_string()]);
            let (epoch, target_epoch, target) = match (&m.epochs, &group.consumer_protocol) {
                (Some(e), Some(g)) if groupsim::CONSUMER_PROTOCOL => {
                    (e.member_epoch.to_string(), g.target_epoch.to_string(), assignment_string(&e.target))
                }
                _ => ("-".into(), "-".into(), "-".into()),
            };
            row.extend([epoch, assignment(m), target_epoch, target]);
            row
        })
        .collect();
    Printed { notice: notice(group), table: Some(Table { headers, rows }) }
}

/// `getAssignmentString`: per topic `topic:` and its partitions in numeric order, then those
/// strings sorted as strings and joined by `;`; `-` for none.
fn assignment(member: &MemberView) -> String {
    assignment_string(&member.assignment)
}

fn assignment_string(partitions: &[groupsim::assignor::TopicPartition]) -> String {
    let mut topics: Vec<(&str, Vec<u32>)> = Vec::new();
    for tp in partitions {
        match topics.iter_mut().find(|(t, _)| *t == tp.topic) {
            Some((_, partitions)) => partitions.push(tp.partition),
            None => topics.push((&tp.topic, vec![tp.partition])),
        }
    }
    if topics.is_empty() {
        return "-".into();
    }
    let mut parts: Vec<String> = topics
        .into_iter()
        .map(|(topic, mut partitions)| {
            sort_small(&mut partitions);
            let list: Vec<String> = partitions.iter().map(u32::to_string).collect();
            format!("{topic}:{}", list.join(","))
        })
        .collect();
    sort_small(&mut parts);
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

/// `--describe --state`: the coordinator as `host:port  (id)`; ASSIGNMENT-STRATEGY is `-`
/// unless the group is Stable (the broker's DescribeGroups reports the protocol only then). A
/// consumer-protocol group is shown `--verbose`: its server assignor always, its own state, and
/// GROUP-EPOCH and TARGET-ASSIGNMENT-EPOCH (`printStates`).
pub fn state(group: &GroupView) -> Printed {
    if group.state == GroupState::Dead {
        return Printed { notice: notice(group), table: None };
    }
    let coordinator = format!("broker-{id}:9092  ({id})", id = group.coordinator);
    if let Some(g) = group.consumer_protocol.as_ref().filter(|_| groupsim::CONSUMER_PROTOCOL) {
        let table = Table {
            headers: vec![
                "GROUP",
                "COORDINATOR (ID)",
                "ASSIGNMENT-STRATEGY",
                "STATE",
                "GROUP-EPOCH",
                "TARGET-ASSIGNMENT-EPOCH",
                "#MEMBERS",
            ],
            rows: vec![vec![
                group.id.clone(),
                coordinator,
                g.assignor.name().to_string(),
                g.state.to_string(),
                g.group_epoch.to_string(),
                g.target_epoch.to_string(),
                group.members.len().to_string(),
            ]],
        };
        return Printed { notice: notice(group), table: Some(table) };
    }
    let strategy = match group.assignor {
        Some(a) if group.state == GroupState::Stable => a.protocol_name(),
        _ => "-",
    };
    let table = Table {
        headers: vec!["GROUP", "COORDINATOR (ID)", "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS"],
        rows: vec![vec![
            group.id.clone(),
            coordinator,
            strategy.to_string(),
            group.state.to_string(),
            group.members.len().to_string(),
        ]],
    };
    Printed { notice: notice(group), table: Some(table) }
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
        let members = members(&group).table.unwrap();
        assert_eq!(
            members.headers,
            [
                "GROUP",
                "CONSUMER-ID",
                "HOST",
                "CLIENT-ID",
                "#PARTITIONS",
                "CURRENT-EPOCH",
                "CURRENT-ASSIGNMENT",
                "TARGET-EPOCH",
                "TARGET-ASSIGNMENT"
            ]
        );
        assert_eq!(members.rows.len(), 3);
        let assignments: Vec<&str> = members.rows.iter().map(|r| r[6].as_str()).collect();
        // Eager range over 6 partitions and 3 members: two consecutive partitions each.
        assert_eq!(assignments, ["orders:0,1", "orders:2,3", "orders:4,5"]);
        assert_eq!(members.rows[0][5..], ["-".to_string(), "orders:0,1".into(), "-".into(), "-".into()]);
        let state = state(&group);
        let row = &state.table.unwrap().rows[0];
        assert_eq!(row[2..], ["range".to_string(), "Stable".into(), "3".into()]);
        assert!(row[1].ends_with(&format!("  ({})", group.coordinator)));
        assert_eq!(state.notice, None);
    }

    /// `getAssignmentString` sorts the `topic:…` strings, so `a-b:` comes before `a:` (`-` < `:`).
    #[test]
    fn topics_sort_as_kafka_sorts_the_printed_strings() {
        let tp = |t: &str, p| groupsim::assignor::TopicPartition { topic: t.into(), partition: p };
        let mut member = settled_group().members.remove(0);
        member.assignment = vec![tp("a", 2), tp("a", 0), tp("a-b", 1), tp("a", 10)];
        assert_eq!(assignment(&member), "a-b:1;a:0,2,10");
    }

    /// `shouldPrintMemberState`: a rebalancing group gets `Warning:`, its strategy is `-`, and a
    /// group with no row prints no offsets table; a deleted group prints only Kafka's error.
    #[test]
    fn notices_and_missing_tables_follow_should_print_member_state() {
        let mut group = settled_group();
        group.state = GroupState::PreparingRebalance;
        assert_eq!(
            state(&group).notice.as_deref(),
            Some("Warning: Consumer group 'group-a' is rebalancing.")
        );
        assert_eq!(state(&group).table.unwrap().rows[0][2], "-");
        group.state = GroupState::Stable;
        group.members.iter_mut().for_each(|m| m.assignment.clear());
        group.describe.clear();
        assert_eq!(offsets(&group), Printed { notice: None, table: None });
        group.state = GroupState::Dead;
        let dead = members(&group);
        assert_eq!(dead.table, None);
        assert!(dead.notice.unwrap().starts_with("Error: Executing consumer group command failed"));
    }

    /// A consumer-protocol group (KIP-848) on the wire, settled, then with a newcomer whose
    /// share is still held by the others: the members print their epochs and targets, the state
    /// view its epochs (Kafka 4.x `--members --verbose` and `--state --verbose`).
    #[test]
    fn a_consumer_protocol_group_prints_its_epochs_and_targets() {
        if !groupsim::CONSUMER_PROTOCOL {
            return; // a build without the consumer protocol has no such group
        }
        let consumer = groupsim::ConsumerConfig {
            group_protocol: groupsim::GroupProtocol::Consumer,
            ..crate::world::consumer()
        };
        let session = Session::new(crate::world::initial_scenario(1)).unwrap();
        let mut sim = session.sim().clone();
        sim.add_consumer(groupsim::ConsumerConfig { group_id: "kip".into(), ..consumer.clone() }).unwrap();
        sim.add_consumer(groupsim::ConsumerConfig { group_id: "kip".into(), ..consumer.clone() }).unwrap();
        sim.advance(Duration::from_secs(12));
        let view = sim.view();
        let group = view.groups.iter().find(|g| g.id == "kip").unwrap();
        let table = state(group).table.unwrap();
        assert_eq!(table.headers[4..], ["GROUP-EPOCH", "TARGET-ASSIGNMENT-EPOCH", "#MEMBERS"]);
        assert_eq!(
            table.rows[0][2..],
            ["uniform".to_string(), "Stable".into(), "3".into(), "3".into(), "2".into()]
        );
        for row in &members(group).table.unwrap().rows {
            assert_eq!(row[5], "3", "CURRENT-EPOCH: {row:?}");
            assert_eq!(row[7], "3", "TARGET-EPOCH: {row:?}");
            assert_eq!(row[6], row[8], "reconciled: the assignment is the target: {row:?}");
        }
        // A newcomer: the target moves before the owners revoked.
        sim.add_consumer(groupsim::ConsumerConfig { group_id: "kip".into(), ..consumer }).unwrap();
        sim.advance(Duration::from_millis(20));
        let view = sim.view();
        let group = view.groups.iter().find(|g| g.id == "kip").unwrap();
        let printed = state(group);
        assert_eq!(printed.notice.as_deref(), Some("Warning: Consumer group 'kip' is rebalancing."));
        assert_eq!(printed.table.unwrap().rows[0][3], "Reconciling");
        let rows = members(group).table.unwrap().rows;
        let newcomer = rows.iter().find(|r| r[3] == "consumer-6").unwrap();
        assert_eq!((newcomer[6].as_str(), newcomer[7].as_str()), ("-", "4"));
        assert_ne!(newcomer[8], "-", "its target is set: {newcomer:?}");
    }

    /// `collectGroupsOffsets`: members with more partitions first, then unowned committed rows.
    #[test]
    fn offsets_rows_come_in_collect_groups_offsets_order() {
        let mut group = settled_group();
        let moved = group.members[0].assignment.remove(0);
        group.members[2].assignment.push(moved.clone());
        for row in &mut group.describe {
            if row.topic == moved.topic && row.partition == moved.partition {
                row.consumer_id = Some(group.members[2].member_id.clone());
            }
        }
        let rows = offsets(&group).table.unwrap().rows;
        let order: Vec<&str> = rows.iter().map(|r| r[2].as_str()).collect();
        assert_eq!(order, ["0", "4", "5", "2", "3", "1"]);
    }
}
