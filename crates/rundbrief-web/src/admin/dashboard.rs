//! The dashboard: subscribers by status and active subscribers by language as bar charts, growth
//! over the last 12 months as a line chart, all drawn on the server in SVG (readable without
//! script, and by screen readers through their labels), and the recent issues with their
//! delivered and failed counts.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use axum::response::Response;
use maud::{Markup, html};
use rundbrief_app::MonthGrowth;
use rundbrief_app::bounces::BounceAlarm;
use rundbrief_core::model::{DeliveryStatus, Issue, SubscriberCount};
use rundbrief_core::{Language, SubscriberStatus};
use rundbrief_i18n::Arg;
use time::{Date, Month, OffsetDateTime, Time};

use super::guard::Context;
use super::layout::{self, Column, Section, column_heads, t, t_args};
use super::numbers::{count, decimal};

/// Geometry of a chart in SVG user units; the SVG scales to its container's width.
const CHART_WIDTH: u32 = 440;
const LABEL_WIDTH: u32 = 170;
const VALUE_WIDTH: u32 = 56;
const ROW_HEIGHT: u32 = 28;
const BAR_HEIGHT: u32 = 18;
/// The growth chart: months shown, and its plot area inside the SVG.
const GROWTH_MONTHS: usize = 12;
const LINE_HEIGHT: u32 = 220;
const PLOT_LEFT: u32 = 44;
const PLOT_RIGHT: u32 = 24;
const PLOT_TOP: u32 = 12;
const PLOT_BOTTOM: u32 = 34;
/// Recent issues on the dashboard.
const RECENT_ISSUES: u32 = 5;

/// One line of the growth chart: which count, its text, colour and dash pattern (so the lines
/// differ in more than colour).
struct Series {
    key: &'static str,
    text_id: &'static str,
    colour: &'static str,
    dash: &'static str,
    value: fn(&MonthGrowth) -> i64,
}

const SERIES: [Series; 3] = [
    Series {
        key: "new",
        text_id: "admin-growth-new",
        colour: "#0b5394",
        dash: "",
        value: |m| m.new,
    },
    Series {
        key: "confirmed",
        text_id: "admin-growth-confirmed",
        colour: "#2e7d32",
        dash: "7 4",
        value: |m| m.confirmed,
    },
    Series {
        key: "left",
        text_id: "admin-growth-left",
        colour: "#a4161a",
        dash: "2 3",
        value: |m| m.left,
    },
];

/// Recent issues with what was delivered and what failed.
type RecentIssue = (Issue, i64, i64);

/// A recent issue whose complaint or hard-bounce rate is above its limit, with both rates in
/// percent.
struct Warning {
    issue: Issue,
    alarm: BounceAlarm,
    complaints: f64,
    hard: f64,
}

/// What the dashboard shows: subscribers per status and language, growth since the first of
/// `months`, the recent issues with their delivered and failed counts, and those of them
/// whose complaint or hard-bounce rate is too high.
async fn load(
    app: &rundbrief_app::App,
    months: &[MonthGrowth],
) -> Result<
    (Vec<SubscriberCount>, Vec<MonthGrowth>, Vec<RecentIssue>, Vec<Warning>),
    rundbrief_app::AppError,
> {
    let counts = app.subscriber_counts().await?;
    let growth = match months.first() {
        Some(first) => app.subscriber_growth(month_start(first.year, first.month)).await?,
        None => Vec::new(),
    };
    let mut recent = Vec::new();
    let mut warnings = Vec::new();
    for (issue, counts) in app.recent_issues(RECENT_ISSUES).await? {
        let (mut delivered, mut failed, mut bounced) = (0, 0, 0);
        for count in counts {
            match count.status {
                DeliveryStatus::Sent => delivered += count.count,
                DeliveryStatus::Bounced => {
                    failed += count.count;
                    bounced += count.count;
                }
                DeliveryStatus::Failed => failed += count.count,
                DeliveryStatus::Pending | DeliveryStatus::Sending | DeliveryStatus::Skipped => {}
            }
        }
        // The base of the rates is the progress page's: mails that reached a receiving
        // server, sent or bounced (afterwards or while sending).
        let sent = delivered + bounced;
        if sent > 0 {
            let bounces = app.bounce_counts(issue.id).await?;
            let alarm = BounceAlarm::of(&bounces, sent);
            if alarm.any() {
                let percent = |n: i64| n as f64 * 100.0 / sent as f64;
                let complaints = percent(bounces.iter().map(|c| c.complaint).sum());
                let hard = percent(bounces.iter().map(|c| c.hard).sum());
                warnings.push(Warning { issue: issue.clone(), alarm, complaints, hard });
            }
        }
        recent.push((issue, delivered, failed));
    }
    Ok((counts, growth, recent, warnings))
}

