//! One consumer: who it is, what it owns, and what you can do to it.

use groupsim::{Command, ConsumerView, Instant, Life, MemberView};
use yew::prelude::*;

use crate::owners::colour;

/// Props of [`MemberCard`].
#[derive(Properties, PartialEq, Debug)]
pub struct MemberCardProps {
    /// The consumer.
    pub consumer: ConsumerView,
    /// The virtual clock, for the timers.
    pub now: Instant,
    /// The coordinator's record of it, while it still counts it as a member.
    pub member: Option<MemberView>,
    /// Draw at most this many partition chips and count the rest (a card in a scroll box keeps
    /// one row of chips).
    #[prop_or_default]
    pub max_chips: Option<usize>,
    /// Do something to the world.
    pub on_command: Callback<Command>,
}

/// A member card.
#[function_component]
pub fn MemberCard(props: &MemberCardProps) -> Html {
    let c = &props.consumer;
    let id = c.id.0;
    let in_group = props.member.is_some();
    let gone = if in_group { "still a member until its session times out" } else { "removed from the group" };
    let mut notes = Vec::new();
    if c.stalled {
        notes.push("processing stuck");
    }
    if c.link_cut {
        notes.push("link cut");
    }
    if c.instance_id.is_some() {
        notes.push("static");
    }
    if !c.coordinator_known {
        notes.push("coordinator unknown");
    }
    if c.closing {
        notes.push("closing after its batch");
    }
    let status = match c.life {
        Life::Running if notes.is_empty() => c.state.to_string(),
        Life::Running => format!("{}, {}", c.state, notes.join(", ")),
        Life::Closed => format!("closed, {gone}"),
        Life::Killed => format!("killed, {gone}"),
        Life::Failed { error } => format!("failed ({error}), {gone}"),
    };
    let running = c.life == Life::Running;
    // A stopped consumer's partitions stay its own in the coordinator's eyes until it is removed.
    let shown = if running || in_group { c.assignment.as_slice() } else { &[] };
    let chips = props.max_chips.unwrap_or(usize::MAX);
    html! {
        <li class={format!("member {}{}", colour(c.id), if running { "" } else { " stopped" })}
            data-spot={format!("member:{}", c.id)} aria-label={format!("Member {}", c.client_id)}>
            <MemberHead
                client_id={c.client_id.clone()}
                member_id={c.member_id.clone()}
                {status}
                partitions={shown.iter().take(chips).map(|(tp, _)| tp.partition).collect::<Vec<_>>()}
                more={shown.len().saturating_sub(chips)}
                idle={c.assignment.is_empty() && running}
            />
            <div class="timers">
                if let Some(m) = &props.member && let Some(deadline) = m.session_deadline {
                    if m.first_join {
                        { countdown(Timer::FirstJoin, props.now, deadline, groupsim::NEW_MEMBER_JOIN_TIMEOUT_MS) }
                    } else {
                        { countdown(Timer::Session, props.now, deadline, c.session_timeout_ms) }
                    }
                }
                // The heartbeat thread only looks the coordinator up while it is unknown.
                if let (true, Some(next)) = (running && c.coordinator_known, c.next_heartbeat) {
                    { countdown(Timer::Heartbeat, props.now, next, c.heartbeat_interval_ms) }
                }
                if running {
                    { countdown(Timer::Poll, props.now, c.poll_deadline, c.max_poll_interval_ms) }
                }
                if let Some((api, deadline, timeout)) = c.waiting.filter(|_| running)
                    && waited(props.now, deadline, timeout)
                {
                    { countdown(Timer::Answer(api.name()), props.now, deadline, timeout.as_millis()) }
                }
            </div>
            <MemberActions
                {id}
                client_id={c.client_id.clone()}
                {running}
                stalled={c.stalled}
                link_cut={c.link_cut}
                on_command={props.on_command.clone()}
            />
        </li>
    }
}

/// Props of [`MemberHead`]: only what changes at a rebalance, so the head is not redrawn on
/// every tick as the timers are.
#[derive(Properties, PartialEq, Debug)]
pub struct MemberHeadProps {
    pub client_id: String,
    pub member_id: String,
    /// State and notes, in words.
    pub status: String,
    /// The partitions drawn as chips.
    pub partitions: Vec<u32>,
    /// How many more it owns than are drawn.
    pub more: usize,
    /// Running with nothing assigned.
    pub idle: bool,
}

/// Client id, state, member id and partition chips.
#[function_component]
fn MemberHead(props: &MemberHeadProps) -> Html {
    html! {
        <>
            <div class="member-head">
                <strong>{ &props.client_id }</strong>
                <span class="member-state">{ &props.status }</span>
            </div>
            <div class="member-id" title={props.member_id.clone()}>
                { if props.member_id.is_empty() { "no member id yet" } else { props.member_id.as_str() } }
            </div>
            <div class="chips">
                { for props.partitions.iter().map(|p| html! { <span class="chip">{ format!("P{p}") }</span> }) }
                if props.more > 0 { <span class="chip more">{ format!("+{}", props.more) }</span> }
                if props.idle { <span class="muted">{ "no partitions" }</span> }
            </div>
        </>
    }
}

