//! Small helpers shared by the suites.

use std::collections::BTreeMap;

use groupsim::assignor::Assignment;

/// Topic name → partition count.
pub fn topics(counts: &[(&str, u32)]) -> BTreeMap<String, u32> {
    counts.iter().map(|(t, n)| (t.to_string(), *n)).collect()
}

/// A member's partitions as `topic-partition` strings, in assignment order.
pub fn assigned(assignment: &Assignment, member: &str) -> Vec<String> {
    let list = assignment.get(member).unwrap_or_else(|| panic!("{member} is missing from {assignment:?}"));
    list.iter().map(ToString::to_string).collect()
}
