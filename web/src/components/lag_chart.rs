//! Lag over time: each group's total as a line, scaled to the largest value kept.

use std::collections::VecDeque;

use yew::prelude::*;

use crate::lang::Lang;
use crate::observed::LagSample;
use crate::shared::Shared;

/// What [`lag_chart`] draws (a plain function: one component type less in the download).
#[derive(Debug)]
pub struct LagChartProps {
    /// Samples, oldest first.
    pub samples: Shared<VecDeque<LagSample>>,
}

const WIDTH: u64 = 600;
const HEIGHT: u64 = 120;

/// The chart.
pub fn lag_chart(lang: Lang, props: &LagChartProps) -> Html {
    let samples = &props.samples;
    let (Some(first), Some(last)) = (samples.front(), samples.back()) else {
        return html! { <p class="muted">{ lang.pick("No samples yet.", "还没有采样。") }</p> };
    };
    let t0 = first.at.as_millis();
    let span = last.at.as_millis().saturating_sub(t0).max(1);
    let mut groups: Vec<&str> =
        samples.iter().flat_map(|s| s.groups.iter().map(|(g, ..)| g.as_str())).collect();
    groupsim::sort::sort(&mut groups);
    groups.dedup();
    let max =
        samples.iter().flat_map(|s| s.groups.iter().map(|(_, total, _)| *total)).max().unwrap_or(0).max(1);
    let point = |at: u64, lag: u64| format!("{},{}", (at - t0) * WIDTH / span, HEIGHT - lag * HEIGHT / max);
    let line = |group: &str, partition: Option<usize>| -> String {
        let points: Vec<String> = samples
            .iter()
            .filter_map(|s| {
                let (_, total, partitions) = s.groups.iter().find(|(g, ..)| g == group)?;
                let lag = match partition {
                    None => *total,
                    Some(p) => *partitions.get(p)?,
                };
                Some(point(s.at.as_millis(), lag))
            })
            .collect();
        points.join(" ")
    };
    let partitions = last.groups.iter().map(|(_, _, p)| p.len()).max().unwrap_or(0);
    html! {
        <figure class="lag-chart">
            <svg viewBox={format!("-2 -2 {} {}", WIDTH + 4, HEIGHT + 4)} role="img" preserveAspectRatio="none"
                aria-label={match lang.in_build() {
                    Lang::En => format!("Lag from {} to {}; the highest total is {max}", first.at, last.at),
                    Lang::Zh => format!("{} 到 {} 的积压；总积压最高为 {max}", first.at, last.at),
                }}>
                { for groups.iter().enumerate().map(|(i, group)| html! {
                    <g class={format!("series series-{i}")}>
                        { for (0..partitions).map(|p| html! {
                            <polyline class="partition-line" points={line(group, Some(p))} />
                        }) }
                        <polyline class="total-line" points={line(group, None)} />
                    </g>
                }) }
            </svg>
            <figcaption>
                { for groups.iter().enumerate().map(|(i, g)| html! {
                    <span class={format!("legend series-{i}")}>{ match lang.in_build() {
                        Lang::En => format!("{g}: total (thick), per partition (thin)"),
                        Lang::Zh => format!("{g}：总积压（粗线），各分区（细线）"),
                    } }</span>
                }) }
                <span class="muted">{ match lang.in_build() {
                    Lang::En => format!(" · max {max} · {} to {}", first.at, last.at),
                    Lang::Zh => format!(" · 最高 {max} · {} 到 {}", first.at, last.at),
                } }</span>
            </figcaption>
        </figure>
    }
}
