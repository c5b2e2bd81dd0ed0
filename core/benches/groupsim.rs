//! The performance targets of the issues, measured: `cargo bench -p groupsim`.
//! Prints one line per measurement; BENCHMARKS.md records the numbers with this command.

// A global allocator needs `unsafe`; it only forwards to `System` and counts bytes.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Instant as WallClock;

use groupsim::assignor::server::ServerAssignorName;
use groupsim::assignor::{AssignorName, MemberSubscription, assign};
use groupsim::vec_map::VecMap;
use groupsim::{
    Command, CommitMode, ConsumerConfig, Duration, GroupProtocol, KeyMode, ProducerConfig, Scenario, Session,
    Sim, SimConfig, TimedCommand,
};

/// Counts live heap bytes so memory can be compared across virtual hours.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The median of `runs` timings of `f`, in milliseconds.
fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = WallClock::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    groupsim::sort::sort_by(&mut times, f64::total_cmp);
    times[runs / 2]
}

/// Kafka's large case (AbstractStickyAssignorTest.testLargeAssignmentAndGroupWithUniformSubscription):
/// 500 topics × 2,000 partitions, 2,000 consumers subscribed to all of them.
fn large_assignment() {
    let (topics, members) = large_group(true);
    for name in [AssignorName::Range, AssignorName::RoundRobin] {
        let mut total = 0;
        let ms = median_ms(5, || total = assign(name, &topics, &members).values().map(Vec::len).sum());
        assert_eq!(total, 1_000_000);
        println!("assign {name:<10} 1,000,000 partitions, 2,000 members: {ms:>8.1} ms (median of 5)");
    }
}

/// 500 topics × 2,000 partitions and 2,000 members subscribed to all of them, or (not `equal`)
/// with the last subscribed to the first topic only.
fn large_group(equal: bool) -> (VecMap<String, u32>, Vec<MemberSubscription>) {
    let topics: VecMap<String, u32> = (0..500).map(|t| (format!("t{t:03}"), 2000)).collect();
    let names: Vec<&str> = topics.keys().map(String::as_str).collect();
    let members = (0..2000)
        .map(|c| {
            let subscribed = if equal || c < 1999 { &names[..] } else { &names[..1] };
            MemberSubscription::new(&format!("c{c:04}"), subscribed.iter().copied())
        })
        .collect();
    (topics, members)
}

/// Kafka's sticky perf tests (AbstractStickyAssignorTest.testLargeAssignmentAndGroupWith{Uniform,
/// NonEqual}Subscription): the same 1M partitions and 2,000 members; a fresh assignment, then a
/// second where every member but c0000 reports what it owns. Non-equal: the last member
/// subscribes to the first topic only, which forces the general builder.
fn large_sticky() {
    for equal in [true, false] {
        let (topics, members) = large_group(equal);
        for name in [AssignorName::Sticky, AssignorName::CooperativeSticky] {
            let mut first = VecMap::new();
            let fresh = median_ms(3, || first = assign(name, &topics, &members));
            let owning: Vec<MemberSubscription> = members
                .iter()
                .map(|m| MemberSubscription {
                    owned: if m.member_id == "c0000" { Vec::new() } else { first[&m.member_id].clone() },
                    generation: Some(1),
                    ..m.clone()
                })
                .collect();
            let mut total = 0;
            let second = median_ms(3, || total = assign(name, &topics, &owning).values().map(Vec::len).sum());
            let kind = if equal { "uniform" } else { "non-equal" };
            println!(
                "assign {name:<18} {kind:<9} 1M partitions, 2,000 members: fresh {fresh:>7.1} ms, \
                 with owned {second:>7.1} ms, sum {:>7.1} ms (medians of 3; {total} assigned in round 2)",
                fresh + second
            );
        }
    }
}

/// The KIP-848 server assignors (issue 14) on the same 1M partitions and 2,000 members: a fresh
/// target, then one computed from the previous target, where every member but c0000 (new) owns
/// its part. Non-equal: c1999 subscribes to the first topic only, so `uniform` takes its
/// heterogeneous builder.
fn large_server() {
    for equal in [true, false] {
        let (topics, members) = large_group(equal);
        for assignor in ServerAssignorName::ALL {
            let mut first = VecMap::new();
            let fresh = median_ms(3, || first = assignor.assign(&topics, &members).expect("valid"));
            let owning: Vec<MemberSubscription> = members
                .iter()
                .map(|m| MemberSubscription {
                    owned: if m.member_id == "c0000" { Vec::new() } else { first[&m.member_id].clone() },
                    ..m.clone()
                })
                .collect();
            let mut total = 0;
            let second = median_ms(3, || {
                total = assignor.assign(&topics, &owning).expect("valid").values().map(Vec::len).sum()
            });
            let kind = if equal { "uniform" } else { "non-equal" };
            println!(
                "server {:<7} {kind:<9} 1M partitions, 2,000 members: fresh {fresh:>7.1} ms, \
                 from the previous target {second:>7.1} ms (medians of 3; {total} assigned)",
                assignor.name()
            );
        }
    }
}

/// 1 topic × 12 partitions, 3 producers at 100 records/s, 6 consumers with auto-commit.
fn busy_world() -> Sim {
    busy_world_on(GroupProtocol::Classic)
}

