//! Embedding the playground in a tutorial page (issue 17, `docs/embed.md`): the page's
//! `?embed=1&panels=…&origin=…` options ([`Embed`]), the messages a host page sends
//! ([`inbound`]) and the ones the playground sends back ([`outbound`]). Everything here is pure;
//! the browser's `message` events and `postMessage` are in `services::embed`.

pub mod inbound;
pub mod outbound;

#[cfg(test)]
mod tests;

/// Whether this build speaks the API: the embed's build (`dist/embed/`) and the one with the
/// consumer protocol do; the first load does not, and sends `?embed=1` to the embed's build.
/// Every use of the embed in the app is behind it, so none of its code is in the first load.
pub const BUILT: bool = cfg!(feature = "embed");

/// Whether this is the embed's own build (`dist/embed/`): its page is always embedded, with or
/// without `embed=1`, so it leaves out what only the playground's own page draws (the lesson
/// menu and invitation, the language switch).
pub const ALWAYS: bool = cfg!(all(feature = "embed", not(feature = "kip848")));

/// The API's version: every message in either direction carries it as `"api"`.
pub const API: i64 = 1;

/// What every message the playground sends says it comes from, so a host can tell them apart
/// (and the playground ignores its own when the page is not in a frame).
pub const SOURCE: &str = "kafka-group-playground";

/// The panels a host can choose with `panels=`, in the order the page draws them.
pub const PANELS: [&str; 5] = ["topics", "producers", "groups", "wire", "details"];

/// How the page is embedded: which panels show and which origins may drive it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Embed {
    /// The panels shown (names from [`PANELS`]); all of them unless `panels=` says.
    pub panels: Vec<String>,
    /// The origins whose messages are acted on (`origin=`, comma-separated); empty: any.
    pub origins: Vec<String>,
}

impl Embed {
    /// Whether the slot `panel` (`topic:orders`, `group:group-a`, `wire`, …) is shown.
    pub fn shows(&self, panel: &str) -> bool {
        let kind = match panel.split_once(':') {
            Some(("topic", _)) => "topics",
            Some(("group", _)) => "groups",
            _ => panel,
        };
        self.panels.iter().any(|p| p == kind)
    }

    /// Whether a message from `origin` may drive the page.
    pub fn accepts(&self, origin: &str) -> bool {
        self.origins.is_empty() || self.origins.iter().any(|o| o == origin)
    }
}

/// Whether the page's query (`?embed=1&…`) asks for it to be embedded.
pub fn asked(search: &str) -> bool {
    search.trim_start_matches('?').split('&').any(|pair| pair == "embed=1")
}

/// Reads `?embed=1&panels=topics,groups&origin=https://example.com`: `None` unless `embed=1`.
/// Unknown panel names are left out (none known at all: every panel); origins are
/// percent-decoded by the caller's `decode`.
pub fn from_query(search: &str, decode: impl Fn(&str) -> String) -> Option<Embed> {
    asked(search).then(|| options(search, decode))
}

/// The embed's options in the page's query (`panels=`, `origin=`), whether it asks for the embed
/// or not (the embed's own build always is one).
pub fn options(search: &str, decode: impl Fn(&str) -> String) -> Embed {
    let (mut panels, mut origins) = (Vec::new(), Vec::new());
    for pair in search.trim_start_matches('?').split('&') {
        match pair.split_once('=') {
            Some(("panels", value)) => {
                let value = decode(value);
                panels = PANELS
                    .iter()
                    .filter(|p| value.split(',').any(|v| v.trim() == **p))
                    .map(|p| p.to_string())
                    .collect();
            }
            Some(("origin", value)) => {
                origins = decode(value)
                    .split(',')
                    .map(|o| o.trim().trim_end_matches('/').to_string())
                    .filter(|o| !o.is_empty())
                    .collect();
            }
            _ => {}
        }
    }
    if panels.is_empty() {
        panels = PANELS.iter().map(|p| p.to_string()).collect();
    }
    Embed { panels, origins }
}

/// The `<iframe>` a tutorial page pastes to embed `link` (a share link) at 800×580: the same
/// run in the embed's build (`embed/` beside the first load's page; the build with the consumer
/// protocol speaks the API itself), with `embed=1`.
pub fn iframe_snippet(link: &str) -> String {
    let (address, fragment) = link.split_once('#').unwrap_or((link, ""));
    let (path, query) = address.split_once('?').unwrap_or((address, ""));
    let folder = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let folder = match folder.ends_with("/embed/") || folder.ends_with("/kip848/") {
        true => folder.to_string(),
        false => format!("{folder}embed/"),
    };
    let query = match (query.split('&').any(|p| p == "embed=1"), query.is_empty()) {
        (true, _) => query.to_string(),
        (false, true) => "embed=1".to_string(),
        (false, false) => format!("{query}&embed=1"),
    };
    format!(
        "<iframe src=\"{folder}?{query}#{fragment}\" width=\"800\" height=\"580\" style=\"border:0;max-width:100%\" \
         title=\"Kafka consumer group playground\" loading=\"lazy\"></iframe>"
    )
}
