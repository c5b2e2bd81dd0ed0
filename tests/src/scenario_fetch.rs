//! The fetch long-poll: a `poll()` with nothing to return waits at the broker until records
//! arrive, a response comes in, or `fetch.max.wait.ms` (500 ms) passes (`ConsumerConfig`
//! `DEFAULT_FETCH_MAX_WAIT_MS`, `KafkaConsumer.pollForFetches`, `ConsumerCoordinator.timeToNextPoll`;
//! docs/decisions.md "Polling").

use groupsim::{Duration, Endpoint, FETCH_MAX_WAIT_MS, SimEvent};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{Run, member, secs};

/// An idle member starts on a record the instant it is appended: the parked fetch completes as
/// soon as there is data (`fetch.min.bytes` = 1), not at a later poll. It is processed (the
/// `Consumed` event) one `processing_ms_per_record` after that.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_idle_member_processes_a_record_the_moment_it_arrives() {
    let mut run = Run::new(3, 2, 2);
    let processing = Duration::from_millis(member("g").processing_ms_per_record);
    run.consumer(member("g"));
    run.until_secs(30);
    let produced: Vec<_> = run
        .events(secs(10), |e| matches!(e, SimEvent::Produced { .. }))
        .filter(|e| e.at < secs(29))
        .map(|e| match &e.event {
            SimEvent::Produced { partition, offset, .. } => (e.at, *partition, *offset),
            _ => unreachable!(),
        })
        .collect();
    assert!(produced.len() >= 35, "2 records/s for 19 s: {}", produced.len());
    for (at, partition, offset) in produced {
        let consumed = run
            .events(secs(10), |e| {
                matches!(e, SimEvent::Consumed { partition: tp, offset: o, .. }
                    if tp.partition == partition && *o == offset)
            })
            .next()
            .unwrap_or_else(|| panic!("orders-{partition}@{offset} was never processed"));
        assert_eq!(consumed.at, at + processing, "orders-{partition}@{offset}");
    }
    run.assert_invariants_held();
}

/// With nothing to read, the member still comes back to `poll()` at least every
/// `fetch.max.wait.ms`, so its `max.poll.interval.ms` deadline keeps moving.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn an_idle_poll_returns_within_fetch_max_wait() {
    let mut run = Run::new(4, 3, 0);
    let id = run.consumer(member("g"));
    run.until_secs(10);
    let mut worst = Duration::ZERO;
    run.until_checking(secs(40), |view| {
        let c = view.consumers.iter().find(|c| c.id == id).unwrap();
        // poll_deadline = last poll + max.poll.interval.ms
        let since = c.max_poll_interval_ms - (c.poll_deadline - view.now).as_millis();
        worst = worst.max(Duration::from_millis(since));
    });
    assert!(worst <= Duration::from_millis(FETCH_MAX_WAIT_MS), "{worst:?} between polls");
    assert!(worst >= Duration::from_millis(100), "an idle member should wait, not spin: {worst:?}");
}

/// The heartbeat response that says a rebalance started ends the wait in `poll()`, which
/// rejoins at once: the JoinGroup leaves the instant that response arrives.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_waiting_member_rejoins_the_moment_it_hears_of_a_rebalance() {
    let mut run = Run::new(5, 4, 0);
    let first = run.consumer(member("g"));
    run.until_secs(20);
    run.consumer(member("g"));
    run.until_secs(40);
    let told = run
        .events(secs(20), |e| {
            matches!(e, SimEvent::MessageReceived { to: Endpoint::Consumer(c), summary, .. }
                if *c == first && summary.starts_with("Heartbeat response: REBALANCE_IN_PROGRESS"))
        })
        .next()
        .expect("the first member hears of the rebalance in a heartbeat response")
        .at;
    let rejoined = run
        .events(secs(20), |e| {
            matches!(e, SimEvent::MessageSent { from: Endpoint::Consumer(c), api, response: false, .. }
                if *c == first && *api == groupsim::protocol::Api::JoinGroup)
        })
        .next()
        .expect("the first member rejoins")
        .at;
    assert_eq!(rejoined, told);
    run.assert_invariants_held();
}
