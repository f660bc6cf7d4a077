//! The sending controls of `/api/v1`: send now, schedule, pause, resume, cancel, a test mail
//! to one address, and progress. Everything goes through `rundbrief_app::campaign`, the same
//! use cases as the CLI and the editor UI.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use rundbrief_app::campaign::Progress;
use rundbrief_core::{EmailAddress, IssueId};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use utoipa::ToSchema;

use super::issues::IssueBody;
use super::schema::LanguageCode;
use super::{Body, Id, RequestBody, json};
use crate::AppState;
use crate::error::ApiError;

/// The routes that send mail or change what is being sent. A token needs the `send` scope
/// for them; the API's token layer reads this list (`api::scope`), no handler checks it.
pub const SEND_ROUTES: [&str; 6] = [SEND, SCHEDULE, PAUSE, RESUME, CANCEL, TEST];
const SEND: &str = "/issues/{id}/send";
const SCHEDULE: &str = "/issues/{id}/schedule";
const PAUSE: &str = "/issues/{id}/pause";
const RESUME: &str = "/issues/{id}/resume";
const CANCEL: &str = "/issues/{id}/cancel";
const TEST: &str = "/issues/{id}/test";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(SEND, post(send))
        .route(SCHEDULE, post(schedule))
        .route(PAUSE, post(pause))
        .route(RESUME, post(resume))
        .route(CANCEL, post(cancel))
        .route(TEST, post(test))
        .route("/issues/{id}/progress", get(progress))
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
    responses((status = 202, body = SendStarted),
        (status = 409, body = crate::error::Problem, description = "not a draft or scheduled issue, or no variant is ready"),
        (status = 503, body = crate::error::Problem, description = "the issue is sending but its jobs could not be queued; a worker starts it when it starts")),
    security(("bearer" = [])))]
pub(crate) async fn send(
    State(state): State<AppState>,
    axum::Extension(token): axum::Extension<rundbrief_core::model::ApiToken>,
    Id(id): Id<IssueId>,
) -> Result<Response, ApiError> {
    let started =
        state.campaigns.send_now(rundbrief_app::audit::AuditActor::Token(token.id), id).await?;
    let body =
        SendStarted { issue: IssueBody::new(started.issue, None), recipients: started.recipients };
    Ok(json(StatusCode::ACCEPTED, &body))
}

/// Body of `schedule`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ScheduleInput {
    /// RFC 3339, in the future, e.g. `2026-12-01T08:00:00+01:00`.
    #[schema(required, format = DateTime, example = "2026-12-01T08:00:00+01:00")]
    pub at: String,
}

impl RequestBody for ScheduleInput {
    const REQUIRED: &'static [&'static str] = &["at"];
}

#[utoipa::path(post, path = "/issues/{id}/schedule", tag = "sending", params(("id" = i64, Path)),
    request_body = ScheduleInput,
    description = "Schedules a draft, or moves the time of a scheduled issue. The scheduler of any worker starts it when the time has come; schedules survive restarts.",
    responses((status = 200, body = IssueBody), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn schedule(
    State(state): State<AppState>,
    axum::Extension(token): axum::Extension<rundbrief_core::model::ApiToken>,
    Id(id): Id<IssueId>,
    Body { value, mut problems }: Body<ScheduleInput>,
) -> Result<Response, ApiError> {
    let at = OffsetDateTime::parse(&value.at, &Rfc3339);
    if at.is_err() && !problems.has("at") {
        problems.fail("at", "must be an RFC 3339 time like 2026-12-01T08:00:00+01:00");
    }
    problems.finish()?;
    let Ok(at) = at else { return Err(ApiError::field("at", "is required")) };
    let issue =
        state.campaigns.schedule(rundbrief_app::audit::AuditActor::Token(token.id), id, at).await?;
    Ok(json(StatusCode::OK, &IssueBody::new(issue, None)))
}

#[utoipa::path(post, path = "/issues/{id}/pause", tag = "sending", params(("id" = i64, Path)),
    description = "Stops a sending issue after the messages already on the wire.",
    responses((status = 200, body = IssueBody), (status = 409, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn pause(
    State(state): State<AppState>,
    axum::Extension(token): axum::Extension<rundbrief_core::model::ApiToken>,
    Id(id): Id<IssueId>,
) -> Result<Response, ApiError> {
    let issue =
        state.campaigns.pause(rundbrief_app::audit::AuditActor::Token(token.id), id).await?;
    Ok(json(StatusCode::OK, &IssueBody::new(issue, None)))
}

#[utoipa::path(post, path = "/issues/{id}/resume", tag = "sending", params(("id" = i64, Path)),
    description = "Continues a paused issue where it stopped; nobody gets it twice.",
    responses((status = 200, body = IssueBody), (status = 409, body = crate::error::Problem),
        (status = 503, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn resume(
    State(state): State<AppState>,
    axum::Extension(token): axum::Extension<rundbrief_core::model::ApiToken>,
    Id(id): Id<IssueId>,
) -> Result<Response, ApiError> {
    let issue =
        state.campaigns.resume(rundbrief_app::audit::AuditActor::Token(token.id), id).await?;
    Ok(json(StatusCode::OK, &IssueBody::new(issue, None)))
}

#[utoipa::path(post, path = "/issues/{id}/cancel", tag = "sending", params(("id" = i64, Path)),
    description = "Cancels an issue that has not finished: what was sent stays sent, nothing more goes out.",
    responses((status = 200, body = IssueBody), (status = 409, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn cancel(
    State(state): State<AppState>,
    axum::Extension(token): axum::Extension<rundbrief_core::model::ApiToken>,
    Id(id): Id<IssueId>,
) -> Result<Response, ApiError> {
    let issue =
        state.campaigns.cancel(rundbrief_app::audit::AuditActor::Token(token.id), id).await?;
    Ok(json(StatusCode::OK, &IssueBody::new(issue, None)))
}

/// Body of `test`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct TestInput {
    /// Where the test goes.
    #[schema(required, max_length = 320, example = "editor@example.org")]
    pub to: String,
    /// The reader language to test; the variant follows as in a real send.
    #[schema(required)]
    pub language: LanguageCode,
}

impl RequestBody for TestInput {
    const REQUIRED: &'static [&'static str] = &["to", "language"];
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
    responses((status = 200, body = TestSent), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem), (status = 502, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn test(
    State(state): State<AppState>,
    Id(id): Id<IssueId>,
    Body { value, mut problems }: Body<TestInput>,
) -> Result<Response, ApiError> {
    let to = match EmailAddress::parse(&value.to) {
        Ok(to) => Some(to),
        Err(error) if !problems.has("to") => {
            problems.fail("to", error.to_string());
            None
        }
        Err(_) => None,
    };
    problems.finish()?;
    let Some(to) = to else { return Err(ApiError::field("to", "is required")) };
    let LanguageCode(language) = value.language;
    let sent = state.campaigns.send_test(&state.app, id, language, &to).await?;
    Ok(json(StatusCode::OK, &TestSent { variant_language: sent.code().to_owned() }))
}

#[utoipa::path(get, path = "/issues/{id}/progress", tag = "sending", params(("id" = i64, Path)),
    description = "Deliveries per status, in all and per subscriber language; the rate over the last minute and an estimate of the time left.",
    responses((status = 200, description = "progress", content_type = "application/json")),
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
