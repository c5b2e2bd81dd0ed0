//! The root component: owns the session (the world and its recording) and the timer that
//! drives it. The lesson part is in [`lesson`].

mod embed;
mod lesson;

use gloo_timers::callback::{Interval, Timeout};
use groupsim::{Command, Duration, Instant, Life, Scenario, Session, SimView};
use yew::prelude::*;

use crate::components::{
    ControlsProps, Details, GroupPanel, LessonPanelProps, ProducerPanel, SPEEDS, Timeline, TopicPanel, Wire,
    controls, follow_into_view, help, invariant_ticks, lesson_menu, lesson_panel, memo, new_group,
};
use crate::handlers::Handlers;
use crate::held::Held;
use crate::lang::Lang;
use crate::msg::Msg;
use crate::observed::Observed;
use crate::owners::Owners;
use crate::services::{self, HashListener, KeyListener, OnScreen};
use crate::shortcuts::{Shortcut, shortcut_for};
use crate::world;

/// Wall-clock milliseconds between ticks while playing.
const TICK_MS: u32 = 100;

/// 1× by default.
pub const DEFAULT_SPEED: usize = 3;

/// How far the arrow keys seek.
const SEEK_KEY_MS: u64 = 5_000;

/// Wall-clock milliseconds a replay runs before the page draws and answers input again. A link
/// made after playing at 10,000× can hold days of virtual time: replayed in one go, the page
/// would stay blank for as long as that takes.
const REPLAY_SLICE_MS: f64 = 40.0;

/// How the app starts.
#[derive(Properties, PartialEq, Debug)]
pub struct AppProps {
    /// Start playing at once (the page does; tests start paused and step).
    #[prop_or(true)]
    pub autoplay: bool,
    /// The seed of the default world.
    #[prop_or(1)]
    pub seed: u64,
    /// A world to open instead of the default one (from a share link); it is replayed up to its
    /// `until_ms` and paused there when that is past zero.
    #[prop_or_default]
    pub scenario: Option<Scenario>,
    /// Why the link's scenario could not be opened, shown above the default world.
    #[prop_or_default]
    pub load_error: Option<String>,
    /// Listen for keyboard shortcuts on the document (the page does; tests send keys directly).
    #[prop_or(true)]
    pub shortcuts: bool,
    /// The starting speed, an index into [`SPEEDS`] (1× unless the page's `?speed=` says).
    #[prop_or(DEFAULT_SPEED)]
    pub speed: usize,
    /// Play even a linked scenario at once (`?play=1`), rather than pausing where it ends.
    #[prop_or(false)]
    pub play_linked: bool,
    /// Load the run of a share link pasted into this tab (only the `#` part changes), as the
    /// page does; tests that do not need it leave it off.
    #[prop_or(false)]
    pub follow_hash: bool,
    /// The page's language (`?lang=`, the visitor's choice, the browser's languages).
    #[prop_or_default]
    pub lang: Lang,
    /// A lesson to start at once (`?lesson=`), fetched from this site.
    #[prop_or_default]
    pub lesson: Option<String>,
    /// Offer the lessons to a newcomer (the page does; tests that do not need it leave it off).
    #[prop_or(false)]
    pub invite: bool,
    /// Embedded in a tutorial page (`?embed=1`): compact, its panels chosen, driven by the
    /// host's messages (`docs/embed.md`).
    #[prop_or_default]
    pub embed: Option<crate::embed::Embed>,
}

impl Default for AppProps {
    fn default() -> Self {
        AppProps {
            autoplay: true,
            seed: 1,
            scenario: None,
            load_error: None,
            shortcuts: true,
            speed: DEFAULT_SPEED,
            play_linked: false,
            follow_hash: false,
            lang: Lang::En,
            lesson: None,
            invite: false,
            embed: None,
        }
    }
}

/// A replay going on in slices: where it is headed, whether to play once there, and the timer
/// for the next slice (dropping it cancels the replay).
#[derive(Debug)]
struct Replay {
    target: Instant,
    then_play: bool,
    _next: Timeout,
}

