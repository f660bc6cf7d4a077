//! `/admin/imports`: importing a CSV file in the editor UI, the same background job as
//! `POST /api/v1/imports` (`rundbrief_app::import_jobs`). The upload form's script sends the
//! file as the body with the session's CSRF token in its header, so the file streams to disk
//! (the guard reads no body then); the first job is a dry run whose page previews each row,
//! and its "start" button imports the same file. A job's page reloads itself while it runs.

use axum::extract::{Path, RawQuery};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use futures::StreamExt as _;
use maud::{Markup, html};
use rundbrief_app::import_jobs::{
    ImportJob, ImportJobStatus, ImportJobs, ImportRequest, MAX_IMPORT_BYTES, UploadError,
};
use rundbrief_core::Language;
use serde_json::{Value, json};

use super::form::{date_time, error_id, failure};
use super::guard::{Context, CurrentUser};
use super::issues::{self, STYLE};
use super::layout::{self, Column, Section, column_heads, t, t_args, t_count};
use super::numbers::count;
use super::path::path_id;
use super::{Admin, csrf};

/// The script of the upload form, served from the binary.
pub(crate) const SCRIPT: &str = include_str!("imports.js");
const SCRIPT_PATH: &str = "/admin/static/imports.js";
/// How often a job's page reloads itself while the job runs.
const REFRESH_SECONDS: u32 = 2;

fn jobs(admin: &Admin) -> Option<&ImportJobs> {
    admin.web.imports.as_ref()
}

fn unavailable(lang: Language) -> Response {
    layout::error(lang, StatusCode::SERVICE_UNAVAILABLE, "admin-unavailable")
}

fn by(current: &CurrentUser) -> String {
    format!("account {} ({})", current.user.id, current.user.email.as_str())
}

fn page(lang: Language, title: &str, current: &CurrentUser, content: Markup) -> Response {
    let content = html! {
        style { (maud::PreEscaped(STYLE)) }
        (content)
        script src=(SCRIPT_PATH) defer {}
    };
    issues::respond(
        lang,
        StatusCode::OK,
        layout::page(lang, title, Some(current), Section::Subscribers, content),
    )
}

fn status_text(lang: Language, status: ImportJobStatus) -> String {
    t(lang, &format!("admin-import-status-{}", status.as_str()))
}

fn percent(job: &ImportJob) -> i64 {
    match job.status {
        ImportJobStatus::Done => 100,
        _ if job.bytes_total > 0 => {
            job.bytes_done.clamp(0, job.bytes_total) * 100 / job.bytes_total
        }
        _ => 0,
    }
}

fn number(report: &Value, key: &str) -> i64 {
    report.get(key).and_then(Value::as_i64).unwrap_or(0)
}

