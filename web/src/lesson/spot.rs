//! The parts of the page a lesson step can point at, by name. Each is an element carrying
//! `data-spot="<name>"`; the page highlights it and scrolls it into view.

/// The parts that are always on the page.
pub const FIXED: [&str; 17] = [
    "lessons",
    "new-group",
    "controls",
    "speed",
    "timeline",
    "share",
    "invariants",
    "producers",
    "wire",
    "details",
    "tab:log",
    "tab:describe",
    "tab:members",
    "tab:state",
    "tab:lag",
    "tab:duplicates",
    "tab:invariants",
];

/// The parts named after something in the world: `topic:orders`, `group:group-a`,
/// `add-consumer:group-a`, `member:consumer-2`.
pub const NAMED: [&str; 4] = ["topic:", "group:", "add-consumer:", "member:"];

/// Says what is wrong with a spot's name, if anything.
pub fn check(spot: &str) -> Result<(), String> {
    let named = NAMED.iter().any(|prefix| spot.strip_prefix(prefix).is_some_and(|rest| !rest.is_empty()));
    if FIXED.contains(&spot) || named {
        return Ok(());
    }
    Err(format!(
        "no part of the page is called `{spot}`; one of {}, or {}<name>",
        FIXED.join(", "),
        NAMED.join("<name>, ")
    ))
}

/// The CSS selector of a spot.
pub fn selector(spot: &str) -> String {
    format!("[data-spot=\"{}\"]", spot.replace('"', ""))
}