/// Props of [`MemberActions`].
#[derive(Properties, PartialEq, Debug)]
pub struct MemberActionsProps {
    /// The consumer's id.
    pub id: u32,
    pub client_id: String,
    pub running: bool,
    pub stalled: bool,
    pub link_cut: bool,
    /// Do something to the world.
    pub on_command: Callback<Command>,
}

/// Close, kill, pause, restart, cut or heal the link.
#[function_component]
fn MemberActions(props: &MemberActionsProps) -> Html {
    let (id, name, stalled, cut) = (props.id, &props.client_id, props.stalled, props.link_cut);
    let act = |command: Command| {
        let on_command = props.on_command.clone();
        move |_| on_command.emit(command.clone())
    };
    html! {
        <div class="member-actions">
            if props.running {
                <button aria-label={format!("Close {name}")} title="Graceful: commit, LeaveGroup, immediate rebalance"
                    onclick={act(Command::CloseConsumer { consumer: id })}>{ "Close" }</button>
                <button class="danger" aria-label={format!("Kill {name}")}
                    title="Crash: silence; the coordinator notices at the session timeout"
                    onclick={act(Command::KillConsumer { consumer: id })}>{ "Kill" }</button>
                <button aria-label={format!("{} processing of {name}", if stalled { "Resume" } else { "Pause" })}
                    aria-pressed={stalled.to_string()}
                    title="A slow consumer: no poll() until resumed; after max.poll.interval.ms a dynamic member leaves"
                    onclick={act(Command::StallProcessing { consumer: id, stalled: !stalled })}>
                    { if stalled { "Resume" } else { "Pause" } }
                </button>
            } else {
                <button aria-label={format!("Restart {name}")}
                    title="Start it again: same client id and instance id, a new member id"
                    onclick={act(Command::RestartConsumer { consumer: id })}>{ "Restart" }</button>
            }
            <button aria-label={format!("{} link of {name}", if cut { "Heal" } else { "Cut" })}
                aria-pressed={cut.to_string()}
                title="Cut or heal its link to the brokers: a cut member keeps processing as a zombie"
                onclick={act(Command::CutLink { consumer: id, cut: !cut })}>
                { if cut { "Heal link" } else { "Cut link" } }
            </button>
        </div>
    }
}

/// One of a member's timers.
#[derive(Clone, Copy, Debug)]
enum Timer {
    Session,
    /// The coordinator's deadline for a new member's first join: longer than its session.
    FirstJoin,
    Heartbeat,
    Poll,
    /// The oldest request's answer: `request.timeout.ms` (JoinGroup: the rebalance timeout + 5 s).
    Answer(&'static str),
}

impl Timer {
    fn name(self) -> &'static str {
        match self {
            Timer::Session => "session",
            Timer::FirstJoin => "join",
            Timer::Heartbeat => "heartbeat",
            Timer::Poll => "poll",
            Timer::Answer(api) => api,
        }
    }

    /// The row's class, and the class once less than a fifth is left. Static: sixteen cards
    /// redraw three timers each on every tick.
    fn class(self, low: bool) -> &'static str {
        match (self, low) {
            (Timer::Session | Timer::FirstJoin, false) => "countdown timer-session",
            (Timer::Session | Timer::FirstJoin, true) => "countdown timer-session low",
            (Timer::Heartbeat, false) => "countdown timer-heartbeat",
            (Timer::Heartbeat, true) => "countdown timer-heartbeat low",
            (Timer::Poll, false) => "countdown timer-poll",
            (Timer::Poll, true) => "countdown timer-poll low",
            (Timer::Answer(_), false) => "countdown timer-answer",
            (Timer::Answer(_), true) => "countdown timer-answer low",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Timer::Session => {
                "The coordinator removes the member if no heartbeat arrives before this runs out (session.timeout.ms)"
            }
            Timer::FirstJoin => {
                "A new member has 5 minutes to finish its first join (the coordinator's new-member join timeout); from its first generation on, session.timeout.ms applies"
            }
            Timer::Heartbeat => "The next heartbeat (heartbeat.interval.ms)",
            Timer::Poll => {
                "The application must call poll() again before this runs out (max.poll.interval.ms)"
            }
            Timer::Answer(_) => {
                "Its oldest request waits for an answer: when this runs out (request.timeout.ms; JoinGroup: max.poll.interval.ms + 5 s) it drops the connection and looks the coordinator up again"
            }
        }
    }
}

/// A request shows its answer's timer once it has waited half a second: the usual round trip of
/// a few milliseconds would make the card's rows come and go on every heartbeat.
fn waited(now: Instant, deadline: Instant, timeout: groupsim::Duration) -> bool {
    now.saturating_since(Instant::from_millis(deadline.as_millis() - timeout.as_millis())).as_millis() >= 500
}

/// A timer as a shrinking bar and the time left (a plain function, not a component: it is
/// redrawn with its card anyway).
fn countdown(timer: Timer, now: Instant, deadline: Instant, span_ms: u64) -> Html {
    let left = deadline.saturating_since(now);
    let pct = (left.as_millis() * 100).checked_div(span_ms).unwrap_or(0).min(100);
    html! {
        <div class={timer.class(pct < 20)} title={timer.title()}>
            <span class="timer-name">{ timer.name() }</span>
            <span class="timer-bar"><span style={format!("width:{pct}%")}></span></span>
            <span class="timer-left">{ left.to_string() }</span>
        </div>
    }
}
