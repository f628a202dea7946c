//! Check-ins over time as an SVG bar chart drawn here (no charting library:
//! a few rectangles and lines, readable on a phone, and nothing to load).

use crate::i18n::use_i18n;
use crate::time_format::clock;
use baodao_core::dashboard::Timeline;
use leptos::prelude::*;

/// The chart's drawing area, in SVG user units (the SVG scales to its box).
pub const WIDTH: f64 = 600.0;
pub const HEIGHT: f64 = 220.0;
const LEFT: f64 = 36.0;
const BOTTOM: f64 = 28.0;
const TOP: f64 = 10.0;

/// One bar pair's geometry.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub width: f64,
    pub in_height: f64,
    pub out_height: f64,
    pub start_ms: i64,
    pub check_ins: u32,
    pub check_outs: u32,
}

/// Bars and the vertical scale for a timeline: the tallest bucket fills the
/// plot, and the scale's top is a round number so the gridline reads well.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartLayout {
    pub bars: Vec<Bar>,
    pub scale_max: u32,
}

/// The smallest "nice" number (1, 2, 5 × 10ⁿ) at or above `n`.
pub fn nice_ceiling(n: u32) -> u32 {
    let mut step = 1u32;
    loop {
        for m in [1, 2, 5] {
            if step.saturating_mul(m) >= n {
                return step.saturating_mul(m);
            }
        }
        step = step.saturating_mul(10);
    }
}

pub fn layout(timeline: &Timeline) -> ChartLayout {
    let buckets = &timeline.buckets;
    let top = buckets
        .iter()
        .map(|b| b.check_ins.max(b.check_outs))
        .max()
        .unwrap_or(0)
        .max(1);
    let scale_max = nice_ceiling(top);
    let plot_w = WIDTH - LEFT;
    let plot_h = HEIGHT - BOTTOM - TOP;
    let slot = plot_w / buckets.len().max(1) as f64;
    let width = (slot * 0.4).max(0.5);
    let bars = buckets
        .iter()
        .enumerate()
        .map(|(i, b)| Bar {
            x: LEFT + i as f64 * slot + slot * 0.1,
            width,
            in_height: plot_h * f64::from(b.check_ins) / f64::from(scale_max),
            out_height: plot_h * f64::from(b.check_outs) / f64::from(scale_max),
            start_ms: b.start_ms,
            check_ins: b.check_ins,
            check_outs: b.check_outs,
        })
        .collect();
    ChartLayout { bars, scale_max }
}

#[component]
pub fn TimelineChart(timeline: Timeline) -> impl IntoView {
    let i18n = use_i18n();
    let chart = layout(&timeline);
    let base = HEIGHT - BOTTOM;
    let scale_max = chart.scale_max;
    let n = chart.bars.len();
    // At most ~6 time labels, whatever the number of buckets.
    let label_every = n.div_ceil(6).max(1);
    let total_in: u32 = chart.bars.iter().map(|b| b.check_ins).sum();
    let summary = move || {
        i18n.lang.get().format(
            "dashboard-chart_summary",
            &[
                ("count", &total_in.to_string()),
                ("buckets", &n.to_string()),
            ],
        )
    };
    let bars = chart.bars.clone();
    view! {
        <figure class="timeline-chart">
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-label=summary
                data-buckets=n
            >
                <line class="axis" x1=LEFT y1=TOP x2=WIDTH y2=TOP />
                <line class="axis" x1=LEFT y1=base x2=WIDTH y2=base />
                <text class="tick" x=LEFT - 4.0 y=TOP + 4.0 text-anchor="end">{scale_max}</text>
                <text class="tick" x=LEFT - 4.0 y=base text-anchor="end">"0"</text>
                {bars
                    .into_iter()
                    .enumerate()
                    .map(|(i, b)| {
                        let start = b.start_ms;
                        let label = (i % label_every == 0)
                            .then(|| {
                                view! {
                                    <text class="tick" x=b.x y=HEIGHT - 8.0>
                                        {move || clock(start, i18n.lang.get())}
                                    </text>
                                }
                            });
                        view! {
                            <g class="bucket" data-ins=b.check_ins data-outs=b.check_outs>
                                <rect class="bar-in" x=b.x y=base - b.in_height width=b.width height=b.in_height>
                                    <title>{move || clock(start, i18n.lang.get())} " +" {b.check_ins}</title>
                                </rect>
                                <rect
                                    class="bar-out"
                                    x=b.x + b.width
                                    y=base - b.out_height
                                    width=b.width
                                    height=b.out_height
                                />
                                {label}
                            </g>
                        }
                    })
                    .collect_view()}
            </svg>
            <figcaption>
                <span class="legend legend-in">{i18n.t("dashboard-legend_in")}</span>
                <span class="legend legend-out">{i18n.t("dashboard-legend_out")}</span>
            </figcaption>
        </figure>
    }
}
