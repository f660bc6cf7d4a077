//! The sending controls of `/api/v1`: send now, schedule, pause, resume, cancel, a test mail
//! to one address, and progress. Everything goes through `rundbrief_app::campaign`, the same
//! use cases as the CLI and the editor UI.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use rundbrief_app::campaign::{CampaignError, Progress};
use rundbrief_core::{EmailAddress, IssueId};
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use utoipa::ToSchema;

use super::issues::{IssueBody, language_field};
use super::{Fields, Id, JsonObject, json};
use crate::AppState;
use crate::error::ApiError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/issues/{id}/send", post(send))
        .route("/issues/{id}/schedule", post(schedule))
        .route("/issues/{id}/pause", post(pause))
        .route("/issues/{id}/resume", post(resume))
        .route("/issues/{id}/cancel", post(cancel))
        .route("/issues/{id}/test", post(test))
        .route("/issues/{id}/progress", get(progress))
}

impl From<CampaignError> for ApiError {
    fn from(error: CampaignError) -> Self {
        match error {
            CampaignError::NotFound(_) => ApiError::not_found("issue"),
            CampaignError::Conflict(message) => ApiError::new(StatusCode::CONFLICT, message),
            CampaignError::Invalid(message) => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message)
            }
            error @ CampaignError::Queue(_) => {
                tracing::error!(%error, "sending controls");
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, error.to_string())
            }
            error @ CampaignError::Send(_) => {
                ApiError::new(StatusCode::BAD_GATEWAY, error.to_string())
            }
            CampaignError::Store(error) => ApiError::from(rundbrief_app::AppError::Store(error)),
        }
    }
}

/// The answer to `send`.
#[derive(Debug, Serialize, ToSchema)]
pub struct SendStarted {
    pub issue: IssueBody,
    /// Recipients in the delivery ledger: the segment's active, non-suppressed subscribers at
    /// the moment sending started.
    pub recipients: u64,
}

#[utoipa::path(post, path = "/issues/{id}/send", tag = "sending", params(("id" = i64, Path)),
    description = "Sends a draft or scheduled issue now: the audience is snapshotted into the delivery ledger and the workers start. At least one variant must be ready.",
    responses((status = 202, body = SendStarted), (status = 401, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem, description = "not a draft or scheduled issue, or no variant is ready"),
        (status = 503, body = crate::error::Problem, description = "the issue is sending but its jobs could not be queued; a worker starts it when it starts")),
    security(("bearer" = [])))]
pub(crate) async fn send(
    State(state): State<AppState>,
    Id(id): Id<IssueId>,
) -> Result<Response, ApiError> {
    let started = state.campaigns.send_now(id).await?;
    let body =
        SendStarted { issue: IssueBody::new(started.issue, None), recipients: started.recipients };
    Ok(json(StatusCode::ACCEPTED, &body))
}

/// Body of `schedule`.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct ScheduleInput {
    /// RFC 3339, in the future, e.g. `2026-12-01T08:00:00+01:00`.
    pub at: String,
}