/// How time moves: the timer while playing, the speed, and a replay on its way.
#[derive(Debug)]
struct Playback {
    timer: Option<Interval>,
    /// Index into [`SPEEDS`].
    speed: usize,
    /// A replay still on its way to its moment.
    replay: Option<Replay>,
}

/// What of the page is in view: panels out of view wait while playing.
#[derive(Debug)]
struct Viewport {
    /// Panels out of view, which wait while playing.
    held: Held,
    /// Tells `held` which panels are in view.
    on_screen: Option<OnScreen>,
    /// The page's root element, under which the panels' slots are watched.
    root: NodeRef,
    /// How many slots were drawn when they were last put under watch.
    watched: usize,
    /// What the lanes were last scrolled for: the key followed, the topics' partitions in all,
    /// the topics and the groups (following a key scrolls its lanes into view, and again when
    /// a topic grows or a group comes).
    followed: Option<(u32, usize, usize, usize)>,
}

/// The playground.
#[derive(Debug)]
pub struct App {
    session: Session,
    observed: Observed,
    /// The world as drawn: taken once per move, after its events are taken into account.
    view: SimView,
    /// What was observed up to each of the session's checkpoints (same instants), so a seek
    /// back restores both and replays only from there.
    checkpoints: Vec<(Instant, Observed)>,
    playback: Playback,
    viewport: Viewport,
    /// The lessons: the menu, the one under way, its spotlight.
    lessons: lesson::Lessons,
    /// The last problem (a refused command, an unreadable link), shown until the next action.
    error: Option<String>,
    /// The share link last put in the address bar.
    link: Option<String>,
    help: bool,
    /// The key highlighted in the lanes.
    follow: Option<u32>,
    /// The page's language.
    lang: Lang,
    /// The invitation to take a lesson, until the newcomer opens the menu or dismisses it.
    invite: bool,
    /// The embed's listener and what it has told the host, when embedded.
    embed: Option<embed::EmbedHost>,
    _keys: Option<KeyListener>,
    _hash: Option<HashListener>,
    on: Handlers,
}

/// The groups the page draws: those the coordinators know, then those only their consumers know
/// so far (their first JoinGroup is on the wire).
fn group_ids(view: &SimView) -> Vec<String> {
    let mut ids: Vec<String> = view.groups.iter().map(|g| g.id.clone()).collect();
    for c in &view.consumers {
        if !ids.contains(&c.group) {
            ids.push(c.group.clone());
        }
    }
    ids
}

impl App {
    /// Scrolls the followed key's lanes into view once it is drawn: when the key changes, and
    /// again when a topic grows or a group comes.
    fn follow_into_view(&mut self) {
        let topics = &self.view.topics;
        // Counted only while a key is followed: this runs after every draw.
        let wanted = self.follow.map(|key| {
            (key, topics.iter().map(|t| t.partitions.len()).sum(), topics.len(), group_ids(&self.view).len())
        });
        if wanted == self.viewport.followed {
            return;
        }
        self.viewport.followed = wanted;
        if let (Some((key, _, _, groups)), Some(root)) =
            (wanted, self.viewport.root.cast::<web_sys::Element>())
        {
            for topic in topics {
                follow_into_view(&root, topic, key, groups);
            }
        }
    }
}

impl Component for App {
    type Message = Msg;
    type Properties = AppProps;

