//! Translation files of a variant (issue 21): `GET …/translation?format=` exports the base
//! variant's latest revision for a translator (XLIFF 2.0, XLIFF 1.2 or PO), `PUT`
//! imports a filled file as the variant's next revision, by the token, made from the exported
//! revision. A file that does not fit is a 422 naming each unit in `errors[].field`.

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rundbrief_app::RevisionAuthor;
use rundbrief_core::model::ApiToken;
use rundbrief_render::translation::TranslationFormat;
use serde::Serialize;
use utoipa::ToSchema;

use super::issues::VariantPath;
use super::{Problems, json};
use crate::AppState;
use crate::error::ApiError;

/// A translation file is text of a few hundred KB at most for any newsletter.
const MAX_TRANSLATION_BYTES: usize = 4 * 1024 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/issues/{id}/variants/{lang}/translation",
        get(export_translation).put(import_translation),
    )
}

/// What an import saved.
#[derive(Debug, Serialize, ToSchema)]
pub struct TranslationImported {
    #[schema(example = "pl")]
    pub language: String,
    /// The variant's revision the import made.
    #[schema(minimum = 1)]
    pub revision: u32,
    /// The base variant's revision the file was exported from.
    #[schema(minimum = 1)]
    pub source_revision: u32,
    /// How many units the file had.
    pub units: usize,
}

#[utoipa::path(get, path = "/issues/{id}/variants/{lang}/translation", tag = "variants",
    params(("id" = i64, Path), ("lang" = String, Path, description = "the language to translate into"),
        ("format" = String, Query, description = "xliff2, xliff12 or po")),
    description = "A translation file of the base variant's latest revision for the language: one unit each for the subject, the preheader and every Markdown block, inline markup and placeholders as protected codes (XLIFF) or as they are (PO), targets filled from the language's variant where its blocks fit. The file names the base revision it was made from.",
    responses(
        (status = 200, description = "the file", content(
            (String = "application/xliff+xml"), (String = "text/x-gettext-translation"))),
        (status = 404, body = crate::error::Problem, description = "no such issue, or it has no base variant"),
        (status = 409, body = crate::error::Problem, description = "the language is the issue's base language"),
        (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn export_translation(
    State(state): State<AppState>,
    VariantPath(id, language): VariantPath,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let mut problems = Problems::default();
    let mut format = None;
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match key.as_ref() {
            "format" => match TranslationFormat::parse(&value) {
                Some(f) => format = Some(f),
                None => problems.fail("format", "must be xliff2, xliff12 or po"),
            },
            other => problems.fail(other, "unknown query parameter"),
        }
    }
    if format.is_none() {
        problems.fail("format", "is required: xliff2, xliff12 or po");
    }
    problems.finish()?;
    let Some(format) = format else { return Err(ApiError::field("format", "is required")) };
    let file = state.app.export_translation(id, language, format).await?;
    let mut response = (StatusCode::OK, file.body).into_response();
    let headers = response.headers_mut();
    let kind = format!("{}; charset=utf-8", file.media_type);
    if let Ok(value) = HeaderValue::from_str(&kind) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{}\"", file.filename))
    {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

#[utoipa::path(put, path = "/issues/{id}/variants/{lang}/translation", tag = "variants",
    params(("id" = i64, Path), ("lang" = String, Path, description = "the language the file translates into")),
    request_body(description = "A file exported by the GET of this path (any of the three formats, detected from its content), its targets filled.",
        content((String = "application/xliff+xml"), (String = "text/x-gettext-translation"))),
    description = "Checks every unit against the base revision the file was exported from (missing or extra units, placeholders and markup codes missing, changed or added, a source that differs) and saves the translation as the variant's next revision by the token, made from that base revision.",
    responses(
        (status = 200, body = TranslationImported),
        (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem, description = "the issue is no longer editable"),
        (status = 413, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem, description = "the file does not fit: `errors` names each unit (or `file`) and what is wrong")),
    security(("bearer" = [])))]
pub(crate) async fn import_translation(
    State(state): State<AppState>,
    axum::Extension(token): axum::Extension<ApiToken>,
    VariantPath(id, language): VariantPath,
    body: axum::body::Body,
) -> Result<Response, ApiError> {
    let bytes = axum::body::to_bytes(body, MAX_TRANSLATION_BYTES).await.map_err(|_| {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the file is larger than {MAX_TRANSLATION_BYTES} bytes"),
        )
    })?;
    let author = RevisionAuthor { user: None, token: Some(token.id) };
    let imported = state.app.import_translation(id, &bytes, Some(language), author).await?;
    let revision =
        state.app.variant_state(id, language).await.map(|s| s.revision).unwrap_or_default();
    let body = TranslationImported {
        language: language.code().to_owned(),
        revision,
        source_revision: imported.source_revision,
        units: imported.units,
    };
    Ok(json(StatusCode::OK, &body))
}
