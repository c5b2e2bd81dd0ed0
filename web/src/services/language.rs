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
    let search = location.search().unwrap_or_default();
    let kept: String = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.starts_with("lesson="))
        .collect::<Vec<_>>()
        .join("&");
    let query = super::query_with_lang(&kept, lang);
    let target = match lesson {
        Some(url) => format!("{query}&lesson={}", String::from(js_sys::encode_uri_component(url))),
        None => format!("{query}{fragment}"),
    };
    let _ = location.replace(&target);
}
