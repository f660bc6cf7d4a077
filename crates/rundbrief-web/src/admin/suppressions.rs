//! `/admin/suppressions` (issue 20): every suppressed address, newest first and paged, by
//! reason and searched by address (hashed like the list, so an erased subscriber's address is
//! found without being kept); the subscriber who still has an address is linked, an erased
//! one shows only the start of the hash. "Lift" asks on a page of its own for a reason, then
//! removes a bounce's or complaint's suppression through `rundbrief_app::suppressions`; the
//! reader's status stays, and a new sign-up with double opt-in brings them back. The lifts
//! are listed below the suppressions.

use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use rundbrief_app::suppressions::{
    LiftTarget, LiftedBy, SuppressedAddress, SuppressionLift, cursor_text, is_hash, parse_cursor,
};
use rundbrief_app::{AppError, FieldError};
use rundbrief_core::Language;
use rundbrief_core::model::SuppressionReason;
use rundbrief_i18n::Arg;

use super::csrf;
use super::form::{
    date_time, described_by, error_summary, failure, field_error, invalid, status_label,
};
use super::guard::{Context, CurrentUser};
use super::layout::{self, Column, Section, column_heads, t, t_args};
use crate::extract::{FormFields, query_param};

const PAGE_SIZE: u32 = 50;
const LIFTS_SHOWN: u32 = 20;
/// Enough of a hash to tell rows apart on the page, too little to stand for the address.
const HASH_PREFIX: usize = 12;

fn reason_label(lang: Language, reason: SuppressionReason) -> String {
    t(lang, &format!("admin-suppression-reason-{}", reason.as_str().replace('_', "-")))
}

/// Whether an editor may lift a suppression of this reason here.
fn liftable(reason: SuppressionReason) -> bool {
    reason != SuppressionReason::Erasure
}

fn hash_prefix(hash: &str) -> &str {
    hash.get(..HASH_PREFIX).unwrap_or(hash)
}

/// The list's query: reason, address, page.
struct Query {
    reason: String,
    q: String,
    after: Option<String>,
}

impl Query {
    fn parse(raw: Option<&str>) -> Self {
        let get = |name| query_param(raw, name).unwrap_or_default();
        Self { reason: get("reason"), q: get("q"), after: query_param(raw, "after") }
    }

    fn reason(&self) -> Option<SuppressionReason> {
        self.reason.parse().ok()
    }

    fn href(&self, after: Option<&str>) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if !self.reason.is_empty() {
            pairs.push(("reason", &self.reason));
        }
        if !self.q.trim().is_empty() {
            pairs.push(("q", &self.q));
        }
        if let Some(after) = after {
            pairs.push(("after", after));
        }
        let query = form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
        if query.is_empty() {
            "/admin/suppressions".to_owned()
        } else {
            format!("/admin/suppressions?{query}")
        }
    }
}

fn filter_form(lang: Language, query: &Query, errors: &[FieldError]) -> Markup {
    html! {
        form.filters method="get" action="/admin/suppressions" role="search"
            aria-label=(t(lang, "admin-suppressions-search-label")) {
            div.wide {
                label for="q" { (t(lang, "admin-suppressions-search")) }
                p.hint #q-hint { (t(lang, "admin-suppressions-search-hint")) }
                input #q type="search" name="q" value=(query.q) maxlength="320"
                    aria-invalid=[invalid(errors, "email")]
                    aria-describedby=(described_by(errors, "email", Some("q-hint")).unwrap_or_default());
                (field_error(lang, errors, "email"))
            }
            div {
                label for="reason" { (t(lang, "admin-suppressions-reason")) }
                select #reason name="reason" {
                    option value="" { (t(lang, "admin-filter-any")) }
                    @for reason in SuppressionReason::ALL {
                        option value=(reason.as_str()) selected[query.reason == reason.as_str()] { (reason_label(lang, *reason)) }
                    }
                }
            }
            div.actions {
                button type="submit" { (t(lang, "admin-filter-submit")) }
                a href="/admin/suppressions" { (t(lang, "admin-filter-reset")) }
            }
        }
    }
}

fn address_cell(lang: Language, row: &SuppressedAddress) -> Markup {
    html! {
        @if let Some(subscriber) = &row.subscriber {
            a href={ "/admin/subscribers/" (subscriber.id.0) } { (subscriber.email.as_str()) }
            " (" (status_label(lang, subscriber.status)) ")"
        } @else {
            code title=(t(lang, "admin-suppressions-hash-title")) { (hash_prefix(&row.email_hash)) "…" }
        }
    }
}

