//! One consumer: who it is, what it owns, and what you can do to it.

use groupsim::{Command, ConsumerView, Instant, Life, MemberView};
use yew::prelude::*;

use super::part::{Local, Part, memo};
use crate::lang::Lang;
use crate::owners::colour;

/// A member card: drawn again only when its input changes.
#[derive(PartialEq, Debug)]
pub struct MemberCard {
    /// The consumer.
    pub consumer: ConsumerView,
    /// The virtual clock, for the timers.
    pub now: Instant,
    /// The coordinator's record of it, while it still counts it as a member.
    pub member: Option<MemberView>,
    /// Draw at most this many partition chips and count the rest (a card in a scroll box keeps
    /// one row of chips).
    pub max_chips: Option<usize>,
    /// Do something to the world.
    pub on_command: Callback<Command>,
}

impl Part for MemberCard {
    type State = ();

    fn draw(&self, lang: Lang, _: &Local<()>) -> Html {
        member_card(self, lang)
    }
}

fn member_card(props: &MemberCard, lang: Lang) -> Html {
    let c = &props.consumer;
    let id = c.id.0;
    let in_group = props.member.is_some();
    let gone = if in_group {
        lang.pick("still a member until its session times out", "会话超时之前仍算组内成员")
    } else {
        lang.pick("removed from the group", "已被移出消费者组")
    };
    let mut notes = Vec::new();
    if c.stalled {
        notes.push(lang.pick("processing stuck", "处理卡住了"));
    }
    if c.link_cut {
        notes.push(lang.pick("link cut", "连接已断开"));
    }
    if c.instance_id.is_some() {
        notes.push(lang.pick("static", "静态成员"));
    }
    if !c.coordinator_known {
        notes.push(lang.pick("coordinator unknown", "协调者未知"));
    }
    if c.closing {
        notes.push(lang.pick("closing after its batch", "处理完这一批后关闭"));
    }
    // A consumer-protocol member shows its own state and epoch (reference §3.5).
    let state = match c.membership.as_ref().filter(|_| groupsim::CONSUMER_PROTOCOL) {
        Some(m) => match lang.in_build() {
            Lang::En => format!("{}, epoch {}", m.state, m.member_epoch),
            Lang::Zh => format!("{}，纪元 {}", m.state, m.member_epoch),
        },
        None => c.state.to_string(),
    };
    let status = match (c.life, lang.in_build()) {
        (Life::Running, _) if notes.is_empty() => state,
        (Life::Running, Lang::En) => format!("{state}, {}", notes.join(", ")),
        (Life::Running, Lang::Zh) => format!("{state}，{}", notes.join("，")),
        (Life::Closed, Lang::En) => format!("closed, {gone}"),
        (Life::Closed, Lang::Zh) => format!("已关闭，{gone}"),
        (Life::Killed, Lang::En) => format!("killed, {gone}"),
        (Life::Killed, Lang::Zh) => format!("已被杀掉，{gone}"),
        (Life::Failed { error }, Lang::En) => format!("failed ({error}), {gone}"),
        (Life::Failed { error }, Lang::Zh) => format!("失败（{error}），{gone}"),
    };
    let running = c.life == Life::Running;
    // A stopped consumer's partitions stay its own in the coordinator's eyes until it is removed.
    let shown = if running || in_group { c.assignment.as_slice() } else { &[] };
    let chips = props.max_chips.unwrap_or(usize::MAX);
    // What the coordinator's target gives it and what it must still revoke: the gap between
    // what it owns and where it is going.
    let (target, revoking) = match (&props.member, &c.membership) {
        (Some(m), Some(_)) if groupsim::CONSUMER_PROTOCOL && running => match &m.epochs {
            // Nothing to show once it owns exactly its target.
            Some(e)
                if e.revoking.is_empty()
                    && e.target.len() == shown.len()
                    && e.target.iter().all(|tp| shown.iter().any(|(o, _)| o == tp)) =>
            {
                (Vec::new(), Vec::new())
            }
            Some(e) => (
                e.target.iter().map(|tp| tp.partition).collect(),
                e.revoking.iter().map(|tp| tp.partition).collect(),
            ),
            None => (Vec::new(), Vec::new()),
        },
        _ => (Vec::new(), Vec::new()),
    };
    html! {
        <li class={format!("member {}{}", colour(c.id), if running { "" } else { " stopped" })}
            data-spot={format!("member:{}", c.id)} aria-label={format!("{} {}", lang.pick("Member", "成员"), c.client_id)}>
            { memo(MemberHead {
                client_id: c.client_id.clone(),
                member_id: c.member_id.clone(),
                status,
                partitions: shown.iter().take(chips).map(|(tp, _)| tp.partition).collect(),
                more: shown.len().saturating_sub(chips),
                idle: c.assignment.is_empty() && running,
                target,
                revoking,
            }) }
            <div class="timers">
                if let Some(m) = &props.member && let Some(deadline) = m.session_deadline {
                    if m.first_join {
                        { countdown(Timer::FirstJoin, props.now, deadline, groupsim::NEW_MEMBER_JOIN_TIMEOUT_MS, lang) }
                    } else {
                        { countdown(Timer::Session, props.now, deadline, c.session_timeout_ms, lang) }
                    }
                }
                // The heartbeat thread only looks the coordinator up while it is unknown.
                if let (true, Some(next)) = (running && c.coordinator_known, c.next_heartbeat) {
                    { countdown(Timer::Heartbeat, props.now, next, c.heartbeat_interval_ms, lang) }
                }
                if running {
                    { countdown(Timer::Poll, props.now, c.poll_deadline, c.max_poll_interval_ms, lang) }
                }
                if let Some((api, deadline, timeout)) = c.waiting.filter(|_| running)
                    && waited(props.now, deadline, timeout)
                {
                    { countdown(Timer::Answer(api.name()), props.now, deadline, timeout.as_millis(), lang) }
                }
            </div>
            { memo(MemberActions {
                id,
                client_id: c.client_id.clone(),
                running,
                stalled: c.stalled,
                link_cut: c.link_cut,
                on_command: props.on_command.clone(),
            }) }
        </li>
    }
}