#[utoipa::path(post, path = "/issues/{id}/schedule", tag = "sending", params(("id" = i64, Path)),
    request_body = ScheduleInput,
    description = "Schedules a draft, or moves the time of a scheduled issue. The scheduler of any worker starts it when the time has come; schedules survive restarts.",
    responses((status = 200, body = IssueBody), (status = 401, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn schedule(
    State(state): State<AppState>,
    Id(id): Id<IssueId>,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let mut fields = Fields::new(body, &["at"]);
    let at = fields.required_string("at").and_then(|value| {
        OffsetDateTime::parse(&value, &Rfc3339)
            .map_err(|_| {
                fields.fail("at", "must be an RFC 3339 time like 2026-12-01T08:00:00+01:00")
            })
            .ok()
    });
    fields.finish()?;
    let Some(at) = at else { return Err(ApiError::field("at", "is required")) };
    let issue = state.campaigns.schedule(id, at).await?;
    Ok(json(StatusCode::OK, &IssueBody::new(issue, None)))
}

#[utoipa::path(post, path = "/issues/{id}/pause", tag = "sending", params(("id" = i64, Path)),
    description = "Stops a sending issue after the messages already on the wire.",
    responses((status = 200, body = IssueBody), (status = 401, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn pause(
    State(state): State<AppState>,
    Id(id): Id<IssueId>,
) -> Result<Response, ApiError> {
    let issue = state.campaigns.pause(id).await?;
    Ok(json(StatusCode::OK, &IssueBody::new(issue, None)))
}

#[utoipa::path(post, path = "/issues/{id}/resume", tag = "sending", params(("id" = i64, Path)),
    description = "Continues a paused issue where it stopped; nobody gets it twice.",
    responses((status = 200, body = IssueBody), (status = 401, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 503, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn resume(
    State(state): State<AppState>,
    Id(id): Id<IssueId>,
) -> Result<Response, ApiError> {
    let issue = state.campaigns.resume(id).await?;
    Ok(json(StatusCode::OK, &IssueBody::new(issue, None)))
}

#[utoipa::path(post, path = "/issues/{id}/cancel", tag = "sending", params(("id" = i64, Path)),
    description = "Cancels an issue that has not finished: what was sent stays sent, nothing more goes out.",
    responses((status = 200, body = IssueBody), (status = 401, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn cancel(
    State(state): State<AppState>,
    Id(id): Id<IssueId>,
) -> Result<Response, ApiError> {
    let issue = state.campaigns.cancel(id).await?;
    Ok(json(StatusCode::OK, &IssueBody::new(issue, None)))
}

/// Body of `test`.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct TestInput {
    /// Where the test goes.
    pub to: String,
    /// The reader language to test; the variant follows as in a real send.
    #[schema(example = "pl")]
    pub language: String,
}

/// The answer to `test`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TestSent {
    /// The language of the variant that was sent (differs on fallback).
    pub variant_language: String,
}

#[utoipa::path(post, path = "/issues/{id}/test", tag = "sending", params(("id" = i64, Path)),
    request_body = TestInput,
    description = "Sends the mail a reader of `language` would get to one address right away, outside the ledger; its unsubscribe link names no subscriber.",
    responses((status = 200, body = TestSent), (status = 401, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem), (status = 502, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn test(
    State(state): State<AppState>,
    Id(id): Id<IssueId>,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let mut fields = Fields::new(body, &["to", "language"]);
    let to = fields.required_string("to").and_then(|value| {
        EmailAddress::parse(&value).map_err(|e| fields.fail("to", e.to_string())).ok()
    });
    let language = language_field(&mut fields, "language");
    fields.finish()?;
    let (Some(to), Some(language)) = (to, language) else {
        return Err(ApiError::field("language", "is required"));
    };
    let sent = state.campaigns.send_test(&state.app, id, language, &to).await?;
    Ok(json(StatusCode::OK, &TestSent { variant_language: sent.code().to_owned() }))
}

#[utoipa::path(get, path = "/issues/{id}/progress", tag = "sending", params(("id" = i64, Path)),
    description = "Deliveries per status, in all and per subscriber language; the rate over the last minute and an estimate of the time left.",
    responses((status = 200, description = "progress", content_type = "application/json"),
        (status = 401, body = crate::error::Problem), (status = 404, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn progress(
    State(state): State<AppState>,
    Id(id): Id<IssueId>,
) -> Result<Response, ApiError> {
    let progress: Progress = state.campaigns.progress(id).await?;
    Ok(json(StatusCode::OK, &ProgressBody::from(progress)))
}

/// [`Progress`] with the percentage, as the API shows it.
#[derive(Debug, Serialize)]
struct ProgressBody {
    #[serde(flatten)]
    progress: Progress,
    percent_done: u8,
}

impl From<Progress> for ProgressBody {
    fn from(progress: Progress) -> Self {
        Self { percent_done: progress.percent_done(), progress }
    }
}
