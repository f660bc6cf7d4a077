//! Imports in `/api/v1`: a CSV body starts a background job (`POST /imports`), whose progress
//! and report `GET /imports/{id}` reads. The use case is `rundbrief_app::import_jobs`.

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use axum::routing::get;
use futures::StreamExt as _;
use rundbrief_app::import_jobs::{
    ImportJob, ImportJobStatus, ImportJobs, ImportRequest, MAX_IMPORT_BYTES, UploadError,
};
use rundbrief_core::model::ApiToken;
use serde::Serialize;
use utoipa::ToSchema;

use super::body::Problems;
use super::{DEFAULT_PAGE, MAX_PAGE, json, rfc3339};
use crate::AppState;
use crate::error::ApiError;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/imports", get(list_imports).post(create_import))
        .route("/imports/{id}", get(get_import))
}

/// An import job: what was asked, how far it got, and its report once done.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportBody {
    pub id: i64,
    /// `queued`, `running`, `done` or `failed`.
    #[schema(example = "running")]
    pub status: String,
    pub file_name: String,
    /// The consent choice: `obtained-elsewhere`, `proof` or `double-opt-in`.
    pub consent: String,
    /// A dry run writes nothing; its report says per row what would happen.
    pub dry_run: bool,
    /// The API token or editor account that started it.
    pub created_by: String,
    pub created_at: String,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    pub progress: ImportProgress,
    /// Once done: `created`, `updated`, `skipped` (per reason), `rejected`, `rejects` (the first
    /// 1,000 rejected rows by `line`, `column` and `reason`), `rejects_not_listed`, `new_lists`,
    /// `ignored_columns`; a dry run adds `preview`, the first 50 rows' outcomes.
    #[schema(value_type = Option<Object>)]
    pub report: Option<serde_json::Value>,
    /// Why a failed import stopped.
    pub error: Option<String>,
    pub links: ImportLinks,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportProgress {
    pub rows: i64,
    pub bytes_done: i64,
    pub bytes_total: i64,
    /// Of the file's bytes, 0 to 100.
    pub percent: u8,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportLinks {
    /// Where to poll for progress and the report.
    #[serde(rename = "self")]
    pub self_: String,
}

/// A page of imports, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportPage {
    pub items: Vec<ImportBody>,
    /// The `cursor` of the next page; absent on the last.
    pub next: Option<i64>,
}

impl From<ImportJob> for ImportBody {
    fn from(job: ImportJob) -> Self {
        let percent = if job.status == ImportJobStatus::Done {
            100
        } else if job.bytes_total > 0 {
            (job.bytes_done.clamp(0, job.bytes_total) * 100 / job.bytes_total) as u8
        } else {
            0
        };
        Self {
            id: job.id,
            status: job.status.as_str().to_owned(),
            file_name: job.file_name,
            consent: job.consent,
            dry_run: job.dry_run,
            created_by: job.created_by,
            created_at: rfc3339(job.created_at),
            started_at: job.started_at.map(rfc3339),
            finished_at: job.finished_at.map(rfc3339),
            progress: ImportProgress {
                rows: job.rows_done,
                bytes_done: job.bytes_done,
                bytes_total: job.bytes_total,
                percent,
            },
            report: job.report,
            error: job.error,
            links: ImportLinks { self_: format!("/api/v1/imports/{}", job.id) },
        }
    }
}

fn jobs(state: &AppState) -> Result<&ImportJobs, ApiError> {
    state.imports.as_ref().ok_or_else(|| {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "imports are not available in this process")
    })
}

/// Whether the body says it is CSV (or plain text, as some clients send CSV files).
fn is_csv(headers: &HeaderMap) -> bool {
    let kind = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let essence = kind.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    matches!(essence.as_str(), "text/csv" | "application/csv" | "text/plain")
}

/// The query of `POST /imports`, every problem at once.
fn import_request(query: Option<&str>) -> Result<ImportRequest, ApiError> {
    let (request, unclear) = ImportRequest::from_query(query.unwrap_or_default());
    let mut problems = Problems::default();
    for (key, reason) in unclear {
        problems.fail(&key, reason);
    }
    problems.finish()?;
    Ok(request)
}

