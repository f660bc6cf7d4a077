//! Bounces and complaints in the editor UI (issue 20): the table on a subscriber's page and
//! the counts on an issue's progress page. The returned mail itself is never shown here.

use maud::{Markup, html};
use rundbrief_app::bounces::{Bounce, BounceCount};
use rundbrief_core::Language;
use rundbrief_core::model::BounceKind;

use super::form::date_time;
use super::layout::{Column, column_heads, t};
use super::numbers::{count, decimal};

fn kind_label(lang: Language, kind: BounceKind) -> String {
    match kind {
        BounceKind::Hard => t(lang, "admin-bounce-kind-hard"),
        BounceKind::Soft => t(lang, "admin-bounce-kind-soft"),
        BounceKind::Complaint => t(lang, "admin-bounce-kind-complaint"),
        // Never stored; shown by their code should one ever be.
        BounceKind::AutoReply | BounceKind::NotBounce => kind.as_str().to_owned(),
    }
}

/// A subscriber's bounces and complaints, newest first.
pub(super) fn subscriber_section(lang: Language, bounces: &[Bounce]) -> Markup {
    let none = t(lang, "admin-value-none");
    html! {
        h2 #bounces { (t(lang, "admin-bounces-title")) }
        @if bounces.is_empty() {
            p { (t(lang, "admin-bounces-empty")) }
        } @else {
            div.table-wrap role="region" aria-label=(t(lang, "admin-bounces-caption")) tabindex="0" {
                table #bounce-list {
                    caption { (t(lang, "admin-bounces-caption")) }
                    (column_heads(lang, &[Column::Text("admin-bounces-time"), Column::Text("admin-bounces-kind"), Column::Text("admin-bounces-status-code"), Column::Text("admin-bounces-diagnostic"), Column::Text("admin-bounces-issue")]))
                    tbody {
                        @for b in bounces {
                            tr data-kind=(b.kind.as_str()) {
                                td { (date_time(b.received_at)) }
                                td { (kind_label(lang, b.kind)) }
                                td { (b.status_code.clone().unwrap_or_else(|| none.clone())) }
                                td.wrap { (b.diagnostic.clone().unwrap_or_else(|| none.clone())) }
                                td {
                                    @if let Some(issue) = b.issue_id {
                                        a href={ "/admin/issues/" (issue.0) } { "#" (issue.0) }
                                    } @else { (none) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Share of `sent` as a percentage with one decimal; none before anything was sent.
fn rate(lang: Language, n: i64, sent: i64) -> String {
    if sent > 0 {
        format!("{} %", decimal(lang, n as f64 * 100.0 / sent as f64))
    } else {
        t(lang, "admin-value-none")
    }
}

/// An issue's bounces and complaints per variant language, and in all with their rates over
/// the `sent` deliveries (sent, or bounced after or while sending).
pub(super) fn issue_section(lang: Language, counts: &[BounceCount], sent: i64) -> Markup {
    let (hard, soft, complaint) =
        counts.iter().fold((0, 0, 0), |(h, s, c), n| (h + n.hard, s + n.soft, c + n.complaint));
    html! {
        h2 #bounces { (t(lang, "admin-bounces-title")) }
        @if counts.is_empty() {
            p { (t(lang, "admin-bounces-issue-empty")) }
        } @else {
            div.table-wrap role="region" aria-label=(t(lang, "admin-bounces-issue-caption")) tabindex="0" {
                table #bounce-counts {
                    caption.hint { (t(lang, "admin-bounces-issue-caption")) }
                    (column_heads(lang, &[Column::Text("admin-matrix-language"), Column::Num("admin-bounce-kind-hard"), Column::Num("admin-bounce-kind-soft"), Column::Num("admin-bounce-kind-complaint")]))
                    tbody {
                        @for c in counts {
                            tr data-language=(c.language.map_or("", |l| l.code())) {
                                @if let Some(language) = c.language {
                                    th scope="row" lang=(language.code()) { (language.native_name()) }
                                } @else {
                                    th scope="row" { (t(lang, "admin-bounces-unknown-language")) }
                                }
                                td.num { (count(lang, c.hard)) }
                                td.num { (count(lang, c.soft)) }
                                td.num { (count(lang, c.complaint)) }
                            }
                        }
                        tr #bounce-total {
                            th scope="row" { (t(lang, "admin-progress-all")) }
                            td.num { (count(lang, hard)) }
                            td.num { (count(lang, soft)) }
                            td.num { (count(lang, complaint)) }
                        }
                        tr #bounce-rates {
                            th scope="row" { (t(lang, "admin-bounces-rate")) }
                            td.num { (rate(lang, hard, sent)) }
                            td.num { (rate(lang, soft, sent)) }
                            td.num { (rate(lang, complaint, sent)) }
                        }
                    }
                }
            }
        }
    }
}
