//! Function components fed plain view data and callbacks.

mod add_consumer;
mod controls;
mod details;
mod event_log;
mod group_panel;
mod help;
mod icon;
mod invariant_ticks;
mod lag_chart;
mod member_card;
mod new_group;
mod ops_table;
mod partition_lane;
mod producer_panel;
mod rebalance_band;
mod timeline;
mod topic_panel;
mod wire;

pub use add_consumer::AddConsumer;
pub use controls::{Controls, SPEEDS};
pub use details::Details;
pub use event_log::EventLog;
pub use group_panel::GroupPanel;
pub use help::Help;
pub use icon::Icon;
pub use invariant_ticks::InvariantTicks;
pub use lag_chart::LagChart;
pub use member_card::MemberCard;
pub use new_group::NewGroup;
pub use ops_table::OpsTable;
pub use partition_lane::PartitionLane;
pub use producer_panel::ProducerPanel;
pub use rebalance_band::RebalanceBand;
pub use timeline::Timeline;
pub use topic_panel::TopicPanel;
pub use wire::Wire;
