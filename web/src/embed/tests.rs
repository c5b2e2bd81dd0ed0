//! The embed API's messages as `docs/embed.md` documents them, read and written natively.

use super::inbound::{Ask, Id, Refusal, read};
use super::*;
use crate::lesson::json::{self, Json};

fn refused(text: &str) -> Refusal {
    read(text).expect_err(text)
}

fn field<'a>(message: &'a Json, name: &str) -> &'a Json {
    let Json::Obj(fields) = message else { panic!("an object: {message:?}") };
    &fields.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name} in {message:?}")).1
}

#[test]
fn embed_options_come_from_the_query() {
    let decode = |v: &str| v.replace("%2C", ",").replace("%3A", ":").replace("%2F", "/");
    assert_eq!(from_query("?lang=zh", decode), None);
    assert_eq!(from_query("?embed=0", decode), None);
    let all = from_query("?embed=1", decode).unwrap();
    assert_eq!(all.panels, PANELS.map(String::from).to_vec());
    assert!(all.accepts("https://anyone.example"));
    let some =
        from_query("?embed=1&panels=groups%2Cwire,nonsense&origin=https%3A%2F%2Fblog.example%2F", decode)
            .unwrap();
    assert_eq!(some.panels, ["groups", "wire"]);
    assert!(some.shows("group:group-a") && some.shows("wire"));
    assert!(!some.shows("topic:orders") && !some.shows("producers") && !some.shows("details"));
    assert!(some.accepts("https://blog.example"));
    assert!(!some.accepts("https://evil.example"));
    assert_eq!(from_query("?embed=1&panels=nothing", decode).unwrap().panels.len(), PANELS.len());
}

