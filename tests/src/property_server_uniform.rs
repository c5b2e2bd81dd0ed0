//! Properties of the server-side `uniform` assignor over random groups that change round by
//! round, each round's target fed back as the current one (reference §4.4). Checked after every
//! round, with the names Kafka's tests give them:
//! - valid (`checkValidityAndBalance`): every partition of a subscribed topic goes to exactly
//!   one member, and only to a subscriber;
//! - balanced, for members that subscribe alike: sizes differ by at most one;
//! - sticky (`CommonAssignorTests.testReassignmentStickiness`): a homogeneous target given back
//!   as the current one comes back unchanged, whatever the order of the members.

use groupsim::SimRng;
use groupsim::assignor::server::uniform;
use groupsim::assignor::{Assignment, MemberSubscription};
use groupsim::vec_map::VecMap;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

use crate::sticky_oracle::with_owned;

const CASES: u64 = if cfg!(target_arch = "wasm32") { 3 } else { 16 };
const ROUNDS: u32 = if cfg!(target_arch = "wasm32") { 6 } else { 20 };

fn assert_valid(topics: &VecMap<String, u32>, members: &[MemberSubscription], result: &Assignment) {
    for (topic, &count) in topics.iter() {
        let subscribed = members.iter().any(|m| m.topics.contains(topic));
        for p in 0..count {
            let owners: Vec<&str> = result
                .iter()
                .filter(|(_, tps)| tps.iter().any(|tp| &tp.topic == topic && tp.partition == p))
                .map(|(m, _)| m.as_str())
                .collect();
            assert_eq!(owners.len(), usize::from(subscribed), "{topic}-{p} is owned by {owners:?}");
        }
    }
    for m in members {
        let tps = &result[m.member_id.as_str()];
        assert!(
            tps.iter().all(|tp| m.topics.contains(&tp.topic)),
            "{} got a topic it does not subscribe to",
            m.member_id
        );
    }
}

fn assert_balanced(result: &Assignment) {
    let sizes: Vec<usize> = result.values().map(Vec::len).collect();
    let (min, max) = (sizes.iter().min().copied().unwrap_or(0), sizes.iter().max().copied().unwrap_or(0));
    assert!(max - min <= 1, "sizes {sizes:?}");
}

/// Members keep their target; the same members in another order get the same one back.
fn assert_sticky(
    topics: &VecMap<String, u32>,
    members: &[MemberSubscription],
    result: &Assignment,
    rng: &mut SimRng,
) {
    let mut shuffled = with_owned(members, result, 0);
    for i in (1..shuffled.len()).rev() {
        shuffled.swap(i, rng.below(i as u32 + 1) as usize);
    }
    assert_eq!(
        uniform::homogeneous(topics, &shuffled).as_ref(),
        Ok(result),
        "shuffled members moved partitions"
    );
}

/// Each round a member joins or leaves, or a topic grows; homogeneous groups subscribe to every
/// topic, heterogeneous ones to random subsets.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn random_groups_stay_valid_balanced_and_sticky() {
    for seed in 0..CASES {
        for alike in [true, false] {
            let mut rng = SimRng::new(seed, 11);
            let mut topics: VecMap<String, u32> =
                (0..1 + rng.below(6)).map(|i| (format!("t{i}"), 1 + rng.below(12))).collect();
            let names: Vec<String> = topics.keys().cloned().collect();
            let mut next = 0;
            let mut fresh = |rng: &mut SimRng| {
                next += 1;
                let chosen: Vec<&str> = if alike {
                    names.iter().map(String::as_str).collect()
                } else {
                    names.iter().map(String::as_str).filter(|_| rng.below(2) == 0).collect()
                };
                MemberSubscription::new(&format!("m{next:02}"), chosen)
            };
            let mut members: Vec<MemberSubscription> =
                (0..1 + rng.below(8)).map(|_| fresh(&mut rng)).collect();
            let mut target = Assignment::default();
            for round in 0..ROUNDS {
                members = with_owned(&members, &target, 0);
                match rng.below(3) {
                    0 if members.len() > 1 => _ = members.remove(rng.below(members.len() as u32) as usize),
                    0 | 1 => members.push(fresh(&mut rng)),
                    _ => {
                        let topic = &names[rng.below(names.len() as u32) as usize];
                        if let Some(count) = topics.get_mut(topic.as_str()) {
                            *count += 1 + rng.below(3);
                        }
                    }
                }
                target =
                    uniform(&topics, &members).unwrap_or_else(|e| panic!("seed {seed} round {round}: {e}"));
                assert_valid(&topics, &members, &target);
                if alike {
                    assert_balanced(&target);
                    assert_sticky(&topics, &members, &target, &mut rng);
                }
            }
        }
    }
}
