//! The one module that touches browser APIs beyond rendering: the URL (share links), the
//! document-wide keyboard listener and the watch on which panels are in view; and, in their own
//! files, fetching lessons, the page's language and the lesson spotlight.

pub mod embed;
pub mod fetch;
pub mod language;
pub mod spotlight;

use groupsim::Scenario;

use crate::lang::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::Callback;

/// The scenario in the page's URL, if it has one; an unreadable one is an error in words, in
/// `lang`.
pub fn scenario_from_url(lang: Lang) -> Option<Result<Scenario, String>> {
    let hash = web_sys::window()?.location().hash().ok()?;
    scenario_from_fragment_in(&hash, lang)
}

/// Reads a share link's fragment: `#v1;seed=…;…` (see [`Scenario::from_link`]). No fragment is
/// `None`; any other fragment is a link or an error that says why it is not one.
pub fn scenario_from_fragment(hash: &str) -> Option<Result<Scenario, String>> {
    scenario_from_fragment_in(hash, Lang::En)
}

/// [`scenario_from_fragment`], its error in `lang` (what is wrong inside the link stays as the
/// link reader says it).
pub fn scenario_from_fragment_in(hash: &str, lang: Lang) -> Option<Result<Scenario, String>> {
    let link = hash.strip_prefix('#').unwrap_or(hash);
    if link.is_empty() {
        return None;
    }
    if !link.starts_with('v') {
        return Some(Err(lang
            .pick(
                "The address's #… is not a share link (those start with #v1;); showing the default world instead.",
                "地址里的 #… 不是分享链接（分享链接以 #v1; 开头）；改为显示默认场景。",
            )
            .into()));
    }
    Some(Scenario::from_link(link).map_err(|e| match lang.in_build() {
        Lang::En => {
            format!("The link's scenario could not be read ({e}); showing the default world instead.")
        }
        Lang::Zh => format!("无法读取链接里的场景（{e}）；改为显示默认场景。"),
    }))
}

/// A link error said for a page that keeps its run: "showing the default world instead"
/// becomes "the run on the page goes on", in either language.
pub fn run_goes_on(error: &str) -> String {
    error
        .replace("showing the default world instead", "the run on the page goes on")
        .replace("改为显示默认场景", "页面上的运行照常继续")
}

/// The page's `?speed=100&play=1` options, for embeds: the starting speed as an index into
/// the speeds offered (the nearest one at or below the asked multiple of real time) and whether
/// to play a linked scenario at once.
pub fn options_from_url() -> (Option<usize>, bool) {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    options_from_query(&search)
}

/// Reads `?speed=N&play=1`; anything else is ignored.
pub fn options_from_query(search: &str) -> (Option<usize>, bool) {
    let (mut speed, mut play) = (None, false);
    for pair in search.trim_start_matches('?').split('&') {
        match pair.split_once('=') {
            Some(("speed", value)) => speed = speed_from_text(value).or(speed),
            Some(("play", value)) => play = value == "1",
            _ => {}
        }
    }
    (speed, play)
}

/// A speed as `?speed=` and the embed API write it (a multiple of real time: `100`, `0.5`) as an
/// index into the speeds offered, the nearest at or below; `None` when it is not a number.
pub fn speed_from_text(value: &str) -> Option<usize> {
    // In tenths, read without floats (their parser and printer weigh ~20 KB).
    let (whole, tenth) = value.split_once('.').unwrap_or((value, "0"));
    let tenth = tenth.get(..1).unwrap_or("0");
    let (whole, tenth) = (whole.parse::<u64>().ok()?, tenth.parse::<u64>().ok()?);
    let tenths = whole.saturating_mul(10).saturating_add(tenth);
    crate::components::SPEEDS.iter().rposition(|&s| s <= tenths.max(1))
}

/// The page's embed options (`?embed=1&panels=…&origin=…`), if it is embedded (only a build
/// that speaks the API reads them).
pub fn embed_from_url() -> Option<crate::embed::Embed> {
    if !crate::embed::BUILT {
        return None;
    }
    let search = web_sys::window()?.location().search().ok()?;
    let decode =
        |v: &str| js_sys::decode_uri_component(v).ok().and_then(|v| v.as_string()).unwrap_or_default();
    match crate::embed::ALWAYS {
        true => Some(crate::embed::options(&search, decode)),
        false => crate::embed::from_query(&search, decode),
    }
}

/// The lesson the page's `?lesson=` names (a URL on this site), if any.
pub fn lesson_from_url() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    lesson_from_query(&search)
}

/// Reads `?lesson=…` (percent-escapes decoded).
pub fn lesson_from_query(search: &str) -> Option<String> {
    search.trim_start_matches('?').split('&').find_map(|pair| {
        let value = pair.strip_prefix("lesson=")?;
        js_sys::decode_uri_component(value).ok().and_then(|v| v.as_string()).filter(|v| !v.is_empty())
    })
}

