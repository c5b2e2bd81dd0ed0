//! KIP-848 reconciliation (`CurrentAssignmentBuilder`, reference §3.4) against Kafka's test
//! vectors: `group-coordinator/src/test/java/org/apache/kafka/coordinator/group/modern/consumer/
//! CurrentAssignmentBuilderTest.java` (Kafka trunk of 2026, with KIP-1251's assignment epochs,
//! KAFKA-19449 and KAFKA-19974). Unless a test says otherwise the member subscribes to topic1 and
//! topic2, its subscription did not change and its heartbeat leaves the owned partitions out.
//! Kafka's regular-expression subscriptions are given here as the topics they resolve to.

use groupsim::assignor::TopicPartition;
use groupsim::group::consumer::{
    EpochedPartitions, MemberAssignment, MemberState, NO_EPOCH, Reconcile, ReconcileError, reconcile,
};
use groupsim::vec_map::VecMap;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

use MemberState::{Stable, Unknown, UnreleasedPartitions, UnrevokedPartitions};

/// `(topic, partitions, assignment epoch)` runs; a topic named twice is merged
/// (`mkAssignmentWithEpochs`).
fn parts(runs: &[(&str, &[u32], i32)]) -> EpochedPartitions {
    let mut out = EpochedPartitions::default();
    for &(topic, ps, epoch) in runs {
        let at = out.get_or_insert_with(topic.to_string(), VecMap::default);
        for &p in ps {
            at.insert(p, epoch);
        }
    }
    out
}

fn member(
    state: MemberState,
    epoch: i32,
    previous: i32,
    assigned: EpochedPartitions,
    pending: EpochedPartitions,
) -> MemberAssignment {
    MemberAssignment {
        state,
        member_epoch: epoch,
        previous_member_epoch: previous,
        assigned,
        pending_revocation: pending,
    }
}

fn target(topics: &[(&str, &[u32])]) -> VecMap<String, Vec<u32>> {
    topics.iter().map(|(t, ps)| (t.to_string(), ps.to_vec())).collect()
}

fn owned(topics: &[(&str, &[u32])]) -> Vec<TopicPartition> {
    topics.iter().flat_map(|(t, ps)| ps.iter().map(|&p| TopicPartition::new(t, p))).collect()
}

const BOTH: [&str; 2] = ["topic1", "topic2"];

/// One step with the member subscribed to `subscribed`.
#[allow(clippy::too_many_arguments)]
fn step_with(
    m: &MemberAssignment,
    target_epoch: i32,
    target: &VecMap<String, Vec<u32>>,
    subscribed: &[&str],
    subscription_changed: bool,
    owned: Option<&[TopicPartition]>,
    partition_epoch: &dyn Fn(&str, u32) -> i32,
) -> Result<MemberAssignment, ReconcileError> {
    let subscribed: Vec<String> = subscribed.iter().map(|t| t.to_string()).collect();
    reconcile(
        m,
        &Reconcile {
            target_epoch,
            target,
            subscribed: &subscribed,
            subscription_changed,
            owned,
            partition_epoch,
        },
    )
}

/// One step, subscribed to both topics, subscription unchanged.
fn step(
    m: &MemberAssignment,
    target_epoch: i32,
    target: &VecMap<String, Vec<u32>>,
    owned: Option<&[TopicPartition]>,
    partition_epoch: &dyn Fn(&str, u32) -> i32,
) -> MemberAssignment {
    step_with(m, target_epoch, target, &BOTH, false, owned, partition_epoch).expect("reconciled")
}

fn free(_: &str, _: u32) -> i32 {
    NO_EPOCH
}

fn none() -> EpochedPartitions {
    EpochedPartitions::default()
}

native_and_wasm_test! {
    /// `testStableToStable`: a new target epoch with the same partitions; they keep epoch 5.
    fn stable_to_stable() {
        let m = member(Stable, 10, 10, parts(&[("topic1", &[1, 2, 3], 5), ("topic2", &[4, 5, 6], 5)]), none());
        let next = step(&m, 11, &target(&[("topic1", &[1, 2, 3]), ("topic2", &[4, 5, 6])]), None, &|_, _| 10);
        assert_eq!(next, member(Stable, 11, 10, parts(&[("topic1", &[1, 2, 3], 5), ("topic2", &[4, 5, 6], 5)]), none()));
    }
}