/// Client id, state, member id and partition chips: only what changes at a rebalance, so the
/// head is not redrawn on every tick as the timers are.
#[derive(PartialEq, Debug)]
struct MemberHead {
    client_id: String,
    member_id: String,
    /// State and notes, in words.
    status: String,
    /// The partitions drawn as chips.
    partitions: Vec<u32>,
    /// How many more it owns than are drawn.
    more: usize,
    /// Running with nothing assigned.
    idle: bool,
    /// A consumer-protocol member's part of the target assignment (empty otherwise).
    target: Vec<u32>,
    /// What it must still revoke.
    revoking: Vec<u32>,
}

impl Part for MemberHead {
    type State = ();

    fn draw(&self, lang: Lang, _: &Local<()>) -> Html {
        member_head(self, lang)
    }
}

fn member_head(props: &MemberHead, lang: Lang) -> Html {
    html! {
        <>
            <div class="member-head">
                <strong>{ &props.client_id }</strong>
                <span class="member-state">{ &props.status }</span>
            </div>
            <div class="member-id" title={props.member_id.clone()}>
                { if props.member_id.is_empty() { lang.pick("no member id yet", "还没有 member id") } else { props.member_id.as_str() } }
            </div>
            <div class="chips">
                { for props.partitions.iter().map(|p| html! { <span class="chip">{ format!("P{p}") }</span> }) }
                if props.more > 0 { <span class="chip more">{ format!("+{}", props.more) }</span> }
                if props.idle { <span class="muted">{ lang.pick("no partitions", "没有分区") }</span> }
            </div>
            if groupsim::CONSUMER_PROTOCOL && (!props.revoking.is_empty() || !props.target.is_empty()) {
                <div class="chips target" title={lang.pick(
                    "The coordinator's target assignment for it: it revokes what is not in it first, then gets the rest once others released it",
                    "协调者给它的目标分配：先撤销不在目标里的分区，等别人释放后再拿到其余的分区",
                )}>
                    <span class="muted">{ lang.pick("target", "目标") }</span>
                    { for props.target.iter().map(|p| html! {
                        <span class={if props.partitions.contains(p) { "chip" } else { "chip incoming" }}>{ format!("P{p}") }</span>
                    }) }
                    if props.target.is_empty() { <span class="muted">{ lang.pick("nothing", "无") }</span> }
                    if !props.revoking.is_empty() {
                        <span class="muted">{ lang.pick("revoking", "撤销中") }</span>
                        { for props.revoking.iter().map(|p| html! { <span class="chip revoking">{ format!("P{p}") }</span> }) }
                    }
                </div>
            }
        </>
    }
}

/// Close, kill, pause, restart, cut or heal the link.
#[derive(PartialEq, Debug)]
struct MemberActions {
    /// The consumer's id.
    id: u32,
    client_id: String,
    running: bool,
    stalled: bool,
    link_cut: bool,
    /// Do something to the world.
    on_command: Callback<Command>,
}

impl Part for MemberActions {
    type State = ();

    fn draw(&self, lang: Lang, _: &Local<()>) -> Html {
        member_actions(self, lang)
    }
}

