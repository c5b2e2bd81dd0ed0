//! Cross-crate suites for `groupsim`, one module per Kafka component or concern.
//!
//! Every test runs twice: natively under `cargo test`, and in headless Chrome under
//! `wasm-pack test --headless --chrome tests`. Each test carries `#[cfg_attr(not(target_arch = "wasm32"), test)]` and
//! `#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]`, so one function serves both.
//! All suites are modules of this one library so the browser run loads one wasm binary.

#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// A test function with the two attributes every test here carries, for suites with many short
/// tests (the caller imports `wasm_bindgen_test` for the browser build, as the others do).
#[cfg(test)]
macro_rules! native_and_wasm_test {
    ($(#[doc = $doc:expr])* fn $name:ident() $body:block) => {
        $(#[doc = $doc])*
        #[cfg_attr(not(target_arch = "wasm32"), test)]
        #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
        fn $name() $body
    };
}

#[cfg(test)]
mod conformance_partitioner;
#[cfg(test)]
mod conformance_range;
#[cfg(test)]
mod conformance_reconcile;
#[cfg(test)]
mod conformance_round_robin;
#[cfg(test)]
mod conformance_server_range;
#[cfg(test)]
mod conformance_server_uniform;
#[cfg(test)]
mod conformance_sticky;
#[cfg(test)]
mod consumer_group;
#[cfg(test)]
mod consumer_membership;
#[cfg(test)]
mod determinism;
#[cfg(test)]
mod property;
#[cfg(test)]
mod property_liveness;
#[cfg(test)]
mod property_server_uniform;
#[cfg(test)]
mod property_sticky;
#[cfg(test)]
mod scenario_fetch;
#[cfg(test)]
mod scenario_group;
#[cfg(test)]
mod scenario_kip848;
#[cfg(test)]
mod scenario_rebalance;
#[cfg(test)]
mod scenario_recovery;
#[cfg(test)]
mod session_replay;
#[cfg(test)]
mod share_link;
#[cfg(test)]
mod sticky_oracle;
#[cfg(test)]
mod support;
