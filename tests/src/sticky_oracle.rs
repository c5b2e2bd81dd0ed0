//! Kafka's checks for sticky assignments (`AbstractStickyAssignorTest`, reference §5):
//! `verifyValidityAndBalance`, `isFullyBalanced`, and the cooperative follow-up loop of
//! `CooperativeStickyAssignorTest.verifyValidityAndBalance`.

use std::collections::{BTreeMap, BTreeSet};

use groupsim::assignor::{Assignment, AssignorName, MemberSubscription, TopicPartition, assign};
use groupsim::vec_map::VecMap;

/// Every partition's topic is subscribed by its owner; no partition has two owners; two members
/// whose counts differ by more than one hold no partitions of a common topic.
pub fn assert_valid_and_balanced(members: &[MemberSubscription], assignment: &Assignment) {
    assert_eq!(assignment.len(), members.len(), "every member appears: {assignment:?}");
    let mut seen = BTreeSet::new();
    for m in members {
        for tp in &assignment[&m.member_id] {
            assert!(m.topics.contains(&tp.topic), "{tp} given to {} which does not subscribe", m.member_id);
            assert!(seen.insert(tp.clone()), "{tp} is assigned twice in {assignment:?}");
        }
    }
    let topics_of =
        |id: &str| -> BTreeSet<&str> { assignment[id].iter().map(|tp| tp.topic.as_str()).collect() };
    for a in members {
        for b in members {
            let (la, lb) = (assignment[&a.member_id].len(), assignment[&b.member_id].len());
            if la > lb + 1 {
                let common: Vec<_> =
                    topics_of(&a.member_id).intersection(&topics_of(&b.member_id)).copied().collect();
                assert!(
                    common.is_empty(),
                    "{} has {la} and {} has {lb}, sharing {common:?}: not balanced",
                    a.member_id,
                    b.member_id
                );
            }
        }
    }
}

/// `isFullyBalanced`: the largest and smallest counts differ by at most one.
pub fn is_fully_balanced(assignment: &Assignment) -> bool {
    let sizes = assignment.values().map(Vec::len);
    sizes.clone().max().unwrap_or(0) - sizes.min().unwrap_or(0) <= 1
}

/// The members with `assignment` fed back as their owned partitions, at `generation`.
pub fn with_owned(
    members: &[MemberSubscription],
    assignment: &Assignment,
    generation: i32,
) -> Vec<MemberSubscription> {
    members
        .iter()
        .map(|m| MemberSubscription {
            owned: assignment.get(&m.member_id).cloned().unwrap_or_default(),
            generation: Some(generation),
            ..m.clone()
        })
        .collect()
}

/// Runs `cooperative-sticky` as the group would: each round's result becomes the owned
/// partitions of the next, until nothing is revoked. Checks that no round gives a member a
/// partition another member still owns, and that it settles within 4 rounds. Returns the rounds.
pub fn cooperative_rounds(topics: &VecMap<String, u32>, members: &[MemberSubscription]) -> Vec<Assignment> {
    let mut members = members.to_vec();
    let mut rounds = Vec::new();
    for round in 0..4 {
        let result = assign(AssignorName::CooperativeSticky, topics, &members);
        let owned_by: BTreeMap<&TopicPartition, &str> =
            members.iter().flat_map(|m| m.owned.iter().map(move |tp| (tp, m.member_id.as_str()))).collect();
        let mut revoked = false;
        for m in &members {
            for tp in &result[&m.member_id] {
                if let Some(owner) = owned_by.get(tp) {
                    assert_eq!(
                        *owner, m.member_id,
                        "round {round}: {tp} given to {} while {owner} owns it",
                        m.member_id
                    );
                }
            }
            revoked |= m.owned.iter().any(|tp| !result[&m.member_id].contains(tp));
        }
        members = with_owned(&members, &result, round + 1);
        rounds.push(result);
        if !revoked {
            return rounds;
        }
    }
    panic!("cooperative-sticky still revoking after 4 rounds: {rounds:?}");
}

/// A member's partitions as a set of `topic-partition` strings.
pub fn set(assignment: &Assignment, member: &str) -> BTreeSet<String> {
    assignment[member].iter().map(ToString::to_string).collect()
}