fn member_actions(props: &MemberActions, lang: Lang) -> Html {
    let (id, name, stalled, cut) = (props.id, &props.client_id, props.stalled, props.link_cut);
    let (close, kill, restart) =
        (lang.pick("Close", "关闭"), lang.pick("Kill", "杀掉"), lang.pick("Restart", "重启"));
    let pause = if stalled { lang.pick("Resume", "继续") } else { lang.pick("Pause", "暂停") };
    let link =
        if cut { lang.pick("Heal link", "恢复连接") } else { lang.pick("Cut link", "断开连接") };
    let (pause_label, link_label) = match lang.in_build() {
        Lang::En => (
            format!("{} processing of {name}", if stalled { "Resume" } else { "Pause" }),
            format!("{} link of {name}", if cut { "Heal" } else { "Cut" }),
        ),
        Lang::Zh => (format!("{pause} {name} 的处理"), format!("{link} {name}")),
    };
    let act = |command: Command| {
        let on_command = props.on_command.clone();
        move |_| on_command.emit(command.clone())
    };
    html! {
        <div class="member-actions">
            if props.running {
                <button aria-label={format!("{close} {name}")}
                    title={lang.pick(
                        "Graceful: commit, LeaveGroup, immediate rebalance",
                        "优雅关闭：提交位移，发送 LeaveGroup，立即重平衡",
                    )}
                    onclick={act(Command::CloseConsumer { consumer: id })}>{ close }</button>
                <button class="danger" aria-label={format!("{kill} {name}")}
                    title={lang.pick(
                        "Crash: silence; the coordinator notices at the session timeout",
                        "崩溃：从此悄无声息；协调者要等到会话超时才发现",
                    )}
                    onclick={act(Command::KillConsumer { consumer: id })}>{ kill }</button>
                <button aria-label={pause_label}
                    aria-pressed={stalled.to_string()}
                    title={lang.pick(
                        "A slow consumer: no poll() until resumed; after max.poll.interval.ms a dynamic member leaves",
                        "模拟慢消费者：继续之前不再调用 poll()；超过 max.poll.interval.ms 后，动态成员会离开消费者组",
                    )}
                    onclick={act(Command::StallProcessing { consumer: id, stalled: !stalled })}>
                    { pause }
                </button>
            } else {
                <button aria-label={format!("{restart} {name}")}
                    title={lang.pick(
                        "Start it again: same client id and instance id, a new member id",
                        "重新启动：client id 和 instance id 不变，member id 换成新的",
                    )}
                    onclick={act(Command::RestartConsumer { consumer: id })}>{ restart }</button>
            }
            <button aria-label={link_label}
                aria-pressed={cut.to_string()}
                title={lang.pick(
                    "Cut or heal its link to the brokers: a cut member keeps processing as a zombie",
                    "断开或恢复它与 broker 的连接：断开后它仍会作为僵尸成员继续处理消息",
                )}
                onclick={act(Command::CutLink { consumer: id, cut: !cut })}>
                { link }
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
    /// The row's name in the page's language (an answer's timer is named by its API).
    fn name(self, lang: Lang) -> &'static str {
        match self {
            Timer::Session => lang.pick("session", "会话"),
            Timer::FirstJoin => lang.pick("join", "加入"),
            Timer::Heartbeat => lang.pick("heartbeat", "心跳"),
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

    /// What the timer is, in the page's language.
    fn title(self, lang: Lang) -> &'static str {
        match self {
            Timer::Session => lang.pick(
                "The coordinator removes the member if no heartbeat arrives before this runs out (session.timeout.ms)",
                "倒计时结束前还收不到心跳，协调者就把这个成员移出消费者组（session.timeout.ms）",
            ),
            Timer::FirstJoin => lang.pick(
                "A new member has 5 minutes to finish its first join (the coordinator's new-member join timeout); from its first generation on, session.timeout.ms applies",
                "新成员有 5 分钟完成第一次加入（协调者对新成员的加入超时）；从它的第一代起改按 session.timeout.ms 计算",
            ),
            Timer::Heartbeat => {
                lang.pick("The next heartbeat (heartbeat.interval.ms)", "下一次心跳（heartbeat.interval.ms）")
            }
            Timer::Poll => lang.pick(
                "The application must call poll() again before this runs out (max.poll.interval.ms)",
                "倒计时结束前，应用必须再次调用 poll()（max.poll.interval.ms）",
            ),
            Timer::Answer(_) => lang.pick(
                "Its oldest request waits for an answer: when this runs out (request.timeout.ms; JoinGroup: max.poll.interval.ms + 5 s) it drops the connection and looks the coordinator up again",
                "它最早发出的请求还在等响应：倒计时结束时（request.timeout.ms；JoinGroup 为 max.poll.interval.ms + 5 秒），它会断开连接，重新查找协调者",
            ),
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
fn countdown(timer: Timer, now: Instant, deadline: Instant, span_ms: u64, lang: Lang) -> Html {
    let left = deadline.saturating_since(now);
    let pct = (left.as_millis() * 100).checked_div(span_ms).unwrap_or(0).min(100);
    html! {
        <div class={timer.class(pct < 20)} title={timer.title(lang)}>
            <span class="timer-name">{ timer.name(lang) }</span>
            <span class="timer-bar"><span style={format!("width:{pct}%")}></span></span>
            <span class="timer-left">{ left.to_string() }</span>
        </div>
    }
}