fn table(lang: Language, rows: &[SuppressedAddress], can_edit: bool) -> Markup {
    html! {
        div.table-wrap role="region" aria-labelledby="suppressions-caption" tabindex="0" {
            table #suppression-list {
                caption #suppressions-caption { (t_args(lang, "admin-suppressions-caption", &[("count", Arg::Num(rows.len() as i64))])) }
                (column_heads(lang, &[Column::Text("admin-suppressions-address"), Column::Text("admin-suppressions-reason"), Column::Text("admin-suppressions-since"), Column::Text("admin-suppressions-action")]))
                tbody {
                    @for row in rows {
                        tr data-reason=(row.reason.as_str()) data-hash=(hash_prefix(&row.email_hash)) {
                            td.wrap { (address_cell(lang, row)) }
                            td { (reason_label(lang, row.reason)) }
                            td { (date_time(row.created_at)) }
                            td {
                                @if !liftable(row.reason) {
                                    (t(lang, "admin-suppressions-erasure-stays"))
                                } @else if can_edit {
                                    a href={ "/admin/suppressions/lift?hash=" (row.email_hash) } { (t(lang, "admin-suppressions-lift")) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn who(lang: Language, by: LiftedBy) -> String {
    match by {
        LiftedBy::User(user) => {
            t_args(lang, "admin-suppressions-by-user", &[("id", Arg::Num(user.0))])
        }
        LiftedBy::Token(token) => {
            t_args(lang, "admin-suppressions-by-token", &[("id", Arg::Num(token.0))])
        }
    }
}

fn history(lang: Language, lifts: &[SuppressionLift]) -> Markup {
    html! {
        h2 #lifts { (t(lang, "admin-suppressions-lifts-title")) }
        @if lifts.is_empty() {
            p { (t(lang, "admin-suppressions-lifts-empty")) }
        } @else {
            div.table-wrap role="region" aria-labelledby="lifts" tabindex="0" {
                table #lift-list {
                    (column_heads(lang, &[Column::Text("admin-suppressions-lifted-at"), Column::Text("admin-suppressions-address"), Column::Text("admin-suppressions-previous"), Column::Text("admin-suppressions-lifted-by"), Column::Text("admin-suppressions-lift-reason-column")]))
                    tbody {
                        @for lift in lifts {
                            tr data-lift=(lift.id) {
                                td { (date_time(lift.lifted_at)) }
                                td {
                                    @if let Some(subscriber) = lift.subscriber_id {
                                        a href={ "/admin/subscribers/" (subscriber.0) } { (t_args(lang, "admin-suppressions-subscriber", &[("id", Arg::Num(subscriber.0))])) }
                                    } @else {
                                        code { (hash_prefix(&lift.email_hash)) "…" }
                                    }
                                }
                                td { (reason_label(lang, lift.previous_reason)) " (" (date_time(lift.suppressed_at)) ")" }
                                td { (who(lang, lift.by)) }
                                td.wrap { (lift.reason) }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub(crate) async fn list(
    Context { admin, lang, current }: Context,
    RawQuery(raw): RawQuery,
) -> Response {
    let query = Query::parse(raw.as_deref());
    let app = &admin.web.app;
    let after = query.after.as_deref().and_then(parse_cursor);
    let q = query.q.trim();
    let (page, errors) = match app
        .suppressions(query.reason(), (!q.is_empty()).then_some(q), after.as_ref(), PAGE_SIZE)
        .await
    {
        Ok(page) => (Some(page), Vec::new()),
        Err(AppError::Invalid(errors)) => (None, errors),
        Err(error) => return failure(lang, error, "listing suppressions"),
    };
    let lifts = match app.suppression_lifts(None, None, LIFTS_SHOWN).await {
        Ok(lifts) => lifts.items,
        Err(error) => return failure(lang, error, "listing suppression lifts"),
    };
    let can_edit = current.user.role.can_edit();
    let lifted = query_param(raw.as_deref(), "lifted").is_some();
    let content = html! {
        p { a href="/admin/subscribers" { (t(lang, "admin-suppressions-back")) } }
        @if lifted {
            p.notice role="status" #lifted { (t(lang, "admin-suppressions-lifted-notice")) }
        }
        p.hint { (t(lang, "admin-suppressions-hint")) }
        (error_summary(lang, &errors, &[("email", "q")]))
        (filter_form(lang, &query, &errors))
        @if let Some(page) = &page {
            @if page.items.is_empty() {
                p #results { (t(lang, "admin-suppressions-none")) }
            } @else {
                (table(lang, &page.items, can_edit))
            }
            nav.pager aria-label=(t(lang, "admin-pager-label")) {
                @if query.after.is_some() {
                    a href=(query.href(None)) { (t(lang, "admin-pager-first")) }
                }
                @if let Some(next) = &page.next {
                    a href=(query.href(Some(&cursor_text(next)))) rel="next" { (t(lang, "admin-pager-next")) }
                }
            }
        }
        (history(lang, &lifts))
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let title = t(lang, "admin-suppressions-title");
    layout::respond(
        lang,
        status,
        layout::page(lang, &title, Some(&current), Section::Subscribers, content),
    )
}

/// The suppression a lift page is about; `NotFound` when the hash names none.
async fn suppression_of(context: &Context, hash: &str) -> Result<SuppressedAddress, AppError> {
    if !is_hash(hash) {
        return Err(AppError::NotFound("suppression"));
    }
    context.admin.web.app.suppression(hash).await?.ok_or(AppError::NotFound("suppression"))
}

fn lift_page(
    lang: Language,
    current: &CurrentUser,
    row: &SuppressedAddress,
    reason: &str,
    errors: &[FieldError],
    refused: Option<&str>,
) -> Markup {
    let can_edit = current.user.role.can_edit();
    let content = html! {
        @if !can_edit {
            p.notice role="status" { (t(lang, "admin-read-only-notice")) }
        }
        @if let Some(refused) = refused {
            div.alert role="alert" #lift-refused { p { (refused) } }
        }
        (error_summary(lang, errors, &[]))
        dl.facts {
            dt { (t(lang, "admin-suppressions-address")) }
            dd { (address_cell(lang, row)) }
            dt { (t(lang, "admin-suppressions-reason")) }
            dd { (reason_label(lang, row.reason)) }
            dt { (t(lang, "admin-suppressions-since")) }
            dd { (date_time(row.created_at)) }
        }
        p #lift-explanation { (t(lang, "admin-suppressions-lift-explain")) }
        form method="post" action="/admin/suppressions/lift" novalidate {
            (csrf::hidden(&current.csrf))
            input type="hidden" name="hash" value=(row.email_hash);
            fieldset.plain disabled[!can_edit || !liftable(row.reason)] {
                label for="reason" { (t(lang, "admin-suppressions-lift-reason")) }
                p.hint #reason-hint { (t(lang, "admin-suppressions-lift-reason-hint")) }
                input #reason type="text" name="reason" value=(reason) maxlength="200" required autocomplete="off"
                    aria-invalid=[invalid(errors, "reason")]
                    aria-describedby=(described_by(errors, "reason", Some("reason-hint")).unwrap_or_default());
                (field_error(lang, errors, "reason"))
                div.actions {
                    button.danger type="submit" { (t(lang, "admin-suppressions-lift-submit")) }
                    a href="/admin/suppressions" { (t(lang, "admin-cancel")) }
                }
            }
        }
    };
    let title = t(lang, "admin-suppressions-lift-title");
    layout::page(lang, &title, Some(current), Section::Subscribers, content)
}

pub(crate) async fn lift_form(context: Context, RawQuery(raw): RawQuery) -> Response {
    let lang = context.lang;
    let hash = query_param(raw.as_deref(), "hash").unwrap_or_default();
    match suppression_of(&context, &hash).await {
        Ok(row) => layout::respond(
            lang,
            StatusCode::OK,
            lift_page(lang, &context.current, &row, "", &[], None),
        ),
        Err(error) => failure(lang, error, "reading a suppression"),
    }
}

pub(crate) async fn lift_submit(context: Context, fields: FormFields) -> Response {
    let lang = context.lang;
    let hash = fields.get("hash");
    let reason = fields.get("reason");
    let row = match suppression_of(&context, &hash).await {
        Ok(row) => row,
        Err(error) => return failure(lang, error, "reading a suppression"),
    };
    let by = LiftedBy::User(context.current.user.id);
    let app = &context.admin.web.app;
    let (status, errors, refused) = match app
        .lift_suppression(LiftTarget::Hash(hash), &reason, by)
        .await
    {
        Ok(_) => return Redirect::to("/admin/suppressions?lifted=1").into_response(),
        Err(AppError::Invalid(errors)) => (StatusCode::UNPROCESSABLE_ENTITY, errors, None),
        Err(AppError::Conflict(_)) => {
            (StatusCode::CONFLICT, Vec::new(), Some(t(lang, "admin-suppressions-erasure-stays")))
        }
        Err(error) => return failure(lang, error, "lifting a suppression"),
    };
    let page = lift_page(lang, &context.current, &row, &reason, &errors, refused.as_deref());
    layout::respond(lang, status, page)
}
