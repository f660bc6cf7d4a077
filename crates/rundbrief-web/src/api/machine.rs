//! Machine-translation drafts through `/api/v1` (issue 21): `POST
//! /issues/{id}/variants/{lang}/machine-draft` fills the variant from the base text by the
//! configured service (`RUNDBRIEF_MT_URL`) as a draft marked `machine_drafted`, never ready.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use rundbrief_app::RevisionAuthor;
use rundbrief_core::model::ApiToken;
use serde::Serialize;
use utoipa::ToSchema;

use super::issues::{VariantBody, VariantPath, revision_state};
use super::json;
use crate::AppState;
use crate::error::ApiError;

pub fn routes() -> Router<AppState> {
    Router::new().route("/issues/{id}/variants/{lang}/machine-draft", post(machine_draft))
}

/// A unit of the text that kept its source text.
#[derive(Debug, Serialize, ToSchema)]
pub struct KeptUnit {
    /// `subject`, `preheader` or `b1` … by block order, as in the translation files.
    pub unit: String,
    pub problem: String,
}

/// The machine's draft and the units that kept their source text.
#[derive(Debug, Serialize, ToSchema)]
pub struct MachineDraft {
    pub variant: VariantBody,
    pub kept_source: Vec<KeptUnit>,
}

#[utoipa::path(post, path = "/issues/{id}/variants/{lang}/machine-draft", tag = "variants",
    params(("id" = i64, Path), ("lang" = String, Path, description = "the target language")),
    description = "Fills the variant from the base-language variant by the configured machine translation service, as a draft (`ready: false`) marked `machine_drafted` until a person saves it. Only the text goes out, unit by unit with placeholders, links and markup protected; a unit whose codes did not come back intact keeps its source text and is listed in `kept_source`. 409 when no service is configured or `lang` is the base language; 502 when the service fails or does not answer in time, and then the variant is unchanged.",
    responses((status = 200, body = MachineDraft), (status = 409, body = crate::error::Problem),
        (status = 502, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn machine_draft(
    State(state): State<AppState>,
    axum::Extension(token): axum::Extension<ApiToken>,
    VariantPath(id, language): VariantPath,
) -> Result<Response, ApiError> {
    let author = RevisionAuthor { user: None, token: Some(token.id) };
    let (variant, kept) = state.app.machine_draft(id, language, author).await?;
    let revision = revision_state(&state, id, language).await?;
    let body = MachineDraft {
        variant: VariantBody::new(variant, revision),
        kept_source: kept
            .into_iter()
            .map(|p| KeptUnit { unit: p.unit, problem: p.problem })
            .collect(),
    };
    Ok(json(StatusCode::OK, &body))
}
