//! Function components fed plain view data and callbacks.

mod add_consumer;
mod controls;
mod group_panel;
mod icon;
mod member_card;
mod partition_lane;
mod rebalance_band;
mod topic_panel;

pub use add_consumer::AddConsumer;
pub use controls::{Controls, SPEEDS};
pub use group_panel::GroupPanel;
pub use icon::Icon;
pub use member_card::MemberCard;
pub use partition_lane::PartitionLane;
pub use rebalance_band::RebalanceBand;
pub use topic_panel::TopicPanel;
