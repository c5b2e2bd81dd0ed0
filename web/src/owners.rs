//! Who is consuming each partition and how far the group has committed: what colours a lane.

use std::collections::BTreeMap;

use groupsim::{ConsumerId, Life, MemberState, SimView};

/// One lane's owner and committed offset.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneOwner {
    /// The consumer consuming it, if any.
    pub consumer: Option<(ConsumerId, String)>,
    /// The group's committed offset.
    pub committed: Option<u64>,
}

/// Lane owners of one group, by (topic, partition).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Owners(pub BTreeMap<(String, u32), LaneOwner>);

impl Owners {
    /// Read from the consumers themselves (who is really consuming) and the group's describe rows.
    pub fn of(view: &SimView, group: &str) -> Owners {
        let mut lanes: BTreeMap<(String, u32), LaneOwner> = BTreeMap::new();
        if let Some(g) = view.groups.iter().find(|g| g.id == group) {
            for row in &g.describe {
                let lane = LaneOwner { consumer: None, committed: row.current_offset };
                lanes.insert((row.topic.clone(), row.partition), lane);
            }
        }
        for c in view.consumers.iter().filter(|c| c.group == group && c.life == Life::Running) {
            if c.state != MemberState::Stable {
                continue;
            }
            for (tp, _) in &c.assignment {
                let lane = lanes
                    .entry((tp.topic.clone(), tp.partition))
                    .or_insert(LaneOwner { consumer: None, committed: None });
                lane.consumer = Some((c.id, c.client_id.clone()));
            }
        }
        Owners(lanes)
    }

    /// The lane of `topic`-`partition`.
    pub fn get(&self, topic: &str, partition: u32) -> Option<&LaneOwner> {
        self.0.get(&(topic.to_string(), partition))
    }
}

/// The colour class of a consumer: one of eight, by id.
pub fn colour(consumer: ConsumerId) -> String {
    format!("owner-{}", consumer.0 % 8)
}