native_and_wasm_test! {
    /// `testStableToStableWithNewPartitions`: free new partitions come at once, at the target epoch.
    fn stable_to_stable_with_new_partitions() {
        let m = member(Stable, 10, 10, parts(&[("topic1", &[1, 2, 3], 10), ("topic2", &[4, 5, 6], 10)]), none());
        let next = step(&m, 11, &target(&[("topic1", &[1, 2, 3, 4]), ("topic2", &[4, 5, 6, 7])]), None, &free);
        let want = parts(&[("topic1", &[1, 2, 3], 10), ("topic1", &[4], 11), ("topic2", &[4, 5, 6], 10), ("topic2", &[7], 11)]);
        assert_eq!(next, member(Stable, 11, 10, want, none()));
    }
}

native_and_wasm_test! {
    /// `testStableToUnrevokedPartitions`: revoke first; nothing new is given meanwhile.
    fn stable_to_unrevoked_partitions() {
        let m = member(Stable, 10, 10, parts(&[("topic1", &[1, 2, 3], 10), ("topic2", &[4, 5, 6], 10)]), none());
        let next = step(&m, 11, &target(&[("topic1", &[2, 3, 4]), ("topic2", &[5, 6, 7])]), None, &free);
        assert_eq!(
            next,
            member(
                UnrevokedPartitions,
                10,
                10,
                parts(&[("topic1", &[2, 3], 10), ("topic2", &[5, 6], 10)]),
                parts(&[("topic1", &[1], 10), ("topic2", &[4], 10)]),
            )
        );
    }
}

native_and_wasm_test! {
    /// `testStableToUnreleasedPartitions`: the new partitions are held by others at epoch 10.
    fn stable_to_unreleased_partitions() {
        let m = member(Stable, 10, 10, parts(&[("topic1", &[1, 2, 3], 10), ("topic2", &[4, 5, 6], 10)]), none());
        let next = step(&m, 11, &target(&[("topic1", &[1, 2, 3, 4]), ("topic2", &[4, 5, 6, 7])]), None, &|_, _| 10);
        assert_eq!(
            next,
            member(UnreleasedPartitions, 11, 10, parts(&[("topic1", &[1, 2, 3], 10), ("topic2", &[4, 5, 6], 10)]), none())
        );
    }
}

native_and_wasm_test! {
    /// `testStableToUnreleasedPartitionsWithOwnedPartitionsNotHavingRevokedPartitions`: the
    /// heartbeat owns nothing, so topic2-6 counts as revoked already; topic2-7 is held.
    fn revoked_already_when_the_heartbeat_no_longer_owns_it() {
        let m = member(Stable, 10, 10, parts(&[("topic1", &[1, 2, 3], 10), ("topic2", &[4, 5, 6], 10)]), none());
        let held = |t: &str, _: u32| if t == "topic2" { 10 } else { NO_EPOCH };
        let next = step(&m, 11, &target(&[("topic1", &[1, 2, 3]), ("topic2", &[4, 5, 7])]), Some(&[]), &held);
        assert_eq!(
            next,
            member(UnreleasedPartitions, 11, 10, parts(&[("topic1", &[1, 2, 3], 10), ("topic2", &[4, 5], 10)]), none())
        );
    }
}

native_and_wasm_test! {
    /// `testUnrevokedPartitionsToStable`: the heartbeat shows the revocation done.
    fn unrevoked_partitions_to_stable() {
        let m = member(
            UnrevokedPartitions,
            10,
            10,
            parts(&[("topic1", &[2, 3], 10), ("topic2", &[5, 6], 10)]),
            parts(&[("topic1", &[1], 10), ("topic2", &[4], 10)]),
        );
        let owns = owned(&[("topic1", &[2, 3]), ("topic2", &[5, 6])]);
        let next = step(&m, 11, &target(&[("topic1", &[2, 3]), ("topic2", &[5, 6])]), Some(&owns), &free);
        assert_eq!(next, member(Stable, 11, 10, parts(&[("topic1", &[2, 3], 10), ("topic2", &[5, 6], 10)]), none()));
    }
}