    fn create(ctx: &Context<Self>) -> Self {
        let props = ctx.props();
        let mut error = props.load_error.clone();
        let linked = props.scenario.clone().map(|s| (s.until_ms, Session::new(s)));
        let (until_ms, session) = match linked {
            Some((until_ms, Ok(session))) => (until_ms, session),
            Some((_, Err(e))) => {
                error = Some(match props.lang.in_build() {
                    Lang::En => format!(
                        "The link's scenario could not be replayed ({e}); showing the default world instead."
                    ),
                    Lang::Zh => format!("链接里的场景无法重放（{e}）；改为显示默认场景。"),
                });
                (0, default_session(props.seed))
            }
            None => (0, default_session(props.seed)),
        };
        // The embed's own page leaves its chrome out: no shortcuts, no help, no Share.
        let shortcuts = props.shortcuts && !crate::embed::ALWAYS;
        let keys = shortcuts.then(|| KeyListener::new(ctx.link().callback(Msg::Key))).flatten();
        let hash = props.follow_hash.then(|| HashListener::new(ctx.link().callback(Msg::Link))).flatten();
        let mut app = App {
            view: session.sim().view(),
            session,
            observed: Observed::default(),
            checkpoints: Vec::new(),
            playback: Playback { timer: None, speed: props.speed.min(SPEEDS.len() - 1), replay: None },
            viewport: Viewport {
                held: Held::default(),
                on_screen: OnScreen::new(ctx.link().callback(Msg::Seen)),
                root: NodeRef::default(),
                watched: 0,
                followed: None,
            },
            lessons: lesson::Lessons::default(),
            error,
            link: None,
            help: false,
            follow: None,
            lang: props.lang,
            invite: props.invite && props.lesson.is_none() && props.embed.is_none(),
            embed: props
                .embed
                .clone()
                .filter(|_| crate::embed::BUILT)
                .map(|options| embed::EmbedHost::new(options, ctx)),
            _keys: keys,
            _hash: hash,
            on: Handlers::new(ctx.link()),
        };
        app.drain();
        if until_ms > 0 {
            app.seek(ctx, Instant::from_millis(until_ms), props.play_linked);
        } else if props.autoplay || props.play_linked {
            app.play(ctx);
        }
        if let Some(url) = &props.lesson {
            app.lesson_open(ctx, url.clone());
        }
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        // Anything the visitor does stops a replay where it has got to; the run so far is kept.
        // (Scrolling does not: it only shows other panels.)
        // Nor does a host's message until it is read (`embed_request` decides).
        if !matches!(msg, Msg::Replay | Msg::Seen(_) | Msg::Embed(..) | Msg::Height(_) | Msg::FullSize) {
            self.playback.replay = None;
        }
        match msg {
            Msg::Tick => {
                let virtual_ms = u64::from(TICK_MS) * SPEEDS[self.playback.speed] / 10;
                self.run_for(Duration::from_millis(virtual_ms));
            }
            Msg::Speed(index) => self.playback.speed = index.min(SPEEDS.len() - 1),
            Msg::Play => self.play(ctx),
            // Dropping the Interval cancels it.
            Msg::Pause => self.playback.timer = None,
            Msg::Step => {
                self.playback.timer = None;
                let result = self.session.step().map(drop);
                self.settle(result);
            }
            Msg::Skip(seconds) => {
                self.run_for(Duration::from_secs(seconds));
            }
            Msg::Seek(ms) => self.seek(ctx, Instant::from_millis(ms), false),
            Msg::Replay => {
                if let Some(Replay { target, then_play, .. }) = self.playback.replay.take() {
                    self.replay_to(ctx, target, then_play, true);
                }
            }
            Msg::Reset(seed) => {
                self.playback.timer = None;
                self.session = default_session(seed);
                self.observed = Observed::default();
                self.checkpoints.clear();
                self.error = None;
                if let Some(embed) = self.embed_mut() {
                    embed.rewritten(Instant::ZERO);
                }
                self.drain();
            }
            Msg::Share if crate::embed::ALWAYS => return false,
            Msg::Share => {
                self.link = services::publish(&self.session.scenario(), self.lang);
                if self.link.is_none() {
                    self.error = Some(
                        self.lang
                            .pick(
                                "This page cannot change its address (is it in a sandboxed frame?).",
                                "这个页面无法修改自己的地址（是不是在受限的 iframe 里？）。",
                            )
                            .into(),
                    );
                }
            }
            Msg::Command(command) => _ = self.command(command),
            Msg::Key(_) if crate::embed::ALWAYS => return false,
            Msg::Key(key) => return self.key(ctx, &key),
            Msg::Help(shown) => self.help = shown,
            Msg::Follow(key) => self.follow = key,
            Msg::Link(hash) => self.open_link(ctx, &hash),
            Msg::Lang(lang) if Lang::BUILT.is_some_and(|built| built != lang) => {
                // This build has one language's words: the page opens again in the other's.
                services::language::keep(lang);
                let lesson = self.lessons.run.as_ref().and(self.lessons.url.as_deref());
                services::language::reopen_in(
                    lang,
                    &services::fragment_for(&self.session.scenario()),
                    lesson,
                );
                return false;
            }
            Msg::Lang(lang) => {
                self.lang = lang;
                services::language::keep(lang);
                // A link already in the bar says its language too.
                if self.link.is_some() {
                    self.link = services::publish(&self.session.scenario(), self.lang);
                }
            }
            Msg::Lessons(open) => {
                self.lessons.menu = open;
                self.invite = false;
            }
            Msg::LessonOpen(url) => {
                self.invite = false;
                self.lesson_open(ctx, url);
            }
            Msg::LessonLoaded(url, text) => self.lesson_loaded(ctx, &url, text),
            Msg::LessonNext => self.lesson_next(ctx),
            Msg::LessonBack => self.lesson_back(ctx),
            Msg::LessonLeave => self.lesson_leave(),
            Msg::LessonAnswer(given) => self.lesson_answer(&given),
            Msg::LessonProblem(problem) => {
                if let Some(run) = &mut self.lessons.run {
                    let step = run.step + 1;
                    run.make_mut().problem = Some(format!("step {step}, {problem}"));
                }
            }
            Msg::Embed(text, sender) => self.embed_request(ctx, &text, &sender),
            Msg::Height(height) => {
                self.embed_height(height);
                return false;
            }
            Msg::FullSize => {
                if crate::embed::BUILT {
                    let fragment = services::fragment_for(&self.session.scenario());
                    services::embed::open_full_size(&fragment, self.lang);
                }
                return false;
            }
            Msg::Seen(panels) => {
                let mut changed = false;
                for (panel, in_view) in panels {
                    changed |= self.viewport.held.seen(panel, in_view);
                }
                return changed;
            }
        }
        self.lesson_moved(ctx);
        true
    }

