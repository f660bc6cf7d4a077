//! Issues in the editor UI: the list, a new issue with its segment, the composer (one tab per
//! language, the translation matrix, previews, test mail, schedule) and sending behind a
//! confirmation. Everything is a form that posts and redirects, so it works without script;
//! `issues.js` only adds the live recipient count and the live preview.
//!
//! One module per view: [`list`], [`form`] (a new issue and the segment builder),
//! [`compose`], [`matrix`], [`preview`], [`revisions`] (a variant's revisions and what changed
//! in a stale translation's source), [`send`], [`translation`] (translation files), [`welcome`]
//! (the welcome mail's page; its texts are edited in the composer).
//!
//! The pages call the same use cases as `/api/v1` (`rundbrief_app` and its `campaign`
//! module), so the UI can never send what the API would refuse.

mod compose;
mod copy;
mod form;
mod list;
mod matrix;
mod preview;
mod revisions;
mod send;
mod translation;
mod welcome;

pub(crate) use compose::{compose, delete_variant, machine_draft, save_variant, update};
pub(crate) use copy::{copy, set_template};
pub(crate) use form::{create, new_form, recipients};
pub(crate) use list::list;
pub(crate) use preview::{preview, preview_draft};
pub(crate) use revisions::{revision, revisions, source_changes};
pub(crate) use send::{confirm_send, schedule, send, send_test};
pub(crate) use translation::{
    download_translation, import_translation, import_variant_translation, translation,
};
pub(crate) use welcome::{change as change_welcome, welcome};
use {compose::*, copy::copy_button, copy::template_toggle, copy::templates, form::*, matrix::*};

use std::collections::BTreeMap;

use axum::extract::RawQuery;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use rundbrief_app::{
    AUDIENCES, AppError, Audience, FieldError, IssueChanges, IssueInput, PreviewFormat,
    PreviewRequest, RevisionAuthor, SegmentInput, VariantChoice, VariantState,
};
use rundbrief_core::model::{Issue, IssueStatus, Variant, VariantInput};
use rundbrief_core::segment::{ListMatch, Segment};
use rundbrief_core::{IssueId, Language, ListId};
use rundbrief_i18n::Arg;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

use super::guard::{Context, CurrentUser};
use super::layout::{self, Column, Section, column_heads, t, t_args};
use super::path::{PathId, VariantPath};
use super::{Admin, csrf};
use crate::extract::{FormFields, query_param};

/// The script of the issue pages, served from the binary (no CDN, works offline).
pub(crate) const SCRIPT: &str = include_str!("issues.js");
pub(crate) const SCRIPT_PATH: &str = "/admin/static/issues.js";

/// The issue pages load their own script, show previews in frames and fetch counts; nothing
/// else from anywhere.
const PAGE_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; \
script-src 'self'; connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; \
frame-ancestors 'none'";
/// Mail HTML shown in the composer's frame may not run or submit anything on this origin,
/// whatever slipped past the sanitiser; only the composer may frame it.
const PREVIEW_CSP: &str = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; \
frame-ancestors 'self'";
const ISSUES_PER_PAGE: u32 = 50;

/// Styles only the issue pages need, on top of the layout's.
pub(crate) const STYLE: &str = "\
textarea,select,input[type=datetime-local]{width:100%;padding:.6rem;font:inherit;border:1px solid #767676;border-radius:4px;background:#fff}\
textarea{min-height:16rem;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.95rem}\
fieldset{border:1px solid #d0d4da;border-radius:6px;margin:1rem 0;padding:.5rem 1rem 1rem}\
legend{font-weight:600;padding:0 .3rem}\
label.check{display:flex;gap:.5rem;align-items:center;font-weight:400;margin:.35rem 0}\
label.check input{width:1.2rem;height:1.2rem;margin:0}\
.choices{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:0 1rem}\
.section{background:#fff;border:1px solid #d0d4da;border-radius:6px;padding:1rem;margin:0 0 1.25rem}\
.table-wrap{overflow-x:auto}\
table{border-collapse:collapse;width:100%;background:#fff}\
th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #e1e4e8;vertical-align:top}\
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\
.badge{display:inline-block;padding:.05rem .5rem;border-radius:1rem;font-size:.85rem;font-weight:600;background:#e8eaed;color:#1a1a1a}\
.badge.ready,.badge.own,.badge.sent{background:#dcefe0;color:#1b5e20}\
.badge.draft,.badge.fallback,.badge.scheduled,.badge.paused{background:#fff3cd;color:#6b4e00}\
.badge.missing,.badge.none,.badge.cancelled,.badge.stale{background:#fbeaea;color:#8a1116}\
.badge.sending{background:#dbe9f7;color:#0b3d6b}\
.tabs{display:flex;flex-wrap:wrap;gap:.25rem;list-style:none;margin:0 0 1rem;padding:0;border-bottom:2px solid #0b5394}\
.tabs a{display:block;padding:.45rem .8rem;border:1px solid #d0d4da;border-bottom:0;border-radius:4px 4px 0 0;background:#fff;text-decoration:none}\
.tabs a[aria-current]{background:#0b5394;color:#fff;font-weight:700}\
.tabs a[aria-current] .hint{color:#fff}\
.compose{display:grid;grid-template-columns:minmax(0,1fr);gap:1rem}\
@media (min-width:70rem){main{max-width:80rem}.compose{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}}\
iframe.preview{width:100%;height:34rem;border:1px solid #767676;border-radius:4px;background:#fff}\
.actions{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}\
.actions form{margin:0}\
button.secondary,a.button.secondary{background:#fff;color:#0b5394;border:2px solid #0b5394}\
button.danger{background:#a4161a}\
a.button{display:inline-block;font-weight:600;padding:.7rem 1.4rem;margin-top:1.25rem;border-radius:4px;background:#0b5394;color:#fff;text-decoration:none}\
progress{width:100%;height:1.6rem;accent-color:#2e7d32}\
.big{font-size:1.3rem;font-weight:700}\
output{font-weight:700}\
@media (max-width:40rem){th,td{padding:.4rem .35rem}.badge{white-space:normal}iframe.preview{height:26rem}}";

