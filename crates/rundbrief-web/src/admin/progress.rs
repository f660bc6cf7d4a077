//! Watching an issue go out: a progress bar and per-language counts, kept current by
//! server-sent events while the issue is sending, and the pause, resume and cancel buttons.
//!
//! Without script the page refreshes itself every few seconds while sending (and has a
//! reload link); with script, `issues.js` listens to the event stream instead.

use std::time::Duration;

use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use rundbrief_app::campaign::{Campaigns, LanguageProgress, Progress};
use rundbrief_core::model::IssueStatus;
use rundbrief_core::{IssueId, Language};
use serde::Serialize;

use super::guard::Context;
use super::issues::{self, campaign_failure, status_badge, status_text};
use super::layout::{Column, column_heads, t};
use super::numbers::{count, decimal};
use super::path::PathId;
use super::{Admin, csrf};

/// How often the event stream reports while an issue is sending.
const EVENT_INTERVAL: Duration = Duration::from_secs(1);
/// How often the page reloads itself when script is off.
const REFRESH_SECONDS: u32 = 5;

/// The progress as the event stream sends it: the API's document, with the percentage.
#[derive(Serialize)]
struct ProgressJson<'a> {
    #[serde(flatten)]
    progress: &'a Progress,
    percent_done: u8,
}

fn failed(row: &LanguageProgress) -> i64 {
    row.failed + row.bounced
}

/// The status names in the editor's language, for the script that updates the page.
fn status_labels(lang: rundbrief_core::Language) -> String {
    let labels: serde_json::Map<String, serde_json::Value> = [
        IssueStatus::Draft,
        IssueStatus::Scheduled,
        IssueStatus::Sending,
        IssueStatus::Paused,
        IssueStatus::Sent,
        IssueStatus::Cancelled,
    ]
    .into_iter()
    .map(|s| (s.as_str().to_owned(), serde_json::Value::String(status_text(lang, s))))
    .collect();
    serde_json::Value::Object(labels).to_string()
}

