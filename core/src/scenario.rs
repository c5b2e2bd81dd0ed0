//! Scenarios: a world's settings and a list of timed commands, serializable, replaying to the
//! identical trace. This is what a share-link and a regression test carry.
//!
//! ```
//! use groupsim::Scenario;
//!
//! let json = r#"{
//!   "config": { "seed": 7 },
//!   "until_ms": 30000,
//!   "commands": [
//!     { "at_ms": 0, "command": { "do": "create-topic", "topic": "orders", "partitions": 3 } },
//!     { "at_ms": 0, "command": { "do": "add-producer", "config": { "topic": "orders", "rate_per_sec": 5 } } },
//!     { "at_ms": 0, "command": { "do": "add-consumer", "config": { "group_id": "g" } } },
//!     { "at_ms": 20000, "command": { "do": "kill-consumer", "consumer": 0 } }
//!   ]
//! }"#;
//! let scenario = Scenario::from_json(json)?;
//! let (sim, trace) = scenario.run()?;
//! assert_eq!(sim.now().as_millis(), 30_000);
//! assert!(trace.iter().any(|e| e.to_string().contains("consumer-1 crashed")));
//!
//! let typo = json.replace("kill-consumer", "kil-consumer");
//! let error = Scenario::from_json(&typo).unwrap_err();
//! assert!(error.to_string().starts_with("line 8, column"), "{error}");
//! # Ok::<(), groupsim::ScenarioError>(())
//! ```

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use serde::{Deserialize, Serialize};

use crate::commands::Command;
use crate::error::SimError;
use crate::sim::SimConfig;
use crate::time::Instant;

/// The most steps a scenario may take between two commands: a bound on runaway runs.
pub const MAX_STEPS: u64 = 50_000_000;

/// A command and when to give it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimedCommand {
    /// When, in milliseconds of simulated time; commands must come in time order.
    pub at_ms: u64,
    /// What.
    pub command: Command,
}

/// A reproducible run: settings (with the seed), timed commands and where to stop.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The world's settings, including the seed.
    #[serde(default)]
    pub config: SimConfig,
    /// The commands, in time order.
    #[serde(default)]
    pub commands: Vec<TimedCommand>,
    /// Where the run stops, in milliseconds.
    #[serde(default)]
    pub until_ms: u64,
}

/// What is wrong with a scenario, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScenarioError {
    /// The text is not a valid scenario.
    Parse {
        /// 1-based line.
        line: u64,
        /// 1-based column.
        column: u64,
        /// What the parser expected.
        message: String,
    },
    /// The world's settings are invalid.
    Config(SimError),
    /// Command `index` (0-based) comes before the one ahead of it.
    OutOfOrder {
        /// Which command.
        index: u64,
        /// Its time.
        at_ms: u64,
        /// The previous command's time.
        previous_ms: u64,
    },
    /// Command `index` was refused.
    Command {
        /// Which command (0-based).
        index: u64,
        /// Its time.
        at_ms: u64,
        /// Why.
        error: SimError,
    },
    /// The run took more than [`MAX_STEPS`] steps between two commands.
    TooManySteps {
        /// Where it stopped.
        at: Instant,
    },
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScenarioError::Parse { line, column, message } => {
                write!(f, "line {line}, column {column}: {message}")
            }
            ScenarioError::Config(e) => write!(f, "config: {e}"),
            ScenarioError::OutOfOrder { index, at_ms, previous_ms } => write!(
                f,
                "command {index} at {} comes before the previous command at {}: commands must be in time order",
                Instant::from_millis(*at_ms),
                Instant::from_millis(*previous_ms)
            ),
            ScenarioError::Command { index, at_ms, error } => {
                write!(f, "command {index} at {}: {error}", Instant::from_millis(*at_ms))
            }
            ScenarioError::TooManySteps { at } => {
                write!(f, "the run took more than {MAX_STEPS} steps before {at}; stopped there")
            }
        }
    }
}

impl core::error::Error for ScenarioError {}

impl Scenario {
    /// Reads a scenario from JSON; errors say the line and column.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        serde_json::from_str(text).map_err(|e| ScenarioError::Parse {
            line: e.line() as u64,
            column: e.column() as u64,
            message: e.to_string().split(" at line ").next().unwrap_or_default().to_string(),
        })
    }

    /// The scenario as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