native_and_wasm_test! {
    /// `testRemainsInUnrevokedPartitions`: while the heartbeat still owns (or may own) a revoked
    /// partition, nothing changes.
    fn remains_in_unrevoked_partitions() {
        let m = member(
            UnrevokedPartitions,
            10,
            10,
            parts(&[("topic1", &[2, 3], 10), ("topic2", &[5, 6], 10)]),
            parts(&[("topic1", &[1], 10), ("topic2", &[4], 10)]),
        );
        let t = target(&[("topic1", &[3]), ("topic2", &[6])]);
        let still = [owned(&[("topic1", &[1, 2, 3]), ("topic2", &[5, 6])]), owned(&[("topic1", &[2, 3]), ("topic2", &[4, 5, 6])])];
        assert_eq!(step(&m, 12, &t, None, &free), m);
        for owns in &still {
            assert_eq!(step(&m, 12, &t, Some(owns), &free), m);
        }
    }
}

native_and_wasm_test! {
    /// `testUnrevokedPartitionsToUnrevokedPartitions`: revoked, then the target took more; the
    /// epoch stays 10 (KAFKA-19974: no bump on leaving UNREVOKED_PARTITIONS).
    fn unrevoked_partitions_to_unrevoked_partitions() {
        let m = member(
            UnrevokedPartitions,
            10,
            10,
            parts(&[("topic1", &[2, 3], 10), ("topic2", &[5, 6], 10)]),
            parts(&[("topic1", &[1], 10), ("topic2", &[4], 10)]),
        );
        let owns = owned(&[("topic1", &[2, 3]), ("topic2", &[5, 6])]);
        let next = step(&m, 12, &target(&[("topic1", &[3]), ("topic2", &[6])]), Some(&owns), &free);
        assert_eq!(
            next,
            member(
                UnrevokedPartitions,
                10,
                10,
                parts(&[("topic1", &[3], 10), ("topic2", &[6], 10)]),
                parts(&[("topic1", &[2], 10), ("topic2", &[5], 10)]),
            )
        );
    }
}

native_and_wasm_test! {
    /// `testUnrevokedPartitionsToUnreleasedPartitions`.
    fn unrevoked_partitions_to_unreleased_partitions() {
        let m = member(UnrevokedPartitions, 11, 10, parts(&[("topic1", &[2, 3], 11), ("topic2", &[5, 6], 11)]), none());
        let owns = owned(&[("topic1", &[2, 3]), ("topic2", &[5, 6])]);
        let next = step(&m, 11, &target(&[("topic1", &[2, 3, 4]), ("topic2", &[5, 6, 7])]), Some(&owns), &|_, _| 10);
        assert_eq!(
            next,
            member(UnreleasedPartitions, 11, 11, parts(&[("topic1", &[2, 3], 11), ("topic2", &[5, 6], 11)]), none())
        );
    }
}

native_and_wasm_test! {
    /// `testUnrevokedPartitionsToStableWithReturnedPartitionsPendingRevocation`: topic1-4 comes
    /// back in the target while this member is still revoking it; its own hold does not block
    /// it (KAFKA-19449), and it is new again, at epoch 12.
    fn a_partition_back_from_its_own_revocation_is_not_unreleased() {
        let m = member(
            UnrevokedPartitions,
            10,
            10,
            parts(&[("topic1", &[2, 3], 10), ("topic2", &[5, 6], 10)]),
            parts(&[("topic1", &[4], 10)]),
        );
        let held = |t: &str, p: u32| match (t, p) {
            ("topic1", 2..=4) | ("topic2", 5 | 6) => 10,
            _ => NO_EPOCH,
        };
        let owns = owned(&[("topic1", &[2, 3]), ("topic2", &[5, 6])]);
        let next = step(&m, 12, &target(&[("topic1", &[2, 3, 4]), ("topic2", &[5, 6, 7])]), Some(&owns), &held);
        let want = parts(&[("topic1", &[2, 3], 10), ("topic1", &[4], 12), ("topic2", &[5, 6], 10), ("topic2", &[7], 12)]);
        assert_eq!(next, member(Stable, 12, 10, want, none()));
    }
}

