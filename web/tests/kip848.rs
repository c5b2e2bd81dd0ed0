//! UI tests of the page with the consumer protocol (KIP-848; the `kip848` build, `dist/kip848/`):
//! a consumer-protocol group shows its epochs and each member's target; a kill is noticed at the
//! session timeout; `--members --verbose` and `--state --verbose` print the epochs; a consumer of
//! the other protocol is refused with the playground's message. Time moves only by clicking.
#![cfg(all(target_arch = "wasm32", feature = "kip848"))]
#![allow(clippy::unwrap_used)]

use groupsim::Scenario;
use playground::AppProps;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

mod support;
use support::{advance, choose, click, mount_with, tab, text_of};

wasm_bindgen_test_configure!(run_in_browser);

/// Six partitions, a producer, two consumer-protocol consumers in group-a, paused at 20 s.
async fn mount_group() -> Element {
    let link = "v1;seed=1;until=20000;0@create-topic:topic=orders,partitions=6;\
        0@add-producer:topic=orders,rate=6,keys=keyed32;\
        0@add-consumer:reset=earliest,protocol=consumer;0@add-consumer:reset=earliest,protocol=consumer";
    let scenario = Scenario::from_link(link).unwrap();
    mount_with(AppProps { scenario: Some(scenario), shortcuts: false, ..AppProps::default() }).await
}

/// The group's facts: group epoch, target epoch, coordinator, assignor, lag.
fn facts(root: &Element) -> Vec<String> {
    text_of(root, ".group .facts dd")
}

#[wasm_bindgen_test]
async fn a_newcomer_shows_its_target_until_the_owners_have_revoked() {
    let root = mount_group().await;
    assert_eq!(text_of(&root, ".badge"), ["Stable"]);
    assert_eq!(facts(&root)[..2], ["3".to_string(), "3".into()], "group epoch and target epoch");
    assert_eq!(facts(&root)[3], "uniform");
    let states = text_of(&root, ".member-state");
    assert!(states.iter().all(|s| s == "STABLE, epoch 3"), "{states:?}");
    assert!(text_of(&root, ".chips.target").is_empty(), "reconciled: no target row");
    // Add a third through the form, on the consumer protocol.
    choose(&root, "select[aria-label='Rebalance protocol']", "1", "change").await;
    assert!(root.query_selector("select[aria-label='Assignment strategy']").unwrap().is_none());
    click(&root, "Add consumer").await;
    click(&root, "Step to the next event").await; // the first heartbeat leaves
    for _ in 0..6 {
        click(&root, "Step to the next event").await;
    }
    assert_eq!(facts(&root)[0], "4", "the join moved the group epoch");
    let targets = text_of(&root, ".chips.target");
    assert!(!targets.is_empty(), "the gap between what they own and the target is drawn");
    advance(&root, 10).await; // two heartbeat intervals
    assert_eq!(text_of(&root, ".badge"), ["Stable"]);
    let states = text_of(&root, ".member-state");
    assert_eq!(states, ["STABLE, epoch 4", "STABLE, epoch 4", "STABLE, epoch 4"]);
    assert!(text_of(&root, ".chips.target").is_empty());
    let history = text_of(&root, ".rebalance");
    assert!(
        history[0].contains("epoch 3 → 4") && history[0].contains("nobody stopped consuming"),
        "{history:?}"
    );
}

#[wasm_bindgen_test]
async fn a_killed_member_is_noticed_at_the_session_timeout_and_the_ops_print_epochs() {
    let root = mount_group().await;
    click(&root, "Kill consumer-2").await;
    advance(&root, 30).await;
    assert_eq!(facts(&root)[0], "3", "nothing moves before group.consumer.session.timeout.ms");
    advance(&root, 30).await;
    assert_eq!(facts(&root)[0], "4", "fenced at the session timeout");
    assert_eq!(text_of(&root, ".badge"), ["Stable"]);
    tab(&root, "--members").await;
    let headers = text_of(&root, ".ops th");
    assert_eq!(headers[5..], ["CURRENT-EPOCH", "CURRENT-ASSIGNMENT", "TARGET-EPOCH", "TARGET-ASSIGNMENT"]);
    let cells = text_of(&root, ".ops td");
    assert_eq!(
        cells[5..],
        ["4".to_string(), "orders:0,1,2,3,4,5".into(), "4".into(), "orders:0,1,2,3,4,5".into()]
    );
    tab(&root, "--state").await;
    let headers = text_of(&root, ".ops th");
    assert_eq!(headers[4..], ["GROUP-EPOCH", "TARGET-ASSIGNMENT-EPOCH", "#MEMBERS"]);
    let cells = text_of(&root, ".ops td");
    assert_eq!(cells[2..], ["uniform".to_string(), "Stable".into(), "4".into(), "4".into(), "1".into()]);
}

#[wasm_bindgen_test]
async fn a_classic_consumer_is_refused_with_what_kafka_would_do() {
    let root = mount_group().await;
    click(&root, "Add consumer").await; // the form's default: classic
    let error = text_of(&root, ".error").join(" ");
    assert!(error.contains("convert the group (online migration)"), "{error}");
    assert!(error.contains("does not model"), "{error}");
    assert_eq!(text_of(&root, ".member").len(), 2, "nothing was added, the run goes on");
}
