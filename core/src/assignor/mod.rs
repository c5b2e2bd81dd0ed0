//! Partition assignors: pure functions from members and topics to an assignment, usable without a
//! [`crate::Sim`]. The group leader runs one of these during a rebalance (reference §1.4, §4).
//!
//! ```
//! use groupsim::assignor::{assign, AssignorName, MemberSubscription, TopicPartition};
//! use groupsim::vec_map::VecMap;
//!
//! let topics: VecMap<String, u32> = [("orders".to_string(), 3)].into_iter().collect();
//! let members = [MemberSubscription::new("c1", ["orders"]), MemberSubscription::new("c2", ["orders"])];
//! let result = assign(AssignorName::Range, &topics, &members);
//! assert_eq!(result["c1"], [TopicPartition::new("orders", 0), TopicPartition::new("orders", 1)]);
//! assert_eq!(result["c2"], [TopicPartition::new("orders", 2)]);
//! ```

mod loads;
mod range;
mod round_robin;
pub mod server;
mod sticky;

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cmp::Ordering;
use core::fmt;

use serde::{Deserialize, Serialize};

use crate::vec_map::VecMap;

pub use range::range;
pub use round_robin::round_robin;
pub use sticky::{StickyOutcome, cooperative_sticky, sticky};

/// A topic's partition.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TopicPartition {
    /// The topic.
    pub topic: String,
    /// The partition id.
    pub partition: u32,
}

impl TopicPartition {
    /// `topic-partition`.
    pub fn new(topic: &str, partition: u32) -> Self {
        TopicPartition { topic: topic.to_string(), partition }
    }
}

impl fmt::Display for TopicPartition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.topic, self.partition)
    }
}

/// What one member tells the leader in its JoinGroup metadata (`ConsumerProtocolSubscription`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberSubscription {
    /// The member id the coordinator gave it.
    pub member_id: String,
    /// `group.instance.id` for a static member.
    pub instance_id: Option<String>,
    /// The topics it subscribes to.
    pub topics: Vec<String>,
    /// The partitions it owns now (subscription v1+; used by the sticky assignors).
    pub owned: Vec<TopicPartition>,
    /// The generation its owned partitions are from (subscription v2+), if known.
    pub generation: Option<i32>,
}

impl MemberSubscription {
    /// A dynamic member with no owned partitions.
    pub fn new<'a>(member_id: &str, topics: impl IntoIterator<Item = &'a str>) -> Self {
        MemberSubscription {
            member_id: member_id.to_string(),
            instance_id: None,
            topics: topics.into_iter().map(str::to_string).collect(),
            owned: Vec::new(),
            generation: None,
        }
    }

    /// The same member, static with `instance_id`.
    pub fn with_instance_id(mut self, instance_id: &str) -> Self {
        self.instance_id = Some(instance_id.to_string());
        self
    }
}

/// Partitions per member id. Every member appears, possibly with an empty list.
pub type Assignment = VecMap<String, Vec<TopicPartition>>;

/// The assignors a consumer can list in `partition.assignment.strategy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AssignorName {
    /// `RangeAssignor` (`range`): contiguous ranges per topic (reference §4.1).
    Range,
    /// `RoundRobinAssignor` (`roundrobin`): all partitions dealt out in turn (reference §4.2).
    #[serde(rename = "roundrobin")]
    RoundRobin,
    /// `StickyAssignor` (`sticky`): balanced, then as little movement as possible (reference §4.3).
    Sticky,
    /// `CooperativeStickyAssignor` (`cooperative-sticky`): sticky, and moves partitions in two
    /// rebalances so nothing stops (reference §2.2).
    CooperativeSticky,
}

