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

/// Lets Yew's scheduler render: a few zero-length yields (child components with their own
/// state can need a second pass), never a wait for simulated time.
async fn settle() {
    for _ in 0..3 {
        yew::platform::time::sleep(std::time::Duration::ZERO).await;
    }
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
async fn advancing_ten_seconds_appends_sixty_records() {
    let root = mount(1).await;
    click(&root, "Advance 10 seconds").await;
    // The producer writes 6 records/s: 10 virtual seconds are 60 records.
    assert_eq!(total_log_end(&root), 60);
    assert_eq!(text_of(&root, ".clock"), ["t = 10.000s"]);
    assert!(!text_of(&root, ".record").is_empty());
}

#[wasm_bindgen_test]
async fn stepping_moves_the_clock_to_the_next_event() {
    let root = mount(1).await;
    // First step: at t = 0 the three consumers poll and send JoinGroup.
    click(&root, "Step to the next event").await;
    assert_eq!(text_of(&root, ".clock"), ["t = 0.000s"]);
    // Second step: the JoinGroups arrive one 5 ms network hop later.
    click(&root, "Step to the next event").await;
    assert_eq!(text_of(&root, ".clock"), ["t = 0.005s"]);
}

/// Chips per member card, in card order.
fn chips_per_member(root: &Element) -> Vec<usize> {
    let cards = root.query_selector_all(".member").unwrap();
    (0..cards.length())
        .filter_map(|i| cards.item(i))
        .map(|n| {
            wasm_bindgen::JsCast::dyn_into::<Element>(n)
                .unwrap()
                .query_selector_all(".chip")
                .unwrap()
                .length() as usize
        })
        .collect()
}

async fn click(root: &Element, label: &str) {
    button(root, label).click();
    settle().await;
}

async fn advance(root: &Element, seconds: u64) {
    for _ in 0..seconds / 10 {
        click(root, "Advance 10 seconds").await;
    }
}

#[wasm_bindgen_test]
async fn the_group_forms_and_an_added_consumer_splits_the_partitions() {
    let root = mount(1).await;
    advance(&root, 10).await;
    assert_eq!(text_of(&root, ".badge"), ["Stable"]);
    assert_eq!(chips_per_member(&root), [2, 2, 2]);
    click(&root, "Add consumer").await;
    advance(&root, 10).await;
    assert_eq!(text_of(&root, ".generation"), ["2"]);
    assert_eq!(chips_per_member(&root), [2, 2, 1, 1]);
}

#[wasm_bindgen_test]
async fn a_killed_consumer_keeps_its_partitions_until_the_session_timeout() {
    let root = mount(1).await;
    advance(&root, 20).await;
    click(&root, "Kill consumer-2").await;
    advance(&root, 40).await;
    // 40 virtual seconds later the coordinator has not noticed: same generation, no one moved,
    // the dead consumer still owns P2 and P3 on paper while nobody consumes them.
    assert_eq!(text_of(&root, ".generation"), ["1"]);
    assert_eq!(chips_per_member(&root), [2, 2, 2]);
    assert_eq!(text_of(&root, ".lane.unowned .lane-name"), ["P2", "P3"]);
    advance(&root, 20).await;
    // Past the 45 s session timeout: a new generation, the survivors share all six.
    assert_eq!(text_of(&root, ".generation"), ["2"]);
    assert_eq!(chips_per_member(&root), [3, 0, 3]);
    assert!(text_of(&root, ".lane.unowned").is_empty());
    // The rebalance history says why and who stopped.
    let history = text_of(&root, ".rebalance");
    assert!(
        history[0].contains("gen 1 → 2") && history[0].contains("consumer-2's session timed out"),
        "{history:?}"
    );
    assert!(history[0].contains("stopped: consumer-1"), "{history:?}");
}

/// Sets a form control's value and fires the event Yew listens for.
async fn choose(root: &Element, selector: &str, value: &str, event: &str) {
    let el = root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}"));
    if let Some(select) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlSelectElement>(&el) {
        select.set_value(value);
    } else if let Some(input) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlInputElement>(&el) {
        input.set_value(value);
    }
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&web_sys::Event::new_with_event_init_dict(event, &init).unwrap()).unwrap();
    settle().await;
}

/// Each member card's chips, joined: `["P0 P3", ...]`.
fn chips_text(root: &Element) -> Vec<String> {
    let cards = root.query_selector_all(".member").unwrap();
    (0..cards.length())
        .filter_map(|i| cards.item(i))
        .map(|n| {
            let card: Element = wasm_bindgen::JsCast::dyn_into(n).unwrap();
            text_of(&card, ".chip").join(" ")
        })
        .collect()
}

#[wasm_bindgen_test]
async fn changing_the_assignor_changes_the_assignment() {
    let root = mount(1).await;
    advance(&root, 10).await;
    assert_eq!(chips_text(&root), ["P0 P1", "P2 P3", "P4 P5"], "range");
    for n in 1..=3 {
        click(&root, &format!("Close consumer-{n}")).await;
    }
    choose(&root, "select[aria-label='Assignment strategy']", "2", "change").await; // roundrobin
    for _ in 0..3 {
        click(&root, "Add consumer").await;
    }
    advance(&root, 10).await;
    assert_eq!(chips_text(&root)[3..], ["P0 P3", "P1 P4", "P2 P5"], "roundrobin deals them out");
    let facts = text_of(&root, ".facts dd");
    assert!(facts.contains(&"roundrobin".to_string()), "{facts:?}");
}

#[wasm_bindgen_test]
async fn pause_processing_and_cut_link_toggle() {
    let root = mount(1).await;
    advance(&root, 10).await;
    click(&root, "Pause processing of consumer-1").await;
    click(&root, "Cut link of consumer-1").await;
    let status = text_of(&root, ".member-state");
    assert!(status[0].contains("processing stuck") && status[0].contains("link cut"), "{status:?}");
    click(&root, "Resume processing of consumer-1").await;
    click(&root, "Heal link of consumer-1").await;
    assert_eq!(text_of(&root, ".member-state")[0], "Stable");
}

#[wasm_bindgen_test]
async fn a_killed_consumer_can_be_restarted() {
    let root = mount(1).await;
    advance(&root, 10).await;
    click(&root, "Kill consumer-3").await;
    click(&root, "Restart consumer-3").await;
    assert!(root.query_selector("button[aria-label='Kill consumer-3']").unwrap().is_some());
    assert!(text_of(&root, ".error").is_empty());
}

#[wasm_bindgen_test]
async fn the_speed_slider_goes_from_a_tenth_to_a_thousand() {
    let root = mount(1).await;
    assert_eq!(text_of(&root, ".speed output"), ["1×"]);
    choose(&root, "input[aria-label='Speed']", "0", "input").await;
    assert_eq!(text_of(&root, ".speed output"), ["0.1×"]);
    choose(&root, "input[aria-label='Speed']", "12", "input").await;
    assert_eq!(text_of(&root, ".speed output"), ["1000×"]);
}

#[wasm_bindgen_test]
async fn a_killed_consumer_loses_its_buttons_and_the_clock_stays() {
    let root = mount(1).await;
    advance(&root, 10).await;
    click(&root, "Kill consumer-1").await;
    assert!(root.query_selector("button[aria-label='Kill consumer-1']").unwrap().is_none());
    assert_eq!(text_of(&root, ".clock"), ["t = 10.000s"]);
    assert!(text_of(&root, ".error").is_empty());
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
