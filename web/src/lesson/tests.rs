//! Every built-in lesson parses, is the one the menu lists, and can be taken to its end: a
//! learner who does what each step asks reaches every wait and the question, whose answer the
//! world can measure. Also: malformed lessons say which step and field are wrong.

use groupsim::{Command, Duration, Instant, Session, SimEvent};

use super::format::{Lesson, Step, parse};
use super::measure::measure;
use super::progress::{LessonRun, recording_now};
use super::watch::consumer_number;

const FILES: [(&str, &str); 8] = [
    ("keys", include_str!("../../../static/lessons/keys.json")),
    ("sharing", include_str!("../../../static/lessons/sharing.json")),
    ("two-groups", include_str!("../../../static/lessons/two-groups.json")),
    ("offsets", include_str!("../../../static/lessons/offsets.json")),
    ("crash", include_str!("../../../static/lessons/crash.json")),
    ("close-kill-slow", include_str!("../../../static/lessons/close-kill-slow.json")),
    ("eager-cooperative", include_str!("../../../static/lessons/eager-cooperative.json")),
    ("static", include_str!("../../../static/lessons/static.json")),
];

/// The lessons only the page with the consumer protocol lists (`KIP848_LESSONS`).
const KIP848_FILES: [(&str, &str); 1] = [("kip848", include_str!("../../../static/lessons/kip848.json"))];

/// The files this build lists, in the menu's order.
fn files() -> Vec<(&'static str, &'static str)> {
    let extra = if groupsim::CONSUMER_PROTOCOL { &KIP848_FILES[..] } else { &[] };
    FILES.iter().chain(extra).copied().collect()
}

/// The longest a step may take to reach its event, in virtual time.
const WAIT_LIMIT: Duration = Duration::from_secs(900);

/// A learner on the default page: doing what a step's `act` asks, as the page's buttons would.
fn learner_does(step: &Step, session: &Session) -> Option<Command> {
    let wait = step.wait.as_ref()?;
    let act = wait.act.as_deref()?;
    let consumer = wait.consumer.as_deref().map(|c| consumer_number(c).expect("a consumer's name"));
    Some(match act {
        "add-consumer" => {
            // The page's buttons: "+ Add consumer" in group-a, or a new group's first consumer.
            let groups: Vec<String> =
                session.sim().view().consumers.iter().map(|c| c.group.clone()).collect();
            let group = wait.group.clone().unwrap_or_else(|| {
                if step.point.as_deref() == Some("new-group") {
                    next_group(&groups)
                } else {
                    crate::world::GROUP.into()
                }
            });
            Command::AddConsumer {
                config: groupsim::ConsumerConfig { group_id: group, ..crate::world::consumer() },
            }
        }
        "kill-consumer" => Command::KillConsumer { consumer: consumer.unwrap_or(0) },
        "close-consumer" => Command::CloseConsumer { consumer: consumer.unwrap_or(0) },
        "restart-consumer" => Command::RestartConsumer { consumer: consumer.unwrap_or(0) },
        "stall-processing" => Command::StallProcessing { consumer: consumer.unwrap_or(0), stalled: true },
        "pause-producer" => Command::PauseProducer { producer: 0, paused: true },
        other => panic!("the test learner does not know how to {other}"),
    })
}

fn next_group(existing: &[String]) -> String {
    (b'b'..=b'z')
        .map(|c| format!("group-{}", c as char))
        .find(|g| !existing.contains(g))
        .expect("a free name")
}

