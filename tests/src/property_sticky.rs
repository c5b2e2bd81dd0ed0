//! Kafka's sticky-assignor properties over random inputs (reference §5 "S14 property tests",
//! "Validity/balance oracle", `isFullyBalanced`): `testReassignmentWithRandomSubscriptionsAndChanges`
//! in `AbstractStickyAssignorTest`, with a seeded generator instead of `java.util.Random`.

use groupsim::SimRng;
use groupsim::assignor::{Assignment, AssignorName, MemberSubscription, assign, sticky};
use groupsim::vec_map::VecMap;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

use crate::sticky_oracle::{assert_valid_and_balanced, cooperative_rounds, is_fully_balanced, with_owned};

const CASES: u64 = if cfg!(target_arch = "wasm32") { 3 } else { 12 };
const ROUNDS: u32 = if cfg!(target_arch = "wasm32") { 6 } else { 20 };

fn random_topics(rng: &mut SimRng) -> VecMap<String, u32> {
    (0..10 + rng.below(11)).map(|i| (format!("t{i:02}"), 1 + rng.below(10))).collect()
}

fn random_member(rng: &mut SimRng, id: &str, topics: &VecMap<String, u32>) -> MemberSubscription {
    let names: Vec<&str> = topics.keys().map(String::as_str).collect();
    let mut chosen: Vec<&str> = names.iter().copied().filter(|_| rng.below(2) == 0).collect();
    if chosen.is_empty() {
        chosen.push(names[rng.below(names.len() as u32) as usize]);
    }
    MemberSubscription::new(id, chosen)
}

fn result(name: AssignorName, topics: &VecMap<String, u32>, members: &[MemberSubscription]) -> Assignment {
    match name {
        AssignorName::CooperativeSticky => cooperative_rounds(topics, members).pop().unwrap(),
        _ => sticky(topics, members).assignment,
    }
}

/// `testReassignmentWithRandomSubscriptionsAndChanges`: 20–40 members with random subscriptions
/// over 10–20 topics; each round members leave, join or change subscriptions, and the result
/// fed back as owned partitions must stay valid and balanced. Cooperative rounds never hand a
/// partition to a member while another still owns it.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn random_subscriptions_and_changes_stay_valid_and_balanced() {
    for seed in 0..CASES {
        for name in [AssignorName::Sticky, AssignorName::CooperativeSticky] {
            let mut rng = SimRng::new(seed, 7);
            let topics = random_topics(&mut rng);
            let mut next_id = 0;
            let mut fresh_member = |rng: &mut SimRng| {
                next_id += 1;
                random_member(rng, &format!("c{next_id:03}"), &topics)
            };
            let mut members: Vec<MemberSubscription> =
                (0..20 + rng.below(21)).map(|_| fresh_member(&mut rng)).collect();
            let mut current = result(name, &topics, &members);
            assert_valid_and_balanced(&members, &current);
            for round in 0..ROUNDS {
                members = with_owned(&members, &current, round as i32 + 1);
                match rng.below(3) {
                    0 if members.len() > 1 => {
                        members.remove(rng.below(members.len() as u32) as usize);
                    }
                    1 => members.push(fresh_member(&mut rng)),
                    _ => {
                        let i = rng.below(members.len() as u32) as usize;
                        let changed = random_member(&mut rng, &members[i].member_id.clone(), &topics);
                        members[i].topics = changed.topics;
                        // onJoinPrepare revokes what is no longer subscribed before rejoining.
                        let m = &mut members[i];
                        m.owned.retain(|tp| m.topics.contains(&tp.topic));
                    }
                }
                current = result(name, &topics, &members);
                assert_valid_and_balanced(&members, &current);
            }
        }
    }
}

/// With equal subscriptions the result is always fully balanced, and removing one member moves
/// only that member's partitions (the stickiness goal, reference §4.3).
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn equal_subscriptions_removing_a_member_moves_only_its_partitions() {
    for seed in 0..CASES * 4 {
        let mut rng = SimRng::new(seed, 8);
        let topics = random_topics(&mut rng);
        let all: Vec<&str> = topics.keys().map(String::as_str).collect();
        let fresh: Vec<MemberSubscription> = (0..1 + rng.below(30))
            .map(|i| MemberSubscription::new(&format!("c{i:02}"), all.iter().copied()))
            .collect();
        for name in [AssignorName::Sticky, AssignorName::CooperativeSticky] {
            let first = assign(name, &topics, &fresh);
            assert!(is_fully_balanced(&first), "{name} seed {seed}: {first:?}");
            if fresh.len() < 2 {
                continue;
            }
            let leaving = fresh[rng.below(fresh.len() as u32) as usize].member_id.clone();
            let members: Vec<MemberSubscription> =
                with_owned(&fresh, &first, 1).into_iter().filter(|m| m.member_id != leaving).collect();
            let second = assign(name, &topics, &members);
            assert!(is_fully_balanced(&second), "{name} seed {seed}");
            for m in &members {
                for tp in &first[&m.member_id] {
                    assert!(
                        second[&m.member_id].contains(tp),
                        "{name} seed {seed}: {tp} left {}",
                        m.member_id
                    );
                }
            }
        }
    }
}

/// An assignment fed back unchanged is a fixed point: nothing moves when nothing changed.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_unchanged_group_keeps_its_assignment() {
    for seed in 0..CASES {
        let mut rng = SimRng::new(seed, 9);
        let topics = random_topics(&mut rng);
        let fresh: Vec<MemberSubscription> =
            (0..2 + rng.below(20)).map(|i| random_member(&mut rng, &format!("c{i:02}"), &topics)).collect();
        let first = sticky(&topics, &fresh).assignment;
        let again = sticky(&topics, &with_owned(&fresh, &first, 1)).assignment;
        for (id, list) in &first {
            let mut a = list.clone();
            let mut b = again[id].clone();
            groupsim::sort::sort(&mut a);
            groupsim::sort::sort(&mut b);
            assert_eq!(a, b, "seed {seed}: {id} changed");
        }
    }
}
