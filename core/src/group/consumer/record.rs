//! The playground's record of a consumer-protocol group's rebalance, as the classic group keeps
//! one (`group/classic/record.rs`): from the first epoch bump to the group's next Stable (or
//! Empty), who owned what before and after, so the page's rebalance history draws both kinds.
//! Not a Kafka structure. A consumer-protocol member stops only what it gives up, so its
//! `stopped` time stays empty unless it lost everything.

use alloc::string::String;

use super::ConsumerGroupState;
use super::coordinator::Hosted;
use crate::assignor::TopicPartition;
use crate::event::SimEvent;
use crate::group::{Ctx, Rebalance, RebalanceCause};
use crate::vec_map::VecMap;

impl Hosted {
    /// Who holds each partition now (assigned or still revoking), by client id.
    pub(super) fn owners(&self) -> VecMap<TopicPartition, String> {
        let mut out = VecMap::new();
        for m in self.group.members() {
            let client = self.client_of(&m.member_id);
            for tp in m.assigned().into_iter().chain(m.revoking()) {
                out.insert(tp, client.clone());
            }
        }
        out
    }

    /// The group epoch moved from `epoch_before`: a rebalance starts, unless one is open.
    pub(super) fn open_record(
        &mut self,
        cause: RebalanceCause,
        epoch_before: i32,
        before: VecMap<TopicPartition, String>,
        cx: &mut Ctx<'_>,
    ) {
        if self.rebalance.is_some() {
            return;
        }
        cx.fx.emit(SimEvent::RebalanceStarted {
            group: self.group.group_id.clone(),
            cause: cause.clone(),
            generation: epoch_before,
        });
        self.rebalance =
            Some(Rebalance { cause, started_at: cx.now, generation_before: epoch_before, before, round: 1 });
    }

    /// The group reached `state`: if Stable or Empty, the open rebalance is over.
    pub(super) fn maybe_finish_record(&mut self, state: ConsumerGroupState, cx: &mut Ctx<'_>) {
        if !matches!(state, ConsumerGroupState::Stable | ConsumerGroupState::Empty) {
            return;
        }
        let Some(rebalance) = self.rebalance.take() else { return };
        let owners = self.owners();
        let after: VecMap<&TopicPartition, &str> = owners.iter().map(|(tp, c)| (tp, c.as_str())).collect();
        let moved = rebalance.moved(&after);
        cx.fx.emit(SimEvent::RebalanceCompleted {
            group: self.group.group_id.clone(),
            cause: rebalance.cause,
            generation_before: rebalance.generation_before,
            generation: self.group.group_epoch,
            took: cx.now - rebalance.started_at,
            moved,
            round: 1,
            follow_up: false,
        });
    }
}