/// Takes a lesson from its first step to its question, as the app does, and returns the world
/// there and the records processed twice.
fn take(lesson: &Lesson) -> (Session, u64) {
    let mut session = Session::new(crate::world::initial_scenario(1)).expect("the default world");
    let mut run = LessonRun::new(lesson.clone());
    let mut duplicates = 0;
    // The page's speed (× real time): each tick of 100 ms wall runs 100 ms × speed.
    let mut speed = 1;
    while let Some(step) = run.current().cloned() {
        // A learner on a paused step presses Play when it waits for the world.
        speed = step.speed.unwrap_or(speed).max(1);
        run.entered(recording_now(&session));
        if let Some(world) = &step.world {
            let scenario =
                crate::services::scenario_from_fragment(world).expect("a world").expect("a valid world");
            let until = Instant::from_millis(scenario.until_ms);
            session = Session::new(scenario).expect("the world starts");
            session.run_to(until).expect("the world runs to where it is shown");
        }
        for command in &step.commands {
            session.apply(command.clone()).expect("the step's commands are taken");
        }
        // The page drains (draws) what the world and commands made before the step waits.
        while session.poll_event().is_some() {}
        run.set_up(session.sim().now());
        if let Some(command) = learner_does(&step, &session) {
            session.apply(command.clone()).unwrap_or_else(|e| panic!("step {}: {e}", run.step + 1));
            assert!(run.wants_act(&command), "step {}: the learner's act ends its wait", run.step + 1);
            run.met = true;
        }
        let started = session.sim().now();
        while step.wait.is_some() && !run.met {
            assert!(
                session.sim().now() < started + WAIT_LIMIT,
                "step {} of “{}” waited {WAIT_LIMIT} for {:?}",
                run.step + 1,
                lesson.title.get(crate::lang::Lang::En),
                step.wait
            );
            let until = session.sim().now() + Duration::from_millis(100 * u64::from(speed));
            let mut met = false;
            session
                .run_to_draining(until, &mut |e| {
                    met |= run.wants_event(&e.event);
                    duplicates += u64::from(matches!(e.event, SimEvent::Duplicate { .. }));
                })
                .expect("the run goes on");
            run.met |= met || run.time_is_up(session.sim().now());
        }
        run.next();
    }
    (session, duplicates)
}

#[test]
fn every_built_in_lesson_parses_and_is_listed_as_it_is() {
    let listed: Vec<_> = super::catalog::listed().collect();
    assert_eq!(files().len(), listed.len());
    for (entry, (id, text)) in listed.into_iter().zip(files()) {
        assert_eq!(entry.id, id, "the menu lists the lessons in the files' order");
        let lesson = parse(text).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(lesson.title.en.as_deref(), Some(entry.en), "{id}: title");
        assert_eq!(lesson.title.zh.as_deref(), Some(entry.zh), "{id}: 标题");
        assert_eq!(lesson.minutes, entry.minutes, "{id}: minutes");
        for (i, step) in lesson.steps.iter().enumerate() {
            assert!(step.text.en.is_some() && step.text.zh.is_some(), "{id}, step {}: both languages", i + 1);
        }
        assert!(
            lesson.question.text.zh.is_some() && lesson.question.explain.zh.is_some(),
            "{id}: question in both"
        );
    }
}

#[test]
fn every_built_in_lesson_can_be_taken_to_its_question() {
    for (id, text) in files() {
        let lesson = parse(text).expect("parses");
        let (session, duplicates) = take(&lesson);
        let view = session.sim().view();
        let answer =
            measure(&lesson.question.answer, &view, duplicates).unwrap_or_else(|e| panic!("{id}: {e}"));
        let choices = &lesson.question.choices;
        assert!(
            choices.is_empty() || choices.contains(&answer),
            "{id}: the right answer {answer} is a choice"
        );
    }
}

#[test]
fn the_crash_lesson_ends_with_records_processed_twice() {
    // Kafka's at-least-once: the records between the last commit and the crash come again.
    let (_, duplicates) = take(&parse(FILES[4].1).expect("parses"));
    assert!(duplicates > 0, "a kill between two auto-commits re-processes records");
}

/// The KIP-848 lesson's two halves: the classic group's join stopped its three owners, the
/// consumer-protocol group's nobody.
#[test]
fn the_kip848_lesson_stops_nobody_where_the_classic_one_stopped_all() {
    if !groupsim::CONSUMER_PROTOCOL {
        return;
    }
    let lesson = parse(KIP848_FILES[0].1).expect("parses");
    let mut classic_half = lesson.clone();
    classic_half.steps.truncate(2);
    let (session, _) = take(&classic_half);
    let last = session.sim().view().groups[0].rebalances.last().cloned().expect("a rebalance");
    assert_eq!(last.stopped.len(), 3, "eager range stops every owner: {last:?}");
    let (session, _) = take(&lesson);
    let group = &session.sim().view().groups[0];
    assert!(group.consumer_protocol.is_some());
    assert_eq!(group.rebalances.last().map(|r| r.stopped.len()), Some(0));
}

#[test]
fn the_static_lesson_restarts_without_a_rebalance() {
    let (session, _) = take(&parse(FILES[7].1).expect("parses"));
    let group = &session.sim().view().groups[0];
    assert_eq!(group.rebalances.len(), 1, "only the first join rebalanced: {:?}", group.rebalances);
}

