//! Fetching a lesson's text from this site (same origin only: the browser refuses anything
//! else, and the message says so).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::Callback;

/// Fetches `url` and hands its text (or why there is none) to `done`.
pub fn text(url: &str, done: Callback<Result<String, String>>) {
    let url = url.to_string();
    wasm_bindgen_futures::spawn_local(async move { done.emit(fetch(&url).await) });
}

async fn fetch(url: &str) -> Result<String, String> {
    let refused = || format!("{url} could not be fetched (a lesson must come from this site's own address)");
    let window = web_sys::window().ok_or_else(refused)?;
    let init = web_sys::RequestInit::new();
    init.set_mode(web_sys::RequestMode::SameOrigin);
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.map_err(|_| refused())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| refused())?;
    if !response.ok() {
        return Err(format!("{url} answered {} {}", response.status(), response.status_text()));
    }
    let text = response.text().map_err(|_| refused())?;
    JsFuture::from(text).await.ok().and_then(|t| t.as_string()).ok_or_else(refused)
}