    fn rendered(&mut self, ctx: &Context<Self>, first_render: bool) {
        if first_render {
            services::mark_first_draw();
        }
        // A new topic or group brings a new slot to watch.
        let slots = self.viewport.held.slots();
        if slots != self.viewport.watched
            && let (Some(on_screen), Some(root)) =
                (&self.viewport.on_screen, self.viewport.root.cast::<web_sys::Element>())
        {
            on_screen.watch(&root);
            self.viewport.watched = slots;
        }
        self.follow_into_view();
        self.lesson_rendered(ctx);
        self.embed_rendered(ctx, first_render);
    }

    fn view(&self, _ctx: &Context<Self>) -> Html {
        let view = &self.view;
        let on = &self.on;
        let group_ids = group_ids(view);
        let owners: Vec<(String, Owners)> =
            group_ids.iter().map(|g| (g.clone(), Owners::of(view, g))).collect();
        let violations = self.observed.checker.violations();
        // From 10× (speeds are in tenths) the arrivals are too many to animate: drawing stays cheap.
        let fast = SPEEDS[self.playback.speed] >= 100;
        let playing = self.playback.timer.is_some();
        let held = &self.viewport.held;
        let lang = self.lang;
        let other = lang.other();
        let embed = self.embed().map(|e| &e.options);
        let shows = |panel: &str| embed.is_none_or(|e| e.shows(panel));
        let (left, right) = (shows("topics") || shows("producers"), shows("groups"));
        html! {
            <ContextProvider<Lang> context={lang}>
            <main class={classes!("playground", fast.then_some("fast"), embed.map(|_| "embed"))} ref={self.viewport.root.clone()}>
                <header class="topbar">
                    <h1 class={classes!(embed.map(|_| "sr-only"))}>{ lang.pick("Kafka consumer group playground", "Kafka 消费者组演练场") }</h1>
                    if crate::embed::ALWAYS || embed.is_some() {
                        <div class="page-tools">
                            <button class="link" title={lang.pick("Open this run in a new tab, full size", "在新标签页中以完整大小打开这次运行")}
                                onclick={{ let open = on.full_size.clone(); move |_| open.emit(()) }}>
                                { lang.pick("Kafka group playground: open full size ↗", "Kafka 消费者组演练场：完整打开 ↗") }
                            </button>
                        </div>
                    } else {
                    <div class="page-tools">
                        <button class="primary" data-spot="lessons" onclick={{ let open = on.lessons.clone(); move |_| open.emit(true) }}>
                            { lang.pick("Lessons", "课程") }
                        </button>
                        <button lang={other.code()} aria-label={other.own("English: switch the page to English", "中文：切换到简体中文")}
                            onclick={{ let switch = on.lang.clone(); move |_| switch.emit(other) }}>
                            { other.own("English", "中文") }
                        </button>
                    </div>
                    }
                    { controls(lang, &ControlsProps {
                        playing: self.playback.timer.is_some(),
                        now: view.now,
                        seed: view.seed,
                        on_play: on.play.clone(),
                        on_pause: on.pause.clone(),
                        on_step: on.step.clone(),
                        on_skip: on.skip.clone(),
                        speed: self.playback.speed,
                        on_speed: on.speed.clone(),
                    }) }
                    { memo(Timeline {
                        now: view.now,
                        head: self.session.head(),
                        commands: self.session.commands().iter().map(|c| c.at_ms).collect(),
                        seed: view.seed,
                        link: self.link.clone(),
                        on_seek: on.seek.clone(),
                        on_reset: on.reset.clone(),
                        on_share: on.share.clone(),
                        on_help: on.open_help.clone(),
                    }) }
                    { invariant_ticks(lang, violations, self.observed.duplicate_count, &on.seek) }
                </header>
                if !crate::embed::ALWAYS && self.invite && self.lessons.run.is_none() {
                    <p class="invite">
                        { lang.pick("New to consumer groups? ", "第一次接触消费者组？") }
                        <button class="link" onclick={{ let open = on.lesson_open.clone(); let url = crate::lesson::catalog::LESSONS[0].url(); move |_| open.emit(url.clone()) }}>
                            { lang.pick("Start with the first lesson", "从第一课开始") }
                        </button>
                        { lang.pick(" or ", "，或者") }
                        <button class="link" onclick={{ let open = on.lessons.clone(); move |_| open.emit(true) }}>
                            { lang.pick("pick one", "挑一节课") }
                        </button>
                        { lang.pick(".", "。") }
                    </p>
                }
                if let Some(style) = self.spot_style() {
                    <style>{ style }</style>
                }
                if let Some(run) = &self.lessons.run {
                    { lesson_panel(lang, &LessonPanelProps {
                        run: run.clone(),
                        on_next: on.lesson_next.clone(),
                        on_back: on.lesson_back.clone(),
                        on_leave: on.lesson_leave.clone(),
                        on_answer: on.lesson_answer.clone(),
                    }) }
                }
                if let Some(error) = &self.error {
                    <p class="error" role="alert">{ error }</p>
                }
                if let Some(replay) = &self.playback.replay {
                    <p class="replaying" role="status">
                        { match lang.in_build() {
                            Lang::En => format!("Replaying the run: {} of {}. Any action stops it where it is.", view.now, replay.target),
                            Lang::Zh => format!("正在重放：{} / {}。任何操作都会让它停在当前位置。", view.now, replay.target),
                        } }
                    </p>
                }
                <div class={classes!("columns", (left != right).then_some("single"))}>
                    if left {
                    <div class="column">
                        { for view.topics.iter().filter(|_| shows("topics")).map(|topic| held.slot(&format!("topic:{}", topic.name), playing, &|| html! {
                            { memo(TopicPanel { topic: topic.clone(), owners: owners.clone(), follow: self.follow, fast, on_command: on.command.clone() }) }
                        })) }
                        if shows("producers") {
                        { held.slot("producers", playing, &|| html! {
                            { memo(ProducerPanel {
                                producers: view.producers.clone(),
                                topics: view.topics.iter().map(|t| (t.name.clone(), t.partitions.len() as u32)).collect(),
                                follow: self.follow,
                                on_follow: on.follow.clone(),
                                on_command: on.command.clone(),
                            }) }
                        }) }
                        }
                    </div>
                    }
                    if right {
                    <div class="column">
                        { for group_ids.iter().map(|id| held.slot(&format!("group:{id}"), playing, &|| html! {
                            { memo(GroupPanel {
                                id: id.clone(),
                                group: view.groups.iter().find(|g| &g.id == id).cloned(),
                                now: view.now,
                                consumers: view.consumers.iter().filter(|c| &c.group == id).cloned().collect(),
                                topics: view.topics.iter().map(|t| t.name.clone()).collect(),
                                existing: view.consumers.len(),
                                on_command: on.command.clone(),
                            }) }
                        })) }
                        { new_group(lang, &group_ids, &on.command) }
                    </div>
                    }
                </div>
                if shows("wire") {
                { held.slot("wire", playing, &|| html! {
                    { memo(Wire { flights: self.observed.wire.clone(), timeouts: self.observed.timeouts.clone(), now: view.now, fast }) }
                }) }
                }
                if shows("details") {
                { held.slot("details", playing, &|| html! {
                    { memo(Details {
                        groups: view.groups.clone(),
                        log: self.observed.log.clone(),
                        lag: self.observed.lag.clone(),
                        violations: violations.to_vec(),
                        duplicates: self.observed.duplicates.iter().cloned().collect(),
                        duplicate_count: self.observed.duplicate_count,
                        on_seek: on.seek.clone(),
                    }) }
                }) }
                }
                if !crate::embed::ALWAYS && self.help {
                    { help(lang, &on.close_help) }
                }
                if !crate::embed::ALWAYS && self.lessons.menu {
                    { lesson_menu(lang, &on.lesson_open, &on.lessons) }
                }
            </main>
            </ContextProvider<Lang>>
        }
    }
}