/// A link whose world has a consumer-protocol consumer opens in the build that has the protocol
/// (`kip848/`, the same query and fragment): this one leaves it out of its first load. True when
/// the page is on its way there.
pub fn open_in_consumer_protocol_build(scenario: &Scenario) -> bool {
    if groupsim::CONSUMER_PROTOCOL {
        return false;
    }
    let needs = scenario.commands.iter().any(|t| {
        matches!(&t.command, groupsim::Command::AddConsumer { config }
            if config.group_protocol == groupsim::GroupProtocol::Consumer)
    });
    let Some(location) = web_sys::window().map(|w| w.location()).filter(|_| needs) else { return false };
    open_in_build(&location, "kip848/")
}

/// Where the first load's page is, from this build's: the consumer protocol's build and the
/// embed's are folders beside it.
pub const HOME: &str = if groupsim::CONSUMER_PROTOCOL || crate::embed::BUILT { "../" } else { "" };

/// Opens this address (its query and fragment) in the build in `folder`, beside the first load's
/// page, in place of this one.
fn open_in_build(location: &web_sys::Location, folder: &str) -> bool {
    let search = location.search().unwrap_or_default();
    let target = format!("{HOME}{folder}{search}{}", location.hash().unwrap_or_default());
    location.replace(&target).is_ok()
}

/// The first load's page was asked to be embedded (`?embed=1`): it opens the embed's build
/// instead, which speaks the API (`docs/embed.md`), and says so (the page then stops).
pub fn open_in_embed_build() -> bool {
    let Some(location) = web_sys::window().map(|w| w.location()).filter(|_| !crate::embed::BUILT) else {
        return false;
    };
    crate::embed::asked(&location.search().unwrap_or_default()) && open_in_build(&location, "embed/")
}

/// The fragment that carries `scenario`.
pub fn fragment_for(scenario: &Scenario) -> String {
    format!("#{}", scenario.to_link())
}

/// Puts `scenario` in the address bar (without reloading or adding a history entry), with the
/// page's language in its query, and returns the whole link.
pub fn publish(scenario: &Scenario, lang: Lang) -> Option<String> {
    let window = web_sys::window()?;
    let search = window.location().search().ok()?;
    let address = format!("{}{}", query_with_lang(&search, lang), fragment_for(scenario));
    window.history().ok()?.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address)).ok()?;
    window.location().href().ok()
}

/// The query with `lang=` set to `lang` (the other parameters kept as they were).
pub fn query_with_lang(search: &str, lang: Lang) -> String {
    let mut query = String::from("?");
    for pair in search.trim_start_matches('?').split('&') {
        if !pair.is_empty() && !pair.starts_with("lang=") {
            query.push_str(pair);
            query.push('&');
        }
    }
    query.push_str("lang=");
    query.push_str(lang.code());
    query
}

/// Notes on `<html data-first-draw-ms>` how long after navigation the page first drew the
/// world (milliseconds, `performance.now()`), for the load-time measurement in BENCHMARKS.md.
pub fn mark_first_draw() {
    let Some(window) = web_sys::window() else { return };
    let (Some(performance), Some(document)) = (window.performance(), window.document()) else { return };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("data-first-draw-ms", &(performance.now() as u64).to_string());
    }
}

/// Milliseconds on the page's clock (`performance.now()`), or 0 where there is none. Only the
/// page uses it, to slice long replays; the simulation never sees it.
pub fn wall_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Whether the page is in a background tab, where the browser runs timers at most once a second.
pub fn page_hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden())
}

/// A `keydown` listener on the document, removed when dropped. Keys typed into form fields and
/// keys with Ctrl, Alt or Meta are left to the browser.
pub struct KeyListener {
    closure: Closure<dyn FnMut(web_sys::KeyboardEvent)>,
}

impl std::fmt::Debug for KeyListener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeyListener")
    }
}

impl KeyListener {
    /// Sends each shortcut key (`KeyboardEvent.key`) to `on_key`.
    pub fn new(on_key: Callback<String>) -> Option<KeyListener> {
        let document = web_sys::window()?.document()?;
        let closure = Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
            if e.ctrl_key() || e.alt_key() || e.meta_key() || typing_into(&e) {
                return;
            }
            if crate::shortcuts::is_shortcut(&e.key()) {
                e.prevent_default();
                on_key.emit(e.key());
            }
        });
        document.add_event_listener_with_callback("keydown", closure.as_ref().unchecked_ref()).ok()?;
        Some(KeyListener { closure })
    }
}

/// A `hashchange` listener on the window, removed when dropped: a new share link pasted into a
/// tab that already shows the playground changes only the fragment, and the page must load it.
pub struct HashListener {
    closure: Closure<dyn FnMut()>,
}

impl std::fmt::Debug for HashListener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HashListener")
    }
}