/// The same world with its consumers on `group_protocol`.
fn busy_world_on(group_protocol: GroupProtocol) -> Sim {
    let mut sim = Sim::new(SimConfig::default()).expect("valid");
    sim.create_topic("orders", 12).expect("valid");
    for _ in 0..3 {
        let config = ProducerConfig {
            topic: "orders".into(),
            rate_per_sec: 100,
            key_mode: KeyMode::Keyed { key_space: 1000 },
        };
        sim.add_producer(config).expect("valid");
    }
    for _ in 0..6 {
        let config = ConsumerConfig {
            commit: CommitMode::Auto { interval_ms: 5_000 },
            processing_ms_per_record: 1,
            group_protocol,
            ..ConsumerConfig::default()
        };
        sim.add_consumer(config).expect("valid");
    }
    sim
}

/// Advances `hours` of virtual time a second at a time, draining events as the UI does.
fn run_hours(sim: &mut Sim, hours: u64) -> u64 {
    let mut events = 0;
    for _ in 0..hours * 3600 {
        sim.advance(Duration::from_secs(1));
        while sim.poll_event().is_some() {
            events += 1;
        }
    }
    events
}

fn one_virtual_hour() {
    for (protocol, name) in [(GroupProtocol::Classic, "classic"), (GroupProtocol::Consumer, "consumer")] {
        let ms = median_ms(3, || {
            let mut sim = world_of(&default_world_on(protocol));
            run_hours(&mut sim, 1);
        });
        println!("one virtual hour of the default world, {name} protocol: {ms:>8.1} ms (median of 3)");
    }
    for (protocol, name) in [(GroupProtocol::Classic, "classic"), (GroupProtocol::Consumer, "consumer")] {
        let mut events = 0;
        let ms = median_ms(3, || {
            let mut sim = busy_world_on(protocol);
            events = run_hours(&mut sim, 1);
        });
        println!(
            "one virtual hour (12 partitions, 3×100 rec/s, 6 {name}-protocol consumers): {ms:>8.1} ms (median of 3), {events} events"
        );
    }
}

fn memory_stays_flat() {
    let mut sim = busy_world();
    run_hours(&mut sim, 1);
    let after_1h = LIVE.load(Ordering::Relaxed);
    run_hours(&mut sim, 23);
    let after_24h = LIVE.load(Ordering::Relaxed);
    println!("live heap after 1 h: {} KiB; after 24 h: {} KiB", after_1h / 1024, after_24h / 1024);
    assert!(after_24h <= after_1h + after_1h / 20, "memory grew by more than 5%");
}

/// A session run the way the page runs it (a virtual second at a time, events handed over), so it
/// keeps its checkpoints; the live heap (world, recording and checkpoints) after 1, 2 and 24 h.
fn checkpoint_memory(name: &str, scenario: Scenario) {
    let mut session = Session::new(scenario).expect("valid");
    let mut at = Vec::new();
    for hour in 1..=24u64 {
        while session.sim().now() < groupsim::Instant::from_millis(hour * 3_600_000) {
            let next = session.sim().now() + Duration::from_secs(1);
            session.run_to_draining(next, &mut |_| ()).expect("runs");
        }
        if [1, 2, 24].contains(&hour) {
            at.push((hour, LIVE.load(Ordering::Relaxed), session.checkpoint_times().count()));
        }
    }
    let line: Vec<String> =
        at.iter().map(|(h, bytes, n)| format!("{h} h: {} KiB ({n} checkpoints)", bytes / 1024)).collect();
    println!("session with checkpoints, {name}: {}", line.join(", "));
}

/// A scenario's world at its start, its commands given.
fn world_of(scenario: &Scenario) -> Sim {
    let mut sim = Sim::new(scenario.config.clone()).expect("valid");
    for timed in &scenario.commands {
        sim.apply_command(&timed.command).expect("valid");
    }
    sim
}

fn default_world() -> Scenario {
    default_world_on(GroupProtocol::Classic)
}

/// The page's default world (6 partitions, a keyed producer at 6 records/s, 3 consumers), its
/// consumers on `group_protocol`.
fn default_world_on(group_protocol: GroupProtocol) -> Scenario {
    let at_zero = |command| TimedCommand { at_ms: 0, command };
    let consumer = ConsumerConfig {
        auto_offset_reset: groupsim::OffsetReset::Earliest,
        group_protocol,
        ..ConsumerConfig::default()
    };
    let producer = ProducerConfig {
        topic: "orders".into(),
        rate_per_sec: 6,
        key_mode: KeyMode::Keyed { key_space: 32 },
    };
    let mut commands = vec![
        at_zero(Command::CreateTopic { topic: "orders".into(), partitions: 6 }),
        at_zero(Command::AddProducer { config: producer }),
    ];
    commands.extend((0..3).map(|_| at_zero(Command::AddConsumer { config: consumer.clone() })));
    Scenario { commands, ..Scenario::default() }
}

fn main() {
    let only = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let want = |name: &str| only.as_deref().is_none_or(|o| name.contains(o));
    if want("assign") {
        large_assignment();
    }
    if want("sticky") {
        large_sticky();
    }
    if want("server") {
        large_server();
    }
    if want("hour") {
        one_virtual_hour();
    }
    if want("memory") {
        memory_stays_flat();
    }
    if want("checkpoints") {
        checkpoint_memory(
            "the playground's default world (6 partitions, 6 records/s, 3 consumers)",
            default_world(),
        );
    }
}
