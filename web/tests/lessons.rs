//! UI tests of the lessons and the language (issue 15), in headless Chrome. Lessons are handed
//! over as `data:` URLs, fetched as the page fetches `?lesson=`; time moves only by clicking.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)]

use playground::AppProps;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

mod support;
use support::{advance, button, click, mount_with, settle, text_of};

wasm_bindgen_test_configure!(run_in_browser);

const CRASH: &str = include_str!("../../static/lessons/crash.json");

fn data_url(json: &str) -> String {
    format!("data:application/json,{}", String::from(js_sys::encode_uri_component(json)))
}

/// Opens the page paused with the lesson at `url` and waits for it to arrive (yields only).
async fn mount_lesson(url: String) -> Element {
    let props = AppProps { autoplay: false, shortcuts: false, lesson: Some(url), ..AppProps::default() };
    let root = mount_with(props).await;
    for _ in 0..50 {
        if root.query_selector(".lesson, .error").unwrap().is_some() {
            break;
        }
        settle().await;
    }
    settle().await;
    root
}

fn step_counter(root: &Element) -> String {
    text_of(root, ".lesson-step").concat()
}

fn clock(root: &Element) -> String {
    text_of(root, ".clock").concat()
}

/// The lesson's own steps play the clock; the test pauses it and moves time by clicking.
async fn pause(root: &Element) {
    if root.query_selector("button[aria-label='Pause']").unwrap().is_some() {
        click(root, "Pause").await;
    }
}

/// Clicks +10 s until the lesson leaves the step it is on (at most `limit` seconds).
async fn advance_until_next_step(root: &Element, limit: u64) {
    let before = step_counter(root);
    for _ in 0..limit / 10 {
        advance(root, 10).await;
        pause(root).await;
        if step_counter(root) != before {
            return;
        }
    }
    panic!("the lesson stayed on {before} for {limit} s");
}

