//! Function components fed plain view data and callbacks.

mod controls;
mod partition_lane;
mod topic_panel;

pub use controls::Controls;
pub use partition_lane::PartitionLane;
pub use topic_panel::TopicPanel;
