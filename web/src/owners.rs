//! Who is consuming each partition and how far the group has committed: what colours a lane.

use groupsim::{ConsumerId, Life, MemberState, SimView};

/// One lane's owner and committed offset.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneOwner {
    /// The consumer consuming it, if any.
    pub consumer: Option<(ConsumerId, String)>,
    /// The group's committed offset.
    pub committed: Option<u64>,
    /// The consuming member's position: the next offset it will process.
    pub position: Option<u64>,
}

/// Lane owners of one group, by (topic, partition), in `--describe` order. A list rather than a
/// map: lookups are few and the page's download stays smaller.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Owners(pub Vec<((String, u32), LaneOwner)>);

impl Owners {
    /// Read from the consumers themselves (who is really consuming) and the group's describe rows.
    pub fn of(view: &SimView, group: &str) -> Owners {
        let mut lanes: Vec<((String, u32), LaneOwner)> = Vec::new();
        if let Some(g) = view.groups.iter().find(|g| g.id == group) {
            for row in &g.describe {
                let lane = LaneOwner { consumer: None, committed: row.current_offset, position: None };
                lanes.push(((row.topic.clone(), row.partition), lane));
            }
        }
        for c in view.consumers.iter().filter(|c| c.group == group && c.life == Life::Running) {
            if c.state != MemberState::Stable {
                continue;
            }
            for (tp, position) in &c.assignment {
                let key = (tp.topic.clone(), tp.partition);
                let index = match lanes.iter().position(|(k, _)| *k == key) {
                    Some(index) => index,
                    None => {
                        lanes.push((key, LaneOwner { consumer: None, committed: None, position: None }));
                        lanes.len() - 1
                    }
                };
                let lane = &mut lanes[index].1;
                lane.consumer = Some((c.id, c.client_id.clone()));
                lane.position = *position;
            }
        }
        Owners(lanes)
    }

    /// The lane of `topic`-`partition`.
    pub fn get(&self, topic: &str, partition: u32) -> Option<&LaneOwner> {
        self.0.iter().find(|((t, p), _)| t == topic && *p == partition).map(|(_, lane)| lane)
    }
}

/// The colour class of a consumer: one of eight, by id.
pub fn colour(consumer: ConsumerId) -> String {
    format!("owner-{}", consumer.0 % 8)
}