#[test]
fn a_malformed_lesson_names_the_step_and_the_field() {
    let good = FILES[4].1;
    let typo = good.replacen("\"wait\"", "\"wiat\"", 2);
    let error = parse(&typo).unwrap_err();
    assert!(error.starts_with("step 1, unknown field `wiat`, expected one of `text`"), "{error}");
    let unclosed = good.replacen("\"speed\": 10,", "\"speed\": 10", 1);
    let error = parse(&unclosed).unwrap_err();
    assert!(error.starts_with("step 2 (line "), "a JSON mistake names its step and line: {error}");
    assert!(error.ends_with("expected `,` or `}`"), "{error}");
    let command =
        good.replacen("\"point\": \"member:consumer-2\",", "\"do\": [\"kill-consumer:consumer=one\"],", 1);
    let error = parse(&command).unwrap_err();
    assert!(error.starts_with("step 1, do[0] (kill-consumer:consumer=one): "), "{error}");

    let bad_event = good.replace("rebalance-completed", "rebalance-done");
    assert_eq!(
        parse(&bad_event).unwrap_err().split(';').next().unwrap(),
        "step 2, wait: event: no event is called `rebalance-done`"
    );
    let bad_spot = good.replace("\"point\": \"group:group-a\"", "\"point\": \"grup\"");
    assert!(parse(&bad_spot).unwrap_err().starts_with("step 2, point: no part of the page is called `grup`"));
    let bad_consumer = good.replace("\"consumer\": \"consumer-2\"", "\"consumer\": \"c2\"");
    assert!(
        parse(&bad_consumer)
            .unwrap_err()
            .starts_with("step 1, wait: consumer: `c2` is not a consumer's name")
    );
    let bad_speed = good.replace("\"speed\": 10", "\"speed\": 3");
    assert!(parse(&bad_speed).unwrap_err().starts_with("step 2, speed: 3× is not one of the speeds offered"));
    let two_waits = good.replace("\"seconds\": 10", "\"seconds\": 10, \"act\": \"add-consumer\"");
    assert!(parse(&two_waits).unwrap_err().starts_with("step 3, wait: give exactly one of"));
    assert_eq!(parse("{").unwrap_err(), "line 1, column 2: expected a field name in double quotes");
    let no_measure = good.replace("\"measure\": \"duplicates\"", "\"measure\": \"dupes\"");
    assert!(
        parse(&no_measure)
            .unwrap_err()
            .starts_with("question, answer: measure: nothing is measured as `dupes`")
    );
}

#[test]
fn a_step_command_for_a_consumer_that_does_not_exist_is_refused_by_the_world() {
    let lesson = parse(FILES[4].1).expect("parses");
    let mut session = Session::new(crate::world::initial_scenario(1)).expect("world");
    let error = session.apply(Command::KillConsumer { consumer: 9 }).unwrap_err();
    assert!(error.to_string().contains("consumer-10"), "{error}");
    assert!(lesson.steps[0].commands.is_empty());
}

#[test]
fn the_next_steps_wait_can_be_met_in_the_move_that_ended_this_one() {
    // A session timeout and the rebalance it starts fall within one tick: the step after the
    // one waiting for the removal sees the rest of that tick's events.
    let text = r#"{"lesson": 1, "title": "t", "steps": [
        {"text": "a", "wait": {"event": "member-removed"}},
        {"text": "b", "wait": {"event": "rebalance-completed"}},
        {"text": "c", "world": "v1;seed=1", "wait": {"event": "rebalance-completed"}}
      ], "question": {"text": "q", "answer": {"measure": "members"}}}"#;
    let mut run = LessonRun::new(parse(text).expect("parses"));
    let completed = SimEvent::RebalanceCompleted {
        group: "group-a".into(),
        cause: groupsim::RebalanceCause::SyncTimeout,
        generation_before: 1,
        generation: 2,
        took: Duration::from_millis(20),
        moved: vec![],
        round: 1,
        follow_up: false,
    };
    assert!(!run.wants_event(&completed), "step 1 waits for the removal");
    assert!(run.next_wants_event(&completed), "step 2 waits for this, in the same world");
    run.next();
    assert!(run.wants_event(&completed));
    assert!(!run.next_wants_event(&completed), "step 3 starts a world of its own: nothing carries over");
}
