//! What the UI suites share: mounting the app, letting Yew render, reading and clicking the DOM.
//! Time moves only by clicking; nothing waits on the wall clock beyond yielding to Yew's renderer.
#![allow(dead_code)] // each suite uses its own part

use playground::{App, AppProps};
use web_sys::{Element, HtmlElement};

pub async fn mount_with(props: AppProps) -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    settle().await;
    root
}

/// Lets Yew's scheduler render: a few zero-length yields (child components with their own
/// state can need a second pass), never a wait for simulated time.
pub async fn settle() {
    for _ in 0..3 {
        yew::platform::time::sleep(std::time::Duration::ZERO).await;
    }
}

pub fn text_of(root: &Element, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length()).filter_map(|i| nodes.item(i)).filter_map(|n| n.text_content()).collect()
}

pub fn button(root: &Element, label: &str) -> HtmlElement {
    let el = root.query_selector(&format!("button[aria-label='{label}']")).unwrap();
    wasm_bindgen::JsCast::dyn_into(el.unwrap_or_else(|| panic!("no button labelled {label}"))).unwrap()
}

pub async fn click(root: &Element, label: &str) {
    button(root, label).click();
    settle().await;
}

pub async fn advance(root: &Element, seconds: u64) {
    for _ in 0..seconds / 10 {
        click(root, "+10 s: advance 10 seconds").await;
    }
}

/// Clicks the details panel's tab whose label starts with `label`.
pub async fn tab(root: &Element, label: &str) {
    let tabs = root.query_selector_all("[role='tab']").unwrap();
    let found = (0..tabs.length())
        .filter_map(|i| tabs.item(i))
        .find(|t| t.text_content().is_some_and(|c| c.starts_with(label)))
        .unwrap_or_else(|| panic!("no tab {label}"));
    wasm_bindgen::JsCast::dyn_into::<HtmlElement>(found).unwrap().click();
    settle().await;
}

/// Sets a form control's value and fires the event Yew listens for.
pub async fn choose(root: &Element, selector: &str, value: &str, event: &str) {
    let el = root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}"));
    if let Some(select) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlSelectElement>(&el) {
        select.set_value(value);
    } else if let Some(input) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlInputElement>(&el) {
        input.set_value(value);
    }
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&web_sys::Event::new_with_event_init_dict(event, &init).unwrap()).unwrap();
    settle().await;
}
