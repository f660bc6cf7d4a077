//! The dashboard: subscribers by status and active subscribers by language, as bar charts drawn
//! on the server in SVG (readable without script, and by screen readers through their labels).

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{Markup, html};
use rundbrief_core::{Language, SubscriberStatus};
use rundbrief_i18n::Arg;

use super::Admin;
use super::guard::CurrentUser;
use super::lang::AdminLang;
use super::layout::{self, Section, t, t_args};

/// Geometry of a chart in SVG user units; the SVG scales to its container's width.
const CHART_WIDTH: u32 = 400;
const LABEL_WIDTH: u32 = 130;
const VALUE_WIDTH: u32 = 56;
const ROW_HEIGHT: u32 = 28;
const BAR_HEIGHT: u32 = 18;

pub(crate) async fn page(
    State(admin): State<Admin>,
    lang: AdminLang,
    current: CurrentUser,
) -> Response {
    let lang = lang.lang;
    let counts = match admin.web.store.count_subscribers().await {
        Ok(counts) => counts,
        Err(error) => {
            tracing::error!(%error, "cannot count subscribers for the dashboard");
            return layout::error(lang, StatusCode::INTERNAL_SERVER_ERROR, "admin-error");
        }
    };
    let mut by_status: BTreeMap<usize, i64> = BTreeMap::new();
    let mut by_language: BTreeMap<Language, i64> = BTreeMap::new();
    for count in &counts {
        let index = SubscriberStatus::ALL.iter().position(|s| *s == count.status).unwrap_or(0);
        *by_status.entry(index).or_default() += count.count;
        if count.status == SubscriberStatus::Active {
            *by_language.entry(count.language).or_default() += count.count;
        }
    }
    let total: i64 = by_status.values().sum();
    let status_rows: Vec<(String, i64)> = SubscriberStatus::ALL
        .iter()
        .enumerate()
        .map(|(i, status)| {
            (
                t(lang, &format!("admin-status-{}", status.as_str())),
                by_status.get(&i).copied().unwrap_or(0),
            )
        })
        .collect();
    let mut language_rows: Vec<(String, i64)> =
        by_language.iter().map(|(l, n)| (l.native_name().to_owned(), *n)).collect();
    language_rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));

    let content = html! {
        p { (t_args(lang, "admin-dashboard-total", &[("count", Arg::Num(total))])) }
        div.cards {
            figure.card {
                figcaption { h2 #chart-status { (t(lang, "admin-chart-status-title")) } }
                (bar_chart("chart-status", &status_rows))
            }
            figure.card {
                figcaption { h2 #chart-language { (t(lang, "admin-chart-language-title")) } }
                @if language_rows.is_empty() {
                    p { (t(lang, "admin-chart-empty")) }
                } @else {
                    (bar_chart("chart-language", &language_rows))
                }
            }
        }
    };
    let title = t(lang, "admin-dashboard-title");
    layout::respond(
        lang,
        StatusCode::OK,
        layout::page(lang, &title, Some(&current), Section::Dashboard, content),
    )
}

/// A horizontal bar chart: label, bar, value per row. The SVG's accessible name is its
/// heading; its description lists every value, so nothing is only visible.
fn bar_chart(heading_id: &str, rows: &[(String, i64)]) -> Markup {
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let bar_space = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let height = ROW_HEIGHT * u32::try_from(rows.len()).unwrap_or(0) + 4;
    let description: Vec<String> = rows.iter().map(|(label, n)| format!("{label}: {n}")).collect();
    let desc_id = format!("{heading_id}-desc");
    html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (CHART_WIDTH) " " (height) }
            role="img" aria-labelledby={ (heading_id) " " (desc_id) } font-size="13"
            font-family="system-ui, sans-serif" {
            desc #(desc_id) { (description.join(", ")) }
            @for (i, (label, n)) in rows.iter().enumerate() {
                @let y = ROW_HEIGHT * u32::try_from(i).unwrap_or(0) + 2;
                @let width = bar_width(*n, max, bar_space);
                text x=(LABEL_WIDTH - 8) y=(y + BAR_HEIGHT - 5) text-anchor="end" fill="#1a1a1a" { (label) }
                rect x=(LABEL_WIDTH) y=(y) width=(width) height=(BAR_HEIGHT) fill="#0b5394" rx="2" {}
                text x=(LABEL_WIDTH + width + 6) y=(y + BAR_HEIGHT - 5) fill="#1a1a1a" { (n) }
            }
        }
    }
}

/// At least one unit for any non-zero count, so a small language is still visible.
fn bar_width(n: i64, max: i64, space: u32) -> u32 {
    if n <= 0 {
        return 0;
    }
    let scaled = (n.saturating_mul(i64::from(space))) / max.max(1);
    u32::try_from(scaled).unwrap_or(space).clamp(1, space)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_value() {
        assert_eq!(bar_width(0, 10, 200), 0);
        assert_eq!(bar_width(10, 10, 200), 200);
        assert_eq!(bar_width(5, 10, 200), 100);
        assert_eq!(bar_width(1, 1_000_000, 200), 1, "tiny counts stay visible");
    }

    #[test]
    fn every_value_is_in_the_chart_text() {
        let rows = vec![("Polski".to_owned(), 7), ("Deutsch".to_owned(), 12)];
        let svg = bar_chart("c", &rows).into_string();
        assert!(svg.contains("Polski: 7, Deutsch: 12"), "{svg}");
        assert!(svg.contains(">12</text>"), "{svg}");
        assert!(svg.contains("role=\"img\""));
    }
}