#[utoipa::path(post, path = "/imports", tag = "imports",
    params(
        ("consent" = String, Query, description = "How the people in the file agreed to be mailed: obtained-elsewhere (with source), proof (the file's opt-in time and IP columns) or double-opt-in (a confirmation mail each, paced by the send rate). Required; there is no default."),
        ("source" = Option<String>, Query, description = "Where consent was obtained, e.g. \"Paper forms 2023\"; required with obtained-elsewhere."),
        ("update" = Option<String>, Query, description = "Fields existing subscribers change in, comma-separated: name, language, lists. Never their status."),
        ("create_lists" = Option<bool>, Query, description = "Create lists the file names that do not exist yet, instead of rejecting the rows."),
        ("language" = Option<String>, Query, description = "Language of rows without one; default: the instance's."),
        ("dry_run" = Option<bool>, Query, description = "Write nothing; the report says per row what would happen."),
        ("file_name" = Option<String>, Query, description = "The file's name, for the consent log and the list of imports."),
        ("map" = Option<Vec<String>>, Query, description = "COLUMN=FIELD, repeated: the file's column COLUMN (its header) holds FIELD (email, name, first_name, last_name, language, lists, region, audience, optin_time, optin_ip, status, attributes, attribute or ignore), before the header aliases; as `rundbrief import --map`. A field Rundbrief does not know or a column the file does not have is refused (422, naming it)."),
    ),
    request_body(content = String, content_type = "text/csv",
        description = "The CSV file (`,` `;` or tab separated, UTF-8 or Windows-1252), at most 256 MB, with an e-mail column."),
    responses(
        (status = 202, description = "The import is queued; poll `links.self`.", body = ImportBody),
        (status = 413, description = "The file is larger than 256 MB.", body = crate::error::Problem),
        (status = 415, description = "The body is not text/csv.", body = crate::error::Problem),
        (status = 422, description = "No consent choice, a missing source, an unknown field (in `update` or `map`), a mapped column the file does not have, or a file without an e-mail column.", body = crate::error::Problem)),
    security(("bearer" = [])))]
async fn create_import(
    State(state): State<AppState>,
    axum::Extension(token): axum::Extension<ApiToken>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Result<Response, ApiError> {
    let jobs = jobs(&state)?;
    let mut request = import_request(query.as_deref())?;
    request.by = format!("API token {} ({})", token.id, token.name);
    // The options are checked before the body is read, so a refusal costs no upload.
    let options = jobs.check(&request)?;
    if !is_csv(&headers) {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "the body must be a CSV file: send it with Content-Type: text/csv",
        ));
    }
    // A declared length over the limit is refused before anything is stored; the stream's
    // own count below refuses bodies that do not declare one.
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok());
    if declared.and_then(|v| v.parse::<u64>().ok()).is_some_and(|n| n > MAX_IMPORT_BYTES) {
        return Err(upload_error(UploadError::TooLarge));
    }
    let mut upload = jobs.upload().map_err(upload_error)?;
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|error| {
            ApiError::new(StatusCode::BAD_REQUEST, format!("the body could not be read: {error}"))
        })?;
        upload.write(&chunk).map_err(upload_error)?;
    }
    let job = jobs
        .submit(rundbrief_app::audit::AuditActor::Token(token.id), options, upload)
        .await
        .map_err(upload_error)?;
    tracing::info!(import = job.id, token = %token.id, "import started through the API");
    let location = format!("/api/v1/imports/{}", job.id);
    let mut response = json(StatusCode::ACCEPTED, &ImportBody::from(job));
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    Ok(response)
}

fn upload_error(error: UploadError) -> ApiError {
    match error {
        UploadError::TooLarge => ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, error.to_string()),
        UploadError::NotImportable(reason) => ApiError::field("body", reason),
        UploadError::Store(error) => ApiError::from(rundbrief_app::AppError::from(error)),
        UploadError::Io(error) => {
            tracing::error!(%error, "cannot store an uploaded import file");
            ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "the file cannot be stored")
        }
    }
}

#[utoipa::path(get, path = "/imports/{id}", tag = "imports", params(("id" = i64, Path)),
    responses((status = 200, body = ImportBody)),
    security(("bearer" = [])))]
async fn get_import(
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Response, ApiError> {
    let id = crate::extract::row_id(&raw).ok_or_else(|| ApiError::not_found("import"))?;
    let job = jobs(&state)?.job(id).await?;
    Ok(json(StatusCode::OK, &ImportBody::from(job)))
}

#[utoipa::path(get, path = "/imports", tag = "imports",
    params(("limit" = Option<u32>, Query), ("cursor" = Option<i64>, Query, description = "`next` of the previous page")),
    responses((status = 200, body = ImportPage)),
    security(("bearer" = [])))]
async fn list_imports(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let mut problems = Problems::default();
    let (mut limit, mut cursor) = (DEFAULT_PAGE, None);
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match key.as_ref() {
            "limit" => match value.parse::<u32>() {
                Ok(n) if (1..=MAX_PAGE).contains(&n) => limit = n,
                _ => problems.fail("limit", format!("must be a number from 1 to {MAX_PAGE}")),
            },
            "cursor" => match value.parse::<i64>() {
                Ok(n) => cursor = Some(n),
                Err(_) => problems.fail("cursor", "must be the `next` of a page"),
            },
            other => problems.fail(other, "unknown query parameter"),
        }
    }
    problems.finish()?;
    let found = jobs(&state)?.jobs(cursor, limit).await?;
    let next = (found.len() == limit as usize).then(|| found.last().map(|j| j.id)).flatten();
    let items = found.into_iter().map(ImportBody::from).collect();
    Ok(json(StatusCode::OK, &ImportPage { items, next }))
}
