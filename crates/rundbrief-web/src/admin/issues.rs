//! Issues in the editor UI: the list, a new issue with its segment, the composer (one tab per
//! language, the translation matrix, previews, test mail, schedule) and sending behind a
//! confirmation. Everything is a form that posts and redirects, so it works without script;
//! `issues.js` only adds the live recipient count and the live preview.
//!
//! The pages call the same use cases as `/api/v1` (`rundbrief_app` and its `campaign`
//! module), so the UI can never send what the API would refuse.

use std::collections::BTreeMap;

use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use rundbrief_app::campaign::CampaignError;
use rundbrief_app::{
    AUDIENCES, AppError, Audience, FieldError, IssueChanges, IssueInput, PreviewFormat,
    PreviewRequest, SegmentInput, VariantChoice,
};
use rundbrief_core::model::{Issue, IssueStatus, Variant, VariantInput};
use rundbrief_core::segment::{ListMatch, Segment};
use rundbrief_core::{IssueId, Language, ListId};
use rundbrief_i18n::Arg;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

use super::guard::CurrentUser;
use super::lang::AdminLang;
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
/// The UTC offsets a schedule can be given in: those of the EU's time zones, summer and winter.
const OFFSETS: [&str; 4] = ["+00:00", "+01:00", "+02:00", "+03:00"];
/// Without script the form cannot know the browser's zone; Central European Time is where
/// most editors are.
const DEFAULT_OFFSET: &str = "+01:00";

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
.badge.missing,.badge.none,.badge.cancelled{background:#fbeaea;color:#8a1116}\
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
    let mut response = SCRIPT.into_response();
    let headers = response.headers_mut();
    headers
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
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

pub(crate) fn campaign_failure(lang: Language, error: CampaignError) -> Response {
    match error {
        CampaignError::NotFound(_) => layout::error(lang, StatusCode::NOT_FOUND, "admin-not-found"),
        CampaignError::Conflict(reason) => refused(lang, StatusCode::CONFLICT, &reason),
        CampaignError::Invalid(reason) => refused(lang, StatusCode::UNPROCESSABLE_ENTITY, &reason),
        error @ CampaignError::Send(_) => {
            refused(lang, StatusCode::BAD_GATEWAY, &error.to_string())
        }
        error @ CampaignError::Queue(_) => {
            tracing::error!(%error, "editor UI: sending controls");
            refused(lang, StatusCode::SERVICE_UNAVAILABLE, &error.to_string())
        }
        CampaignError::Store(error) => internal(lang, &error),
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

pub(crate) async fn list(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    current: CurrentUser,
    RawQuery(query): RawQuery,
) -> Response {
    let before = query_param(query.as_deref(), "before").and_then(|v| v.parse().ok());
    let page = match admin.web.app.issues(before, ISSUES_PER_PAGE).await {
        Ok(page) => page,
        Err(error) => return internal(lang, &error),
    };
    let can_edit = current.user.role.can_edit();
    let content = html! {
        @if can_edit {
            p { a.button href="/admin/issues/new" { (t(lang, "admin-issue-new-link")) } }
        }
        @if page.items.is_empty() {
            p { (t(lang, "admin-issues-empty")) }
        } @else {
            div.table-wrap {
                table {
                    caption.hint { (t(lang, "admin-issues-caption")) }
                    (column_heads(lang, &[Column::Text("admin-issue-field-title"), Column::Text("admin-issue-column-status"), Column::Text("admin-issue-column-created"), Column::Text("admin-issue-column-actions")]))
                    tbody {
                        @for issue in &page.items {
                            tr {
                                td { a href={ "/admin/issues/" (issue.id.0) } { (issue.title) } }
                                td { (status_badge(lang, issue.status))
                                    @if let Some(at) = issue.scheduled_at.filter(|_| issue.status == IssueStatus::Scheduled) {
                                        " " span.hint { (date(at)) }
                                    }
                                }
                                td { (date(issue.created_at)) }
                                td {
                                    @if !matches!(issue.status, IssueStatus::Draft | IssueStatus::Scheduled) {
                                        a href={ "/admin/issues/" (issue.id.0) "/progress" } { (t(lang, "admin-issue-progress-link")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(next) = page.next {
                p { a href={ "/admin/issues?before=" (next) } { (t(lang, "admin-issues-older")) } }
            }
        }
    };
    let title = t(lang, "admin-issues-title");
    respond(lang, StatusCode::OK, issues_page(lang, &title, &current, content))
}

// ---------------------------------------------------------------------------------------------
// Issue settings: title, base language, segment

/// The issue fields as the form holds them, valid or not, to show them again.
#[derive(Debug, Clone, Default)]
struct IssueForm {
    title: String,
    base_language: Option<Language>,
    lists: Vec<i64>,
    list_match: ListMatch,
    languages: Vec<Language>,
    regions: String,
    audiences: Vec<String>,
}

impl IssueForm {
    fn from_issue(issue: &Issue) -> Self {
        Self {
            title: issue.title.clone(),
            base_language: Some(issue.base_language),
            lists: issue.segment.lists.iter().map(|l| l.0).collect(),
            list_match: issue.segment.list_match,
            languages: issue.segment.languages.clone(),
            regions: issue.segment.regions.join(", "),
            audiences: issue.segment.audiences.clone(),
        }
    }

    /// Reads the form; what cannot be read at all (a list id that is no number, a language
    /// that is none of the 24) is an error of its field.
    fn parse(fields: &FormFields, errors: &mut Vec<FieldError>) -> Self {
        let mut lists = Vec::new();
        for raw in fields.all("lists") {
            match raw.parse() {
                Ok(id) => lists.push(id),
                Err(_) => errors.push(form_error("segment.lists", "unknown list")),
            }
        }
        let mut languages = Vec::new();
        for raw in fields.all("languages") {
            match Language::parse(&raw) {
                Ok(language) => languages.push(language),
                Err(_) => errors.push(form_error("segment.languages", "unknown language")),
            }
        }
        let base = fields.get("base_language");
        let base_language = Language::parse(&base).ok();
        if base_language.is_none() {
            errors.push(form_error("base_language", "must be one of the 24 languages"));
        }
        Self {
            title: fields.get("title"),
            base_language,
            lists,
            list_match: if fields.get("list_match") == "all" {
                ListMatch::All
            } else {
                ListMatch::Any
            },
            languages,
            regions: fields.get("regions"),
            audiences: fields.all("audiences"),
        }
    }

    fn segment_input(&self) -> SegmentInput {
        SegmentInput {
            lists: self.lists.clone(),
            list_match: self.list_match,
            languages: self.languages.clone(),
            regions: split_regions(&self.regions),
            audiences: self.audiences.clone(),
        }
    }
}

fn split_regions(raw: &str) -> Vec<String> {
    raw.split([',', '\n']).map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned).collect()
}

fn form_error(field: &str, reason: &str) -> FieldError {
    FieldError::new(field, reason, "admin-issue-invalid")
}

fn errors_for<'a>(errors: &'a [FieldError], field: &str) -> Vec<&'a FieldError> {
    errors
        .iter()
        .filter(|e| e.field == field || e.field.starts_with(&format!("{field}.")))
        .collect()
}

fn field_errors(lang: Language, errors: &[FieldError], field: &str, id: &str) -> Markup {
    let mine = errors_for(errors, field);
    html! {
        @if !mine.is_empty() {
            p.error id=(id) {
                (t(lang, "admin-issue-invalid")) " "
                @for e in mine { span lang="en" { (e.reason) } " " }
            }
        }
    }
}

fn invalid_attr(errors: &[FieldError], field: &str) -> Option<&'static str> {
    (!errors_for(errors, field).is_empty()).then_some("true")
}

fn error_summary(lang: Language, errors: &[FieldError]) -> Markup {
    html! {
        @if !errors.is_empty() {
            div.alert role="alert" tabindex="-1" id="errors" {
                p { (t(lang, "admin-error-summary")) }
            }
        }
    }
}

/// Title, base language and the segment builder, for a new issue and for the composer.
fn issue_fields(
    lang: Language,
    form: &IssueForm,
    lists: &[ListChoice],
    errors: &[FieldError],
) -> Markup {
    let base = form.base_language.unwrap_or(Language::De);
    html! {
        label for="title" { (t(lang, "admin-issue-field-title")) }
        p.hint id="title-hint" { (t(lang, "admin-issue-field-title-hint")) }
        input #title type="text" name="title" value=(form.title) required maxlength="200"
            aria-describedby="title-hint" aria-invalid=[invalid_attr(errors, "title")];
        (field_errors(lang, errors, "title", "title-error"))

        label for="base_language" { (t(lang, "admin-issue-field-base-language")) }
        select #base_language name="base_language" {
            @for l in Language::ALL {
                option value=(l.code()) selected[l == base] { (l.native_name()) " (" (l.code()) ")" }
            }
        }
        (field_errors(lang, errors, "base_language", "base-language-error"))

        fieldset data-segment {
            legend { (t(lang, "admin-segment-legend")) }
            p.hint { (t(lang, "admin-segment-hint")) }
            fieldset {
                legend { (t(lang, "admin-segment-lists")) }
                @if lists.is_empty() {
                    p.hint { (t(lang, "admin-segment-no-lists")) }
                } @else {
                    div.choices {
                        @for (id, name) in lists {
                            label.check {
                                input type="checkbox" name="lists" value=(id.0)
                                    checked[form.lists.contains(&id.0)];
                                (name)
                            }
                        }
                    }
                    label.check {
                        input type="radio" name="list_match" value="any" checked[form.list_match == ListMatch::Any];
                        (t(lang, "admin-segment-match-any"))
                    }
                    label.check {
                        input type="radio" name="list_match" value="all" checked[form.list_match == ListMatch::All];
                        (t(lang, "admin-segment-match-all"))
                    }
                }
                (field_errors(lang, errors, "segment.lists", "lists-error"))
            }
            fieldset {
                legend { (t(lang, "admin-segment-languages")) }
                div.choices {
                    @for l in Language::ALL {
                        label.check lang=(l.code()) {
                            input type="checkbox" name="languages" value=(l.code())
                                checked[form.languages.contains(&l)];
                            (l.native_name())
                        }
                    }
                }
                (field_errors(lang, errors, "segment.languages", "languages-error"))
            }
            label for="regions" { (t(lang, "admin-segment-regions")) }
            p.hint id="regions-hint" { (t(lang, "admin-segment-regions-hint")) }
            input #regions type="text" name="regions" value=(form.regions)
                aria-describedby="regions-hint" aria-invalid=[invalid_attr(errors, "segment.regions")];
            (field_errors(lang, errors, "segment.regions", "regions-error"))
            fieldset {
                legend { (t(lang, "admin-segment-audiences")) }
                @for audience in AUDIENCES {
                    label.check {
                        input type="checkbox" name="audiences" value=(audience)
                            checked[form.audiences.iter().any(|a| a == audience)];
                        (t(lang, &format!("admin-audience-{audience}")))
                    }
                }
                (field_errors(lang, errors, "segment.audiences", "audiences-error"))
            }
            p.hint {
                (t(lang, "admin-segment-count-label")) " "
                output #recipient-count aria-live="polite" data-recipients-url="/admin/issues/recipients" {
                    (t(lang, "admin-segment-count-nojs"))
                }
            }
        }
    }
}

/// A list the segment builder offers: its id and its name in the editor's language.
type ListChoice = (ListId, String);

/// The lists the segment builder offers, named along the fallback chain.
async fn lists_of(admin: &Admin, lang: Language) -> Result<Vec<ListChoice>, AppError> {
    let app = &admin.web.app;
    let lists = app.lists().await?;
    Ok(lists.iter().map(|list| (list.id, app.list_name(list, lang).to_owned())).collect())
}

fn new_page(
    lang: Language,
    current: &CurrentUser,
    form: &IssueForm,
    lists: &[ListChoice],
    errors: &[FieldError],
) -> Markup {
    let content = html! {
        (error_summary(lang, errors))
        form.section method="post" action="/admin/issues" novalidate {
            (csrf::hidden(&current.csrf))
            (issue_fields(lang, form, lists, errors))
            button type="submit" { (t(lang, "admin-issue-create-submit")) }
        }
    };
    issues_page(lang, &t(lang, "admin-issue-new-title"), current, content)
}

pub(crate) async fn new_form(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    current: CurrentUser,
) -> Response {
    let lists = match lists_of(&admin, lang).await {
        Ok(lists) => lists,
        Err(error) => return app_failure(lang, error),
    };
    let form = IssueForm {
        base_language: Some(admin.web.app.settings().default_language),
        ..IssueForm::default()
    };
    respond(lang, StatusCode::OK, new_page(lang, &current, &form, &lists, &[]))
}

pub(crate) async fn create(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    current: CurrentUser,
    fields: FormFields,
) -> Response {
    let mut errors = Vec::new();
    let form = IssueForm::parse(&fields, &mut errors);
    if errors.is_empty()
        && let Some(base_language) = form.base_language
    {
        let input =
            IssueInput { title: form.title.clone(), base_language, segment: form.segment_input() };
        match admin.web.app.create_issue(input).await {
            Ok(issue) => {
                let to = format!("/admin/issues/{}?tab={}", issue.id.0, base_language.code());
                return Redirect::to(&to).into_response();
            }
            Err(AppError::Invalid(problems)) => errors = problems,
            Err(error) => return app_failure(lang, error),
        }
    }
    let lists = match lists_of(&admin, lang).await {
        Ok(lists) => lists,
        Err(error) => return app_failure(lang, error),
    };
    respond(
        lang,
        StatusCode::UNPROCESSABLE_ENTITY,
        new_page(lang, &current, &form, &lists, &errors),
    )
}

/// The live recipient count of the segment builder: the form's segment fields in the query,
/// `{"total": n, "text": "..."}` back. Unknown lists and languages simply match nobody.
pub(crate) async fn recipients(
    State(admin): State<Admin>,
    lang: AdminLang,
    RawQuery(query): RawQuery,
) -> Response {
    let fields = FormFields::parse(query.unwrap_or_default().as_bytes());
    let segment = Segment {
        lists: fields.all("lists").iter().filter_map(|v| v.parse().ok()).map(ListId).collect(),
        list_match: if fields.get("list_match") == "all" { ListMatch::All } else { ListMatch::Any },
        languages: fields.all("languages").iter().filter_map(|v| Language::parse(v).ok()).collect(),
        regions: split_regions(&fields.get("regions")),
        audiences: fields.all("audiences"),
    };
    match admin.web.app.segment_counts(&segment).await {
        Ok(counts) => {
            let total: i64 = counts.iter().map(|(_, n)| n).sum();
            let text = t_args(lang.lang, "admin-segment-count", &[("count", Arg::Num(total))]);
            let mut response =
                axum::Json(serde_json::json!({ "total": total, "text": text })).into_response();
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(error) => internal(lang.lang, &error),
    }
}

// ---------------------------------------------------------------------------------------------
// The composer

/// What the composer shows besides the stored issue: a failed form, and notices.
#[derive(Default)]
struct ComposeState {
    tab: Option<Language>,
    /// The submitted variant that failed, to show again with its errors.
    variant_form: Option<VariantInput>,
    variant_errors: Vec<FieldError>,
    issue_form: Option<IssueForm>,
    issue_errors: Vec<FieldError>,
    notice: Option<String>,
}

fn notice_text(lang: Language, query: Option<&str>) -> Option<String> {
    let done = query_param(query, "done")?;
    let id = match done.as_str() {
        "variant" => "admin-notice-variant-saved",
        "issue" => "admin-notice-issue-saved",
        "test" => "admin-notice-test-sent",
        "schedule" => "admin-notice-scheduled",
        "deleted" => "admin-notice-variant-deleted",
        _ => return None,
    };
    let used = query_param(query, "variant")
        .and_then(|v| Language::parse(&v).ok())
        .map(Language::native_name)
        .unwrap_or_default();
    Some(t_args(lang, id, &[("used", Arg::Str(used))]))
}

pub(crate) async fn compose(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    current: CurrentUser,
    PathId(id): PathId<IssueId>,
    RawQuery(query): RawQuery,
) -> Response {
    let state = ComposeState {
        tab: query_param(query.as_deref(), "tab").and_then(|v| Language::parse(&v).ok()),
        notice: notice_text(lang, query.as_deref()),
        ..ComposeState::default()
    };
    compose_response(&admin, lang, &current, id, state, StatusCode::OK).await
}

async fn compose_response(
    admin: &Admin,
    lang: Language,
    current: &CurrentUser,
    id: IssueId,
    state: ComposeState,
    status: StatusCode,
) -> Response {
    let app = &admin.web.app;
    let (issue, variants) = match app.issue_with_variants(id).await {
        Ok(found) => found,
        Err(error) => return app_failure(lang, error),
    };
    let audience = match app.audience(id).await {
        Ok(audience) => audience,
        Err(error) => return app_failure(lang, error),
    };
    let lists = match lists_of(admin, lang).await {
        Ok(lists) => lists,
        Err(error) => return app_failure(lang, error),
    };
    let markup = compose_page(lang, current, &issue, &variants, &audience, &lists, &state);
    respond(lang, status, markup)
}

/// One row of the translation matrix.
struct MatrixRow {
    language: Language,
    recipients: i64,
    variant: Option<bool>,
    choice: Option<(VariantChoice, Option<Language>)>,
}

fn matrix_rows(variants: &[Variant], audience: &Audience) -> Vec<MatrixRow> {
    let mut rows: BTreeMap<Language, MatrixRow> = BTreeMap::new();
    for l in &audience.languages {
        rows.insert(
            l.language,
            MatrixRow {
                language: l.language,
                recipients: l.recipients,
                variant: None,
                choice: Some((l.choice, l.variant)),
            },
        );
    }
    for v in variants {
        rows.entry(v.language)
            .or_insert(MatrixRow {
                language: v.language,
                recipients: 0,
                variant: None,
                choice: None,
            })
            .variant = Some(v.ready);
    }
    let mut rows: Vec<MatrixRow> = rows.into_values().collect();
    rows.sort_by(|a, b| b.recipients.cmp(&a.recipients).then(a.language.cmp(&b.language)));
    rows
}

pub(crate) fn matrix(
    lang: Language,
    issue: IssueId,
    variants: &[Variant],
    audience: &Audience,
) -> Markup {
    let rows = matrix_rows(variants, audience);
    html! {
        p {
            span.big { (t_args(lang, "admin-segment-count", &[("count", Arg::Num(audience.total))])) }
            @if audience.without_variant > 0 {
                " "
                span.error { (t_args(lang, "admin-matrix-without", &[("count", Arg::Num(audience.without_variant))])) }
            }
        }
        @if rows.is_empty() {
            p { (t(lang, "admin-matrix-empty")) }
        } @else {
            div.table-wrap {
                table #matrix {
                    caption.hint { (t(lang, "admin-matrix-caption")) }
                    (column_heads(lang, &[Column::Text("admin-matrix-language"), Column::Num("admin-matrix-recipients"), Column::Text("admin-matrix-variant"), Column::Text("admin-matrix-receives"), Column::Text("admin-matrix-preview")]))
                    tbody {
                        @for row in &rows {
                            tr data-language=(row.language.code()) {
                                th scope="row" lang=(row.language.code()) { (row.language.native_name()) }
                                td.num { (row.recipients) }
                                td { @match row.variant {
                                    Some(true) => span.badge.ready { (t(lang, "admin-variant-ready")) },
                                    Some(false) => span.badge.draft { (t(lang, "admin-variant-draft")) },
                                    None => span.badge.missing { (t(lang, "admin-variant-missing")) },
                                } }
                                td.receives { @match row.choice {
                                    Some((VariantChoice::Own, _)) => span.badge.own { (t(lang, "admin-matrix-own")) },
                                    Some((VariantChoice::Fallback, Some(used))) => span.badge.fallback {
                                        (t_args(lang, "admin-matrix-fallback", &[("used", Arg::Str(used.native_name()))]))
                                    },
                                    Some(_) => span.badge.none { (t(lang, "admin-matrix-nothing")) },
                                    None => span.hint { (t(lang, "admin-matrix-no-recipients")) },
                                } }
                                td {
                                    @let base = format!("/admin/issues/{}/preview/{}", issue.0, row.language.code());
                                    @let label = t_args(lang, "admin-matrix-preview-of", &[("requested", Arg::Str(row.language.native_name()))]);
                                    a href={ (base) "?format=html" } target="_blank" rel="noopener" aria-label={ (label) " – HTML" } { "HTML" }
                                    " · "
                                    a href={ (base) "?format=text" } target="_blank" rel="noopener" aria-label={ (label) " – " (t(lang, "admin-preview-text")) } { (t(lang, "admin-preview-text")) }
                                }
                            }
                        }
                    }
                }
            }
            p.hint { (t_args(lang, "admin-matrix-chain", &[("used", Arg::Str(&audience.fallback_languages.iter().map(|l| l.native_name()).collect::<Vec<_>>().join(", ")))])) }
        }
    }
}

fn compose_page(
    lang: Language,
    current: &CurrentUser,
    issue: &Issue,
    variants: &[Variant],
    audience: &Audience,
    lists: &[ListChoice],
    state: &ComposeState,
) -> Markup {
    let id = issue.id.0;
    let editable = rundbrief_app::issues::is_editable(issue.status) && current.user.role.can_edit();
    let tab = state.tab.unwrap_or_else(|| {
        variants.first().map(|v| v.language).map_or(issue.base_language, |first| {
            if variants.iter().any(|v| v.language == issue.base_language) {
                issue.base_language
            } else {
                first
            }
        })
    });
    let stored = variants.iter().find(|v| v.language == tab);
    let shown = state.variant_form.clone().or_else(|| {
        stored.map(|v| VariantInput {
            subject: v.subject.clone(),
            preheader: v.preheader.clone(),
            body_markdown: v.body_markdown.clone(),
            ready: v.ready,
        })
    });
    let mut tabs: Vec<Language> = variants.iter().map(|v| v.language).collect();
    if !tabs.contains(&tab) {
        tabs.push(tab);
    }
    let others: Vec<Language> = Language::ALL.into_iter().filter(|l| !tabs.contains(l)).collect();
    let issue_form = state.issue_form.clone().unwrap_or_else(|| IssueForm::from_issue(issue));
    let errors: Vec<FieldError> =
        state.variant_errors.iter().chain(&state.issue_errors).cloned().collect();
    let frame = format!("preview-{}", tab.code());
    let variant_action = format!("/admin/issues/{id}/variants/{}", tab.code());
    let ready_langs: Vec<Language> = audience.ready.clone();

    let content = html! {
        (error_summary(lang, &errors))
        @if let Some(notice) = &state.notice {
            p.notice role="status" { (notice) }
        }
        p.actions {
            span { (t(lang, "admin-issue-column-status")) ": " (status_badge(lang, issue.status)) }
            @if let Some(at) = issue.scheduled_at.filter(|_| issue.status == IssueStatus::Scheduled) {
                span { (t(lang, "admin-issue-scheduled-for")) " " (date(at)) }
            }
            @if !matches!(issue.status, IssueStatus::Draft | IssueStatus::Scheduled) {
                a href={ "/admin/issues/" (id) "/progress" } { (t(lang, "admin-issue-progress-link")) }
            }
        }

        section.section aria-labelledby="matrix-title" {
            h2 #matrix-title { (t(lang, "admin-matrix-title")) }
            (matrix(lang, issue.id, variants, audience))
        }

        section.section #variant aria-labelledby="variants-title" {
            h2 #variants-title { (t(lang, "admin-variants-title")) }
            nav aria-label=(t(lang, "admin-variants-tabs-label")) {
                ul.tabs {
                    @for l in &tabs {
                        @let state_id = match variants.iter().find(|v| v.language == *l) {
                            Some(v) if v.ready => "admin-variant-ready",
                            Some(_) => "admin-variant-draft",
                            None => "admin-variant-missing",
                        };
                        li { a href={ "/admin/issues/" (id) "?tab=" (l.code()) "#variant" }
                            aria-current=[(*l == tab).then_some("page")] lang=(l.code()) {
                            (l.native_name()) " "
                            span.hint lang=(lang.code()) { "(" (t(lang, state_id)) ")" }
                        } }
                    }
                }
            }
            @if editable && !others.is_empty() {
                form.actions method="get" action={ "/admin/issues/" (id) } {
                    label for="add-language" { (t(lang, "admin-variant-add-label")) }
                    select #add-language name="tab" style="width:auto" {
                        @for l in &others { option value=(l.code()) { (l.native_name()) " (" (l.code()) ")" } }
                    }
                    button.secondary type="submit" style="margin-top:0" { (t(lang, "admin-variant-add")) }
                }
            }
            div.compose {
                div {
                    h3 lang=(lang.code()) { (t_args(lang, "admin-variant-heading", &[("requested", Arg::Str(tab.native_name()))])) }
                    @if editable {
                        form method="post" action=(variant_action) data-live-preview novalidate {
                            (csrf::hidden(&current.csrf))
                            @let v = shown.clone().unwrap_or(VariantInput { subject: String::new(), preheader: String::new(), body_markdown: String::new(), ready: false });
                            label for="subject" { (t(lang, "admin-variant-subject")) }
                            input #subject type="text" name="subject" value=(v.subject) lang=(tab.code())
                                maxlength="300" aria-invalid=[invalid_attr(&state.variant_errors, "subject")];
                            (field_errors(lang, &state.variant_errors, "subject", "subject-error"))
                            label for="preheader" { (t(lang, "admin-variant-preheader")) }
                            p.hint id="preheader-hint" { (t(lang, "admin-variant-preheader-hint")) }
                            input #preheader type="text" name="preheader" value=(v.preheader) lang=(tab.code())
                                maxlength="300" aria-describedby="preheader-hint"
                                aria-invalid=[invalid_attr(&state.variant_errors, "preheader")];
                            (field_errors(lang, &state.variant_errors, "preheader", "preheader-error"))
                            label for="body_markdown" { (t(lang, "admin-variant-body")) }
                            p.hint id="body-hint" { (t(lang, "admin-variant-body-hint")) " " code { "{{ name }}" } }
                            textarea #body_markdown name="body_markdown" lang=(tab.code()) aria-describedby="body-hint"
                                aria-invalid=[invalid_attr(&state.variant_errors, "body_markdown")] { (v.body_markdown) }
                            (field_errors(lang, &state.variant_errors, "body_markdown", "body-error"))
                            label.check {
                                input #ready type="checkbox" name="ready" value="1" role="switch" checked[v.ready];
                                (t(lang, "admin-variant-ready-switch"))
                            }
                            p.hint { (t(lang, "admin-variant-ready-hint")) }
                            div.actions {
                                button type="submit" { (t(lang, "admin-variant-save")) }
                                button.secondary type="submit" data-preview-button
                                    formaction={ (variant_action) "/preview" } formtarget=(frame) formnovalidate {
                                    (t(lang, "admin-variant-preview-draft"))
                                }
                            }
                        }
                        @if stored.is_some() {
                            form method="post" action={ (variant_action) "/delete" } {
                                (csrf::hidden(&current.csrf))
                                button.danger type="submit" { (t_args(lang, "admin-variant-delete", &[("requested", Arg::Str(tab.native_name()))])) }
                            }
                        }
                    } @else if let Some(v) = &shown {
                        dl {
                            dt { (t(lang, "admin-variant-subject")) } dd lang=(tab.code()) { (v.subject) }
                            dt { (t(lang, "admin-variant-preheader")) } dd lang=(tab.code()) { (v.preheader) }
                        }
                        pre lang=(tab.code()) style="white-space:pre-wrap" { (v.body_markdown) }
                    } @else {
                        p { (t(lang, "admin-variant-none")) }
                    }
                }
                div {
                    h3 #preview-title { (t(lang, "admin-preview-title")) }
                    @let src = if stored.is_some() {
                        format!("/admin/issues/{id}/preview/{}?format=html", tab.code())
                    } else {
                        "about:blank".to_owned()
                    };
                    iframe.preview name=(frame) id="preview-frame" src=(src) sandbox=""
                        title=(t_args(lang, "admin-preview-frame-title", &[("requested", Arg::Str(tab.native_name()))])) {}
                    @if stored.is_some() {
                        p {
                            a href={ "/admin/issues/" (id) "/preview/" (tab.code()) "?format=html" } target="_blank" rel="noopener" { (t(lang, "admin-preview-open-html")) }
                            " · "
                            a href={ "/admin/issues/" (id) "/preview/" (tab.code()) "?format=text" } target="_blank" rel="noopener" { (t(lang, "admin-preview-open-text")) }
                        }
                    }
                }
            }
        }

        @if current.user.role.can_edit() && matches!(issue.status, IssueStatus::Draft | IssueStatus::Scheduled) {
            section.section aria-labelledby="send-title" {
                h2 #send-title { (t(lang, "admin-send-section")) }
                @if ready_langs.is_empty() {
                    p { (t(lang, "admin-send-none-ready")) }
                } @else {
                    p { a.button href={ "/admin/issues/" (id) "/send" } { (t(lang, "admin-send-now")) } }
                }
                h3 { (t(lang, "admin-test-title")) }
                form method="post" action={ "/admin/issues/" (id) "/test" } {
                    (csrf::hidden(&current.csrf))
                    label for="test-to" { (t(lang, "admin-test-to")) }
                    input #test-to type="email" name="to" value=(current.user.email.as_str()) required autocomplete="email";
                    label for="test-language" { (t(lang, "admin-test-language")) }
                    select #test-language name="language" {
                        @for l in Language::ALL { option value=(l.code()) selected[l == tab] { (l.native_name()) " (" (l.code()) ")" } }
                    }
                    button.secondary type="submit" { (t(lang, "admin-test-submit")) }
                }
                h3 { (t(lang, "admin-schedule-title")) }
                form method="post" action={ "/admin/issues/" (id) "/schedule" } data-schedule {
                    (csrf::hidden(&current.csrf))
                    label for="schedule-at" { (t(lang, "admin-schedule-at")) }
                    input #schedule-at type="datetime-local" name="at" required;
                    label for="schedule-offset" { (t(lang, "admin-schedule-offset")) }
                    select #schedule-offset name="offset" {
                        @for o in OFFSETS { option value=(o) selected[o == DEFAULT_OFFSET] { "UTC" (o) } }
                    }
                    button.secondary type="submit" { (t(lang, "admin-schedule-submit")) }
                }
                @if issue.status == IssueStatus::Scheduled || issue.status == IssueStatus::Draft {
                    form method="post" action={ "/admin/issues/" (id) "/cancel" } {
                        (csrf::hidden(&current.csrf))
                        button.danger type="submit" { (t(lang, "admin-progress-cancel")) }
                    }
                }
            }
        }

        section.section aria-labelledby="settings-title" {
            h2 #settings-title { (t(lang, "admin-issue-settings")) }
            @if editable {
                form method="post" action={ "/admin/issues/" (id) } novalidate {
                    (csrf::hidden(&current.csrf))
                    (issue_fields(lang, &issue_form, lists, &state.issue_errors))
                    button type="submit" { (t(lang, "admin-issue-save")) }
                }
            } @else {
                p { (t(lang, "admin-issue-locked")) }
            }
        }
    };
    issues_page(lang, &issue.title, current, content)
}

pub(crate) async fn update(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    current: CurrentUser,
    PathId(id): PathId<IssueId>,
    fields: FormFields,
) -> Response {
    let mut errors = Vec::new();
    let form = IssueForm::parse(&fields, &mut errors);
    if errors.is_empty() {
        let changes = IssueChanges {
            title: Some(form.title.clone()),
            base_language: form.base_language,
            segment: Some(form.segment_input()),
        };
        match admin.web.app.update_issue(id, changes).await {
            Ok(_) => {
                return Redirect::to(&format!("/admin/issues/{}?done=issue", id.0)).into_response();
            }
            Err(AppError::Invalid(problems)) => errors = problems,
            Err(error) => return app_failure(lang, error),
        }
    }
    let state =
        ComposeState { issue_form: Some(form), issue_errors: errors, ..ComposeState::default() };
    compose_response(&admin, lang, &current, id, state, StatusCode::UNPROCESSABLE_ENTITY).await
}

fn variant_input(fields: &FormFields) -> VariantInput {
    VariantInput {
        subject: fields.get("subject"),
        preheader: fields.get("preheader"),
        body_markdown: fields.get("body_markdown"),
        ready: !fields.get("ready").is_empty(),
    }
}

pub(crate) async fn save_variant(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    current: CurrentUser,
    VariantPath(id, language): VariantPath,
    fields: FormFields,
) -> Response {
    let input = variant_input(&fields);
    match admin.web.app.put_variant(id, language, input.clone()).await {
        Ok(_) => Redirect::to(&format!(
            "/admin/issues/{}?tab={}&done=variant#variant",
            id.0,
            language.code()
        ))
        .into_response(),
        Err(AppError::Invalid(problems)) => {
            let state = ComposeState {
                tab: Some(language),
                variant_form: Some(input),
                variant_errors: problems,
                ..ComposeState::default()
            };
            compose_response(&admin, lang, &current, id, state, StatusCode::UNPROCESSABLE_ENTITY)
                .await
        }
        Err(error) => app_failure(lang, error),
    }
}

pub(crate) async fn delete_variant(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    VariantPath(id, language): VariantPath,
) -> Response {
    match admin.web.app.delete_variant(id, language).await {
        Ok(()) => Redirect::to(&format!("/admin/issues/{}?done=deleted", id.0)).into_response(),
        Err(error) => app_failure(lang, error),
    }
}

fn preview_response(bytes: Vec<u8>, format: PreviewFormat, language: Language) -> Response {
    let content_type = match format {
        PreviewFormat::Text => "text/plain; charset=utf-8",
        _ => "text/html; charset=utf-8",
    };
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(language.code()));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(PREVIEW_CSP));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn preview_format(raw: &str) -> PreviewFormat {
    if raw == "text" { PreviewFormat::Text } else { PreviewFormat::Html }
}

/// A problem with the preview, as a small page inside the preview frame.
fn preview_problem(lang: Language, status: StatusCode, reason: &str) -> Response {
    let body = html! {
        (maud::DOCTYPE)
        html lang=(lang.code()) { head { meta charset="utf-8"; title { (t(lang, "admin-preview-title")) } }
            body style="font:16px system-ui,sans-serif;padding:1rem" {
                p { strong { (t(lang, "admin-preview-problem")) } }
                p lang="en" { code { (reason) } }
            } }
    };
    let mut response = (status, body.into_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(PREVIEW_CSP));
    response
}

fn preview_failure(lang: Language, error: AppError) -> Response {
    match refusal(error) {
        Err(AppError::NotFound(_)) => preview_problem(lang, StatusCode::NOT_FOUND, "not found"),
        Ok((status, reason)) => preview_problem(lang, status, &reason),
        Err(other) => internal(lang, &other),
    }
}

/// The stored issue as a reader of `lang` gets it (their variant or the fallback).
pub(crate) async fn preview(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    VariantPath(id, language): VariantPath,
    RawQuery(query): RawQuery,
) -> Response {
    let format = preview_format(&query_param(query.as_deref(), "format").unwrap_or_default());
    let request = PreviewRequest { issue: id, language, format, name: None, recipient: None };
    match admin.web.app.preview(&request).await {
        Ok(preview) => preview_response(preview.bytes, format, preview.variant_language),
        Err(error) => preview_failure(lang, error),
    }
}

/// The form's unsaved draft, rendered for the preview frame; nothing is stored.
pub(crate) async fn preview_draft(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    VariantPath(id, language): VariantPath,
    fields: FormFields,
) -> Response {
    let format = preview_format(&fields.get("format"));
    match admin.web.app.preview_draft(id, language, variant_input(&fields), format).await {
        Ok(bytes) => preview_response(bytes, format, language),
        Err(error) => preview_failure(lang, error),
    }
}

// ---------------------------------------------------------------------------------------------
// Test mail, schedule, send

pub(crate) async fn send_test(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    PathId(id): PathId<IssueId>,
    fields: FormFields,
) -> Response {
    let Ok(to) = rundbrief_core::EmailAddress::parse(&fields.get("to")) else {
        return refused(lang, StatusCode::UNPROCESSABLE_ENTITY, "to: not an e-mail address");
    };
    let Ok(language) = Language::parse(&fields.get("language")) else {
        return refused(lang, StatusCode::UNPROCESSABLE_ENTITY, "language: unknown");
    };
    match admin.web.campaigns.send_test(&admin.web.app, id, language, &to).await {
        Ok(used) => Redirect::to(&format!(
            "/admin/issues/{}?tab={}&done=test&variant={}",
            id.0,
            language.code(),
            used.code()
        ))
        .into_response(),
        Err(error) => campaign_failure(lang, error),
    }
}

/// `2026-12-01T08:00` (what `datetime-local` sends, seconds optional) at a UTC offset.
fn schedule_time(at: &str, offset: &str) -> Option<OffsetDateTime> {
    let with_seconds = if at.len() == 16 { format!("{at}:00") } else { at.to_owned() };
    let local = PrimitiveDateTime::parse(
        &with_seconds,
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
    )
    .ok()?;
    let offset = if OFFSETS.contains(&offset) { offset } else { DEFAULT_OFFSET };
    OffsetDateTime::parse(&format!("{with_seconds}{offset}"), &Rfc3339)
        .ok()
        .filter(|parsed| parsed.date() == local.date())
}

pub(crate) async fn schedule(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    PathId(id): PathId<IssueId>,
    fields: FormFields,
) -> Response {
    let Some(at) = schedule_time(&fields.get("at"), &fields.get("offset")) else {
        return refused(lang, StatusCode::UNPROCESSABLE_ENTITY, "at: not a date and time");
    };
    match admin.web.campaigns.schedule(id, at).await {
        Ok(_) => Redirect::to(&format!("/admin/issues/{}?done=schedule", id.0)).into_response(),
        Err(error) => campaign_failure(lang, error),
    }
}

/// Send now, step one: who will get what, and one button.
pub(crate) async fn confirm_send(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    current: CurrentUser,
    PathId(id): PathId<IssueId>,
) -> Response {
    let (issue, variants) = match admin.web.app.issue_with_variants(id).await {
        Ok(found) => found,
        Err(error) => return app_failure(lang, error),
    };
    let audience = match admin.web.app.audience(id).await {
        Ok(audience) => audience,
        Err(error) => return app_failure(lang, error),
    };
    let sendable = matches!(issue.status, IssueStatus::Draft | IssueStatus::Scheduled)
        && !audience.ready.is_empty();
    let content = html! {
        p { strong { (issue.title) } " " (status_badge(lang, issue.status)) }
        @if sendable {
            p.big #send-count { (t_args(lang, "admin-send-confirm-count", &[("count", Arg::Num(audience.total))])) }
            p { (t(lang, "admin-send-confirm-text")) }
        } @else {
            p.alert { (t(lang, "admin-send-not-possible")) }
        }
        section.section aria-labelledby="matrix-title" {
            h2 #matrix-title { (t(lang, "admin-matrix-title")) }
            (matrix(lang, issue.id, &variants, &audience))
        }
        div.actions {
            @if sendable && current.user.role.can_edit() {
                form method="post" action={ "/admin/issues/" (id.0) "/send" } {
                    (csrf::hidden(&current.csrf))
                    button #send-confirm type="submit" {
                        (t_args(lang, "admin-send-confirm-submit", &[("count", Arg::Num(audience.total))]))
                    }
                }
            }
            a.button.secondary href={ "/admin/issues/" (id.0) } { (t(lang, "admin-send-back")) }
        }
    };
    let title = t(lang, "admin-send-confirm-title");
    respond(lang, StatusCode::OK, issues_page(lang, &title, &current, content))
}

