//! How a consumer-protocol member takes in a new assignment (`maybeReconcile`,
//! `revokeAndAssign`), in `poll()` where the application's callbacks run: first commit what it
//! consumed (auto-commit, `commitSync` with the member epoch), and only when that is answered
//! (or failed: a failed commit does not stop it) stop and revoke what is no longer its own
//! (`onPartitionsRevoked`), then take the rest (`onPartitionsAssigned`), and acknowledge at once
//! with a heartbeat. A partition it keeps is never stopped; a new one starts from its committed
//! offset, fetched at the next poll. From the start of the reconciliation to the revocation
//! nothing is fetched from the partitions being revoked.

use alloc::vec::Vec;

use crate::assignor::TopicPartition;
use crate::config::CommitMode;
use crate::consumer::Consumer;
use crate::consumer::membership::Reconciliation;
use crate::effects::Effects;
use crate::event::SimEvent;
use crate::time::Instant;

impl Consumer {
    /// Starts taking in the last assignment, if there is one to take in.
    pub(in crate::consumer) fn maybe_reconcile(&mut self, now: Instant, fx: &mut Effects) {
        let auto_commit = matches!(self.config.commit, CommitMode::Auto { .. });
        let Some(k) = self.kip_mut() else { return };
        if k.committing.is_some() {
            return;
        }
        let Some(work) = k.membership.reconcile(auto_commit, true) else {
            // A same-partitions assignment is acknowledged without callbacks.
            if k.membership.state == crate::consumer::membership::MemberState::Acknowledging {
                self.heartbeat_now(now, fx);
            }
            return;
        };
        let offsets: Vec<(TopicPartition, u64)> =
            self.assignment.iter().filter_map(|(tp, p)| p.map(|p| (tp.clone(), p))).collect();
        if work.commit_first && !offsets.is_empty() && self.member_epoch() > 0 {
            self.commit(now, offsets, fx);
            let correlation = self.correlation;
            if let Some(k) = self.kip_mut() {
                k.committing = Some((work, correlation));
            }
            return;
        }
        self.revoke_and_assign(now, work, fx);
    }

    /// The commit before a revocation was answered (or failed): carry on.
    pub(in crate::consumer) fn commit_done(&mut self, now: Instant, correlation: u32, fx: &mut Effects) {
        let Some(k) = self.kip_mut() else { return };
        if k.committing.as_ref().is_none_or(|(_, c)| *c != correlation) {
            return;
        }
        let (work, _) = k.committing.take().expect("checked above");
        self.revoke_and_assign(now, work, fx);
    }

    /// Revoke, then assign, then acknowledge; nothing happens if the member left RECONCILING
    /// (fenced, leaving) or rejoined meanwhile.
    fn revoke_and_assign(&mut self, now: Instant, work: Reconciliation, fx: &mut Effects) {
        let (revoked, added, assigned) = (work.revoked.clone(), work.added.clone(), work.assigned.clone());
        let Some(k) = self.kip_mut() else { return };
        if !k.membership.reconciled(work, true) {
            return;
        }
        let epoch = k.membership.member_epoch;
        if !revoked.is_empty() {
            self.batch.retain(|(tp, _)| !revoked.contains(tp));
            for tp in &revoked {
                self.assignment.remove(tp);
            }
            fx.emit(SimEvent::PartitionsRevoked { consumer: self.id, partitions: revoked });
        }
        for tp in &added {
            self.assignment.insert(tp.clone(), None);
        }
        if let CommitMode::Auto { interval_ms } = self.config.commit {
            self.next_auto_commit = now + crate::time::Duration::from_millis(interval_ms);
        }
        fx.emit(SimEvent::PartitionsAssigned {
            consumer: self.id,
            generation: epoch,
            partitions: assigned,
            added,
        });
        self.heartbeat_now(now, fx);
    }

    /// What it is revoking and must not fetch from meanwhile (`markPendingRevocationToPauseFetching`:
    /// records fetched after the commit would be processed again by the new owner).
    pub(in crate::consumer) fn pending_revocation(&self) -> &[TopicPartition] {
        match self.kip().and_then(|k| k.committing.as_ref()) {
            Some((work, _)) => &work.revoked,
            None => &[],
        }
    }

    /// Its member epoch (0 when not a consumer-protocol member).
    pub(in crate::consumer) fn member_epoch(&self) -> i32 {
        self.kip().map_or(0, |k| k.membership.member_epoch)
    }
}