/// `x` percent with two decimals in the UI's language: 0.1 % is the complaint limit, so one
/// decimal would show a rate just above it as the limit itself.
fn percent(lang: Language, x: f64) -> String {
    let hundredths = if x.is_finite() { (x * 100.0).round() } else { 0.0 };
    // Percentages lie between 0 and 100; the cast cannot wrap.
    #[allow(clippy::cast_possible_truncation)]
    let hundredths = hundredths as i64;
    let separator = if decimal(lang, 0.5).contains(',') { ',' } else { '.' };
    format!("{}{separator}{:02} %", count(lang, hundredths / 100), hundredths % 100)
}

/// Above the charts: each recent issue whose complaint or hard-bounce rate passed its limit,
/// linked to its progress page.
fn bounce_warnings(lang: Language, warnings: &[Warning]) -> Markup {
    html! {
        @if !warnings.is_empty() {
            section.alert #bounce-warnings aria-labelledby="bounce-warnings-title" {
                h2 #bounce-warnings-title { (t(lang, "admin-bounce-warnings-title")) }
                p { (t(lang, "admin-bounce-warnings-text")) }
                ul {
                    @for w in warnings {
                        @if w.alarm.complaints {
                            li data-warning="complaints" data-issue=(w.issue.id.0) {
                                a href={ "/admin/issues/" (w.issue.id.0) "/progress" } {
                                    (t_args(lang, "admin-bounce-warning-complaints", &[("issue", Arg::Str(&w.issue.title)), ("rate", Arg::Str(&percent(lang, w.complaints)))]))
                                }
                            }
                        }
                        @if w.alarm.hard_bounces {
                            li data-warning="hard-bounces" data-issue=(w.issue.id.0) {
                                a href={ "/admin/issues/" (w.issue.id.0) "/progress" } {
                                    (t_args(lang, "admin-bounce-warning-hard", &[("issue", Arg::Str(&w.issue.title)), ("rate", Arg::Str(&percent(lang, w.hard)))]))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub(crate) async fn page(Context { admin, lang, current }: Context) -> Response {
    let app = &admin.web.app;
    let months = last_months(app.now(), GROWTH_MONTHS);
    let loaded = load(app, &months).await;
    let (counts, growth, recent, warnings) = match loaded {
        Ok(found) => found,
        Err(error) => {
            tracing::error!(%error, "cannot load the dashboard");
            return layout::error(lang, StatusCode::INTERNAL_SERVER_ERROR, "admin-error");
        }
    };
    let growth = fill_months(&months, &growth);
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
        (setup_notice(lang, &app.settings().templates.organisation))
        (bounce_warnings(lang, &warnings))
        p { (layout::t_count(lang, "admin-dashboard-total", total)) }
        div.cards {
            figure.card {
                figcaption { h2 #chart-status { (t(lang, "admin-chart-status-title")) } }
                (bar_chart(lang, "chart-status", &status_rows))
            }
            figure.card {
                figcaption { h2 #chart-language { (t(lang, "admin-chart-language-title")) } }
                @if language_rows.is_empty() {
                    p { (t(lang, "admin-chart-empty")) }
                } @else {
                    (bar_chart(lang, "chart-language", &language_rows))
                }
            }
        }
        figure.card.growth {
            figcaption { h2 #chart-growth { (t(lang, "admin-chart-growth-title")) } }
            (line_chart(lang, "chart-growth", &growth))
            ul.legend {
                @for series in &SERIES {
                    li {
                        svg width="28" height="10" aria-hidden="true" {
                            line x1="0" y1="5" x2="28" y2="5" stroke=(series.colour) stroke-width="3"
                                stroke-dasharray=[(!series.dash.is_empty()).then_some(series.dash)] {}
                        }
                        " " (t(lang, series.text_id))
                    }
                }
            }
            details {
                summary { (t(lang, "admin-growth-as-table")) }
                div.table-wrap role="region" aria-label=(t(lang, "admin-chart-growth-title")) tabindex="0" {
                    table {
                        thead { tr {
                            th scope="col" { (t(lang, "admin-growth-month")) }
                            @for series in &SERIES { th.num scope="col" { (t(lang, series.text_id)) } }
                        } }
                        tbody {
                            @for month in &growth {
                                tr {
                                    th scope="row" { (month_label(month)) }
                                    @for series in &SERIES { td.num { (count(lang, (series.value)(month))) } }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 #recent-issues { (t(lang, "admin-recent-issues-title")) }
        (recent_issues(lang, &recent))
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
/// What `templates/organisation.toml` still lacks before the public pages may go live: the
/// organisation's name and the legal links (`serve` logs the same at start).
fn setup_notice(lang: Language, organisation: &rundbrief_render::Organisation) -> Markup {
    let mut missing: Vec<&str> = organisation.missing_legal_links();
    if organisation.name().is_none() {
        missing.insert(0, "name");
    }
    html! {
        @if !missing.is_empty() {
            section.alert #setup-missing aria-labelledby="setup-missing-title" {
                h2 #setup-missing-title { (t(lang, "admin-setup-missing-title")) }
                p { (t(lang, "admin-setup-missing-text")) }
                ul {
                    @for key in &missing {
                        li { code { (key) } " – " (t(lang, &format!("admin-setup-missing-{}", key.replace('_', "-")))) }
                    }
                }
            }
        }
    }
}

fn bar_chart(lang: Language, heading_id: &str, rows: &[(String, i64)]) -> Markup {
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let bar_space = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let height = ROW_HEIGHT * u32::try_from(rows.len()).unwrap_or(0) + 4;
    let description: Vec<String> =
        rows.iter().map(|(label, n)| format!("{label}: {}", count(lang, *n))).collect();
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
                text x=(LABEL_WIDTH + width + 6) y=(y + BAR_HEIGHT - 5) fill="#1a1a1a" { (count(lang, *n)) }
            }
        }
    }
}

/// The first instant of a calendar month in UTC.
fn month_start(year: i32, month: u8) -> OffsetDateTime {
    let month = Month::try_from(month).unwrap_or(Month::January);
    Date::from_calendar_date(year, month, 1)
        .map(|d| d.with_time(Time::MIDNIGHT).assume_utc())
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// The `count` calendar months up to and including the one of `now`, oldest first, as empty
/// entries.
fn last_months(now: OffsetDateTime, count: usize) -> Vec<MonthGrowth> {
    let now = now.to_offset(time::UtcOffset::UTC);
    let current = now.year() * 12 + i32::from(u8::from(now.month())) - 1;
    let first = current - i32::try_from(count).unwrap_or(12) + 1;
    (first..=current)
        .map(|index| MonthGrowth {
            year: index.div_euclid(12),
            month: u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1),
            new: 0,
            confirmed: 0,
            left: 0,
        })
        .collect()
}

/// `months` with the counts the store found; months without activity stay at zero.
fn fill_months(months: &[MonthGrowth], found: &[MonthGrowth]) -> Vec<MonthGrowth> {
    months
        .iter()
        .map(|m| {
            found.iter().find(|f| f.year == m.year && f.month == m.month).copied().unwrap_or(*m)
        })
        .collect()
}

fn month_label(month: &MonthGrowth) -> String {
    format!("{:04}-{:02}", month.year, month.month)
}

/// A line chart of the three growth series over `months`. Every point carries its month and
/// value, and the description lists them all.
fn line_chart(lang: Language, heading_id: &str, months: &[MonthGrowth]) -> Markup {
    let max = months
        .iter()
        .flat_map(|m| SERIES.iter().map(move |s| (s.value)(m)))
        .max()
        .unwrap_or(0)
        .max(1);
    let plot_width = CHART_WIDTH - PLOT_LEFT - PLOT_RIGHT;
    let plot_height = LINE_HEIGHT - PLOT_TOP - PLOT_BOTTOM;
    let steps = u32::try_from(months.len().saturating_sub(1)).unwrap_or(1).max(1);
    let x = |i: usize| PLOT_LEFT + plot_width * u32::try_from(i).unwrap_or(0) / steps;
    let y = |v: i64| PLOT_TOP + plot_height - bar_width(v, max, plot_height);
    let desc_id = format!("{heading_id}-desc");
    let description: Vec<String> = months
        .iter()
        .map(|m| {
            let values: Vec<String> = SERIES
                .iter()
                .map(|s| format!("{} {}", t(lang, s.text_id), count(lang, (s.value)(m))))
                .collect();
            format!("{}: {}", month_label(m), values.join(", "))
        })
        .collect();
    html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (CHART_WIDTH) " " (LINE_HEIGHT) }
            role="img" aria-labelledby={ (heading_id) " " (desc_id) } font-size="11"
            font-family="system-ui, sans-serif" {
            desc #(desc_id) { (description.join("; ")) }
            // The axes, and the largest value as the only scale mark: the exact numbers are
            // in the description and the table below.
            line x1=(PLOT_LEFT) y1=(PLOT_TOP) x2=(PLOT_LEFT) y2=(PLOT_TOP + plot_height) stroke="#767676" {}
            line x1=(PLOT_LEFT) y1=(PLOT_TOP + plot_height) x2=(PLOT_LEFT + plot_width) y2=(PLOT_TOP + plot_height) stroke="#767676" {}
            text x=(PLOT_LEFT - 6) y=(PLOT_TOP + 4) text-anchor="end" fill="#1a1a1a" { (count(lang, max)) }
            text x=(PLOT_LEFT - 6) y=(PLOT_TOP + plot_height + 4) text-anchor="end" fill="#1a1a1a" { "0" }
            @for (i, month) in months.iter().enumerate() {
                @if i % 2 == months.len().saturating_sub(1) % 2 {
                    text x=(x(i)) y=(LINE_HEIGHT - PLOT_BOTTOM + 16) text-anchor="middle" fill="#1a1a1a" {
                        (format!("{:02}/{:02}", month.month, month.year.rem_euclid(100)))
                    }
                }
            }
            @for series in &SERIES {
                @let points: Vec<String> = months.iter().enumerate().map(|(i, m)| format!("{},{}", x(i), y((series.value)(m)))).collect();
                polyline class={ "line-" (series.key) } points=(points.join(" ")) fill="none"
                    stroke=(series.colour) stroke-width="2.5" stroke-linejoin="round"
                    stroke-dasharray=[(!series.dash.is_empty()).then_some(series.dash)] {}
                @for (i, month) in months.iter().enumerate() {
                    @let value = (series.value)(month);
                    circle class={ "point-" (series.key) } data-month=(month_label(month)) data-value=(value)
                        cx=(x(i)) cy=(y(value)) r="3.5" fill=(series.colour) {
                        title { (month_label(month)) ": " (t(lang, series.text_id)) " " (count(lang, value)) }
                    }
                }
            }
        }
    }
}

fn recent_issues(lang: Language, recent: &[(Issue, i64, i64)]) -> Markup {
    html! {
        @if recent.is_empty() {
            p { (t(lang, "admin-recent-issues-empty")) }
        } @else {
            div.table-wrap role="region" aria-labelledby="recent-issues" tabindex="0" {
                table #recent-issues-table {
                    (column_heads(lang, &[Column::Text("admin-recent-issue"), Column::Text("admin-recent-issue-status"), Column::Num("admin-recent-issue-delivered"), Column::Num("admin-recent-issue-failed")]))
                    tbody {
                        @for (issue, delivered, failed) in recent {
                            tr data-issue=(issue.id.0) {
                                td { a href={ "/admin/issues/" (issue.id.0) } { (issue.title) } }
                                td { (super::issues::status_text(lang, issue.status)) }
                                td.num data-delivered=(delivered) { (count(lang, *delivered)) }
                                td.num data-failed=(failed) { (count(lang, *failed)) }
                            }
                        }
                    }
                }
            }
            p { a href="/admin/issues" { (t(lang, "admin-recent-issues-all")) } }
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
    fn the_last_twelve_months_cross_the_year() {
        let now = time::macros::datetime!(2026-02-14 10:00 UTC);
        let months = last_months(now, 12);
        let labels: Vec<String> = months.iter().map(month_label).collect();
        assert_eq!(labels.first().map(String::as_str), Some("2025-03"));
        assert_eq!(labels.last().map(String::as_str), Some("2026-02"));
        assert_eq!(labels.len(), 12);
        assert_eq!(month_start(2025, 3), time::macros::datetime!(2025-03-01 00:00 UTC));
    }

    #[test]
    fn growth_points_sit_on_their_values() {
        let mut months = last_months(time::macros::datetime!(2026-02-14 10:00 UTC), 12);
        let found = [MonthGrowth { year: 2026, month: 2, new: 4, confirmed: 2, left: 1 }];
        months = fill_months(&months, &found);
        let svg = line_chart(Language::En, "g", &months).into_string();
        assert!(svg.contains("data-month=\"2026-02\" data-value=\"4\""), "{svg}");
        assert!(svg.contains("class=\"point-left\" data-month=\"2026-02\" data-value=\"1\""));
        assert_eq!(svg.matches("<circle").count(), 36);
        assert_eq!(svg.matches("<polyline").count(), 3);
        // The largest value reaches the top of the plot; zero lies on the axis.
        assert!(svg.contains(&format!("cy=\"{PLOT_TOP}\"")), "{svg}");
        assert!(svg.contains(&format!("cy=\"{}\"", LINE_HEIGHT - PLOT_BOTTOM)), "{svg}");
    }

    #[test]
    fn rates_show_two_decimals_in_the_ui_language() {
        assert_eq!(percent(Language::De, 1.0), "1,00 %");
        assert_eq!(percent(Language::En, 0.1001), "0.10 %");
        assert_eq!(percent(Language::En, 2.5), "2.50 %");
    }

    #[test]
    fn every_value_is_in_the_chart_text() {
        let rows = vec![("Polski".to_owned(), 7), ("Deutsch".to_owned(), 12_345)];
        let svg = bar_chart(Language::De, "c", &rows).into_string();
        assert!(svg.contains("Polski: 7, Deutsch: 12.345"), "{svg}");
        assert!(svg.contains(">12.345</text>"), "{svg}");
        assert!(svg.contains("role=\"img\""));
    }
}
