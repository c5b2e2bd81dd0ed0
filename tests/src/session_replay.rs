//! A live session (the UI's way of driving the world) records what it is given, and replaying
//! that recording — from its JSON (a share link) or by rewinding — reaches the identical world.
//! This is what makes the playground's seek, reset and share links truthful.

use groupsim::{Command, Duration, Instant, Scenario, Session, SimRng, SimView, Stamped};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

use crate::property::random_scenario;

/// Drives a session the way a person does: ticks of varying length, single steps, and the
/// scenario's commands given live (refused ones included). Returns the session, its trace and
/// a view taken halfway.
fn drive_live(seed: u64) -> (Session, Vec<Stamped>, SimView) {
    let script = random_scenario(seed);
    let mut rng = SimRng::new(seed, 7);
    let mut session = Session::new(Scenario { commands: Vec::new(), ..script.clone() }).unwrap();
    let mut trace = Vec::new();
    let halfway = Instant::from_millis(script.commands[script.commands.len() / 2].at_ms);
    let mut middle = None;
    for timed in &script.commands {
        let at = Instant::from_millis(timed.at_ms);
        // Halfway, once every command for that instant was given: what a seek there shows.
        if middle.is_none() && session.sim().now() == halfway && at > halfway {
            middle = Some(session.sim().view());
        }
        while session.sim().now() < at {
            let pick = rng.below(3);
            if pick == 0 && session.sim().next_deadline().is_some_and(|d| d <= at) {
                session.step().unwrap();
            } else {
                let left = at.saturating_since(session.sim().now()).as_millis();
                let tick = 1 + u64::from(rng.below(3_000));
                session.advance(Duration::from_millis(tick.min(left))).unwrap();
            }
            trace.extend(core::iter::from_fn(|| session.poll_event()));
        }
        let _refused_is_not_recorded = session.apply(timed.command.clone());
        trace.extend(core::iter::from_fn(|| session.poll_event()));
    }
    session.advance(Duration::from_secs(60)).unwrap();
    trace.extend(core::iter::from_fn(|| session.poll_event()));
    (session, trace, middle.unwrap())
}

/// Names the first event where two traces part, rather than printing both.
fn assert_same_trace(replayed: &[Stamped], live: &[Stamped], seed: u64) {
    let first = replayed.iter().zip(live).position(|(a, b)| a != b);
    if let Some(i) = first {
        panic!("seed {seed}: event {i} differs: replayed {} / live {}", replayed[i], live[i]);
    }
    assert_eq!(replayed.len(), live.len(), "seed {seed}: one trace is longer");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_live_session_replays_to_the_identical_trace_from_its_json() {
    for seed in 0..3 {
        let (session, live, _) = drive_live(seed);
        let shared = Scenario::from_json(&session.scenario().to_json()).unwrap();
        assert_eq!(shared.until_ms, session.sim().now().as_millis());
        let (sim, replayed) = shared.run().unwrap();
        assert!(live.len() > 1_000, "seed {seed}: the run did too little");
        assert_same_trace(&replayed, &live, seed);
        assert!(sim.view() == session.sim().view(), "seed {seed}: the replayed world differs");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn rewinding_gives_the_recorded_commands_again_and_reaches_the_same_moments() {
    let (mut session, _, middle) = drive_live(5);
    let end = session.sim().view();
    session.rewind().unwrap();
    assert_eq!(session.sim().now(), Instant::ZERO);
    assert_eq!(session.head(), end.now, "the head stays where the furthest pass reached");
    session.run_to(middle.now).unwrap();
    assert!(session.sim().view() == middle, "the replay differs at {}", middle.now);
    session.run_to(end.now).unwrap();
    assert!(session.sim().view() == end, "the replay differs at {}", end.now);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_command_after_a_rewind_replaces_the_recorded_future() {
    let (mut session, _, middle) = drive_live(6);
    let recorded = session.commands().len();
    session.rewind().unwrap();
    session.run_to(middle.now).unwrap();
    let kept = session.commands().iter().filter(|c| c.at_ms <= middle.now.as_millis()).count();
    assert!(kept < recorded);
    let before = session.commands().to_vec();
    let refused = session.apply(Command::KillConsumer { consumer: 999 });
    assert!(refused.is_err());
    assert_eq!(session.commands(), before, "a refused command records nothing and keeps the future");
    session.apply(Command::SetProducerRate { producer: 0, rate_per_sec: 3 }).unwrap();
    assert_eq!(session.commands().len(), kept + 1);
    let last = session.commands().last().unwrap();
    assert_eq!(last.at_ms, middle.now.as_millis());
    assert_eq!(last.command, Command::SetProducerRate { producer: 0, rate_per_sec: 3 });
}

/// Stepping stops at a recorded command's time even when nothing else is due before it.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_step_stops_at_the_next_recorded_command() {
    let json = r#"{ "commands": [
        { "at_ms": 7000, "command": { "do": "create-topic", "topic": "t", "partitions": 1 } }
    ] }"#;
    let mut session = Session::new(Scenario::from_json(json).unwrap()).unwrap();
    assert_eq!(session.step().unwrap(), Some(Instant::from_millis(7_000)));
    assert_eq!(session.sim().view().topics.len(), 1);
    assert_eq!(session.step().unwrap(), None, "an empty world has nothing ahead");
}

/// Runs `session` to `t` the way the page does: a virtual second at a time, events drained as
/// they come (checkpoints are taken between those slices).
fn run_draining(session: &mut Session, t: Instant, trace: &mut Vec<Stamped>) {
    while session.sim().now() < t {
        let next = (session.sim().now() + Duration::from_secs(1)).min(t);
        session.run_to_draining(next, &mut |e| trace.push(e)).unwrap();
    }
}

/// Issue 16: a seek goes back to the nearest earlier checkpoint and replays from there, and lands
/// on exactly the world, and then the events, that a replay from the start reaches.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_seek_from_a_checkpoint_lands_where_a_replay_from_the_start_does() {
    let scenario = drive_live(5).0.scenario();
    let end = Instant::from_millis(scenario.until_ms);
    let mut session = Session::new(scenario.clone()).unwrap();
    run_draining(&mut session, end, &mut Vec::new());
    assert!(session.checkpoint_times().count() > 10);
    let mut rng = SimRng::new(5, 11);
    for _ in 0..6 {
        let t = Instant::from_millis(u64::from(rng.below(scenario.until_ms as u32)));
        let from = session.rewind_to(t).unwrap();
        assert!(from <= t && t.saturating_since(from).as_millis() <= 60_000, "{from} for {t}");
        let mut after_seek = Vec::new();
        run_draining(&mut session, t, &mut Vec::new());
        let seen = session.sim().view();
        run_draining(&mut session, t + Duration::from_secs(20), &mut after_seek);

        let mut fresh = Session::new(scenario.clone()).unwrap();
        let mut after_replay = Vec::new();
        run_draining(&mut fresh, t, &mut Vec::new());
        assert_eq!(seen, fresh.sim().view(), "the world at {t}");
        run_draining(&mut fresh, t + Duration::from_secs(20), &mut after_replay);
        assert_eq!(after_seek, after_replay, "the 20 s after {t}");
    }
}