#[test]
fn every_documented_type_is_read() {
    let ask = |text: &str| read(text).unwrap_or_else(|e| panic!("{text}: {e:?}")).ask;
    assert_eq!(ask(r#"{"api":1,"type":"play"}"#), Ask::Play);
    assert_eq!(ask(r#"{"api":1,"type":"pause"}"#), Ask::Pause);
    assert_eq!(ask(r#"{"api":1,"type":"get-state"}"#), Ask::GetState);
    // The speeds are in tenths: 100× is SPEEDS[9]; 0.5× SPEEDS[2]; 300× the nearest at or below, 200×.
    assert_eq!(ask(r#"{"api":1,"type":"speed","speed":100}"#), Ask::Speed(9));
    assert_eq!(ask(r#"{"api":1,"type":"speed","speed":"0.5"}"#), Ask::Speed(2));
    assert_eq!(ask(r#"{"api":1,"type":"speed","speed":300}"#), Ask::Speed(10));
    assert_eq!(ask(r#"{"api":1,"type":"seek","ms":30000}"#), Ask::Seek(30_000));
    assert_eq!(
        ask(r#"{"api":1,"type":"command","command":"kill-consumer:consumer=1"}"#),
        Ask::Command(groupsim::Command::KillConsumer { consumer: 1 })
    );
    let Ask::Load { scenario, play } = ask(
        r##"{"api":1,"type":"load","scenario":"#v1;seed=3;until=5000;0@create-topic:topic=t,partitions=2","play":true}"##,
    ) else {
        panic!("a load")
    };
    assert_eq!((scenario.config.seed, scenario.until_ms, scenario.commands.len(), play), (3, 5000, 1, true));
    assert_eq!(
        ask(r#"{"api":1,"type":"lesson","url":"static/lessons/crash.json"}"#),
        Ask::LessonAt("static/lessons/crash.json".into())
    );
    let lesson = r#"{"lesson":1,"title":{"en":"T","zh":"题"},"steps":[{"text":{"en":"a","zh":"甲"}}],
        "question":{"text":{"en":"q","zh":"问"},"answer":{"measure":"partitions-of","consumer":"consumer-1"},"choices":["0","1"]}}"#;
    let Ask::Lesson(handed) = ask(&format!(r#"{{"api":1,"type":"lesson","lesson":{lesson}}}"#)) else {
        panic!("a lesson")
    };
    assert_eq!(handed.steps.len(), 1);
    let as_text = format!(r#"{{"api":1,"type":"lesson","lesson":{}}}"#, json::quote(lesson));
    assert!(matches!(ask(&as_text), Ask::Lesson(_)));
}

#[test]
fn anything_else_is_refused_with_a_reason() {
    let r = refused(r#"{"api":1,"type":"eval","code":"alert(1)","id":7}"#);
    assert_eq!((r.asked.as_deref(), &r.id), (Some("eval"), &Some(Id::Num(7))));
    assert!(r.message.starts_with("unknown type \"eval\""), "{}", r.message);
    let r = refused(r#"{"api":2,"type":"play","id":"a"}"#);
    assert_eq!(r.id, Some(Id::Text("a".into())));
    assert_eq!(r.message, "this playground speaks API version 1: give \"api\": 1");
    assert_eq!(
        refused(r#"{"type":"play"}"#).message,
        "this playground speaks API version 1: give \"api\": 1"
    );
    assert_eq!(refused("[1]").message, "a message is an object with \"api\" and \"type\"");
    assert!(refused("hello").message.starts_with("not JSON the playground reads"));
    assert_eq!(refused(r#"{"api":1}"#).message, "a message needs a \"type\" (a string)");
    assert_eq!(refused(r#"{"api":1,"type":"play","speed":1}"#).message, "\"play\" takes no field \"speed\"");
    assert!(
        refused(r#"{"api":1,"type":"speed","speed":0.5}"#).message.contains("a speed below 1× is a string")
    );
    assert!(refused(r#"{"api":1,"type":"seek","ms":-1}"#).message.contains("from 0 to 86400000"));
    let r = refused(r#"{"api":1,"type":"command","command":"kill-consumer:consumr=1"}"#);
    assert!(r.message.starts_with("command “kill-consumer:consumr=1”: "), "{}", r.message);
    assert!(refused(r##"{"api":1,"type":"load","scenario":"#nope"}"##).message.starts_with("scenario: "));
    assert!(refused(r#"{"api":1,"type":"lesson"}"#).message.contains("either \"url\""));
    let r = refused(r#"{"api":1,"type":"lesson","lesson":{"lesson":1}}"#);
    assert_eq!(r.message, "missing field `question`");
}

#[test]
fn what_the_playground_posts_is_json_with_its_source() {
    let refusal =
        Refusal { asked: Some("eval".into()), id: Some(Id::Text("x\"1".into())), message: "no".into() };
    let posted = json::parse(&outbound::refused(&refusal)).unwrap();
    assert_eq!(field(&posted, "api"), &Json::Num(API));
    assert_eq!(field(&posted, "source"), &Json::Str(SOURCE.into()));
    assert_eq!(field(&posted, "type"), &Json::Str("refused".into()));
    assert_eq!(field(&posted, "refused"), &Json::Str("eval".into()));
    assert_eq!(field(&posted, "id"), &Json::Str("x\"1".into()));
    let ready = json::parse(&outbound::ready("zh")).unwrap();
    assert_eq!(field(&ready, "lang"), &Json::Str("zh".into()));
    assert_eq!(json::parse(&outbound::size(640)).map(|m| field(&m, "height").clone()), Ok(Json::Num(640)));

    let scenario = crate::world::initial_scenario(1);
    let (sim, trace) = groupsim::Scenario { until_ms: 20_000, ..scenario }.run().unwrap();
    assert!(outbound::state(&sim.view(), false, 5).0.contains(",\"speed\":0.5,"));
    let (state, key) = outbound::state(&sim.view(), true, 1000);
    assert!(state.contains(&key) && state.ends_with(",\"now_ms\":20000}"), "{state}");
    let state = json::parse(&state).unwrap();
    assert_eq!(field(&state, "playing"), &Json::Bool(true));
    assert_eq!(field(&state, "speed"), &Json::Num(100));
    let Json::Arr(groups) = field(&state, "groups") else { panic!("groups") };
    assert_eq!(field(&groups[0], "state"), &Json::Str("Stable".into()));
    assert_eq!(field(&groups[0], "members"), &Json::Num(3));
    let rebalance = trace
        .iter()
        .find_map(|e| outbound::rebalance(e.at.as_millis(), &e.event, crate::lang::Lang::Zh))
        .expect("the first rebalance");
    let rebalance = json::parse(&rebalance).unwrap();
    assert_eq!(field(&rebalance, "group"), &Json::Str("group-a".into()));
    assert_eq!(field(&rebalance, "generation"), &Json::Num(1));
    assert_eq!(field(&rebalance, "cause"), &Json::Str("consumer-1 joined".into()));
    assert_eq!(field(&rebalance, "cause_text"), &Json::Str("consumer-1 加入".into()));
    let Json::Arr(moved) = field(&rebalance, "moved") else { panic!("moved") };
    assert_eq!(moved.len(), 6, "the first rebalance hands out all six partitions");
}

#[test]
fn share_offers_an_iframe_at_the_tutorial_size() {
    let snippet = iframe_snippet("https://site.example/play/?lang=zh#v1;seed=1;until=0");
    assert_eq!(
        snippet,
        "<iframe src=\"https://site.example/play/embed/?lang=zh&embed=1#v1;seed=1;until=0\" width=\"800\" height=\"580\" \
         style=\"border:0;max-width:100%\" title=\"Kafka consumer group playground\" loading=\"lazy\"></iframe>"
    );
    // The embed's build is a folder beside the page, wherever the link was made.
    let src = |link: &str| iframe_snippet(link).split('"').nth(1).unwrap_or_default().to_string();
    assert_eq!(
        src("https://site.example/?embed=1&lang=en#v1;seed=1"),
        "https://site.example/embed/?embed=1&lang=en#v1;seed=1"
    );
    assert_eq!(
        src("https://site.example/index.html#v1;seed=1"),
        "https://site.example/embed/?embed=1#v1;seed=1"
    );
    assert_eq!(
        src("https://site.example/embed/?lang=en#v1"),
        "https://site.example/embed/?lang=en&embed=1#v1"
    );
    // The build with the consumer protocol speaks the API: its runs stay there.
    assert_eq!(
        src("https://site.example/kip848/?lang=en#v1"),
        "https://site.example/kip848/?lang=en&embed=1#v1"
    );
}
