//! Copying an issue through `/api/v1` (issue 23): `POST /issues/{id}/copy` makes a new draft
//! with the original's variants and segment and answers with it, like `GET /issues/{id}`.
//! Templates: `PUT /issues/{id}/template` marks an issue as one or not, `GET /templates` lists
//! them; starting from a template is copying it. `PUT /issues/{id}/public` sets whether the
//! issue is shown in the public archive (migration 0015), which `GET /issues/{id}` reads.

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post, put};
use rundbrief_app::RevisionAuthor;
use rundbrief_core::model::ApiToken;
use rundbrief_core::{IssueId, Language};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::issues::IssueBody;
use super::{Body, Id, Problems, RequestBody, json};
use crate::AppState;
use crate::error::ApiError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/issues/{id}/copy", post(copy_issue))
        .route("/issues/{id}/template", put(set_template))
        .route("/issues/{id}/public", put(set_public))
        .route("/templates", get(list_templates))
}

/// Whether an issue is offered as a template.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct TemplateFlag {
    #[schema(required)]
    pub template: bool,
}

impl RequestBody for TemplateFlag {
    const REQUIRED: &'static [&'static str] = &["template"];
}

/// Whether an issue is shown in the public archive and its feeds once it went out.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PublicFlag {
    #[schema(required)]
    pub public: bool,
}

impl RequestBody for PublicFlag {
    const REQUIRED: &'static [&'static str] = &["public"];
}

#[utoipa::path(put, path = "/issues/{id}/public", tag = "issues", params(("id" = i64, Path)),
    request_body = PublicFlag,
    description = "Shows the issue in the public archive and its feeds once it went out (the default), or not; also afterwards, to take it out. Not for the welcome mail, which is never archived.",
    responses((status = 200, body = PublicFlag), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn set_public(
    State(state): State<AppState>,
    Id(id): Id<IssueId>,
    Body { value, problems }: Body<PublicFlag>,
) -> Result<Response, ApiError> {
    problems.finish()?;
    // The store answers NotFound for an unknown issue.
    state.app.set_issue_public(id, value.public).await?;
    Ok(json(StatusCode::OK, &PublicFlag { public: value.public }))
}

#[utoipa::path(put, path = "/issues/{id}/template", tag = "issues", params(("id" = i64, Path)),
    request_body = TemplateFlag,
    description = "Marks an issue in any status as a template offered for new issues, or not. A copy of a template is no template itself.",
    responses((status = 200, body = TemplateFlag), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn set_template(
    State(state): State<AppState>,
    axum::Extension(token): axum::Extension<rundbrief_core::model::ApiToken>,
    Id(id): Id<IssueId>,
    Body { value, problems }: Body<TemplateFlag>,
) -> Result<Response, ApiError> {
    problems.finish()?;
    state
        .app
        .set_issue_template(rundbrief_app::audit::AuditActor::Token(token.id), id, value.template)
        .await?;
    Ok(json(StatusCode::OK, &TemplateFlag { template: value.template }))
}

#[utoipa::path(get, path = "/templates", tag = "issues",
    description = "The issues marked as templates, by title. Start a new issue from one with `POST /issues/{id}/copy`.",
    responses((status = 200, body = Vec<IssueBody>)),
    security(("bearer" = [])))]
pub(crate) async fn list_templates(State(state): State<AppState>) -> Result<Response, ApiError> {
    let templates = state.app.issue_templates().await?;
    let body: Vec<IssueBody> = templates.into_iter().map(|i| IssueBody::new(i, None)).collect();
    Ok(json(StatusCode::OK, &body))
}

#[utoipa::path(post, path = "/issues/{id}/copy", tag = "issues",
    params(("id" = i64, Path),
        ("title" = Option<String>, Query, description = "the copy's title; default \"Copy of\" and the original's")),
    description = "Copies an issue in any status as a new draft: the same base language, segment and variants (text and ready flag, each at revision 1 by the token), no schedule, no deliveries, bounces or other sending history. The original stays as it is.",
    responses((status = 201, body = IssueBody), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn copy_issue(
    State(state): State<AppState>,
    axum::Extension(token): axum::Extension<ApiToken>,
    Id(id): Id<IssueId>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let mut title = None;
    let mut problems = Problems::default();
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match key.as_ref() {
            "title" => title = Some(value.into_owned()),
            other => problems.fail(other, "unknown query parameter"),
        }
    }
    problems.finish()?;
    let author = RevisionAuthor { user: None, token: Some(token.id) };
    let copy = state.app.copy_issue(id, title.as_deref(), Language::En, author).await?;
    let (issue, variants) = state.app.issue_with_variants(copy.id).await?;
    let states = state.app.variant_states(copy.id).await?;
    Ok(json(StatusCode::CREATED, &IssueBody::new(issue, Some(variants)).with_states(&states)))
}