/// Checkpoints stay at most [`CHECKPOINTS_KEPT`], evenly spread, however long the run.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn checkpoints_stay_few_and_evenly_spread_over_a_long_run() {
    let mut session = Session::new(drive_live(2).0.scenario()).unwrap();
    let hours = if cfg!(target_arch = "wasm32") { 1 } else { 3 };
    run_draining(&mut session, Instant::from_millis(hours * 3_600_000), &mut Vec::new());
    let times: Vec<u64> = session.checkpoint_times().map(|t| t.as_millis()).collect();
    assert!(
        times.len() <= groupsim::CHECKPOINTS_KEPT && times.len() >= groupsim::CHECKPOINTS_KEPT / 2,
        "{times:?}"
    );
    let gaps: Vec<u64> = times.windows(2).map(|w| w[1] - w[0]).collect();
    let (least, most) = (gaps.iter().min().unwrap(), gaps.iter().max().unwrap());
    assert!(most - least <= 2_000, "gaps {least}..{most} ms");
}

/// A command given after a rewind replaces the recorded future, and the checkpoints taken on
/// that future go with it.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn a_new_command_drops_the_checkpoints_of_the_future_it_replaces() {
    let scenario = drive_live(3).0.scenario();
    let mut session = Session::new(scenario.clone()).unwrap();
    run_draining(&mut session, Instant::from_millis(120_000), &mut Vec::new());
    let back = session.rewind_to(Instant::from_millis(60_000)).unwrap();
    run_draining(&mut session, Instant::from_millis(60_000), &mut Vec::new());
    session.apply(Command::SetProducerRate { producer: 0, rate_per_sec: 1 }).unwrap();
    assert!(back <= Instant::from_millis(60_000));
    assert!(session.checkpoint_times().all(|t| t.as_millis() <= 60_000));
    // The replay of the new recording from the start agrees with the session.
    let mut fresh = Session::new(session.scenario()).unwrap();
    run_draining(&mut session, Instant::from_millis(90_000), &mut Vec::new());
    run_draining(&mut fresh, Instant::from_millis(90_000), &mut Vec::new());
    assert_eq!(session.sim().view(), fresh.sim().view());
}