async fn click_text(root: &Element, selector: &str, text: &str) {
    let nodes = root.query_selector_all(selector).unwrap();
    let found = (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .find(|n| n.text_content().as_deref() == Some(text))
        .unwrap_or_else(|| panic!("no {selector} reading {text}"));
    wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(found).unwrap().click();
    settle().await;
}

#[wasm_bindgen_test]
async fn a_lesson_runs_to_its_question_with_back_and_a_step_that_waits_for_the_kill() {
    let root = mount_lesson(data_url(CRASH)).await;
    assert_eq!(text_of(&root, ".lesson h2"), ["A consumer crashes"]);
    assert_eq!(step_counter(&root), "Step 1 / 4");
    // The step's world is replayed to 20 s, and the step points at consumer-2's card.
    assert_eq!(clock(&root), "t = 20.000s");
    pause(&root).await;
    // The outline is the page's own rule for the spot.
    assert!(text_of(&root, "style").concat().starts_with("[data-spot=\"member:consumer-2\"]{outline"));
    // It waits for the learner: Next is off until consumer-2 is killed.
    let next: web_sys::HtmlButtonElement =
        wasm_bindgen::JsCast::dyn_into(root.query_selector(".lesson-nav .primary").unwrap().unwrap())
            .unwrap();
    assert!(next.disabled());
    click(&root, "Kill consumer-2").await;
    pause(&root).await;
    assert_eq!(step_counter(&root), "Step 2 / 4");
    // Nothing moves until the session times out, 45 s after consumer-2's last heartbeat.
    advance(&root, 30).await;
    pause(&root).await;
    assert_eq!(step_counter(&root), "Step 2 / 4", "the group waits for session.timeout.ms");
    advance_until_next_step(&root, 60).await;
    assert_eq!(step_counter(&root), "Step 3 / 4");

    // Back: the world returns to where step 2 began (consumer-2 just killed), and step 2 waits again.
    click_text(&root, ".lesson-nav button", "Back").await;
    pause(&root).await;
    assert_eq!(step_counter(&root), "Step 2 / 4");
    assert_eq!(clock(&root), "t = 20.000s");
    // Back again: step 1, before the kill; consumer-2 can be killed again.
    click_text(&root, ".lesson-nav button", "Back").await;
    pause(&root).await;
    assert_eq!(step_counter(&root), "Step 1 / 4");
    assert_eq!(clock(&root), "t = 20.000s");
    click(&root, "Kill consumer-2").await;
    pause(&root).await;
    advance_until_next_step(&root, 90).await;
    advance_until_next_step(&root, 20).await;
    assert_eq!(step_counter(&root), "Step 4 / 4");
    click_text(&root, ".lesson-nav button", "Next").await;
    assert_eq!(step_counter(&root), "Question");

    // The answer is on the page: the "Processed twice (N)" tab.
    let tab = text_of(&root, "[data-spot='tab:duplicates']").concat();
    let count = tab.trim_start_matches("Processed twice (").trim_end_matches(')').to_string();
    assert_ne!(count, "0", "the crash re-processed records: {tab}");
    let input: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::dyn_into(root.query_selector(".answer input").unwrap().unwrap()).unwrap();
    input.set_value("0");
    input.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    settle().await;
    click_text(&root, ".answer button", "Check").await;
    assert!(text_of(&root, ".lesson .wrong").concat().starts_with("Not “0”."));
    input.set_value(&count);
    input.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    settle().await;
    click_text(&root, ".answer button", "Check").await;
    assert!(text_of(&root, ".lesson .right").concat().starts_with("Right."));
    // Finish: the lesson goes, the world stays where it is.
    let now = clock(&root);
    click_text(&root, ".lesson-nav button", "Finish").await;
    assert!(root.query_selector(".lesson").unwrap().is_none());
    assert_eq!(clock(&root), now);
}

#[wasm_bindgen_test]
async fn a_malformed_lesson_says_which_step_and_field_and_the_run_goes_on() {
    let broken = CRASH.replacen("\"wait\"", "\"wiat\"", 1);
    let root = mount_lesson(data_url(&broken)).await;
    assert!(root.query_selector(".lesson").unwrap().is_none());
    let error = text_of(&root, ".error").concat();
    assert!(error.starts_with("The lesson could not be opened:"), "{error}");
    assert!(
        error.contains(
            "data:application/json,%7B%0A%20%20%22lesson%22%3A%201%2C%0A%…: step 1, unknown field `wiat`"
        ),
        "{error}"
    );
    assert!(error.ends_with("The run on the page goes on."), "{error}");
    advance(&root, 10).await;
    assert_eq!(clock(&root), "t = 10.000s");

    // A lesson that points at a consumer the world does not have says so in its card.
    let missing = CRASH.replace("member:consumer-2", "member:consumer-9");
    let root = mount_lesson(data_url(&missing)).await;
    // The spot is looked for once every panel has drawn: after a zero timeout.
    yew::platform::time::sleep(std::time::Duration::from_millis(1)).await;
    settle().await;
    let problem = text_of(&root, ".lesson .error").concat();
    assert!(problem.contains("step 1, point: nothing on the page is `member:consumer-9`"), "{problem}");

    // A step that waits for a consumer the world does not have says so, in Chinese too.
    let absent = CRASH.replacen("\"consumer\": \"consumer-2\"", "\"consumer\": \"consumer-9\"", 1);
    let root = mount_lesson(data_url(&absent)).await;
    let problem = text_of(&root, ".lesson .error").concat();
    assert!(problem.contains("step 1, wait: consumer: the world has no consumer-9"), "{problem}");
    click(&root, "中文：切换到简体中文").await;
    assert!(text_of(&root, ".lesson .error").concat().starts_with("这节课有个问题："));
}

#[wasm_bindgen_test]
async fn a_lesson_named_in_the_query_is_fetched_and_runs() {
    assert_eq!(
        playground::lesson_from_query("?lang=zh&lesson=static%2Flessons%2Fkeys.json"),
        Some("static/lessons/keys.json".to_string())
    );
    assert_eq!(playground::lesson_from_query("?lesson="), None);
    let keys = include_str!("../../static/lessons/keys.json");
    let root = mount_lesson(data_url(keys)).await;
    assert_eq!(text_of(&root, ".lesson h2"), ["Keys and partitions"]);
    click_text(&root, ".lesson-nav button", "Next").await;
    click_text(&root, ".lesson-nav button", "Next").await;
    assert_eq!(step_counter(&root), "Step 3 / 3");
    click_text(&root, ".lesson-nav button", "Next").await;
    assert_eq!(step_counter(&root), "Question");
    // Key 7 on six partitions: toPositive(murmur2("key-7")) % 6, as the producer writes it.
    let choice = groupsim::partitioner::partition_for_key(b"key-7", 6).to_string();
    click_text(&root, ".choices button", &choice).await;
    assert!(text_of(&root, ".lesson .right").concat().starts_with("Right."));
}

#[wasm_bindgen_test]
async fn the_language_switch_changes_the_page_and_the_log_and_back() {
    let root = mount_with(AppProps { autoplay: false, shortcuts: false, ..AppProps::default() }).await;
    advance(&root, 10).await;
    assert_eq!(text_of(&root, "h1"), ["Kafka consumer group playground"]);
    click(&root, "中文：切换到简体中文").await;
    assert_eq!(text_of(&root, "h1"), ["Kafka 消费者组演练场"]);
    assert_eq!(text_of(&root, ".page-tools .primary"), ["课程"]);
    let log = text_of(&root, ".log-text").concat();
    assert!(log.contains("开始（auto.offset.reset）"), "the log speaks Chinese: {log}");
    // Kafka's own words stay as Kafka prints them.
    assert!(text_of(&root, ".badge").contains(&"Stable".to_string()));
    click(&root, "English: switch the page to English").await;
    assert_eq!(text_of(&root, "h1"), ["Kafka consumer group playground"]);
    assert!(text_of(&root, ".log-text").concat().contains("(auto.offset.reset)"));
    let _ = button;
}
