//! Panels out of view wait while the run plays. Each panel sits in a slot named by its
//! `data-panel` attribute; the page tells [`Held`] which slots are out of view
//! ([`crate::services::OnScreen`]), and while the timer runs those slots are given the markup
//! they were last drawn with. Yew finds it unchanged and skips the panel, so neither building
//! and diffing it nor Chromium's style, layout and paint run for what nobody can see. Once
//! the panel scrolls into view, or the run pauses, it is drawn from the current world again.

use std::cell::RefCell;

use groupsim::vec_map::{VecMap, VecSet};

use yew::prelude::*;

/// The slots out of view, and the markup each slot was last drawn with.
#[derive(Debug, Default)]
pub struct Held {
    out_of_view: VecSet<String>,
    /// Filled while drawing (`view` only borrows the app), hence the cell.
    drawn: RefCell<VecMap<String, Html>>,
}

impl Held {
    /// Notes whether the slot `panel` is in view; says whether that changed anything.
    pub fn seen(&mut self, panel: String, in_view: bool) -> bool {
        if in_view { self.out_of_view.remove(&panel) } else { self.out_of_view.insert(panel) }
    }

    /// How many slots have been drawn so far: it grows when a topic or a group brings a new one.
    pub fn slots(&self) -> usize {
        self.drawn.borrow().len()
    }

    /// Whether the slot `panel` waits: out of view while `playing`, and drawn once already.
    pub fn waits(&self, panel: &str, playing: bool) -> bool {
        playing && self.out_of_view.contains(panel) && self.drawn.borrow().contains_key(panel)
    }

    /// The slot `panel`: `draw()`'s markup, or the markup it was last drawn with while it
    /// [`waits`](Held::waits). (`draw` is a `dyn`: one copy of this code serves every panel.)
    pub fn slot(&self, panel: &str, playing: bool, draw: &dyn Fn() -> Html) -> Html {
        let markup = if self.waits(panel, playing) {
            self.drawn.borrow().get(panel).cloned().unwrap_or_default()
        } else {
            let fresh = draw();
            let mut drawn = self.drawn.borrow_mut();
            match drawn.get_mut(panel) {
                Some(last) => *last = fresh.clone(),
                None => _ = drawn.insert(panel.to_string(), fresh.clone()),
            }
            fresh
        };
        html! { <div class="slot" data-panel={panel.to_string()}>{ markup }</div> }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(n: u32) -> Html {
        html! { <p>{ n }</p> }
    }

    fn in_slot(panel: &str, markup: Html) -> Html {
        html! { <div class="slot" data-panel={panel.to_string()}>{ markup }</div> }
    }

    #[test]
    fn a_slot_out_of_view_keeps_its_markup_only_while_playing() {
        let mut held = Held::default();
        assert_eq!(held.slot("wire", true, &|| text(1)), in_slot("wire", text(1)));
        assert!(held.seen("wire".into(), false));
        assert!(!held.seen("wire".into(), false), "no change the second time");
        assert!(held.waits("wire", true));
        assert!(!held.waits("wire", false), "paused, every slot is drawn");
        // While it waits, the new markup is not even built.
        let waiting = held.slot("wire", true, &|| unreachable!("a waiting slot is not drawn"));
        assert_eq!(waiting, in_slot("wire", text(1)));
        assert_eq!(held.slot("wire", false, &|| text(2)), in_slot("wire", text(2)));
        assert!(held.seen("wire".into(), true));
        assert!(!held.waits("wire", true));
        assert_eq!(held.slot("wire", true, &|| text(3)), in_slot("wire", text(3)));
    }

    #[test]
    fn a_slot_never_drawn_is_drawn_even_out_of_view() {
        let mut held = Held::default();
        held.seen("details".into(), false);
        assert!(!held.waits("details", true));
        assert_eq!(held.slot("details", true, &|| text(2)), in_slot("details", text(2)));
        assert!(held.waits("details", true));
    }
}