impl HashListener {
    /// Sends the new fragment (`location.hash`) to `on_hash` each time it changes.
    pub fn new(on_hash: Callback<String>) -> Option<HashListener> {
        let window = web_sys::window()?;
        let closure = Closure::<dyn FnMut()>::new(move || {
            if let Some(hash) = web_sys::window().and_then(|w| w.location().hash().ok()) {
                on_hash.emit(hash);
            }
        });
        window.add_event_listener_with_callback("hashchange", closure.as_ref().unchecked_ref()).ok()?;
        Some(HashListener { closure })
    }
}

impl Drop for HashListener {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window
                .remove_event_listener_with_callback("hashchange", self.closure.as_ref().unchecked_ref());
        }
    }
}

impl Drop for KeyListener {
    fn drop(&mut self) {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            let _ = document
                .remove_event_listener_with_callback("keydown", self.closure.as_ref().unchecked_ref());
        }
    }
}

/// Watches the `[data-panel]` slots under an element and reports, for each one whose
/// visibility changed, its name and whether it is now in view (or within [`ON_SCREEN_MARGIN`]
/// of it, so a panel scrolled towards is drawn before it shows). Stops watching when dropped.
pub struct OnScreen {
    observer: web_sys::IntersectionObserver,
    _closure: Closure<dyn FnMut(js_sys::Array)>,
}

/// How near the viewport a panel counts as in view.
const ON_SCREEN_MARGIN: &str = "64px 0px";

impl std::fmt::Debug for OnScreen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OnScreen")
    }
}

impl OnScreen {
    /// Reports changes to `on_change` as `(panel, in view)` pairs, a batch at a time.
    pub fn new(on_change: Callback<Vec<(String, bool)>>) -> Option<OnScreen> {
        let closure = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let seen = entries
                .iter()
                .map(web_sys::IntersectionObserverEntry::unchecked_from_js)
                .filter_map(|e| Some((e.target().get_attribute("data-panel")?, e.is_intersecting())))
                .collect();
            on_change.emit(seen);
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin(ON_SCREEN_MARGIN);
        let observer =
            web_sys::IntersectionObserver::new_with_options(closure.as_ref().unchecked_ref(), &options)
                .ok()?;
        Some(OnScreen { observer, _closure: closure })
    }

    /// Watches every slot under `root` (slots watched already are left as they are).
    pub fn watch(&self, root: &web_sys::Element) {
        let Ok(slots) = root.query_selector_all("[data-panel]") else { return };
        for slot in (0..slots.length()).filter_map(|i| slots.item(i)) {
            if let Ok(slot) = slot.dyn_into::<web_sys::Element>() {
                self.observer.observe(&slot);
            }
        }
    }
}

impl Drop for OnScreen {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Whether the key belongs to a form field: any key in a text field or a select, and the arrow
/// keys on a slider (the other shortcuts still work there).
fn typing_into(e: &web_sys::KeyboardEvent) -> bool {
    let Some(target) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return false };
    let tag = target.tag_name().to_ascii_lowercase();
    let is_range = target.get_attribute("type").as_deref() == Some("range");
    match tag.as_str() {
        "textarea" | "select" => true,
        "input" if is_range => e.key().starts_with("Arrow"),
        "input" => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scenario_survives_the_fragment_round_trip() {
        let scenario = crate::world::initial_scenario(9);
        let fragment = fragment_for(&scenario);
        assert!(fragment.starts_with("#v1;seed=9;"), "{fragment}");
        assert_eq!(scenario_from_fragment(&fragment), Some(Ok(scenario)));
    }

    #[test]
    fn a_share_link_says_its_language() {
        use crate::lang::Lang;
        assert_eq!(query_with_lang("", Lang::Zh), "?lang=zh");
        assert_eq!(query_with_lang("?speed=10&lang=en", Lang::Zh), "?speed=10&lang=zh");
        assert_eq!(query_with_lang("?lang=zh&play=1", Lang::En), "?play=1&lang=en");
        assert_eq!(language::from_query("?speed=1&lang=zh"), Some(Lang::Zh));
        assert_eq!(language::from_query("?lang=fr"), None);
    }

    #[test]
    fn embed_options_pick_the_nearest_speed_at_or_below() {
        assert_eq!(options_from_query("?speed=100&play=1"), (Some(9), true));
        assert_eq!(options_from_query("?speed=0.1"), (Some(0), false));
        assert_eq!(options_from_query("?speed=300"), (Some(10), false));
        assert_eq!(options_from_query("?speed=fast&x=1"), (None, false));
    }

    #[test]
    fn a_broken_fragment_says_what_is_wrong() {
        assert_eq!(scenario_from_fragment(""), None);
        assert_eq!(scenario_from_fragment("#"), None);
        let other = scenario_from_fragment("#other").unwrap().unwrap_err();
        assert!(other.starts_with("The address's #… is not a share link"), "{other}");
        let error = scenario_from_fragment("#v1;seed=x").unwrap().unwrap_err();
        assert_eq!(
            error,
            "The link's scenario could not be read (item 2 (seed=x): seed=“x” is not a whole number in range); \
             showing the default world instead."
        );
    }
}
