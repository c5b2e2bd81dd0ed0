//! What the page says in 简体中文 beyond the short texts its components pick with
//! [`crate::lang::Lang::pick`]: the event log and the reasons for rebalances.

pub mod errors;
pub mod events;
pub mod kafka;