fn default_session(seed: u64) -> Session {
    // A constant, valid scenario: failing here is a bug worth the panic banner.
    Session::new(world::initial_scenario(seed)).expect("the default world is valid")
}

impl App {
    fn play(&mut self, ctx: &Context<Self>) {
        let link = ctx.link().clone();
        self.playback.timer = Some(Interval::new(TICK_MS, move || link.send_message(Msg::Tick)));
    }

    /// Runs the world `dt` further, handing its events to what is observed as they come (so the
    /// session can take its checkpoints), then takes the move into account.
    fn run_for(&mut self, dt: Duration) {
        let result = self.run_to(self.session.sim().now() + dt);
        self.settle(result);
    }

    /// Runs the world to `t`, handing every event to what is observed and to the lesson (so a
    /// step's wait is met whether the world got there by playing or by a seek's replay).
    fn run_to(&mut self, t: Instant) -> Result<(), groupsim::ScenarioError> {
        let (observed, lessons, embed, lang) =
            (&mut self.observed, &mut self.lessons, &mut self.embed, self.lang);
        self.session.run_to_draining(t, &mut |e| {
            lessons.saw(&e.event);
            if let Some(embed) = embed.as_mut().filter(|_| crate::embed::BUILT) {
                embed.saw(&e, lang);
            }
            observed.event(e);
        })
    }

