//! Long lists drawn a window at a time: the rows scroll in a box of fixed height, rows have a
//! fixed height, so the scroll offset says which row is at the top, and only the rows in view
//! (and [`OVERSCAN`] either side) are in the DOM. A topic's lanes, a group's member cards and
//! the event log use it.

use core::ops::Range;

use yew::prelude::*;

use crate::components::Local;

/// Rows drawn beyond each edge of the box, so a short scroll shows no gap.
pub const OVERSCAN: usize = 2;

/// The geometry of a list's rows, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rows {
    /// One row's height.
    pub height_px: u32,
    /// Space between rows.
    pub gap_px: u32,
    /// How many rows the box shows at once.
    pub in_view: usize,
}

impl Rows {
    /// One row and the gap after it.
    pub fn stride_px(self) -> u32 {
        self.height_px + self.gap_px
    }

    /// The box's height: [`Rows::in_view`] rows.
    pub fn box_height_px(self) -> u32 {
        self.stride_px() * self.in_view as u32 - self.gap_px
    }

    /// The first row at least partly in view when the box is scrolled `scroll_px` down.
    pub fn first_in_view(self, scroll_px: u32) -> usize {
        (scroll_px / self.stride_px()) as usize
    }

    /// The rows to draw out of `count`, with `first` at the top of the box.
    pub fn drawn(self, count: usize, first: usize) -> Range<usize> {
        let start = first.saturating_sub(OVERSCAN).min(count.saturating_sub(self.in_view + OVERSCAN));
        start..(first + self.in_view + OVERSCAN).min(count)
    }

    /// The box's style: its height, scrolling. Inline, since the arithmetic depends on it (the
    /// stylesheet only adds looks).
    pub fn box_style(self) -> String {
        format!("height:{}px;overflow-y:auto", self.box_height_px())
    }

    /// The list's style when `shown` of `count` rows are drawn: fixed-height rows, and the rows
    /// not drawn standing in as padding above and below.
    pub fn list_style(self, count: usize, shown: &Range<usize>) -> String {
        let stride = self.stride_px();
        format!(
            "display:grid;margin:0;gap:{}px;grid-auto-rows:{}px;padding-top:{}px;padding-bottom:{}px",
            self.gap_px,
            self.height_px,
            shown.start as u32 * stride,
            count.saturating_sub(shown.end) as u32 * stride,
        )
    }
}

/// A scroll box's state, kept by the part that draws it: the element to attach as `ref` and the
/// row at its top.
#[derive(Clone, Default, Debug)]
pub struct ScrollWindow {
    pub node: NodeRef,
    pub first: usize,
}

impl ScrollWindow {
    /// The rows to draw out of `count`: those in view when `windowed`, else all of them.
    pub fn shown(&self, rows: Rows, count: usize, windowed: bool) -> Range<usize> {
        if windowed { rows.drawn(count, self.first) } else { 0..count }
    }

    /// The box around a list of `rows`. Windowed, it has the box's height, scrolls, can be
    /// focused to scroll with the keyboard and says what scrolls (`label`); otherwise it is a
    /// plain box around a list drawn whole. Scrolling keeps the row at the top up to date in
    /// the part's `state`, where `window` finds this scroll window.
    #[allow(clippy::too_many_arguments)]
    pub fn scroll_box<S: Default + Clone + 'static>(
        &self,
        state: &Local<S>,
        window: fn(&mut S) -> &mut ScrollWindow,
        class: &'static str,
        rows: Rows,
        windowed: bool,
        label: impl FnOnce() -> String,
        list: Html,
    ) -> Html {
        let onscroll = windowed.then(|| {
            let (state, node, first) = (state.clone(), self.node.clone(), self.first);
            Callback::from(move |_: Event| {
                let Some(el) = node.cast::<web_sys::Element>() else { return };
                let top = rows.first_in_view(el.scroll_top().max(0) as u32);
                // Redrawn only when another row reaches the top, not on every pixel.
                if top != first {
                    state.update(|s| window(s).first = top);
                }
            })
        });
        html! {
            <div class={classes!(class, windowed.then_some("windowed"))} ref={self.node.clone()}
                style={windowed.then(|| rows.box_style())} {onscroll}
                tabindex={windowed.then_some("0")} role={windowed.then_some("region")}
                aria-label={windowed.then(label)}>
                { list }
            </div>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LANES: Rows = Rows { height_px: 38, gap_px: 6, in_view: 10 };

    #[test]
    fn the_window_holds_the_rows_in_view_and_a_margin() {
        assert_eq!(LANES.drawn(64, 0), 0..12);
        assert_eq!(LANES.drawn(64, 20), 18..32);
        // At the bottom the window stays full rather than running past the end.
        assert_eq!(LANES.drawn(64, 60), 52..64);
        assert_eq!(LANES.drawn(64, 99), 52..64);
        // Fewer rows than the box holds: all of them.
        assert_eq!(LANES.drawn(5, 0), 0..5);
    }

    #[test]
    fn the_scroll_offset_names_the_row_at_the_top() {
        assert_eq!(LANES.first_in_view(0), 0);
        assert_eq!(LANES.first_in_view(LANES.stride_px() - 1), 0);
        assert_eq!(LANES.first_in_view(LANES.stride_px() * 7), 7);
        assert_eq!(LANES.box_height_px(), 44 * 10 - 6);
    }

    #[test]
    fn rows_not_drawn_are_padding() {
        let style = LANES.list_style(64, &(18..32));
        assert!(style.contains("padding-top:792px;padding-bottom:1408px"), "{style}");
    }
}
