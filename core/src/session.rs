//! A live session: a world together with the [`Scenario`] that reproduces it. Every command given
//! is recorded at the virtual time it was given, so the session can rewind (replay from the start)
//! and be shared (the scenario as JSON). After a rewind the recorded commands still lie ahead and
//! are given again as time reaches them, until a new command replaces that future.
//!
//! ```
//! use groupsim::{Command, Duration, Scenario, Session};
//!
//! let mut session = Session::new(Scenario::default())?;
//! session.apply(Command::CreateTopic { topic: "orders".into(), partitions: 3 })?;
//! session.advance(Duration::from_secs(5))?;
//! assert_eq!(session.head().as_millis(), 5_000);
//!
//! session.rewind()?;
//! assert_eq!(session.sim().now().as_millis(), 0);
//! assert_eq!(session.sim().view().topics.len(), 1, "commands at 0 are given again");
//! # Ok::<(), Box<dyn core::error::Error>>(())
//! ```

use alloc::vec::Vec;

use crate::commands::Command;
use crate::error::SimError;
use crate::event::Stamped;
use crate::scenario::{MAX_STEPS, Scenario, ScenarioError, TimedCommand};
use crate::sim::Sim;
use crate::time::{Duration, Instant};

/// At most this many checkpoints are kept; past it every other one goes and the spacing doubles,
/// so a run of any length keeps them evenly spread and memory bounded.
pub const CHECKPOINTS_KEPT: usize = 48;

/// The spacing of checkpoints at the start of a run, in virtual time.
const FIRST_SPACING_MS: u64 = 5_000;

/// A copy of the world at a moment (its event queue drained), and how many recorded commands
/// had been given by then.
#[derive(Debug)]
struct Checkpoint {
    sim: Sim,
    next: usize,
}

/// A world and its recording.
#[derive(Debug)]
pub struct Session {
    sim: Sim,
    scenario: Scenario,
    /// The first recorded command not yet given in this pass.
    next: usize,
    /// The furthest time any pass reached.
    head: Instant,
    /// Copies of the world as it ran, in time order: a seek back replays from the nearest one.
    checkpoints: Vec<Checkpoint>,
    /// The virtual time between two checkpoints.
    spacing: Duration,
}

impl Session {
    /// Starts the scenario's world at time zero, giving the commands recorded for time zero.
    pub fn new(scenario: Scenario) -> Result<Session, ScenarioError> {
        let sim = Sim::new(scenario.config.clone()).map_err(ScenarioError::Config)?;
        let spacing = Duration::from_millis(FIRST_SPACING_MS);
        let mut session =
            Session { sim, scenario, next: 0, head: Instant::ZERO, checkpoints: Vec::new(), spacing };
        session.check_order()?;
        session.run_to(Instant::ZERO)?;
        Ok(session)
    }

    /// The world now.
    pub fn sim(&self) -> &Sim {
        &self.sim
    }

    /// The world, ending the session.
    pub fn into_sim(self) -> Sim {
        self.sim
    }

    /// The oldest event not yet drained.
    pub fn poll_event(&mut self) -> Option<Stamped> {
        self.sim.poll_event()
    }

    /// The furthest virtual time reached, whether or not it was rewound since.
    pub fn head(&self) -> Instant {
        self.head.max(self.sim.now())
    }

    /// The recorded commands, the ones still ahead included.
    pub fn commands(&self) -> &[TimedCommand] {
        &self.scenario.commands
    }

    /// A scenario that replays this session up to its head.
    pub fn scenario(&self) -> Scenario {
        Scenario { until_ms: self.head().as_millis(), ..self.scenario.clone() }
    }

    /// Gives a command now and processes what it made due now. On success it is recorded,
    /// replacing any recorded commands that were still ahead; a refused command changes nothing
    /// and is not recorded.
    pub fn apply(&mut self, command: Command) -> Result<(), SimError> {
        self.sim.apply_command(&command)?;
        // A replay settles the instant before giving the next command; so does a live session,
        // or two commands given at one instant would interleave differently.
        let now = self.sim.now();
        let _bounded_by_max_steps = self.settle_at(now, &mut None);
        let at_ms = self.sim.now().as_millis();
        self.scenario.commands.truncate(self.next);
        // Checkpoints past now were taken on the future this command replaces.
        let now = self.sim.now();
        self.checkpoints.retain(|c| c.sim.now() <= now);
        self.scenario.commands.push(TimedCommand { at_ms, command });
        self.next = self.scenario.commands.len();
        self.head = self.sim.now();
        Ok(())
    }

    /// Moves virtual time forward by `dt`, giving recorded commands as their times come.
    pub fn advance(&mut self, dt: Duration) -> Result<(), ScenarioError> {
        self.run_to(self.sim.now() + dt)
    }

    /// Moves to the next moment something happens (a deadline or a recorded command) and
    /// processes everything due then. Returns the new time, or `None` when nothing is ahead.
    pub fn step(&mut self) -> Result<Option<Instant>, ScenarioError> {
        let command = self.scenario.commands.get(self.next).map(|c| Instant::from_millis(c.at_ms));
        let at = match (self.sim.next_deadline(), command) {
            (Some(d), Some(c)) => d.min(c),
            (d, c) => match d.or(c) {
                Some(at) => at,
                None => return Ok(None),
            },
        };
        self.run_to(at.max(self.sim.now()))?;
        Ok(Some(self.sim.now()))
    }