native_and_wasm_test! {
    /// `testUnreleasedPartitionsToStable`.
    fn unreleased_partitions_to_stable() {
        let m = member(UnreleasedPartitions, 11, 11, parts(&[("topic1", &[2, 3], 11), ("topic2", &[5, 6], 11)]), none());
        let next = step(&m, 12, &target(&[("topic1", &[2, 3]), ("topic2", &[5, 6])]), None, &|_, _| 10);
        assert_eq!(next, member(Stable, 12, 11, parts(&[("topic1", &[2, 3], 11), ("topic2", &[5, 6], 11)]), none()));
    }
}

native_and_wasm_test! {
    /// `testUnreleasedPartitionsToStableWithNewPartitions`: the others released them.
    fn unreleased_partitions_to_stable_with_new_partitions() {
        let m = member(UnreleasedPartitions, 11, 11, parts(&[("topic1", &[2, 3], 11), ("topic2", &[5, 6], 11)]), none());
        let next = step(&m, 11, &target(&[("topic1", &[2, 3, 4]), ("topic2", &[5, 6, 7])]), None, &free);
        assert_eq!(next, member(Stable, 11, 11, parts(&[("topic1", &[2, 3, 4], 11), ("topic2", &[5, 6, 7], 11)]), none()));
    }
}

native_and_wasm_test! {
    /// `testUnreleasedPartitionsToUnreleasedPartitions`: still held; nothing changes.
    fn unreleased_partitions_to_unreleased_partitions() {
        let m = member(UnreleasedPartitions, 11, 11, parts(&[("topic1", &[2, 3], 11), ("topic2", &[5, 6], 11)]), none());
        let next = step(&m, 11, &target(&[("topic1", &[2, 3, 4]), ("topic2", &[5, 6, 7])]), None, &|_, _| 10);
        assert_eq!(next, m);
    }
}

native_and_wasm_test! {
    /// `testUnreleasedPartitionsToUnrevokedPartitions`: a newer target takes partitions back.
    fn unreleased_partitions_to_unrevoked_partitions() {
        let m = member(UnreleasedPartitions, 11, 11, parts(&[("topic1", &[2, 3], 11), ("topic2", &[5, 6], 11)]), none());
        let next = step(&m, 12, &target(&[("topic1", &[3]), ("topic2", &[6])]), None, &|_, _| 10);
        assert_eq!(
            next,
            member(
                UnrevokedPartitions,
                11,
                11,
                parts(&[("topic1", &[3], 11), ("topic2", &[6], 11)]),
                parts(&[("topic1", &[2], 11), ("topic2", &[5], 11)]),
            )
        );
    }
}

native_and_wasm_test! {
    /// `testUnknownState`: fenced unless the heartbeat owns nothing; then straight to the target.
    fn unknown_state_is_fenced_unless_it_owns_nothing() {
        let m = member(
            Unknown,
            11,
            11,
            parts(&[("topic1", &[3], 11), ("topic2", &[6], 11)]),
            parts(&[("topic1", &[2], 11), ("topic2", &[5], 11)]),
        );
        let t = target(&[("topic1", &[3]), ("topic2", &[6])]);
        let err = step_with(&m, 12, &t, &BOTH, false, None, &|_, _| 10).expect_err("fenced");
        assert_eq!(err, ReconcileError::UnknownState);
        assert!(err.to_string().starts_with("The consumer group member is in a unknown state."));
        let next = step(&m, 12, &t, Some(&[]), &|_, _| 11);
        assert_eq!(next, member(Stable, 12, 11, parts(&[("topic1", &[3], 11), ("topic2", &[6], 11)]), none()));
    }
}

