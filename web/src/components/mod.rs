//! Function components fed plain view data and callbacks.

mod controls;
mod group_panel;
mod icon;
mod member_card;
mod partition_lane;
mod topic_panel;

pub use controls::Controls;
pub use group_panel::GroupPanel;
pub use icon::Icon;
pub use member_card::MemberCard;
pub use partition_lane::PartitionLane;
pub use topic_panel::TopicPanel;
