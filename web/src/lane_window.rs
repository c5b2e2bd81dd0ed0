//! Which lanes of a long topic are drawn: a topic with many partitions scrolls in a box of
//! [`IN_VIEW`] lanes, and only the lanes in view (and [`OVERSCAN`] either side) are in the DOM.
//! Lanes then have a fixed height, so the scroll offset says which lane is at the top.

use core::ops::Range;

/// More partitions than this and the lanes scroll in a box.
pub const WINDOWED_ABOVE: usize = 12;

/// How many lanes the box shows at once.
pub const IN_VIEW: usize = 10;

/// Lanes drawn beyond each edge of the box, so a short scroll shows no gap.
pub const OVERSCAN: usize = 2;

/// Space between lanes (the `.lanes` grid gap), in CSS pixels.
pub const GAP_PX: u32 = 6;

/// A lane's height with `groups` groups reading the topic: the log-end line, then an owner
/// line and an offsets line per group (the `.lane-side` text sizes in static/style.css).
pub fn lane_height_px(groups: usize) -> u32 {
    38 + 25 * (groups.max(1) as u32 - 1)
}

/// One lane and the gap after it.
pub fn stride_px(groups: usize) -> u32 {
    lane_height_px(groups) + GAP_PX
}

/// The box's height: [`IN_VIEW`] lanes.
pub fn box_height_px(groups: usize) -> u32 {
    stride_px(groups) * IN_VIEW as u32 - GAP_PX
}

/// The first lane at least partly in view when the box is scrolled `scroll_px` down.
pub fn first_in_view(scroll_px: u32, groups: usize) -> usize {
    (scroll_px / stride_px(groups)) as usize
}

/// The lanes to draw out of `count`, with `first` at the top of the box.
pub fn drawn(count: usize, first: usize) -> Range<usize> {
    if count <= WINDOWED_ABOVE {
        return 0..count;
    }
    let start = first.saturating_sub(OVERSCAN).min(count.saturating_sub(IN_VIEW + OVERSCAN));
    start..(first + IN_VIEW + OVERSCAN).min(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_topic_draws_every_lane() {
        assert_eq!(drawn(6, 0), 0..6);
        assert_eq!(drawn(WINDOWED_ABOVE, 3), 0..WINDOWED_ABOVE);
    }

    #[test]
    fn a_long_topic_draws_the_lanes_in_view_and_a_margin() {
        assert_eq!(drawn(64, 0), 0..12);
        assert_eq!(drawn(64, 20), 18..32);
        // At the bottom the window stays full rather than running past the end.
        assert_eq!(drawn(64, 60), 52..64);
        assert_eq!(drawn(64, 99), 52..64);
    }

    #[test]
    fn the_scroll_offset_names_the_lane_at_the_top() {
        assert_eq!(first_in_view(0, 1), 0);
        assert_eq!(first_in_view(stride_px(1) - 1, 1), 0);
        assert_eq!(first_in_view(stride_px(1) * 7, 1), 7);
        // Two groups make taller lanes.
        assert_eq!(first_in_view(stride_px(1) * 7, 2), 4);
    }
}
