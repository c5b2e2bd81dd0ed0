//! Function components fed plain view data and callbacks.

mod controls;
mod icon;
mod partition_lane;
mod topic_panel;

pub use controls::Controls;
pub use icon::Icon;
pub use partition_lane::PartitionLane;
pub use topic_panel::TopicPanel;