    /// Takes the events of the last move into account, or stops and says why the move failed.
    fn settle(&mut self, result: Result<(), groupsim::ScenarioError>) {
        if let Err(e) = result {
            self.playback.timer = None;
            self.error = Some(match self.lang.in_build() {
                Lang::En => format!(
                    "The recorded run could not go on: {e}. It stopped here; everything before is kept."
                ),
                Lang::Zh => format!("录制的运行无法继续：{e}。已停在这里，之前的一切都保留着。"),
            });
        }
        self.drain();
    }

    fn drain(&mut self) {
        while let Some(stamped) = self.session.poll_event() {
            self.lessons.saw(&stamped.event);
            let lang = self.lang;
            if let Some(embed) = self.embed_mut() {
                embed.saw(&stamped, lang);
            }
            self.observed.event(stamped);
        }
        self.view = self.session.sim().view();
        self.observed.moment(&self.view);
        self.keep_checkpoints();
    }

    /// Follows the session's checkpoints: forgets what it no longer keeps, and keeps what was
    /// observed up to a checkpoint it has just taken (it takes them at the end of a run, with
    /// every event handed over, so this moment is that checkpoint's).
    fn keep_checkpoints(&mut self) {
        let (count, last) = (self.session.checkpoint_times().len(), self.session.checkpoint_times().last());
        // Most ticks: the session took none and dropped none, and nothing is to be done.
        if count == self.checkpoints.len() && last == self.checkpoints.last().map(|(at, _)| *at) {
            return;
        }
        let times: Vec<Instant> = self.session.checkpoint_times().collect();
        self.checkpoints.retain(|(at, _)| times.contains(at));
        let now = self.view.now;
        if last == Some(now) && self.checkpoints.last().is_none_or(|(at, _)| *at < now) {
            self.checkpoints.push((now, self.observed.clone()));
        }
    }