/// `GET /admin/imports`: the upload form and the imports so far.
pub(crate) async fn overview(Context { admin, lang, current }: Context) -> Response {
    let Some(jobs) = jobs(&admin) else { return unavailable(lang) };
    let recent = match jobs.jobs(None, 50).await {
        Ok(recent) => recent,
        Err(error) => return failure(lang, error, "listing imports"),
    };
    let settings = admin.web.app.settings();
    let can_edit = current.user.role.can_edit();
    let default = settings.default_language;
    let content = html! {
        p { a href="/admin/subscribers" { (t(lang, "admin-subscriber-new-back")) } }
        @if !can_edit {
            p.notice role="status" { (t(lang, "admin-read-only-notice")) }
        }
        p { (t(lang, "admin-import-intro")) }
        noscript { p.alert { (t(lang, "admin-import-noscript")) } }
        div #import-errors role="alert" tabindex="-1" hidden {}
        form #import-form method="post" action="/admin/imports" data-csrf=(current.csrf)
            data-error-file=(t(lang, "admin-import-error-file")) data-error-failed=(t(lang, "admin-error")) {
            fieldset.plain disabled[!can_edit] {
                label for="file" { (t(lang, "admin-import-file")) }
                p.hint #file-hint { (t_args(lang, "admin-import-file-hint", &[("n", fluent_number(MAX_IMPORT_BYTES / 1024 / 1024))])) }
                input #file type="file" name="file" accept=".csv,.txt,text/csv,text/plain" required aria-describedby="file-hint";
                fieldset #consent {
                    legend { (t(lang, "admin-subscriber-new-consent")) }
                    label.check for="consent-elsewhere" {
                        input #consent-elsewhere type="radio" name="consent" value="obtained-elsewhere";
                        span { (t(lang, "admin-import-consent-elsewhere")) }
                    }
                    label for="source" { (t(lang, "admin-subscriber-new-source")) }
                    p.hint #source-hint { (t(lang, "admin-subscriber-new-source-hint")) }
                    input #source type="text" name="source" maxlength="200" aria-describedby="source-hint";
                    label.check for="consent-proof" {
                        input #consent-proof type="radio" name="consent" value="proof";
                        span { (t(lang, "admin-import-consent-proof")) }
                    }
                    label.check for="consent-double-opt-in" {
                        input #consent-double-opt-in type="radio" name="consent" value="double-opt-in";
                        span { (t(lang, "admin-import-consent-double-opt-in")) }
                    }
                }
                fieldset #update {
                    legend { (t(lang, "admin-import-update")) }
                    p.hint { (t(lang, "admin-import-update-hint")) }
                    @for (field, text_id) in [("name", "admin-subscriber-name"), ("language", "admin-subscriber-language"), ("lists", "admin-subscriber-lists")] {
                        label.check for={ "update-" (field) } {
                            input id={ "update-" (field) } type="checkbox" name="update" value=(field);
                            span { (t(lang, text_id)) }
                        }
                    }
                }
                label.check for="create_lists" {
                    input #create_lists type="checkbox" name="create_lists" value="true";
                    span { (t(lang, "admin-import-create-lists")) }
                }
                label for="language" { (t(lang, "admin-import-language")) }
                select #language name="language" {
                    @for l in Language::ALL {
                        option value=(l.code()) selected[l == default] lang=(l.code()) { (l.native_name()) }
                    }
                }
                label for="map" { (t(lang, "admin-import-map")) }
                p.hint #map-hint { (t(lang, "admin-import-map-hint")) }
                textarea #map name="map" rows="3" spellcheck="false" style="min-height:5rem" aria-describedby="map-hint" {}
                label for="upload-progress" { (t(lang, "admin-import-upload-progress")) }
                progress #upload-progress max="100" value="0" { "0 %" }
                div.actions {
                    button type="submit" { (t(lang, "admin-import-preview-submit")) }
                }
            }
        }
        h2 { (t(lang, "admin-import-recent")) }
        @if recent.is_empty() {
            p { (t(lang, "admin-import-none")) }
        } @else {
            div.table-wrap role="region" aria-label=(t(lang, "admin-import-recent")) tabindex="0" {
                table #imports {
                    (column_heads(lang, &[Column::Text("admin-import-file"), Column::Text("admin-import-state"), Column::Text("admin-import-by"), Column::Text("admin-import-when"), Column::Num("admin-import-rows")]))
                    tbody {
                        @for job in &recent {
                            tr {
                                td { a href={ "/admin/imports/" (job.id) } { (job.file_name) } @if job.dry_run { " (" (t(lang, "admin-import-dry-run")) ")" } }
                                td { (status_text(lang, job.status)) }
                                td { (job.created_by) }
                                td { (date_time(job.created_at)) }
                                td.num { (count(lang, job.rows_done)) }
                            }
                        }
                    }
                }
            }
        }
    };
    page(lang, &t(lang, "admin-import-title"), &current, content)
}

fn fluent_number(n: u64) -> rundbrief_i18n::Arg<'static> {
    rundbrief_i18n::Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
}