    /// Goes back to the latest checkpoint at or before `t` (to time zero if there is none) and
    /// returns its time; the caller runs on to `t` from there. The world is then exactly what a
    /// replay from the start reaches: a checkpoint is a copy of that world.
    pub fn rewind_to(&mut self, t: Instant) -> Result<Instant, ScenarioError> {
        self.head = self.head();
        match self.checkpoints.iter().rev().find(|c| c.sim.now() <= t) {
            Some(checkpoint) => {
                self.sim = checkpoint.sim.copy_drained();
                self.next = checkpoint.next;
                Ok(self.sim.now())
            }
            None => self.rewind().map(|()| Instant::ZERO),
        }
    }

    /// When the checkpoints were taken, oldest first.
    pub fn checkpoint_times(&self) -> impl ExactSizeIterator<Item = Instant> + '_ {
        self.checkpoints.iter().map(|c| c.sim.now())
    }

    /// Takes a checkpoint now if one is due and nothing is waiting to be drained (so a copy
    /// holds exactly the world after every event so far was seen).
    fn maybe_checkpoint(&mut self) {
        let now = self.sim.now();
        let last = self.checkpoints.last().map_or(Instant::ZERO, |c| c.sim.now());
        if now < last + self.spacing || self.sim.has_undrained_events() {
            return;
        }
        self.checkpoints.push(Checkpoint { sim: self.sim.copy_drained(), next: self.next });
        if self.checkpoints.len() > CHECKPOINTS_KEPT {
            // Every other one goes, the newest stays.
            let (len, mut index) = (self.checkpoints.len(), 0);
            self.checkpoints.retain(|_| {
                index += 1;
                (len - index) % 2 == 0
            });
            self.spacing = self.spacing + self.spacing;
        }
    }

    /// Replays from the start to time zero. Recorded commands stay, to be given again.
    pub fn rewind(&mut self) -> Result<(), ScenarioError> {
        self.head = self.head();
        self.sim = Sim::new(self.scenario.config.clone()).map_err(ScenarioError::Config)?;
        self.next = 0;
        self.run_to(Instant::ZERO)
    }

    /// Runs to `t` (not before now), giving each recorded command when its time comes, exactly as
    /// [`Scenario::run`] does: everything due at or before a command's time runs first.
    pub fn run_to(&mut self, t: Instant) -> Result<(), ScenarioError> {
        self.run_to_with(t, &mut None)
    }

    /// [`Session::run_to`], handing every event to `drain` as it goes (the events are not left
    /// for [`Session::poll_event`]). For long runs: the world keeps at most
    /// [`crate::EVENT_BUFFER`] undrained events.
    pub fn run_to_draining(
        &mut self,
        t: Instant,
        drain: &mut dyn FnMut(Stamped),
    ) -> Result<(), ScenarioError> {
        self.run_to_with(t, &mut Some(drain))
    }

    fn run_to_with(
        &mut self,
        t: Instant,
        drain: &mut Option<&mut dyn FnMut(Stamped)>,
    ) -> Result<(), ScenarioError> {
        while let Some(at_ms) = self.scenario.commands.get(self.next).map(|c| c.at_ms) {
            let at = Instant::from_millis(at_ms);
            if at > t {
                break;
            }
            self.settle_at(at, drain)?;
            let index = self.next as u64;
            let command = &self.scenario.commands[self.next].command;
            self.sim.apply_command(command).map_err(|error| ScenarioError::Command {
                index,
                at_ms,
                error,
            })?;
            self.next += 1;
            self.drain(drain);
        }
        self.settle_at(t, drain)?;
        self.head = self.head.max(self.sim.now());
        self.maybe_checkpoint();
        Ok(())
    }

    /// Processes everything due up to `t` and sets the clock there.
    fn settle_at(
        &mut self,
        t: Instant,
        drain: &mut Option<&mut dyn FnMut(Stamped)>,
    ) -> Result<(), ScenarioError> {
        let mut steps = 0;
        loop {
            steps += self.sim.run_until(t, 10_000);
            self.drain(drain);
            if self.sim.next_deadline().is_none_or(|d| d > t) {
                return Ok(());
            }
            if steps > MAX_STEPS {
                return Err(ScenarioError::TooManySteps { at: self.sim.now() });
            }
        }
    }

    fn drain(&mut self, drain: &mut Option<&mut dyn FnMut(Stamped)>) {
        if let Some(drain) = drain {
            while let Some(event) = self.sim.poll_event() {
                drain(event);
            }
        }
    }

    fn check_order(&self) -> Result<(), ScenarioError> {
        let mut previous_ms = 0;
        for (index, timed) in self.scenario.commands.iter().enumerate() {
            if timed.at_ms < previous_ms {
                return Err(ScenarioError::OutOfOrder {
                    index: index as u64,
                    at_ms: timed.at_ms,
                    previous_ms,
                });
            }
            previous_ms = timed.at_ms;
        }
        Ok(())
    }
}

impl Scenario {
    /// Builds the world and replays every command at its time, up to `until_ms`. Returns the
    /// world and every event, in order.
    pub fn run(&self) -> Result<(Sim, Vec<Stamped>), ScenarioError> {
        let mut session = Session::new(self.clone())?;
        let mut trace: Vec<Stamped> = core::iter::from_fn(|| session.poll_event()).collect();
        let last_ms = self.commands.last().map_or(0, |c| c.at_ms);
        let until = Instant::from_millis(self.until_ms.max(last_ms));
        session.run_to_draining(until, &mut |e| trace.push(e))?;
        Ok((session.into_sim(), trace))
    }
}