    /// A refused command changes nothing in the world; say why next to the controls (and to
    /// the caller).
    fn command(&mut self, command: Command) -> Result<(), String> {
        let result = match self.session.apply(command.clone()) {
            Ok(()) => {
                self.error = None;
                self.lesson_acted(&command);
                let now = self.session.sim().now();
                if let Some(embed) = self.embed_mut() {
                    embed.rewritten(now);
                }
                Ok(())
            }
            Err(e) => {
                let said = crate::i18n::errors::sim_error(&e, self.lang);
                self.error = Some(said.clone());
                Err(said)
            }
        };
        self.drain();
        result
    }

    /// Goes to `t`: forward by running (up to where the recording reaches or beyond), backward by
    /// replaying from the start, feeding everything on the way to the log, checker and charts.
    /// Plays from there when `then_play`.
    /// A seek starts from the latest checkpoint at or before `t` when that is behind now or
    /// ahead of it (issue 16): the session restores its copy of the world and this its copy of
    /// what was observed by then, and the rest is run.
    fn seek(&mut self, ctx: &Context<Self>, t: Instant, then_play: bool) {
        self.seek_sliced(ctx, t, then_play, true);
    }

    /// [`App::seek`], replayed whole when not `sliced`.
    fn seek_sliced(&mut self, ctx: &Context<Self>, t: Instant, then_play: bool, sliced: bool) {
        let sim_now = self.session.sim().now();
        // Forward, a checkpoint between now and `t` saves running the way there.
        let ahead = self.session.checkpoint_times().filter(|c| *c <= t).last().is_some_and(|c| c > sim_now);
        if t < sim_now || ahead {
            match self.session.rewind_to(t) {
                Ok(from) => match self.checkpoints.iter().find(|(at, _)| *at == from) {
                    Some((_, observed)) => {
                        self.observed = observed.clone();
                        self.view = self.session.sim().view();
                    }
                    None => {
                        // Time zero (or a checkpoint this page never saw): from the start.
                        self.observed = Observed::default();
                        if let Err(e) = self.session.rewind() {
                            self.error = Some(format!("Rewinding failed: {e}"));
                            return;
                        }
                        self.drain();
                    }
                },
                Err(e) => {
                    self.error = Some(format!("Rewinding failed: {e}"));
                    return;
                }
            }
        }
        self.replay_to(ctx, t, then_play, sliced);
    }

