//! UI tests: mount the app in headless Chrome and read the DOM. Time moves only by clicking
//! Step, so nothing here waits on the wall clock beyond yielding to Yew's renderer.
#![cfg(target_arch = "wasm32")]
// These are tests, but clippy's `allow-unwrap-in-tests` knows only `#[test]`, not `#[wasm_bindgen_test]`.
#![allow(clippy::unwrap_used)]

use groupsim::Scenario;
use playground::AppProps;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod support;
use support::{advance, button, choose, click, mount_with, settle, tab, text_of};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a paused app with `seed` into a fresh element and returns that element.
async fn mount(seed: u64) -> Element {
    mount_with(AppProps { autoplay: false, seed, shortcuts: false, ..AppProps::default() }).await
}

/// Mounts the app opened on a share link's `scenario`, as the page does.
async fn mount_link(scenario: Scenario) -> Element {
    mount_with(AppProps { scenario: Some(scenario), shortcuts: false, ..AppProps::default() }).await
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
    click(&root, "+10 s: advance 10 seconds").await;
    // The producer writes 6 records/s: 10 virtual seconds are 60 records.
    assert_eq!(total_log_end(&root), 60);
    assert_eq!(text_of(&root, ".clock"), ["t = 10.000s"]);
    assert!(!text_of(&root, ".record").is_empty());
}