/// `POST /admin/imports`: the file as the body, the choices in the query; answers JSON for the
/// form's script: where the new (dry-run) job is, or the problems in the editor's language.
pub(crate) async fn upload(
    Context { admin, lang, current }: Context,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Response {
    let Some(jobs) = jobs(&admin) else { return unavailable(lang) };
    // The form's script sends only what the form holds; anything else in the query is not
    // the editor's doing and is left out. An upload is always a dry run first.
    let (request, _) = ImportRequest::from_query(query.as_deref().unwrap_or_default());
    let request = ImportRequest { by: by(&current), dry_run: true, ..request };
    let options = match jobs.check(&request) {
        Ok(options) => options,
        Err(rundbrief_app::AppError::Invalid(errors)) => {
            let errors: Vec<Value> = errors
                .iter()
                .map(|e| json!({ "field": e.field, "message": field_message(lang, e) }))
                .collect();
            return answer(StatusCode::UNPROCESSABLE_ENTITY, json!({ "errors": errors }));
        }
        Err(error) => return failure(lang, error, "checking an import"),
    };
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok());
    if declared.and_then(|v| v.parse::<u64>().ok()).is_some_and(|n| n > MAX_IMPORT_BYTES) {
        return upload_failure(lang, UploadError::TooLarge);
    }
    let mut upload = match jobs.upload() {
        Ok(upload) => upload,
        Err(error) => return upload_failure(lang, error),
    };
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let written = match chunk {
            Ok(chunk) => upload.write(&chunk),
            Err(_) => return answer(StatusCode::BAD_REQUEST, json!({ "errors": [] })),
        };
        if let Err(error) = written {
            return upload_failure(lang, error);
        }
    }
    match jobs.submit(current.actor(), options, upload).await {
        Ok(job) => {
            tracing::info!(import = job.id, user = %current.user.id, "import previewed in the editor UI");
            answer(StatusCode::CREATED, json!({ "location": format!("/admin/imports/{}", job.id) }))
        }
        Err(error) => upload_failure(lang, error),
    }
}

/// A problem with a field, in the editor's language; a mapping's names what it got wrong (a
/// field or a column name of the editor's own file, never a subscriber's data).
fn field_message(lang: Language, error: &rundbrief_app::FieldError) -> String {
    if error.field == "map" {
        format!("{} ({})", t(lang, "admin-import-error-map"), error.reason)
    } else {
        t(lang, &error_id(error))
    }
}

fn answer(status: StatusCode, body: Value) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
}

fn upload_failure(lang: Language, error: UploadError) -> Response {
    let (status, message) = match &error {
        UploadError::TooLarge => (
            StatusCode::PAYLOAD_TOO_LARGE,
            t_args(
                lang,
                "admin-import-error-too-large",
                &[("n", fluent_number(MAX_IMPORT_BYTES / 1024 / 1024))],
            ),
        ),
        UploadError::NotImportable(reason) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("{} ({reason})", t(lang, "admin-import-error-not-importable")),
        ),
        UploadError::Io(_) | UploadError::Store(_) => {
            tracing::error!(%error, "cannot store an import uploaded in the editor UI");
            (StatusCode::INTERNAL_SERVER_ERROR, t(lang, "admin-error"))
        }
    };
    answer(status, json!({ "errors": [{ "field": "file", "message": message }] }))
}

async fn load(admin: &Admin, lang: Language, raw: &str) -> Result<ImportJob, Response> {
    let Some(jobs) = jobs(admin) else { return Err(unavailable(lang)) };
    let Some(id) = path_id(raw) else {
        return Err(layout::error(lang, StatusCode::NOT_FOUND, "admin-not-found"));
    };
    jobs.job(id).await.map_err(|error| failure(lang, error, "reading an import"))
}