pub(crate) async fn send(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    PathId(id): PathId<IssueId>,
) -> Response {
    match admin.web.campaigns.send_now(id).await {
        Ok(_) => Redirect::to(&format!("/admin/issues/{}/progress", id.0)).into_response(),
        Err(error) => campaign_failure(lang, error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_times_take_the_chosen_offset() {
        let at = schedule_time("2026-12-01T08:00", "+01:00").expect("valid");
        assert_eq!(at.to_offset(UtcOffset::UTC).hour(), 7);
        let at = schedule_time("2026-07-01T08:00:30", "+02:00").expect("valid");
        assert_eq!(at.to_offset(UtcOffset::UTC).hour(), 6);
        assert_eq!(
            schedule_time("2026-12-01T08:00", "+09:00"),
            schedule_time("2026-12-01T08:00", DEFAULT_OFFSET),
            "unknown offsets fall back to the default"
        );
        assert!(schedule_time("tomorrow", "+01:00").is_none());
        assert!(schedule_time("", "+01:00").is_none());
    }

    #[test]
    fn regions_split_on_commas_and_lines() {
        assert_eq!(split_regions(" Nord , Süd\nOst,, "), ["Nord", "Süd", "Ost"]);
        assert!(split_regions("  ").is_empty());
    }
}
