//! Copying an issue through `/api/v1` (issue 23): `POST /issues/{id}/copy` makes a new draft
//! with the original's variants and segment and answers with it, like `GET /issues/{id}`.

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use rundbrief_app::RevisionAuthor;
use rundbrief_core::model::ApiToken;
use rundbrief_core::{IssueId, Language};

use super::issues::IssueBody;
use super::{Id, Problems, json};
use crate::AppState;
use crate::error::ApiError;

pub fn routes() -> Router<AppState> {
    Router::new().route("/issues/{id}/copy", post(copy_issue))
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