/// `GET /admin/imports/{id}`: progress while it runs (the page reloads itself), then the
/// preview of a dry run with its "start" button, or the report of an import.
pub(crate) async fn job_page(
    Context { admin, lang, current }: Context,
    Path(raw): Path<String>,
) -> Response {
    let job = match load(&admin, lang, &raw).await {
        Ok(job) => job,
        Err(response) => return response,
    };
    let running = !job.status.is_finished();
    let percent = percent(&job);
    let empty = Value::Null;
    let report = job.report.as_ref().unwrap_or(&empty);
    let can_edit = current.user.role.can_edit();
    let content = html! {
        @if running {
            // With script, imports.js reloads the page instead (a refresh in the page itself
            // is what axe's meta-refresh rule flags).
            noscript { meta http-equiv="refresh" content=(REFRESH_SECONDS); }
        }
        p { a href="/admin/imports" { (t(lang, "admin-import-back")) } }
        div.section #import data-reload-seconds=[running.then_some(REFRESH_SECONDS)] {
            p.actions {
                strong { (job.file_name) }
                span #import-status { (status_text(lang, job.status)) }
            }
            p.hint {
                (t(lang, "admin-import-by")) ": " (job.created_by) " · "
                (t(lang, "admin-import-when")) ": " (date_time(job.created_at))
                @if let Some(finished) = job.finished_at { " – " (date_time(finished)) }
            }
            label for="import-progress" { (t(lang, "admin-import-progress")) }
            progress #import-progress max="100" value=(percent) { (percent) " %" }
            p.big aria-live="polite" { span #import-percent { (percent) } " % · " (t_count(lang, "admin-import-rows-done", job.rows_done)) }
            @if let Some(error) = &job.error {
                p.alert lang="en" { (error) }
            }
        }
        @if job.status == ImportJobStatus::Done {
            (totals(lang, &job, report))
            @if job.dry_run {
                (preview(lang, report))
                form method="post" action={ "/admin/imports/" (job.id) "/start" } {
                    (csrf::hidden(&current.csrf))
                    div.actions {
                        button type="submit" disabled[!can_edit] { (t(lang, "admin-import-start")) }
                        a href="/admin/imports" { (t(lang, "admin-cancel")) }
                    }
                }
            }
            (rejects(lang, &job, report))
        }
    };
    let title = if job.dry_run {
        t(lang, "admin-import-preview-title")
    } else {
        t(lang, "admin-import-job-title")
    };
    page(lang, &title, &current, content)
}

fn totals(lang: Language, job: &ImportJob, report: &Value) -> Markup {
    let prefix = if job.dry_run { "admin-import-would-" } else { "admin-import-" };
    let skipped: Vec<(String, i64)> = report
        .get("skipped")
        .and_then(Value::as_object)
        .map(|reasons| reasons.iter().map(|(k, v)| (k.clone(), v.as_i64().unwrap_or(0))).collect())
        .unwrap_or_default();
    html! {
        h2 { (t(lang, "admin-import-totals")) }
        dl #import-totals {
            dt { (t(lang, &format!("{prefix}created"))) } dd data-count="created" { (count(lang, number(report, "created"))) }
            dt { (t(lang, &format!("{prefix}updated"))) } dd data-count="updated" { (count(lang, number(report, "updated"))) }
            @for (reason, n) in &skipped {
                dt { (t(lang, &format!("{prefix}skipped"))) ": " (skip_reason(lang, reason)) } dd data-count={ "skipped-" (reason) } { (count(lang, *n)) }
            }
            dt { (t(lang, &format!("{prefix}rejected"))) } dd data-count="rejected" { (count(lang, number(report, "rejected"))) }
        }
    }
}

fn skip_reason(lang: Language, reason: &str) -> Markup {
    let id = match reason {
        "exists" => "admin-import-skip-exists",
        "suppressed" => "admin-import-skip-suppressed",
        "unsubscribed" => "admin-import-skip-unsubscribed",
        "not subscribed in the file" => "admin-import-skip-left",
        _ => return html! { span lang="en" { (reason) } },
    };
    html! { (t(lang, id)) }
}