native_and_wasm_test! {
    /// `testStableToStableWithAssignmentTopicsNoLongerInSubscription`, its three cases (member
    /// epoch, target epoch, epoch after, subscription changed): topic1 is no longer subscribed and
    /// the heartbeat no longer owns it, so it goes without a revocation.
    fn an_unsubscribed_topic_no_longer_owned_goes_at_once() {
        for (epoch, target_epoch, after, changed) in [(10, 11, 11, false), (10, 11, 11, true), (10, 10, 10, true)] {
            let m = member(Stable, epoch, epoch - 1, parts(&[("topic1", &[1, 2, 3], epoch), ("topic2", &[4, 5, 6], epoch)]), none());
            let t = target(&[("topic1", &[1, 2, 3]), ("topic2", &[4, 5, 6])]);
            let owns = owned(&[("topic2", &[4, 5, 6])]);
            let next = step_with(&m, target_epoch, &t, &["topic2"], changed, Some(&owns), &free).expect("reconciled");
            assert_eq!(next, member(Stable, after, epoch, parts(&[("topic2", &[4, 5, 6], epoch)]), none()), "case {epoch},{target_epoch},{changed}");
        }
    }
}

native_and_wasm_test! {
    /// `testStableToUnrevokedPartitionsWithAssignmentTopicsNoLongerInSubscription`, its three
    /// cases: the heartbeat still owns topic1, so it must revoke it first.
    fn an_unsubscribed_topic_still_owned_is_revoked_first() {
        for (epoch, target_epoch, after, changed) in [(10, 11, 10, false), (10, 11, 10, true), (10, 10, 10, true)] {
            let m = member(Stable, epoch, epoch - 1, parts(&[("topic1", &[1, 2, 3], epoch), ("topic2", &[4, 5, 6], epoch)]), none());
            let t = target(&[("topic1", &[1, 2, 3]), ("topic2", &[4, 5, 6])]);
            let owns = owned(&[("topic1", &[1, 2, 3]), ("topic2", &[4, 5, 6])]);
            let next = step_with(&m, target_epoch, &t, &["topic2"], changed, Some(&owns), &free).expect("reconciled");
            let want = member(UnrevokedPartitions, after, epoch, parts(&[("topic2", &[4, 5, 6], epoch)]), parts(&[("topic1", &[1, 2, 3], epoch)]));
            assert_eq!(next, want, "case {epoch},{target_epoch},{changed}");
        }
    }
}

native_and_wasm_test! {
    /// `testRemainsInUnrevokedPartitionsWithAssignmentTopicsNoLongerInSubscription`: still
    /// revoking, and now topic1 is unsubscribed too: all of it joins the revocation.
    fn an_unsubscribed_topic_joins_a_revocation_under_way() {
        let m = member(
            UnrevokedPartitions,
            10,
            10,
            parts(&[("topic1", &[2, 3], 10), ("topic2", &[5, 6], 10)]),
            parts(&[("topic1", &[1], 10), ("topic2", &[4], 10)]),
        );
        let t = target(&[("topic1", &[1, 3, 4]), ("topic2", &[6, 7])]);
        let owns = owned(&[("topic1", &[1, 2, 3]), ("topic2", &[4, 5, 6])]);
        let next = step_with(&m, 12, &t, &["topic2"], true, Some(&owns), &free).expect("reconciled");
        assert_eq!(
            next,
            member(
                UnrevokedPartitions,
                10,
                10,
                parts(&[("topic2", &[5, 6], 10)]),
                parts(&[("topic1", &[1, 2, 3], 10), ("topic2", &[4], 10)]),
            )
        );
    }
}

native_and_wasm_test! {
    /// `testSubscribedTopicNameAndUnresolvedRegularExpression`: subscribed to foo, and a regex
    /// that resolves to nothing yet, so bar is unsubscribed and revoked.
    fn a_topic_outside_the_resolved_subscription_is_revoked() {
        let m = member(Stable, 10, 10, parts(&[("foo", &[1, 2, 3], 10), ("bar", &[4, 5, 6], 10)]), none());
        let t = target(&[("foo", &[1, 2, 3]), ("bar", &[4, 5, 6])]);
        let owns = owned(&[("foo", &[1, 2, 3]), ("bar", &[4, 5, 6])]);
        let next = step_with(&m, 10, &t, &["foo"], true, Some(&owns), &free).expect("reconciled");
        assert_eq!(next, member(UnrevokedPartitions, 10, 10, parts(&[("foo", &[1, 2, 3], 10)]), parts(&[("bar", &[4, 5, 6], 10)])));
    }
}

