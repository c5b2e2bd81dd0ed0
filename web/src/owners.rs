//! Who is consuming each partition and how far the group has committed: what colours a lane.

use groupsim::{ConsumerId, Life, SimView};

/// One lane's owner and how far its group has got.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct LaneOwner {
    /// The consumer consuming it, if any.
    pub consumer: Option<(ConsumerId, String)>,
    /// The group's committed offset.
    pub committed: Option<u64>,
    /// The consuming member's position: the next offset it will fetch.
    pub position: Option<u64>,
    /// The offset after the last record the group processed, whoever processed it: still there
    /// when nobody owns the lane (between a revoke and its commit, after a crash).
    pub processed: Option<u64>,
}

/// Lane owners of one group, by (topic, partition), in `--describe` order. A list rather than a
/// map: lookups are few and the page's download stays smaller.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Owners(pub Vec<((String, u32), LaneOwner)>);

impl Owners {
    /// Read from the consumers themselves (who is really consuming: a cooperative member keeps
    /// its partitions through a rebalance) and the group's describe rows.
    pub fn of(view: &SimView, group: &str) -> Owners {
        let mut owners = Owners::default();
        if let Some(g) = view.groups.iter().find(|g| g.id == group) {
            for row in &g.describe {
                owners.lane_mut(&row.topic, row.partition).committed = row.current_offset;
            }
            for (tp, high) in &g.processed {
                owners.lane_mut(&tp.topic, tp.partition).processed = Some(*high);
            }
        }
        for c in view.consumers.iter().filter(|c| c.group == group && c.life == Life::Running) {
            for (tp, position) in &c.assignment {
                let lane = owners.lane_mut(&tp.topic, tp.partition);
                lane.consumer = Some((c.id, c.client_id.clone()));
                lane.position = *position;
            }
        }
        owners
    }

    fn lane_mut(&mut self, topic: &str, partition: u32) -> &mut LaneOwner {
        let index = match self.0.iter().position(|((t, p), _)| t == topic && *p == partition) {
            Some(index) => index,
            None => {
                self.0.push(((topic.to_string(), partition), LaneOwner::default()));
                self.0.len() - 1
            }
        };
        &mut self.0[index].1
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