fn preview(lang: Language, report: &Value) -> Markup {
    let rows: &[Value] = report.get("preview").and_then(Value::as_array).map_or(&[], Vec::as_slice);
    html! {
        h2 { (t(lang, "admin-import-preview-rows")) }
        div.table-wrap role="region" aria-label=(t(lang, "admin-import-preview-rows")) tabindex="0" {
            table #import-preview {
                (column_heads(lang, &[Column::Num("admin-import-line"), Column::Text("admin-subscriber-email"), Column::Text("admin-import-outcome")]))
                tbody {
                    @for row in rows {
                        @let outcome = row["outcome"].as_str().unwrap_or_default();
                        tr data-outcome=(outcome) {
                            td.num { (row["line"]) }
                            td { (row["email"].as_str().unwrap_or_default()) }
                            td {
                                (t(lang, &format!("admin-import-outcome-{outcome}")))
                                @if let Some(reason) = row["reason"].as_str() {
                                    ": "
                                    @if outcome == "skipped" { (skip_reason(lang, reason)) } @else { span lang="en" { (reason) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn rejects(lang: Language, job: &ImportJob, report: &Value) -> Markup {
    let rows: &[Value] = report.get("rejects").and_then(Value::as_array).map_or(&[], Vec::as_slice);
    let more = number(report, "rejects_not_listed");
    html! {
        @if !rows.is_empty() {
            h2 { (t(lang, "admin-import-rejects")) }
            p { a #rejects-csv href={ "/admin/imports/" (job.id) "/rejects.csv" } download { (t(lang, "admin-import-rejects-download")) } }
            div.table-wrap role="region" aria-label=(t(lang, "admin-import-rejects")) tabindex="0" {
                table #import-rejects {
                    (column_heads(lang, &[Column::Num("admin-import-line"), Column::Text("admin-import-column"), Column::Text("admin-import-reason")]))
                    tbody {
                        @for row in rows {
                            tr {
                                td.num { (row["line"]) }
                                td { (row["column"].as_str().unwrap_or_default()) }
                                td lang="en" { (row["reason"].as_str().unwrap_or_default()) }
                            }
                        }
                    }
                }
            }
            @if more > 0 {
                p.hint { (t_count(lang, "admin-import-rejects-more", more)) }
            }
        }
    }
}

/// `POST /admin/imports/{id}/start`: imports the file a dry run previewed.
pub(crate) async fn start(
    Context { admin, lang, current }: Context,
    Path(raw): Path<String>,
) -> Response {
    let Some(jobs) = jobs(&admin) else { return unavailable(lang) };
    let Some(id) = path_id(&raw) else {
        return layout::error(lang, StatusCode::NOT_FOUND, "admin-not-found");
    };
    match jobs.confirm(current.actor(), id, &by(&current)).await {
        Ok(job) => {
            tracing::info!(import = job.id, preview = id, user = %current.user.id, "import started in the editor UI");
            Redirect::to(&format!("/admin/imports/{}", job.id)).into_response()
        }
        Err(rundbrief_app::AppError::Conflict(_)) => {
            layout::error(lang, StatusCode::CONFLICT, "admin-import-gone")
        }
        Err(error) => failure(lang, error, "starting an import"),
    }
}

/// `GET /admin/imports/{id}/rejects.csv`: the listed rejected rows, to fix the file by.
pub(crate) async fn rejects_csv(
    Context { admin, lang, .. }: Context,
    Path(raw): Path<String>,
) -> Response {
    let job = match load(&admin, lang, &raw).await {
        Ok(job) => job,
        Err(response) => return response,
    };
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut out = String::from("line,column,reason\r\n");
    let rows = job.report.as_ref().and_then(|r| r.get("rejects")).and_then(Value::as_array);
    for row in rows.map_or(&[][..], Vec::as_slice) {
        let line = row["line"].as_i64().unwrap_or(0);
        let column = quote(row["column"].as_str().unwrap_or_default());
        let reason = quote(row["reason"].as_str().unwrap_or_default());
        out.push_str(&format!("{line},{column},{reason}\r\n"));
    }
    let mut response = out.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    let disposition = format!("attachment; filename=\"import-{}-rejects.csv\"", job.id);
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

pub(crate) async fn script() -> Response {
    layout::script(SCRIPT)
}