native_and_wasm_test! {
    /// `testUnresolvedRegularExpression`: no names and an unresolved regex: everything goes.
    fn an_empty_subscription_revokes_everything() {
        let m = member(Stable, 10, 10, parts(&[("foo", &[1, 2, 3], 10), ("bar", &[4, 5, 6], 10)]), none());
        let t = target(&[("foo", &[1, 2, 3]), ("bar", &[4, 5, 6])]);
        let owns = owned(&[("foo", &[1, 2, 3]), ("bar", &[4, 5, 6])]);
        let next = step_with(&m, 10, &t, &[], true, Some(&owns), &free).expect("reconciled");
        assert_eq!(next, member(UnrevokedPartitions, 10, 10, none(), parts(&[("foo", &[1, 2, 3], 10), ("bar", &[4, 5, 6], 10)])));
    }
}

native_and_wasm_test! {
    /// `testSubscribedTopicNameAndResolvedRegularExpression`: the regex resolves to bar, so both
    /// topics are subscribed and nothing changes.
    fn a_resolved_subscription_keeps_everything() {
        let m = member(Stable, 10, 10, parts(&[("foo", &[1, 2, 3], 10), ("bar", &[4, 5, 6], 10)]), none());
        let t = target(&[("foo", &[1, 2, 3]), ("bar", &[4, 5, 6])]);
        let owns = owned(&[("foo", &[1, 2, 3]), ("bar", &[4, 5, 6])]);
        let next = step_with(&m, 10, &t, &["foo", "bar"], true, Some(&owns), &free).expect("reconciled");
        assert_eq!(next, m);
    }
}

native_and_wasm_test! {
    /// The reference's worked example (§3.4): A alone owns t-0..3 at epoch 1; B joins and the
    /// target at epoch 2 splits them. B waits (UNRELEASED) while A revokes (UNREVOKED at 1); A's
    /// next heartbeat shows the revocation done, then B gets its half.
    fn the_worked_example_revokes_before_it_assigns() {
        let subscribed = ["t"];
        let a_target = target(&[("t", &[0, 1])]);
        let b_target = target(&[("t", &[2, 3])]);
        let a = member(Stable, 1, 0, parts(&[("t", &[0, 1, 2, 3], 1)]), none());
        let held_by_a = |_: &str, p: u32| if p < 4 { 1 } else { NO_EPOCH };
        let b = step_with(&MemberAssignment::default(), 2, &b_target, &subscribed, true, Some(&[]), &held_by_a).expect("ok");
        assert_eq!((b.state, b.member_epoch, b.assigned.len()), (UnreleasedPartitions, 2, 0));
        let a_owns = owned(&[("t", &[0, 1, 2, 3])]);
        let a = step_with(&a, 2, &a_target, &subscribed, false, Some(&a_owns), &held_by_a).expect("ok");
        assert_eq!(a, member(UnrevokedPartitions, 1, 1, parts(&[("t", &[0, 1], 1)]), parts(&[("t", &[2, 3], 1)])));
        let a_owns = owned(&[("t", &[0, 1])]);
        let a = step_with(&a, 2, &a_target, &subscribed, false, Some(&a_owns), &|_, p| if p < 2 { 1 } else { NO_EPOCH })
            .expect("ok");
        assert_eq!(a, member(Stable, 2, 1, parts(&[("t", &[0, 1], 1)]), none()));
        let b = step_with(&b, 2, &b_target, &subscribed, false, Some(&[]), &|_, p| if p < 2 { 2 } else { NO_EPOCH }).expect("ok");
        assert_eq!(b, member(Stable, 2, 2, parts(&[("t", &[2, 3], 2)]), none()));
    }
}