pub(crate) async fn page(
    Context { admin, lang, current }: Context,
    PathId(id): PathId<IssueId>,
) -> Response {
    let issue = match admin.web.app.issue_with_variants(id).await {
        Ok((issue, _)) => issue,
        Err(error) => return issues::app_failure(lang, error),
    };
    let progress = match admin.web.campaigns.progress(id).await {
        Ok(progress) => progress,
        Err(error) => return campaign_failure(lang, error),
    };
    let bounce_counts = match admin.web.app.bounce_counts(id).await {
        Ok(counts) => counts,
        Err(error) => return issues::app_failure(lang, error),
    };
    let percent = progress.percent_done();
    let sending = progress.status == IssueStatus::Sending;
    let can_edit = current.user.role.can_edit();
    let labels = status_labels(lang);
    let events = format!("/admin/issues/{}/progress/events", id.0);
    let control = |action: &str, text_id: &str, class: &str| {
        html! {
            form method="post" action={ "/admin/issues/" (id.0) "/" (action) } {
                (csrf::hidden(&current.csrf))
                button class=(class) type="submit" data-control=(action) { (t(lang, text_id)) }
            }
        }
    };
    let content = html! {
        @if sending {
            // Only read with script off: then the page reloads itself while sending.
            noscript { meta http-equiv="refresh" content=(REFRESH_SECONDS); }
        }
        div.section #progress data-progress-events=[sending.then_some(events.as_str())]
            data-status-labels=(labels) {
            p.actions {
                strong { (issue.title) }
                span #progress-status { (status_badge(lang, progress.status)) }
            }
            @if let Some(reason) = &progress.status_reason {
                p.alert lang="en" { (reason) }
            }
            label for="progress-bar" { (t(lang, "admin-progress-bar-label")) }
            progress #progress-bar max="100" value=(percent) { (percent) " %" }
            p.big aria-live="polite" {
                span #progress-percent { (percent) } " %"
            }
            p.hint {
                span { (t(lang, "admin-progress-total")) ": " span #progress-total { (count(lang, progress.total.total())) } }
                " · "
                span { (t(lang, "admin-progress-rate")) ": " span #progress-rate { (decimal(lang, progress.rate_per_second)) } "/s" }
            }
            div.table-wrap role="region" aria-label=(t(lang, "admin-progress-caption")) tabindex="0" {
                table #progress-languages {
                    caption.hint { (t(lang, "admin-progress-caption")) }
                    (column_heads(lang, &[Column::Text("admin-matrix-language"), Column::Num("admin-progress-sent"), Column::Num("admin-progress-failed"), Column::Num("admin-progress-skipped"), Column::Num("admin-progress-pending")]))
                    tbody {
                        @for (language, row) in &progress.by_language {
                            tr data-language=(language.code()) {
                                th scope="row" lang=(language.code()) { (language.native_name()) }
                                td.num data-field="sent" { (count(lang, row.sent)) }
                                td.num data-field="failed" { (count(lang, failed(row))) }
                                td.num data-field="skipped" { (count(lang, row.skipped)) }
                                td.num data-field="pending" { (count(lang, row.open())) }
                            }
                        }
                        tr {
                            th scope="row" { (t(lang, "admin-progress-all")) }
                            td.num #total-sent { (count(lang, progress.total.sent)) }
                            td.num #total-failed { (count(lang, failed(&progress.total))) }
                            td.num #total-skipped { (count(lang, progress.total.skipped)) }
                            td.num #total-pending { (count(lang, progress.total.open())) }
                        }
                    }
                }
            }
            @if sending {
                p.hint { a href={ "/admin/issues/" (id.0) "/progress" } { (t(lang, "admin-progress-reload")) } }
            }
            (super::bounces::issue_section(lang, &bounce_counts, progress.total.sent + progress.total.bounced))
            @if can_edit {
                div.actions {
                    @match progress.status {
                        IssueStatus::Sending => {
                            (control("pause", "admin-progress-pause", "secondary"))
                            (control("cancel", "admin-progress-cancel", "danger"))
                        }
                        IssueStatus::Paused => {
                            (control("resume", "admin-progress-resume", ""))
                            (control("cancel", "admin-progress-cancel", "danger"))
                        }
                        _ => {}
                    }
                }
            }
            p { a href={ "/admin/issues/" (id.0) } { (t(lang, "admin-progress-back")) } }
        }
    };
    let title = t(lang, "admin-progress-title");
    issues::respond(lang, StatusCode::OK, issues::issues_page(lang, &title, &current, content))
}

/// The progress JSON every second, until the issue is no longer sending; the last event has
/// the final status, so the page knows to stop listening.
pub(crate) async fn events(
    Context { admin, lang, .. }: Context,
    PathId(id): PathId<IssueId>,
) -> Response {
    let campaigns = admin.web.campaigns.clone();
    // An unknown issue is a 404, not an empty stream.
    if let Err(error) = campaigns.progress(id).await {
        return campaign_failure(lang, error);
    }
    let stream = futures::stream::unfold(Some((campaigns, id, true)), next_event);
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}

type StreamState = Option<(Campaigns, IssueId, bool)>;

async fn next_event(state: StreamState) -> Option<(Result<Event, axum::Error>, StreamState)> {
    let (campaigns, id, first) = state?;
    if !first {
        tokio::time::sleep(EVENT_INTERVAL).await;
    }
    let progress = match campaigns.progress(id).await {
        Ok(progress) => progress,
        Err(error) => {
            tracing::warn!(%error, issue_id = %id, "progress events stopped");
            return None;
        }
    };
    let body = ProgressJson { progress: &progress, percent_done: progress.percent_done() };
    let event = Event::default().event("progress").json_data(&body);
    let next = (progress.status == IssueStatus::Sending).then_some((campaigns, id, false));
    Some((event, next))
}

async fn control(
    admin: Admin,
    lang: Language,
    actor: AuditActor,
    id: IssueId,
    action: fn(&Campaigns, AuditActor, IssueId) -> futures::future::BoxFuture<'_, ControlResult>,
) -> Response {
    match action(&admin.web.campaigns, actor, id).await {
        Ok(_) => Redirect::to(&format!("/admin/issues/{}/progress", id.0)).into_response(),
        Err(error) => campaign_failure(lang, error),
    }
}

use rundbrief_app::audit::AuditActor;

type ControlResult = Result<rundbrief_core::model::Issue, rundbrief_app::AppError>;

pub(crate) async fn pause(
    Context { admin, lang, current }: Context,
    PathId(id): PathId<IssueId>,
) -> Response {
    control(admin, lang, current.actor(), id, |c, actor, id| Box::pin(c.pause(actor, id))).await
}

pub(crate) async fn resume(
    Context { admin, lang, current }: Context,
    PathId(id): PathId<IssueId>,
) -> Response {
    control(admin, lang, current.actor(), id, |c, actor, id| Box::pin(c.resume(actor, id))).await
}

pub(crate) async fn cancel(
    Context { admin, lang, current }: Context,
    PathId(id): PathId<IssueId>,
) -> Response {
    control(admin, lang, current.actor(), id, |c, actor, id| Box::pin(c.cancel(actor, id))).await
}
