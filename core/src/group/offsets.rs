//! What both kinds of group do alike with committed offsets (Kafka keeps them apart from the
//! group, in `OffsetMetadataManager`): store an accepted commit and answer it, answer a fetch,
//! and find when an Empty group's offsets expire. Each kind validates a commit its own way
//! (`classic/offsets.rs`, `consumer/offsets.rs`).

use alloc::vec::Vec;

use crate::assignor::TopicPartition;
use crate::config::BrokerConfig;
use crate::effects::Effects;
use crate::event::SimEvent;
use crate::ids::Conn;
use crate::protocol::{ErrorCode, Response};
use crate::time::Instant;
use crate::vec_map::VecMap;

/// Stores `offsets` if the commit was accepted (`error` is `None`), tells what happened, and
/// answers the committer.
pub(crate) fn answer_commit(
    group: &str,
    committed: &mut VecMap<TopicPartition, u64>,
    conn: Conn,
    error: ErrorCode,
    offsets: Vec<(TopicPartition, u64)>,
    fx: &mut Effects,
) {
    if error == ErrorCode::None {
        for (tp, offset) in &offsets {
            let previous = committed.insert(tp.clone(), *offset);
            fx.emit(SimEvent::Committed {
                group: group.into(),
                consumer: conn.consumer,
                partition: tp.clone(),
                offset: *offset,
                previous,
            });
        }
    } else {
        fx.emit(SimEvent::CommitRejected { group: group.into(), consumer: conn.consumer, error });
    }
    fx.respond(conn, group, Response::OffsetCommit { error, offsets });
}

/// OffsetFetch: the committed offset of each partition, `None` where there is none.
pub(crate) fn answer_fetch(
    group: &str,
    committed: &VecMap<TopicPartition, u64>,
    conn: Conn,
    partitions: Vec<TopicPartition>,
    fx: &mut Effects,
) {
    let offsets = partitions.into_iter().map(|tp| (tp.clone(), committed.get(&tp).copied())).collect();
    fx.respond(conn, group, Response::OffsetFetch { offsets });
}

/// The retention check that will find a group Empty since `empty_since` expired: the first run
/// of the coordinator's periodic check (`offsets.retention.check.interval.ms`, from time zero)
/// at or after `offsets.retention.minutes` (`ClassicGroup.offsetExpirationCondition`,
/// `GroupCoordinatorShard.cleanupGroupMetadata`).
pub(crate) fn expiry_at(empty_since: Instant, broker: &BrokerConfig) -> Instant {
    let retention = broker.offsets_retention_minutes.saturating_mul(60_000);
    let every = broker.offsets_retention_check_interval_ms.max(1);
    let due = empty_since.as_millis().saturating_add(retention);
    Instant::from_millis(due.div_ceil(every).saturating_mul(every))
}