    /// Runs towards `t` for one slice of wall-clock time; if `t` is further, the rest is left to
    /// the next slice, after the page has drawn. Slicing changes when the page draws, never
    /// what the run does: every slice runs the same steps the whole replay would. In a
    /// background tab (timers held to one a second, nobody watching) it runs to `t` at once.
    /// A lesson's world is replayed whole (`sliced` false): its step goes on from there at once.
    fn replay_to(&mut self, ctx: &Context<Self>, t: Instant, then_play: bool, sliced: bool) {
        let started = services::wall_ms();
        let every = Duration::from_millis(crate::observed::LAG_EVERY_MS);
        while self.session.sim().now() < t {
            if sliced && services::wall_ms() - started > REPLAY_SLICE_MS && !services::page_hidden() {
                let link = ctx.link().clone();
                let next = Timeout::new(0, move || link.send_message(Msg::Replay));
                self.playback.replay = Some(Replay { target: t, then_play, _next: next });
                return;
            }
            let next = (self.session.sim().now() + every).min(t);
            let result = self.run_to(next);
            if result.is_err() {
                return self.settle(result);
            }
            self.view = self.session.sim().view();
            self.observed.moment(&self.view);
            self.keep_checkpoints();
        }
        if then_play {
            self.play(ctx);
        }
    }

    /// A new share link in the address: its run replaces this one, paused where it ends. One
    /// that cannot be read says why, and the run on the page goes on. The page's own Share
    /// writes the address without a `hashchange`, so this never reloads what is shown.
    fn open_link(&mut self, ctx: &Context<Self>, hash: &str) {
        let lang = self.lang;
        let opened = match services::scenario_from_fragment_in(hash, lang) {
            None => return,
            Some(Err(e)) => Err(e),
            // A window on this run stays; the world with the consumer protocol opens in its build.
            Some(Ok(scenario)) if services::open_in_consumer_protocol_build(&scenario) => return,
            Some(Ok(scenario)) => self.load(ctx, scenario, true).map_err(|e| match lang.in_build() {
                Lang::En => {
                    format!("The link's scenario could not be replayed ({e}); the run on the page goes on.")
                }
                Lang::Zh => format!("链接里的场景无法重放（{e}）；页面上的运行照常继续。"),
            }),
        };
        match opened {
            Ok(()) => self.error = None,
            Err(e) => self.error = Some(services::run_goes_on(&e)),
        }
    }

    fn key(&mut self, ctx: &Context<Self>, key: &str) -> bool {
        let Some(action) = shortcut_for(key) else { return false };
        let now = self.session.sim().now().as_millis();
        let newest_running =
            || self.view.consumers.iter().rev().find(|c| c.life == Life::Running).map(|c| c.id.0);
        let msg = match action {
            Shortcut::PlayPause if self.playback.timer.is_some() => Msg::Pause,
            Shortcut::PlayPause => Msg::Play,
            Shortcut::Step => Msg::Step,
            Shortcut::Skip => Msg::Skip(10),
            Shortcut::Faster => Msg::Speed(self.playback.speed + 1),
            Shortcut::Slower => Msg::Speed(self.playback.speed.saturating_sub(1)),
            Shortcut::Back => Msg::Seek(now.saturating_sub(SEEK_KEY_MS)),
            Shortcut::Forward => Msg::Seek((now + SEEK_KEY_MS).min(self.session.head().as_millis())),
            Shortcut::AddConsumer => Msg::Command(Command::AddConsumer { config: world::consumer() }),
            Shortcut::KillNewest => match newest_running() {
                Some(consumer) => Msg::Command(Command::KillConsumer { consumer }),
                None => return false,
            },
            Shortcut::CloseNewest => match newest_running() {
                Some(consumer) => Msg::Command(Command::CloseConsumer { consumer }),
                None => return false,
            },
            Shortcut::Share => Msg::Share,
            Shortcut::Help => Msg::Help(!self.help),
            Shortcut::Dismiss => Msg::Help(false),
        };
        Component::update(self, ctx, msg)
    }
}
