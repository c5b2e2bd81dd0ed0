//! UI tests of the embed API (issue 17, `docs/embed.md`), in headless Chrome. The test page is not
//! in a frame, so the playground's messages to its host arrive at this same window: the test
//! listens for them there and posts its requests to itself, as a host page would to the frame.
//! Each test unmounts its app before it ends, since every mounted embed hears every message.
#![cfg(all(target_arch = "wasm32", feature = "embed"))]
#![allow(clippy::unwrap_used)]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use playground::{App, AppProps, Embed};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, MessageEvent};

mod support;
use support::{advance, text_of};

wasm_bindgen_test_configure!(run_in_browser);

/// The playground's messages this window heard, as JSON text, oldest first.
struct Heard {
    messages: Rc<RefCell<Vec<String>>>,
    closure: Closure<dyn FnMut(MessageEvent)>,
}

impl Heard {
    fn listen() -> Heard {
        let messages = Rc::new(RefCell::new(Vec::new()));
        let kept = messages.clone();
        let closure = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let text = js_sys::JSON::stringify(&e.data()).unwrap().as_string().unwrap_or_default();
            if text.contains(r#""source":"kafka-group-playground""#) {
                kept.borrow_mut().push(text);
            }
        });
        window().add_event_listener_with_callback("message", closure.as_ref().unchecked_ref()).unwrap();
        Heard { messages, closure }
    }

    /// What arrived since the last call.
    fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.messages.borrow_mut())
    }

    /// Waits (a few milliseconds at a time, at most a second) until a message of `kind` has
    /// arrived; returns everything heard since the last call, that one included.
    async fn until(&self, kind: &str) -> Vec<String> {
        let tag = format!(r#""type":"{kind}""#);
        for _ in 0..100 {
            if self.messages.borrow().iter().any(|m| m.contains(&tag)) {
                break;
            }
            sleep(10).await;
        }
        let heard = self.take();
        assert!(heard.iter().any(|m| m.contains(&tag)), "no {kind} message; heard {heard:?}");
        heard
    }
}

impl Drop for Heard {
    fn drop(&mut self) {
        let _ =
            window().remove_event_listener_with_callback("message", self.closure.as_ref().unchecked_ref());
    }
}

fn window() -> web_sys::Window {
    web_sys::window().unwrap()
}

async fn sleep(ms: u64) {
    yew::platform::time::sleep(Duration::from_millis(ms)).await;
}

/// Posts a request to the page as a host does: the object, not its text.
async fn send(json: &str) {
    post(&js_sys::JSON::parse(json).unwrap()).await;
}

/// Posts `value` to the page and lets it be delivered and drawn.
async fn post(value: &wasm_bindgen::JsValue) {
    window().post_message(value, "*").unwrap();
    for _ in 0..3 {
        sleep(15).await;
    }
}

async fn mount(embed: Embed) -> (Element, yew::AppHandle<App>) {
    let document = window().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let props = AppProps { autoplay: false, shortcuts: false, embed: Some(embed), ..AppProps::default() };
    let handle = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    sleep(20).await;
    (root, handle)
}

fn of_kind<'a>(heard: &'a [String], kind: &str) -> Vec<&'a String> {
    let tag = format!(r#""type":"{kind}""#);
    heard.iter().filter(|m| m.contains(&tag)).collect()
}

fn clock(root: &Element) -> String {
    text_of(root, ".clock").concat()
}

