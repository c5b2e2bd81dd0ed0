//! The playground's record of a rebalance: who owned what when it started, what moved and how
//! long it took (not a Kafka structure: it feeds the events the UI draws).

use super::coordinator::Ctx;
use super::{Group, RebalanceCause};
use crate::assignor::TopicPartition;
use crate::event::SimEvent;
use crate::group::Rebalance;
use crate::time::Instant;
use crate::vec_map::VecMap;

impl Group {
    /// Starts the record of a rebalance (who owned what) unless one is open. Removals call it
    /// before the member goes, so its partitions show as moved from it.
    pub(super) fn open_record(&mut self, cause: &RebalanceCause, now: Instant) {
        if self.rebalance.is_some() {
            return;
        }
        // A revoking member's rejoin continues the cooperative rebalance it came from.
        let continued =
            self.follow_up.take().filter(|_| matches!(cause, RebalanceCause::MetadataChanged { .. }));
        self.rebalance = Some(match continued {
            Some(previous) => Rebalance { round: previous.round + 1, ..previous },
            None => Rebalance {
                cause: cause.clone(),
                started_at: now,
                generation_before: self.generation,
                before: self
                    .members
                    .iter()
                    .flat_map(|m| m.assignment.iter().map(|tp| (tp.clone(), m.client_id.clone())))
                    .collect(),
                round: 1,
            },
        });
    }

    /// The group is Stable (or Empty) again: report what moved and how long it took.
    pub(super) fn finish_rebalance(&mut self, cx: &mut Ctx<'_>) {
        let Some(rebalance) = self.rebalance.take() else { return };
        let after: VecMap<&TopicPartition, &str> = self
            .members
            .iter()
            .flat_map(|m| m.assignment.iter().map(move |tp| (tp, m.client_id.as_str())))
            .collect();
        let moved = rebalance.moved(&after);
        // Cooperative round 1 leaves moving partitions unowned while their old owner is still a
        // member: it revokes them and rejoins, and that rebalance continues this one.
        let follow_up = rebalance
            .before
            .iter()
            .any(|(tp, from)| !after.contains_key(tp) && self.members.iter().any(|m| m.client_id == *from));
        cx.fx.emit(SimEvent::RebalanceCompleted {
            group: self.id.clone(),
            cause: rebalance.cause.clone(),
            generation_before: rebalance.generation_before,
            generation: self.generation,
            took: cx.now - rebalance.started_at,
            moved,
            round: rebalance.round,
            follow_up,
        });
        self.follow_up = follow_up.then_some(rebalance);
    }
}
