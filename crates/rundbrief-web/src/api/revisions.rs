//! The revisions of a variant (issue 21): every save that changed its text, newest first, and
//! each one's text. A translation's revision names the base variant's revision it was made
//! from.

use axum::Router;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use axum::routing::get;
use rundbrief_app::VariantRevision;
use rundbrief_app::validate as check;
use rundbrief_core::{IssueId, Language};
use serde::Serialize;
use utoipa::ToSchema;

use super::issues::VariantPath;
use super::{json, rfc3339};
use crate::AppState;
use crate::error::ApiError;
use crate::extract::row_id;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/issues/{id}/variants/{lang}/revisions", get(list_revisions))
        .route("/issues/{id}/variants/{lang}/revisions/{revision}", get(get_revision))
}

/// Who saved a revision and when, without its text.
#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionSummary {
    #[schema(minimum = 1)]
    pub revision: u32,
    /// The editor's account (`user:ID`), the API token (`token:ID`), or `null` (the command
    /// line, or what existed before revisions were kept).
    #[schema(example = "token:3")]
    pub author: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    /// For a translation: the base variant's revision it was made from.
    #[schema(minimum = 1)]
    pub source_revision: Option<u32>,
}

/// One revision with its text.
#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionBody {
    #[schema(minimum = 1)]
    pub revision: u32,
    /// As in the list: `user:ID`, `token:ID` or `null`.
    pub author: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    /// For a translation: the base variant's revision it was made from.
    #[schema(minimum = 1)]
    pub source_revision: Option<u32>,
    pub issue_id: i64,
    #[schema(example = "pl")]
    pub language: String,
    pub subject: String,
    pub preheader: String,
    pub body_markdown: String,
}

fn summary(r: &VariantRevision) -> RevisionSummary {
    let author = match (r.author.user, r.author.token) {
        (Some(user), _) => Some(format!("user:{user}")),
        (None, Some(token)) => Some(format!("token:{token}")),
        (None, None) => None,
    };
    RevisionSummary {
        revision: r.number,
        author,
        created_at: rfc3339(r.created_at),
        source_revision: r.source_revision,
    }
}

#[utoipa::path(get, path = "/issues/{id}/variants/{lang}/revisions", tag = "variants",
    params(("id" = i64, Path), ("lang" = String, Path, description = "language code")),
    description = "Every revision of the variant, newest first: each save that changed its text.",
    responses((status = 200, body = Vec<RevisionSummary>), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn list_revisions(
    State(state): State<AppState>,
    VariantPath(id, language): VariantPath,
) -> Result<Response, ApiError> {
    let revisions = state.app.revisions(id, language).await?;
    let body: Vec<RevisionSummary> = revisions.iter().map(summary).collect();
    Ok(json(StatusCode::OK, &body))
}

#[utoipa::path(get, path = "/issues/{id}/variants/{lang}/revisions/{revision}", tag = "variants",
    params(("id" = i64, Path), ("lang" = String, Path, description = "language code"),
        ("revision" = u32, Path, description = "the revision number, from 1")),
    responses((status = 200, body = RevisionBody), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn get_revision(
    State(state): State<AppState>,
    RevisionPath(id, language, number): RevisionPath,
) -> Result<Response, ApiError> {
    let revision = state.app.revision(id, language, number).await?;
    let RevisionSummary { revision: number, author, created_at, source_revision } =
        summary(&revision);
    let body = RevisionBody {
        revision: number,
        author,
        created_at,
        source_revision,
        issue_id: revision.issue_id.0,
        language: revision.language.code().to_owned(),
        subject: revision.subject,
        preheader: revision.preheader,
        body_markdown: revision.body_markdown,
    };
    Ok(json(StatusCode::OK, &body))
}

/// `/issues/{id}/variants/{lang}/revisions/{revision}`: an id or revision number that cannot
/// name one is a 404, a language that is not one of the 24 a 422.
pub(crate) struct RevisionPath(IssueId, Language, u32);

impl<S: Send + Sync> FromRequestParts<S> for RevisionPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Ok(Path((id, lang, revision))) =
            Path::<(String, String, String)>::from_request_parts(parts, state).await
        else {
            return Err(ApiError::not_found("resource"));
        };
        let id = row_id(&id).ok_or_else(|| ApiError::not_found("issue"))?;
        let language =
            check::language("lang", &lang).map_err(|e| ApiError::field("lang", e.reason))?;
        let revision = revision
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0 && !revision.starts_with('+'))
            .ok_or_else(|| ApiError::not_found("revision"))?;
        Ok(Self(IssueId(id), language, revision))
    }
}
