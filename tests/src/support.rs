//! Small helpers shared by the suites.

use groupsim::assignor::Assignment;
use groupsim::vec_map::VecMap;

/// Topic name → partition count.
pub fn topics(counts: &[(&str, u32)]) -> VecMap<String, u32> {
    counts.iter().map(|(t, n)| (t.to_string(), *n)).collect()
}

/// Kafka's mixed-subscription members (RangeAssignorTest R4 / RoundRobinAssignorTest RR1):
/// consumer1 and consumer3 on topic1, consumer2 on topic1 and topic2.
pub fn mixed_topic_members() -> [groupsim::assignor::MemberSubscription; 3] {
    use groupsim::assignor::MemberSubscription;
    [
        MemberSubscription::new("consumer1", ["topic1"]),
        MemberSubscription::new("consumer2", ["topic1", "topic2"]),
        MemberSubscription::new("consumer3", ["topic1"]),
    ]
}

/// A member's partitions as `topic-partition` strings, in assignment order.
pub fn assigned(assignment: &Assignment, member: &str) -> Vec<String> {
    let list = assignment.get(member).unwrap_or_else(|| panic!("{member} is missing from {assignment:?}"));
    list.iter().map(ToString::to_string).collect()
}

use groupsim::{
    ConsumerConfig, ConsumerId, Instant, InvariantChecker, KeyMode, ProducerConfig, Sim, SimConfig, SimEvent,
    Stamped,
};

/// A world under test: every step's events are kept and every invariant is checked after each step.
pub struct Run {
    pub sim: Sim,
    pub log: Vec<Stamped>,
    pub checker: InvariantChecker,
}

impl Run {
    /// An empty world.
    pub fn empty(config: SimConfig) -> Run {
        Run { sim: Sim::new(config).unwrap(), log: Vec::new(), checker: InvariantChecker::default() }
    }

    /// `orders` with `partitions` partitions and one keyed producer at `rate` records/s.
    pub fn new(seed: u64, partitions: u32, rate: u32) -> Run {
        let mut sim = Sim::new(SimConfig { seed, ..SimConfig::default() }).unwrap();
        sim.create_topic("orders", partitions).unwrap();
        if rate > 0 {
            let key_mode = KeyMode::Keyed { key_space: 64 };
            sim.add_producer(ProducerConfig { topic: "orders".into(), rate_per_sec: rate, key_mode })
                .unwrap();
        }
        let mut run = Run { sim, log: Vec::new(), checker: InvariantChecker::default() };
        run.drain();
        run
    }

    pub fn consumer(&mut self, config: ConsumerConfig) -> ConsumerId {
        let id = self.sim.add_consumer(config).unwrap();
        self.drain();
        id
    }

    /// Steps to `t` seconds, checking the invariants after every step.
    pub fn until_secs(&mut self, t: u64) {
        self.until(Instant::from_millis(t * 1000));
    }

    /// Steps to `until`, checking the invariants after every step.
    pub fn until(&mut self, until: Instant) {
        self.until_checking(until, |_| {});
    }

    /// Steps to `until`, checking the invariants and `check` on the view after every step.
    pub fn until_checking(&mut self, until: Instant, mut check: impl FnMut(&groupsim::SimView)) {
        while self.sim.next_deadline().is_some_and(|d| d <= until) {
            self.sim.step();
            self.drain();
            let view = self.sim.view();
            self.checker.check_view(&view);
            check(&view);
        }
        self.sim.advance(until - self.sim.now());
        self.drain();
    }

    pub fn drain(&mut self) {
        while let Some(e) = self.sim.poll_event() {
            self.checker.observe(&e);
            self.log.push(e);
        }
    }

    /// The events matching `f`, with their times, from `since` on.
    pub fn events<'a>(
        &'a self,
        since: Instant,
        f: impl Fn(&SimEvent) -> bool + 'a,
    ) -> impl Iterator<Item = &'a Stamped> {
        self.log.iter().filter(move |e| e.at >= since && f(&e.event))
    }

    pub fn assert_invariants_held(&self) {
        assert_eq!(self.checker.violations(), [], "invariants broke");
    }

    /// A consumer's assigned partitions as `orders-N` strings.
    pub fn assignment(&self, id: ConsumerId) -> Vec<String> {
        let view = self.sim.view();
        let c = view.consumers.iter().find(|c| c.id == id).unwrap();
        c.assignment.iter().map(|(tp, _)| tp.to_string()).collect()
    }
}

/// Kafka's default consumer in `group`, earliest reset so every record counts.
pub fn member(group: &str) -> ConsumerConfig {
    ConsumerConfig { group_id: group.into(), ..ConsumerConfig::default() }
}

pub fn secs(s: u64) -> Instant {
    Instant::from_millis(s * 1000)
}

/// One of the eager `partition.assignment.strategy` lists, drawn: the random suites' group "b".
pub fn eager_assignors(rng: &mut groupsim::SimRng) -> Vec<groupsim::assignor::AssignorName> {
    use groupsim::assignor::AssignorName;
    let eager = [
        vec![AssignorName::Range],
        vec![AssignorName::RoundRobin],
        vec![AssignorName::Sticky],
        vec![AssignorName::Range, AssignorName::CooperativeSticky],
    ];
    eager[rng.below(4) as usize].clone()
}

/// `config` on the consumer protocol: the classic protocol's own settings back at their defaults
/// (the client refuses them), `group.remote.assignor` drawn (unset, uniform or range), and a
/// full batch (`max.poll.records`) processed within `max.poll.interval.ms`. A member whose every
/// batch outlasts it livelocks in Kafka too: each poll timeout loses the batch uncommitted, and
/// the sticky assignor gives it the same partitions back when it rejoins at its next poll, so
/// "eventually every record is processed" cannot hold for it. Stalls model slow members here.
pub fn consumer_protocol(config: ConsumerConfig, rng: &mut groupsim::SimRng) -> ConsumerConfig {
    use groupsim::assignor::server::ServerAssignorName;
    let d = ConsumerConfig::default();
    let batch_ms = u64::from(config.max_poll_records).max(1);
    ConsumerConfig {
        processing_ms_per_record: config
            .processing_ms_per_record
            .min(config.max_poll_interval_ms / batch_ms / 2),
        group_protocol: groupsim::GroupProtocol::Consumer,
        remote_assignor: [None, Some(ServerAssignorName::Uniform), Some(ServerAssignorName::Range)]
            [rng.below(3) as usize],
        session_timeout_ms: d.session_timeout_ms,
        heartbeat_interval_ms: d.heartbeat_interval_ms,
        assignors: d.assignors,
        ..config
    }
}