#[wasm_bindgen_test]
async fn a_message_from_an_origin_outside_origin_is_ignored_and_unanswered() {
    let heard = Heard::listen();
    let only = Embed { panels: vec!["groups".into()], origins: vec!["https://blog.example".into()] };
    let (root, handle) = mount(only).await;
    send(r#"{"api":1,"type":"seek","ms":20000}"#).await;
    send(r#"{"api":1,"type":"eval","code":"1"}"#).await;
    sleep(50).await;
    assert_eq!(clock(&root), "t = 0.000s", "the seek from this page's origin was acted on");
    // Nothing is posted to this page either: its messages go to https://blog.example only.
    assert_eq!(heard.take(), Vec::<String>::new());
    handle.destroy();
}

#[wasm_bindgen_test]
async fn each_documented_message_does_what_embed_md_says() {
    let heard = Heard::listen();
    let embed = Embed { panels: vec!["groups".into(), "wire".into()], origins: Vec::new() };
    let (root, handle) = mount(embed).await;

    // ready, then the state; only the chosen panels are drawn.
    let first = heard.until("state").await;
    let ready = of_kind(&first, "ready");
    assert_eq!(ready.len(), 1, "{first:?}");
    assert!(ready[0].contains(r#""lang":"en""#), "{}", ready[0]);
    assert!(of_kind(&first, "state")[0].contains(r#""playing":false"#), "{first:?}");
    assert!(root.query_selector("section.group").unwrap().is_some(), "the groups panel shows");
    assert!(root.query_selector("section.topic").unwrap().is_none(), "the topics panel is left out");
    assert!(text_of(&root, "button").iter().any(|b| b.contains("open full size")));

    // play and pause, and the speed (the nearest offered at or below it).
    send(r#"{"api":1,"type":"play"}"#).await;
    assert!(of_kind(&heard.until("state").await, "state").iter().any(|m| m.contains(r#""playing":true"#)));
    send(r#"{"api":1,"type":"speed","speed":150}"#).await;
    let speed = heard.until("state").await;
    assert!(of_kind(&speed, "state").iter().any(|m| m.contains(r#""speed":100,"#)), "{speed:?}");
    assert!(text_of(&root, ".controls").concat().contains("100×"), "{:?}", text_of(&root, ".controls"));
    send(r#"{"api":1,"type":"pause"}"#).await;
    assert!(of_kind(&heard.until("state").await, "state").iter().any(|m| m.contains(r#""playing":false"#)));

    // seek: the clock lands there, and the rebalances on the way are reported once.
    send(r#"{"api":1,"type":"seek","ms":20000}"#).await;
    assert_eq!(clock(&root), "t = 20.000s");
    let seeked = heard.take();
    let rebalances = of_kind(&seeked, "rebalance");
    assert!(!rebalances.is_empty(), "no rebalance in the first 20 s: {seeked:?}");
    assert!(rebalances.iter().all(|m| m.contains(r#""group":"#) && m.contains(r#""cause_text":"#)));
    // Back to the start, and through the same 20 s again by running (the +10 s button steps the
    // world): nothing is reported twice.
    send(r#"{"api":1,"type":"seek","ms":0}"#).await;
    advance(&root, 20).await;
    assert_eq!(clock(&root), "t = 20.000s");
    sleep(30).await;
    assert_eq!(
        of_kind(&heard.take(), "rebalance"),
        Vec::<&String>::new(),
        "reported again after a seek back"
    );

    // command: kill consumer-2; its session times out and the group rebalances without it.
    send(r#"{"api":1,"type":"command","command":"kill-consumer:consumer=1"}"#).await;
    let cards = text_of(&root, ".member");
    assert!(cards.iter().any(|c| c.contains("consumer-2") && c.contains("killed")), "{cards:?}");
    send(r#"{"api":1,"type":"seek","ms":80000}"#).await;
    let after = heard.take();
    let timed_out = of_kind(&after, "rebalance");
    assert!(
        timed_out.iter().any(|m| m.contains(r#""cause_text":"consumer-2's session timed out""#)),
        "{after:?}"
    );

    // get-state: the state now, even unchanged.
    send(r#"{"api":1,"type":"get-state"}"#).await;
    let state = heard.until("state").await;
    let state = of_kind(&state, "state")[0];
    assert!(state.contains(r#""consumers":2"#) && state.contains(r#""now_ms":80000"#), "{state}");

    // load: a share link's world, replayed to its until, paused there.
    send(r#"{"api":1,"type":"load","scenario":"v1;seed=4;until=7000"}"#).await;
    for _ in 0..50 {
        if clock(&root) == "t = 7.000s" {
            break;
        }
        sleep(10).await;
    }
    assert_eq!(clock(&root), "t = 7.000s");
    heard.take();

    // lesson: one handed over, as an object; its progress is reported.
    let lesson = r#"{"lesson":1,"title":{"en":"Watch","zh":"看"},"steps":[{"text":{"en":"Look.","zh":"看。"}}],
        "question":{"text":{"en":"How many?","zh":"几个？"},"answer":{"measure":"partitions-of","consumer":"consumer-1"},"choices":["0","1","2"]}}"#;
    send(&format!(r#"{{"api":1,"type":"lesson","lesson":{lesson}}}"#)).await;
    let progress = heard.until("lesson").await;
    let progress = of_kind(&progress, "lesson")[0];
    assert!(progress.contains(r#""lesson":"Watch","step":1,"steps":1"#), "{progress}");
    assert_eq!(text_of(&root, ".lesson-text").concat(), "Look.");

    // lesson: one by its URL, fetched as `?lesson=` is; one that cannot be read is refused.
    let crash = include_str!("../../static/lessons/crash.json");
    let url = format!("data:application/json,{}", String::from(js_sys::encode_uri_component(crash)));
    send(&format!(r#"{{"api":1,"type":"lesson","url":{}}}"#, js_sys::JSON::stringify(&url.into()).unwrap()))
        .await;
    let progress = heard.until("lesson").await;
    assert!(
        of_kind(&progress, "lesson")[0].contains(r#""lesson":"A consumer crashes","step":1"#),
        "{progress:?}"
    );
    send(r#"{"api":1,"type":"lesson","url":"data:application/json,{"}"#).await;
    let refused = heard.until("refused").await;
    assert!(of_kind(&refused, "refused")[0].contains(r#""refused":"lesson""#), "{refused:?}");

    // Anything else is refused, to its sender, with its id and the reason.
    send(r#"{"api":1,"type":"eval","code":"alert(1)","id":"x1"}"#).await;
    let refused = heard.until("refused").await;
    let refused = of_kind(&refused, "refused")[0];
    assert!(refused.contains(r#""refused":"eval","id":"x1","message":"unknown type \"eval\""#), "{refused}");
    send(r#"{"api":2,"type":"play","id":3}"#).await;
    let refused = heard.until("refused").await;
    assert!(
        of_kind(&refused, "refused")[0].contains(r#""id":3,"message":"this playground speaks API version 1"#)
    );
    send(r#"{"api":1,"type":"command","command":"kill-consumer:consumer=99","id":2}"#).await;
    let refused = heard.until("refused").await;
    assert!(of_kind(&refused, "refused")[0].contains(r#""refused":"command","id":2"#), "{refused:?}");
    post(&"not json".into()).await;
    let refused = heard.until("refused").await;
    assert!(of_kind(&refused, "refused")[0].contains(r#""refused":null"#), "{refused:?}");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn the_page_reports_its_height() {
    let heard = Heard::listen();
    let embed = Embed { panels: vec!["groups".into()], origins: Vec::new() };
    let (_root, handle) = mount(embed).await;
    let heard = heard.until("size").await;
    let size = of_kind(&heard, "size")[0];
    let height: u32 = size.split(r#""height":"#).nth(1).unwrap().trim_end_matches('}').parse().unwrap();
    assert!(height > 100, "{size}");
    handle.destroy();
}