#[wasm_bindgen_test]
async fn stepping_moves_the_clock_to_the_next_event() {
    let root = mount(1).await;
    // At t = 0 the three consumers have polled and sent JoinGroup (the page settles the
    // instant it opens at); the first step is their arrival one 5 ms network hop later.
    assert!(text_of(&root, ".flight .api").iter().any(|a| a == "JoinGroup"));
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
    // Each finishes the records its last poll returned, then leaves.
    advance(&root, 10).await;
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

/// Reference §1.9: a request lost on a cut link times out after request.timeout.ms (30 s); the
/// wire and the log say so, and the card says the coordinator is being looked up again.
#[wasm_bindgen_test]
async fn a_request_lost_on_a_cut_link_times_out_on_the_wire_and_in_the_log() {
    let root = mount(1).await;
    advance(&root, 20).await;
    click(&root, "Cut link of consumer-2").await;
    advance(&root, 20).await;
    assert!(text_of(&root, ".member-state").iter().all(|s| !s.contains("coordinator unknown")));
    assert!(
        text_of(&root, ".timer-answer .timer-name").iter().any(|n| n == "Heartbeat" || n == "OffsetCommit")
    );
    advance(&root, 20).await;
    let timed_out = text_of(&root, ".flight.timed-out");
    assert!(
        timed_out.iter().any(|t| t.contains("timed out after 30s") && t.contains("consumer-2")),
        "{timed_out:?}"
    );
    assert!(text_of(&root, ".member-state").iter().any(|s| s.contains("coordinator unknown")));
    choose(&root, "input[aria-label='Filter text']", "consumer-2: ", "input").await;
    let lines = text_of(&root, ".log-line");
    assert!(lines.iter().any(|l| l.contains("timed out after 30s")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("coordinator unknown")), "{lines:?}");
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

/// From 10× every message and most records of a tick are new, and nothing animates: the wire's
/// rows and a lane's record boxes are rewritten in place. Below 10× each new message or record
/// gets a new element, so its arrival animation plays from the start.
#[wasm_bindgen_test]
async fn at_speed_rows_are_rewritten_in_place_and_below_it_replaced() {
    let root = mount(1).await;
    advance(&root, 10).await;
    let first = |selector: &str| root.query_selector(selector).unwrap().unwrap();
    let (flight, record) = (first(".wire li.flight"), first(".lane .record"));
    advance(&root, 10).await;
    assert!(!flight.is_same_node(Some(&first(".wire li.flight"))), "1×: a new row per message");
    assert!(!record.is_same_node(Some(&first(".lane .record"))), "1×: a new box per record");
    choose(&root, "input[aria-label='Speed']", "9", "input").await;
    assert_eq!(text_of(&root, ".speed output"), ["100×"]);
    let (flight, record) = (first(".wire li.flight"), first(".lane .record"));
    let (title, offset) = (flight.get_attribute("title"), record.text_content());
    advance(&root, 10).await;
    assert!(flight.is_same_node(Some(&first(".wire li.flight"))), "100×: the row is reused");
    assert_ne!(flight.get_attribute("title"), title, "and shows the newest message");
    assert!(record.is_same_node(Some(&first(".lane .record"))), "100×: the box is reused");
    assert_ne!(record.text_content(), offset, "and shows a newer record");
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

/// Issue 16: a seek back starts from the nearest checkpoint. The page it lands on reads exactly
/// like a page that ran there from the start: lanes, cards, the log, the --describe view.
#[wasm_bindgen_test]
async fn a_seek_back_from_a_checkpoint_draws_the_same_page_as_a_run_from_the_start() {
    let seen = |root: &Element| {
        let mut parts = text_of(root, ".lane");
        parts.extend(text_of(root, ".member"));
        parts.extend(text_of(root, ".log-line"));
        parts
    };
    let root = mount(1).await;
    advance(&root, 30).await;
    click(&root, "Kill consumer-2").await;
    advance(&root, 90).await;
    choose(&root, "input[aria-label='Seek']", "50000", "input").await;
    assert_eq!(text_of(&root, ".clock"), ["t = 50.000s"]);

    let fresh = mount(1).await;
    advance(&fresh, 30).await;
    click(&fresh, "Kill consumer-2").await;
    advance(&fresh, 20).await;
    assert_eq!(text_of(&fresh, ".clock"), ["t = 50.000s"]);
    assert_eq!(seen(&root), seen(&fresh));
    root.remove();
    fresh.remove();
}

#[wasm_bindgen_test]
async fn seeking_back_replays_and_forward_gives_the_recorded_kill_again() {
    let root = mount(1).await;
    advance(&root, 20).await;
    click(&root, "Kill consumer-2").await;
    advance(&root, 40).await;
    assert!(root.query_selector("button[aria-label='Kill consumer-2']").unwrap().is_none());
    choose(&root, "input[aria-label='Seek']", "10000", "input").await;
    assert_eq!(text_of(&root, ".clock"), ["t = 10.000s"]);
    assert!(
        root.query_selector("button[aria-label='Kill consumer-2']").unwrap().is_some(),
        "not killed yet at 10 s"
    );
    assert_eq!(total_log_end(&root), 60, "the replay wrote the same 60 records");
    choose(&root, "input[aria-label='Seek']", "60000", "input").await;
    assert_eq!(text_of(&root, ".clock"), ["t = 60.000s"]);
    assert!(
        root.query_selector("button[aria-label='Kill consumer-2']").unwrap().is_none(),
        "the kill was given again"
    );
    // As live at 60 s: still generation 1, its partitions unconsumed until the session timeout.
    assert_eq!(text_of(&root, ".generation"), ["1"]);
    assert_eq!(text_of(&root, ".lane.unowned .lane-name"), ["P2", "P3"]);
}

#[wasm_bindgen_test]
async fn reset_starts_again_and_a_bad_seed_is_refused_inline() {
    let root = mount(1).await;
    advance(&root, 10).await;
    choose(&root, "input[aria-label='Seed']", "12x", "input").await;
    assert_eq!(
        text_of(&root, ".timeline .inline-error"),
        ["“12x” is not a seed: use a whole number from 0 to 18446744073709551615"]
    );
    click(&root, "Reset").await;
    assert_eq!(text_of(&root, ".clock"), ["t = 10.000s"], "a refused reset changes nothing");
    choose(&root, "input[aria-label='Seed']", "7", "input").await;
    click(&root, "Reset").await;
    assert_eq!(text_of(&root, ".clock"), ["t = 0.000s"]);
    assert_eq!(text_of(&root, ".seed"), ["seed 7"]);
    assert_eq!(total_log_end(&root), 0);
}

#[wasm_bindgen_test]
async fn a_share_link_opens_the_same_run_paused_at_the_same_moment() {
    let root = mount(1).await;
    advance(&root, 20).await;
    click(&root, "Kill consumer-3").await;
    advance(&root, 10).await;
    click(&root, "Share link").await;
    let input = root.query_selector(".share-link").unwrap().expect("the link is shown");
    let link: String = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(input).unwrap().value();
    let fragment = &link[link.find('#').unwrap() + 1..];
    assert!(
        fragment.starts_with("v1;seed=1;until=30000;") && fragment.contains("20000@kill-consumer:consumer=2"),
        "{fragment}"
    );
    let original = (text_of(&root, ".leo"), text_of(&root, ".member-state"));
    let scenario = Scenario::from_link(fragment).unwrap();
    let opened = mount_link(scenario).await;
    assert_eq!(text_of(&opened, ".clock"), ["t = 30.000s"]);
    assert!(opened.query_selector("button[aria-label='Play']").unwrap().is_some(), "opened paused");
    assert_eq!((text_of(&opened, ".leo"), text_of(&opened, ".member-state")), original);
}

/// Issue 15: pasting a new share link into a tab that already shows the playground changes only
/// the `#` part; the page loads that run. An unreadable one says why and the run goes on.
#[wasm_bindgen_test]
async fn a_new_link_in_the_address_loads_its_run_and_a_bad_one_says_why() {
    let root =
        mount_with(AppProps { autoplay: false, shortcuts: false, follow_hash: true, ..AppProps::default() })
            .await;
    advance(&root, 10).await;
    let location = web_sys::window().unwrap().location();
    let link =
        "#v1;seed=4;until=20000;0@create-topic:topic=books,partitions=2;0@add-consumer:group=g,topics=books";
    location.set_hash(link).unwrap();
    let mut tries = 0;
    while text_of(&root, ".clock") != ["t = 20.000s"] && tries < 50 {
        yew::platform::time::sleep(std::time::Duration::from_millis(20)).await;
        tries += 1;
    }
    assert_eq!(text_of(&root, ".clock"), ["t = 20.000s"]);
    assert_eq!(text_of(&root, ".lane-name"), ["P0", "P1"], "the linked world, not the default one");
    location.set_hash("#nonsense").unwrap();
    let mut tries = 0;
    while text_of(&root, ".error").is_empty() && tries < 50 {
        yew::platform::time::sleep(std::time::Duration::from_millis(20)).await;
        tries += 1;
    }
    let error = text_of(&root, ".error");
    assert!(
        error.iter().any(|e| e.contains("is not a share link") && e.contains("the run on the page goes on")),
        "{error:?}"
    );
    assert_eq!(text_of(&root, ".lane-name"), ["P0", "P1"], "the run is kept");
    location.set_hash("").unwrap();
    root.remove();
}

#[wasm_bindgen_test]
async fn an_unreadable_link_says_why_above_the_default_world() {
    let error = playground::link_error("#v1;seed=x");
    let root =
        mount_with(AppProps { load_error: error, autoplay: false, shortcuts: false, ..AppProps::default() })
            .await;
    let shown = text_of(&root, ".error");
    assert!(shown[0].contains("item 2 (seed=x): seed=“x” is not a whole number in range"), "{shown:?}");
    assert_eq!(text_of(&root, ".lane-name").len(), 6, "the default world is there");
}

#[wasm_bindgen_test]
async fn the_event_log_filters_by_kind_and_text() {
    let root = mount(1).await;
    advance(&root, 10).await;
    let lines = text_of(&root, ".log-line");
    assert!(lines.len() <= 16, "only the lines in view are drawn: {}", lines.len());
    assert!(lines[0].starts_with("6.040s"), "newest first: {lines:?}");
    assert!(!lines.iter().any(|l| l.contains("Heartbeat")), "heartbeats are hidden by default");
    // Scrolled to the end: the oldest lines, the first JoinGroups.
    let log = root.query_selector(".log-box").unwrap().expect("the log scrolls in a box");
    log.set_scroll_top(log.scroll_height());
    log.dispatch_event(&web_sys::Event::new("scroll").unwrap()).unwrap();
    settle().await;
    let lines = text_of(&root, ".log-line");
    assert!(lines.iter().any(|l| l.contains("JoinGroup")), "{lines:?}");
    assert!(lines.last().is_some_and(|l| l.starts_with("0.000s")), "{lines:?}");
    choose(&root, "input[aria-label='Filter text']", "SyncGroup", "input").await;
    let lines = text_of(&root, ".log-line");
    assert!(!lines.is_empty() && lines.iter().all(|l| l.contains("SyncGroup")), "{lines:?}");
}

#[wasm_bindgen_test]
async fn the_ops_tabs_print_kafkas_columns() {
    let root = mount(1).await;
    advance(&root, 10).await;
    tab(&root, "--describe").await;
    assert_eq!(
        text_of(&root, ".ops th"),
        [
            "GROUP",
            "TOPIC",
            "PARTITION",
            "CURRENT-OFFSET",
            "LOG-END-OFFSET",
            "LAG",
            "CONSUMER-ID",
            "HOST",
            "CLIENT-ID"
        ]
    );
    assert_eq!(root.query_selector_all(".ops tbody tr").unwrap().length(), 6);
    tab(&root, "--members").await;
    assert_eq!(
        text_of(&root, ".ops th"),
        [
            "GROUP",
            "CONSUMER-ID",
            "HOST",
            "CLIENT-ID",
            "#PARTITIONS",
            "CURRENT-EPOCH",
            "CURRENT-ASSIGNMENT",
            "TARGET-EPOCH",
            "TARGET-ASSIGNMENT"
        ]
    );
    tab(&root, "--state").await;
    let cells = text_of(&root, ".ops td");
    assert_eq!(cells[0], "group-a");
    assert_eq!(cells[2..], ["range", "Stable", "3"]);
    click(&root, "Kill consumer-1").await;
    click(&root, "Close consumer-2").await;
    advance(&root, 10).await;
    tab(&root, "--describe").await;
    assert_eq!(text_of(&root, ".ops .notice"), ["Warning: Consumer group 'group-a' is rebalancing."]);
}

#[wasm_bindgen_test]
async fn invariants_show_as_green_ticks() {
    let root = mount(1).await;
    advance(&root, 60).await;
    let ticks = text_of(&root, ".tick.ok");
    assert_eq!(ticks.len(), 4, "{ticks:?}");
    assert!(root.query_selector(".tick.broken").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_second_group_reads_the_same_topic_on_its_own() {
    let root = mount(1).await;
    advance(&root, 10).await;
    let start: HtmlElement =
        wasm_bindgen::JsCast::dyn_into(root.query_selector(".new-group button").unwrap().unwrap()).unwrap();
    assert_eq!(start.text_content().unwrap(), "+ Start group-b on the same topic");
    start.click();
    settle().await;
    advance(&root, 10).await;
    let groups = text_of(&root, ".group h2");
    assert!(groups.len() == 2 && groups[1].starts_with("Group group-b"), "{groups:?}");
    assert_eq!(text_of(&root, ".group .badge"), ["Stable", "Stable"]);
    assert_eq!(chips_per_member(&root), [2, 2, 2, 6], "group-b's only member owns all six");
}

#[wasm_bindgen_test]
async fn producers_can_be_added_and_bad_settings_are_refused_inline() {
    let root = mount(1).await;
    choose(&root, "input[aria-label='Producer rate']", "5000", "input").await;
    click(&root, "Add producer").await;
    assert_eq!(
        text_of(&root, ".producers .inline-error"),
        ["The rate must be a whole number from 0 to 1000"]
    );
    assert_eq!(text_of(&root, ".producer").len(), 1);
    choose(&root, "input[aria-label='Producer rate']", "4", "input").await;
    choose(&root, "select[aria-label='Key mode']", "2", "change").await;
    click(&root, "Add producer").await;
    assert!(text_of(&root, ".producers .inline-error").is_empty());
    let producers = text_of(&root, ".producer");
    assert!(producers[1].contains("producer-2 → orders · 4/s · round-robin"), "{producers:?}");
    click(&root, "Remove producer-1").await;
    assert_eq!(text_of(&root, ".producer").len(), 1);
    advance(&root, 10).await;
    assert_eq!(total_log_end(&root), 40, "only producer-2 writes: 4/s for 10 s");
}

#[wasm_bindgen_test]
async fn following_a_key_highlights_where_it_lands() {
    let root = mount(1).await;
    advance(&root, 10).await;
    choose(&root, "input[aria-label='Follow key']", "7", "input").await;
    let said = text_of(&root, ".follow-result");
    let expected = groupsim::partitioner::partition_for_key(&groupsim::partitioner::key_bytes(7), 6);
    assert!(said[0].starts_with(&format!("key-7 → orders-{expected}")), "{said:?}");
    for lane in 0..6 {
        let hits = root
            .query_selector_all(&format!("li[aria-label='Partition orders-{lane}'] .record.followed"))
            .unwrap()
            .length();
        if lane != expected {
            assert_eq!(hits, 0, "key 7 never lands in P{lane}");
        }
    }
}

#[wasm_bindgen_test]
async fn shortcuts_show_with_a_question_mark_and_add_a_consumer_with_a() {
    let root = mount_with(AppProps { autoplay: false, shortcuts: true, ..AppProps::default() }).await;
    press("?").await;
    assert_eq!(text_of(&root, ".help h2"), ["Keyboard shortcuts"]);
    press("Escape").await;
    assert!(root.query_selector(".help").unwrap().is_none());
    press("a").await;
    assert_eq!(text_of(&root, ".member").len(), 4);
    press("f").await;
    assert_eq!(text_of(&root, ".clock"), ["t = 10.000s"]);
}

async fn press(key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    web_sys::window().unwrap().document().unwrap().dispatch_event(&event).unwrap();
    settle().await;
}

#[wasm_bindgen_test]
async fn a_crash_between_commits_shows_records_processed_twice() {
    let root = mount(1).await;
    advance(&root, 20).await;
    // Auto-commit runs every 5 s: at 24 s the last commit is up to 4 s old.
    for _ in 0..40 {
        click(&root, "Step to the next event").await;
        if text_of(&root, ".clock")[0].as_str() >= "t = 24" {
            break;
        }
    }
    click(&root, "Kill consumer-2").await;
    advance(&root, 60).await;
    let chip = text_of(&root, ".dup-count");
    assert!(chip[0].starts_with("↻ ") && !chip[0].starts_with("↻ 0 "), "{chip:?}");
    tab(&root, "Processed twice").await;
    let listed = text_of(&root, ".duplicates li");
    assert!(!listed.is_empty() && listed.iter().all(|d| d.contains("again")), "{listed:?}");
    assert!(root.query_selector(".tick.broken").unwrap().is_none(), "a crash explains every duplicate");
}

/// The default world with a kill of consumer-2 at 23.5 s, 2.5 s after its last auto-commit,
/// opened at 24 s.
#[wasm_bindgen_test]
async fn a_dead_consumers_uncommitted_records_show_at_risk_while_nobody_owns_them() {
    let mut link = "v1;seed=1;until=24000;0@create-topic:topic=orders,partitions=6;\
        0@add-producer:topic=orders,rate=6,keys=keyed32"
        .to_string();
    link.push_str(&";0@add-consumer:reset=earliest".repeat(3));
    link.push_str(";23500@kill-consumer:consumer=1");
    let root = mount_link(Scenario::from_link(&link).unwrap()).await;
    assert_eq!(text_of(&root, ".lane.unowned .lane-name"), ["P2", "P3"]);
    // Processed since the commit at 21 s: a new owner will process them again (reference §6).
    let at_risk = root.query_selector_all(".lane.unowned .record.at-risk").unwrap().length();
    assert!(at_risk > 0, "the dead consumer's processed records are not shown as processed");
}

/// Cooperative rebalancing (reference §2.1): the members keep their partitions and go on
/// consuming while the group rebalances, so no lane goes unowned. Opened at 21.033 s, when
/// the three have rejoined for consumer-4 and the group is still in PreparingRebalance.
#[wasm_bindgen_test]
async fn cooperative_members_keep_their_lanes_through_a_rebalance() {
    let consumer = ";0@add-consumer:reset=earliest,assignors=cooperative-sticky";
    let link = format!(
        "v1;seed=1;until=21033;0@create-topic:topic=orders,partitions=6;\
        0@add-producer:topic=orders,rate=6,keys=keyed32{};20000@add-consumer:reset=earliest,assignors=cooperative-sticky",
        consumer.repeat(3),
    );
    let root = mount_link(Scenario::from_link(&link).unwrap()).await;
    assert_eq!(text_of(&root, ".badge"), ["PreparingRebalance"]);
    assert!(text_of(&root, ".lane.unowned .lane-name").is_empty());
    assert_eq!(root.query_selector_all(".lane.owner-0, .lane.owner-1, .lane.owner-2").unwrap().length(), 6);
}

/// 64 partitions and 2 consumers, opened at 20 s.
fn long_topic() -> Scenario {
    let link = "v1;seed=1;until=20000;0@create-topic:topic=orders,partitions=64;\
        0@add-producer:topic=orders,rate=20,keys=keyed32;0@add-consumer:reset=earliest;0@add-consumer:reset=earliest";
    Scenario::from_link(link).unwrap()
}

fn lane_names(root: &Element) -> Vec<String> {
    text_of(root, ".lane-name")
}

#[wasm_bindgen_test]
async fn a_long_topic_scrolls_and_draws_only_the_lanes_in_view() {
    let root = mount_link(long_topic()).await;
    let shown = lane_names(&root);
    assert_eq!(shown.first().map(String::as_str), Some("P0"));
    assert!(shown.len() <= 14, "{} lanes drawn of 64", shown.len());
    let header = text_of(&root, ".topic h2 .muted");
    assert!(header[0].contains("64 partitions"), "{header:?}");
    let lane = root.query_selector("li[aria-label='Partition orders-0']").unwrap().unwrap();
    assert_eq!(lane.get_attribute("aria-setsize").as_deref(), Some("64"));

    let scroller = root.query_selector(".lanes-box.windowed").unwrap().expect("a scroll box");
    let stride = lane.get_bounding_client_rect().height() + 6.0;
    scroller.set_scroll_top((40.0 * stride) as i32);
    scroller.dispatch_event(&web_sys::Event::new("scroll").unwrap()).unwrap();
    settle().await;
    let shown = lane_names(&root);
    assert!(shown.contains(&"P40".to_string()) && !shown.contains(&"P0".to_string()), "{shown:?}");
    // The lane drawn at P40's place really is at the top of the box.
    let top = scroller.get_bounding_client_rect().top();
    let p40 = root.query_selector("li[aria-label='Partition orders-40']").unwrap().unwrap();
    let off = p40.get_bounding_client_rect().top() - top;
    assert!(off.abs() < 2.0, "P40 is {off}px from the top of the box");
}

#[wasm_bindgen_test]
async fn following_a_key_scrolls_its_partition_into_view() {
    let root = mount_link(long_topic()).await;
    // A key that lands beyond the first lanes.
    let key = (0..32u32)
        .find(|&k| groupsim::partitioner::partition_for_key(&groupsim::partitioner::key_bytes(k), 64) >= 30)
        .unwrap();
    let partition = groupsim::partitioner::partition_for_key(&groupsim::partitioner::key_bytes(key), 64);
    choose(&root, "input[aria-label='Follow key']", &key.to_string(), "input").await;
    settle().await;
    assert!(
        lane_names(&root).contains(&format!("P{partition}")),
        "P{partition} is drawn after following key {key}"
    );
}

#[wasm_bindgen_test]
async fn a_big_group_scrolls_its_cards_and_keeps_one_row_of_chips() {
    // 7 members share 64 partitions: 9 or 10 each.
    let mut link = String::from("v1;seed=1;until=20000;0@create-topic:topic=orders,partitions=64");
    for _ in 0..7 {
        link.push_str(";0@add-consumer:reset=earliest");
    }
    let scenario = Scenario::from_link(&link).unwrap();
    let root = mount_link(scenario).await;
    let names = text_of(&root, ".member-head strong");
    assert!(names.len() < 7, "only the cards in view are drawn: {names:?}");
    assert_eq!(names[0], "consumer-1");
    let chips = chips_text(&root);
    assert!(chips[0].ends_with("+1") || chips[0].ends_with("+2"), "8 chips and a count: {chips:?}");

    let cards = root.query_selector(".members-box.windowed").unwrap().expect("a scroll box");
    cards.set_scroll_top(cards.scroll_height());
    cards.dispatch_event(&web_sys::Event::new("scroll").unwrap()).unwrap();
    settle().await;
    let names = text_of(&root, ".member-head strong");
    assert_eq!(names.last().map(String::as_str), Some("consumer-7"), "{names:?}");
    assert!(!names.contains(&"consumer-1".to_string()), "{names:?}");
}

/// A member's coordinator deadline during its first join is Kafka's 5-minute new-member join
/// timeout (`CLASSIC_GROUP_NEW_MEMBER_JOIN_TIMEOUT_MS`), named "join"; from its first generation
/// on it is the session timeout.
#[wasm_bindgen_test]
async fn a_new_member_counts_down_its_first_join_then_its_session() {
    let root = mount(1).await;
    for _ in 0..4 {
        click(&root, "Step to the next event").await;
    }
    assert_eq!(text_of(&root, ".badge"), ["PreparingRebalance"]);
    let joins = root.query_selector_all(".timer-session").unwrap();
    assert_eq!(joins.length(), 3);
    assert_eq!(text_of(&root, ".timer-session .timer-name"), ["join", "join", "join"]);
    let title = root.query_selector(".timer-session").unwrap().unwrap().get_attribute("title").unwrap();
    assert!(title.contains("5 minutes"), "{title}");
    assert!(text_of(&root, ".timer-session .timer-left").iter().all(|t| t.starts_with("299.")));
    advance(&root, 10).await;
    assert_eq!(text_of(&root, ".badge"), ["Stable"]);
    assert_eq!(text_of(&root, ".timer-session .timer-name"), ["session", "session", "session"]);
}

/// The default world as a link that ends `hours` of virtual time in.
fn default_world_until(hours: u64) -> Scenario {
    let mut link = format!(
        "v1;seed=1;until={};0@create-topic:topic=orders,partitions=6;0@add-producer:topic=orders,rate=6,keys=keyed32",
        hours * 3_600_000
    );
    link.push_str(&";0@add-consumer:reset=earliest".repeat(3));
    Scenario::from_link(&link).unwrap()
}

/// A link holding hours of virtual time (one made after playing at 10,000×) is replayed in
/// slices: the page draws at once and says how far the replay has got, and it ends paused at
/// the link's moment, exactly as a replay in one go would.
#[wasm_bindgen_test]
async fn a_long_link_replays_in_slices_with_the_page_drawn() {
    let root = mount_link(default_world_until(6)).await;
    let status = text_of(&root, ".replaying");
    assert_eq!(status.len(), 1, "six virtual hours do not replay in one 40 ms slice");
    assert!(status[0].contains("of 21600.000s"), "{status:?}");
    // Let the slices run: each is a zero-length timeout, not a wait for simulated time.
    for _ in 0..2_000 {
        if text_of(&root, ".replaying").is_empty() {
            break;
        }
        settle().await;
    }
    assert!(text_of(&root, ".replaying").is_empty(), "the replay never finished");
    // The clock is a child component: it draws in the scheduler's next pass.
    settle().await;
    assert_eq!(text_of(&root, ".clock"), ["t = 21600.000s"]);
    assert!(button(&root, "Play").is_connected(), "paused at the link's moment");
}

/// Any action during a long replay stops it where it has got to, keeping the run so far.
#[wasm_bindgen_test]
async fn an_action_stops_a_long_replay_where_it_is() {
    let root = mount_link(default_world_until(48)).await;
    assert_eq!(text_of(&root, ".replaying").len(), 1);
    click(&root, "Step to the next event").await;
    assert!(text_of(&root, ".replaying").is_empty(), "the step stopped the replay");
    let clock = text_of(&root, ".clock")[0].clone();
    let seconds: f64 = clock.trim_start_matches("t = ").trim_end_matches('s').parse().unwrap();
    assert!(0.0 < seconds && seconds < 48.0 * 3600.0, "{clock}");
    settle().await;
    assert_eq!(text_of(&root, ".clock"), [clock], "no slice ran after the stop");
}

/// Lets the browser draw two frames: an IntersectionObserver reports at a rendering step.
async fn next_frames() {
    for _ in 0..2 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window().unwrap().request_animation_frame(&resolve).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
    settle().await;
}

#[wasm_bindgen_test]
async fn while_playing_a_panel_out_of_view_waits_until_it_is_scrolled_to() {
    // Below a spacer taller than any window, every panel starts out of view.
    let document = web_sys::window().unwrap().document().unwrap();
    let spacer = document.create_element("div").unwrap();
    spacer.set_attribute("style", "height:5000px").unwrap();
    document.body().unwrap().append_child(&spacer).unwrap();
    let root = mount(1).await;
    next_frames().await;
    click(&root, "Play").await;
    click(&root, "+10 s: advance 10 seconds").await;
    // The clock moved; the lanes, out of view, still show the world as it was drawn at 0 s.
    assert_ne!(text_of(&root, ".clock"), ["t = 0.000s"]);
    assert_eq!(total_log_end(&root), 0);
    let topic = root.query_selector("[data-panel='topic:orders']").unwrap().unwrap();
    topic.scroll_into_view();
    next_frames().await;
    assert!(total_log_end(&root) >= 60, "in view, the lanes are drawn from the current world");
    // The wire is further down; pausing draws every panel, seen or not.
    let wire_before = text_of(&root, ".flight .api");
    click(&root, "Pause").await;
    assert_ne!(text_of(&root, ".flight .api"), wire_before);
    spacer.remove();
}

/// Issue 14: this page leaves the consumer protocol out of its first load; its consumer
/// settings link to the page that has it (`kip848/`, in the page's language, in a new tab so the
/// run here goes on).
#[wasm_bindgen_test]
async fn the_consumer_settings_link_to_the_page_with_the_consumer_protocol() {
    let root = mount(1).await;
    let link = root.query_selector(".add-consumer a[href^='kip848/']").unwrap().expect("a link to kip848/");
    assert_eq!(link.get_attribute("href").as_deref(), Some("kip848/?lang=en"));
    assert_eq!(link.get_attribute("target").as_deref(), Some("_blank"));
    assert!(link.text_content().unwrap().contains("group.protocol=consumer (KIP-848)"));
    assert!(root.query_selector("select[aria-label='Rebalance protocol']").unwrap().is_none());
}
