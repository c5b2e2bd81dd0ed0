//! UI tests: mount the app in headless Chrome and read the DOM. Time moves only by clicking
//! Step, so nothing here waits on the wall clock beyond yielding to Yew's renderer.
#![cfg(target_arch = "wasm32")]

use playground::{App, AppProps};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a paused app with `seed` into a fresh element and returns that element.
async fn mount(seed: u64) -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps { autoplay: false, seed }).render();
    settle().await;
    root
}

/// Lets Yew's scheduler render (a zero-length yield, not a wait for simulated time).
async fn settle() {
    yew::platform::time::sleep(std::time::Duration::ZERO).await;
}

fn text_of(root: &Element, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length()).filter_map(|i| nodes.item(i)).filter_map(|n| n.text_content()).collect()
}

fn button(root: &Element, label: &str) -> HtmlElement {
    let el = root.query_selector(&format!("button[aria-label='{label}']")).unwrap();
    wasm_bindgen::JsCast::dyn_into(el.unwrap_or_else(|| panic!("no button labelled {label}"))).unwrap()
}

fn total_log_end(root: &Element) -> u64 {
    text_of(root, ".leo").iter().map(|t| t.trim_start_matches("LEO ").parse::<u64>().unwrap()).sum()
}

#[wasm_bindgen_test]
async fn shows_one_lane_per_partition_at_time_zero() {
    let root = mount(1).await;
    assert_eq!(text_of(&root, ".lane-name"), ["P0", "P1", "P2", "P3", "P4", "P5"]);
    assert_eq!(total_log_end(&root), 0);
    assert_eq!(text_of(&root, ".clock"), ["t = 0.000s"]);
}

#[wasm_bindgen_test]
async fn stepping_appends_records_and_the_log_end_offsets_climb() {
    let root = mount(1).await;
    let step = button(&root, "Step to the next event");
    for _ in 0..12 {
        step.click();
        settle().await;
    }
    // The producer writes 6 records/s, one per step: 12 steps are 12 records at t = 2 s.
    assert_eq!(total_log_end(&root), 12);
    assert_eq!(text_of(&root, ".clock"), ["t = 2.000s"]);
    assert!(!text_of(&root, ".record").is_empty());
}

#[wasm_bindgen_test]
async fn play_and_pause_swap_the_button() {
    let root = mount(1).await;
    button(&root, "Play").click();
    settle().await;
    button(&root, "Pause").click();
    settle().await;
    assert!(root.query_selector("button[aria-label='Play']").unwrap().is_some());
}