impl AssignorName {
    /// The protocol name Kafka sends in JoinGroup.
    pub fn protocol_name(self) -> &'static str {
        match self {
            AssignorName::Range => "range",
            AssignorName::RoundRobin => "roundrobin",
            AssignorName::Sticky => "sticky",
            AssignorName::CooperativeSticky => "cooperative-sticky",
        }
    }

    /// Every assignor, in the order a settings menu lists them.
    pub const ALL: [AssignorName; 4] = [
        AssignorName::Range,
        AssignorName::RoundRobin,
        AssignorName::Sticky,
        AssignorName::CooperativeSticky,
    ];

    /// `supportedProtocols()` contains COOPERATIVE: only `cooperative-sticky` (reference §2.1).
    pub fn supports_cooperative(self) -> bool {
        self == AssignorName::CooperativeSticky
    }

    /// Finds an assignor by its protocol name.
    pub fn from_protocol_name(name: &str) -> Option<Self> {
        AssignorName::ALL.into_iter().find(|a| a.protocol_name() == name)
    }
}

impl fmt::Display for AssignorName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.protocol_name())
    }
}

/// Runs the named assignor. `topics` maps topic names to partition counts; subscribed topics that
/// are missing or have no partitions are skipped, as `AbstractPartitionAssignor` does.
pub fn assign(
    name: AssignorName,
    topics: &VecMap<String, u32>,
    members: &[MemberSubscription],
) -> Assignment {
    match name {
        AssignorName::Range => range(topics, members),
        AssignorName::RoundRobin => round_robin(topics, members),
        AssignorName::Sticky => sticky(topics, members).assignment,
        AssignorName::CooperativeSticky => cooperative_sticky(topics, members),
    }
}

/// `AbstractPartitionAssignor.MemberInfo.compareTo`: static members first, ordered by instance id,
/// then dynamic members by member id.
pub(crate) fn member_order(a: &MemberSubscription, b: &MemberSubscription) -> Ordering {
    match (&a.instance_id, &b.instance_id) {
        (Some(x), Some(y)) => x.cmp(y).then_with(|| a.member_id.cmp(&b.member_id)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.member_id.cmp(&b.member_id),
    }
}

/// A subscribed topic: its name, its partition count, and which members subscribe to it.
pub(crate) type Subscribed<'a> = (&'a str, u32, Vec<bool>);

/// The members sorted in member order, and for each topic in `topics` that one of them
/// subscribes to, in name order: its name, its partition count and which members (by index in
/// that order) subscribe to it. Built once per assignment so the loops never search lists.
pub(crate) fn subscribers<'a>(
    topics: &'a VecMap<String, u32>,
    members: &'a [MemberSubscription],
) -> (Vec<&'a MemberSubscription>, Vec<Subscribed<'a>>) {
    let mut sorted: Vec<&MemberSubscription> = members.iter().collect();
    crate::sort::sort_by(&mut sorted, |a, b| member_order(a, b));
    let names: Vec<&str> = topics.keys().map(String::as_str).collect();
    // Per topic of `topics`, empty until a member subscribes.
    let mut flags: Vec<Vec<bool>> = alloc::vec![Vec::new(); names.len()];
    for (i, m) in sorted.iter().enumerate() {
        let mut next = 0;
        for t in &m.topics {
            if let Some(p) = position(&names, t, &mut next) {
                if flags[p].is_empty() {
                    flags[p] = alloc::vec![false; sorted.len()];
                }
                flags[p][i] = true;
            }
        }
    }
    let by_topic = topics
        .iter()
        .zip(flags)
        .filter(|(_, subscribed)| !subscribed.is_empty())
        .map(|((name, &count), subscribed)| (name.as_str(), count, subscribed))
        .collect();
    (sorted, by_topic)
}

/// Where `name` is in the sorted `names`, trying `*next` first and leaving it after the match:
/// members mostly list their topics in name order, so most lookups are one comparison (a
/// binary search per member and topic was a third of the 1M-partition assignments).
pub(crate) fn position(names: &[&str], name: &str, next: &mut usize) -> Option<usize> {
    let i = match names.get(*next) {
        Some(&n) if n == name => *next,
        _ => names.binary_search(&name).ok()?,
    };
    *next = i + 1;
    Some(i)
}

/// The assignment from one list per member, in the sorted order [`subscribers`] returned.
pub(crate) fn collect(sorted: &[&MemberSubscription], lists: Vec<Vec<TopicPartition>>) -> Assignment {
    sorted.iter().zip(lists).map(|(m, list)| (m.member_id.clone(), list)).collect()
}