/// A page of this module, with its script and the CSP that lets it run.
pub(crate) fn respond(lang: Language, status: StatusCode, markup: Markup) -> Response {
    let mut response = layout::respond(lang, status, markup);
    response
        .headers_mut()
        .insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(PAGE_CSP));
    response
}

pub(crate) fn issues_page(
    lang: Language,
    title: &str,
    current: &CurrentUser,
    content: Markup,
) -> Markup {
    let content = html! {
        style { (maud::PreEscaped(STYLE)) }
        (content)
        script src=(SCRIPT_PATH) defer {}
    };
    layout::page(lang, title, Some(current), Section::Issues, content)
}

pub(crate) async fn script() -> Response {
    layout::script(SCRIPT)
}

pub(crate) fn status_text(lang: Language, status: IssueStatus) -> String {
    t(lang, &format!("admin-issue-status-{}", status.as_str()))
}

pub(crate) fn status_badge(lang: Language, status: IssueStatus) -> Markup {
    html! { span class={ "badge " (status.as_str()) } { (status_text(lang, status)) } }
}

fn date(at: OffsetDateTime) -> String {
    let format = format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    at.to_offset(UtcOffset::UTC).format(&format).unwrap_or_default()
}

/// A failure an editor cannot fix by changing the form: logged, shown as a 500.
pub(crate) fn internal(lang: Language, error: &dyn std::fmt::Display) -> Response {
    tracing::error!(%error, "editor UI: issue pages");
    layout::error(lang, StatusCode::INTERNAL_SERVER_ERROR, "admin-error")
}

/// The status and reason of a request the app refused (a conflict, or problems with its
/// fields); any other error comes back as it is.
fn refusal(error: AppError) -> Result<(StatusCode, String), AppError> {
    match error {
        AppError::Conflict(reason) => Ok((StatusCode::CONFLICT, reason)),
        AppError::Invalid(problems) => {
            let reason: Vec<String> =
                problems.iter().map(|p| format!("{}: {}", p.field, p.reason)).collect();
            Ok((StatusCode::UNPROCESSABLE_ENTITY, reason.join("; ")))
        }
        other => Err(other),
    }
}

pub(crate) fn app_failure(lang: Language, error: AppError) -> Response {
    match refusal(error) {
        Err(AppError::NotFound(_)) => layout::error(lang, StatusCode::NOT_FOUND, "admin-not-found"),
        Ok((status, reason)) => refused(lang, status, &reason),
        Err(other) => internal(lang, &other),
    }
}

/// The issue, its variants, who would get which and which translations are stale: what the
/// compose and send pages show, or the page that says why they cannot be shown.
async fn issue_and_audience(
    admin: &Admin,
    lang: Language,
    id: IssueId,
) -> Result<(Issue, Vec<Variant>, Audience, Vec<VariantState>), Response> {
    let app = &admin.web.app;
    let (issue, variants) =
        app.issue_with_variants(id).await.map_err(|error| app_failure(lang, error))?;
    let audience = app.audience(id).await.map_err(|error| app_failure(lang, error))?;
    let states = app.variant_states(id).await.map_err(|error| app_failure(lang, error))?;
    Ok((issue, variants, audience, states))
}

pub(crate) fn campaign_failure(lang: Language, error: AppError) -> Response {
    match error {
        AppError::NotFound(_) => layout::error(lang, StatusCode::NOT_FOUND, "admin-not-found"),
        AppError::Conflict(reason) => refused(lang, StatusCode::CONFLICT, &reason),
        AppError::Invalid(fields) => {
            let reasons: Vec<String> = fields.into_iter().map(|f| f.reason).collect();
            refused(lang, StatusCode::UNPROCESSABLE_ENTITY, &reasons.join("; "))
        }
        error @ (AppError::Send(_) | AppError::Upstream(_)) => {
            refused(lang, StatusCode::BAD_GATEWAY, &error.to_string())
        }
        error @ AppError::Queue(_) => {
            tracing::error!(%error, "editor UI: sending controls");
            refused(lang, StatusCode::SERVICE_UNAVAILABLE, &error.to_string())
        }
        AppError::Store(error) if error.is_unavailable() => {
            layout::error(lang, StatusCode::SERVICE_UNAVAILABLE, "admin-unavailable")
        }
        other => internal(lang, &other),
    }
}

/// The use case said no: the page says so, with the use case's own (English) reason, which
/// names what to change.
fn refused(lang: Language, status: StatusCode, reason: &str) -> Response {
    let content = html! {
        p { (t(lang, "admin-issue-refused-text")) }
        p lang="en" { code { (reason) } }
        p { a href="/admin/issues" { (t(lang, "admin-issue-back")) } }
    };
    let title = t(lang, "admin-issue-refused-title");
    respond(lang, status, layout::page(lang, &title, None, Section::None, content))
}

// ---------------------------------------------------------------------------------------------
// The list
