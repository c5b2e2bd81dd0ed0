//! The server-side `range` assignor (reference §4.4, `group-coordinator/.../assignor/RangeAssignor.java`).

use alloc::string::{String, ToString};

use crate::vec_map::VecMap;

use super::super::{Assignment, MemberSubscription};
use super::ServerAssignorError;

/// Members in order (static members by instance id first, then dynamic ones by member id); for
/// each subscribed topic, its subscribers take contiguous ranges, the first `P mod S` of them one
/// partition more. Not sticky: the current target is ignored, and reconciliation revokes what
/// moves. This is the client `RangeAssignor`'s rule, which the server one keeps so that topics
/// with equal partition counts stay co-partitioned; the difference is that a subscribed topic
/// missing from the metadata is an error rather than skipped.
pub fn range(
    topics: &VecMap<String, u32>,
    members: &[MemberSubscription],
) -> Result<Assignment, ServerAssignorError> {
    for (i, m) in members.iter().enumerate() {
        // Members mostly subscribe alike: a list equal to the one before was checked already.
        if i > 0 && m.topics == members[i - 1].topics {
            continue;
        }
        if let Some(t) = m.topics.iter().find(|t| !topics.contains_key(t.as_str())) {
            return Err(ServerAssignorError::UnknownTopic {
                member: m.member_id.clone(),
                topic: t.to_string(),
            });
        }
    }
    Ok(super::super::range(topics, members))
}
