//! Which language the page speaks: `?lang=`, else the visitor's last choice (local storage),
//! else the browser's languages, else English. The choice is kept and set on `<html lang>`.

use crate::lang::Lang;

const KEY: &str = "kafka-playground-lang";

/// The language to start in. A build made for one language starts in it: the page's loader
/// chose that build by these same rules (`scripts/merge-languages.py`).
pub fn initial() -> Lang {
    if let Some(built) = Lang::BUILT {
        return built;
    }
    let window = web_sys::window();
    let query = window.as_ref().and_then(|w| w.location().search().ok()).unwrap_or_default();
    if let Some(lang) = from_query(&query) {
        return lang;
    }
    let stored = storage().and_then(|s| s.get_item(KEY).ok().flatten());
    if let Some(lang) = stored.as_deref().and_then(Lang::from_code) {
        return lang;
    }
    let navigator = window.map(|w| w.navigator());
    let languages = navigator.map(|n| n.languages().iter().filter_map(|l| l.as_string()).collect::<Vec<_>>());
    languages.unwrap_or_default().iter().find_map(|l| Lang::from_code(l)).unwrap_or_default()
}

/// `?lang=zh` (anything but `en` and `zh` is ignored).
pub fn from_query(search: &str) -> Option<Lang> {
    search.trim_start_matches('?').split('&').find_map(|pair| match pair.split_once('=') {
        Some(("lang", code)) => Lang::from_code(code),
        _ => None,
    })
}

/// Keeps the choice for the next visit and tells the browser (`<html lang>`, for screen readers
/// and fonts).
pub fn keep(lang: Lang) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(KEY, lang.code());
    }
    set_document_lang(lang);
}

/// Sets `<html lang>` without keeping a choice.
pub fn set_document_lang(lang: Lang) {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    if let Some(root) = root {
        let _ = root.set_attribute("lang", lang.pick("en", "zh-CN"));
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Opens the page again in `lang`'s build: with the lesson under way (`lesson`, its URL, from its
/// first step), or else with the run on the page (`fragment`, its share link).
pub fn reopen_in(lang: Lang, fragment: &str, lesson: Option<&str>) {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return };
    let lesson = lesson.map(|url| String::from(js_sys::encode_uri_component(url)));
    let target = reopened(&location.search().unwrap_or_default(), lang, fragment, lesson.as_deref());
    let _ = location.replace(&target);
}

/// Where [`reopen_in`] goes from a page whose query is `search`: the query with `lang=` set and
/// `lesson=` set to `lesson` (already escaped) if given, else left out, and then the fragment.
fn reopened(search: &str, lang: Lang, fragment: &str, lesson: Option<&str>) -> String {
    let kept: Vec<&str> =
        search.trim_start_matches('?').split('&').filter(|p| !p.starts_with("lesson=")).collect();
    let query = super::query_with_lang(&kept.join("&"), lang);
    match lesson {
        Some(url) => format!("{query}&lesson={url}"),
        None => format!("{query}{fragment}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_switch_reopens_the_run_or_the_lesson_in_the_other_language() {
        let run = "#v1;seed=1;until=20000";
        assert_eq!(reopened("", Lang::Zh, run, None), "?lang=zh#v1;seed=1;until=20000");
        assert_eq!(
            reopened("?speed=10&lang=en", Lang::Zh, run, None),
            "?speed=10&lang=zh#v1;seed=1;until=20000"
        );
        // The lesson goes along instead of the run (its steps set their own worlds), and an
        // earlier `lesson=` in the query gives way to it.
        assert_eq!(
            reopened("?lesson=a.json&lang=zh", Lang::En, run, Some("static%2Flessons%2Fcrash.json")),
            "?lang=en&lesson=static%2Flessons%2Fcrash.json"
        );
        assert_eq!(reopened("?lesson=a.json", Lang::En, run, None), "?lang=en#v1;seed=1;until=20000");
    }
}
