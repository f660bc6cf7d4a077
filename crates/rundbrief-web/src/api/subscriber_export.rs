//! `GET /api/v1/subscribers.csv`: the subscribers the filters of `GET /subscribers` match, as
//! CSV, answered by [`csv_response`].

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::get;

use super::csv_response;
use super::subscribers::{FilterParams, filter_query};
use crate::AppState;
use crate::error::ApiError;

/// The file name of the subscriber export.
pub(crate) const SUBSCRIBERS_CSV: &str = "subscribers.csv";

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/subscribers.csv", get(export_subscribers))
}

#[utoipa::path(get, path = "/subscribers.csv", tag = "subscribers",
    description = "The subscribers the filters match, as CSV (RFC 4180, UTF-8, header row): id, email, name, language, status, region, audience, lists (list slugs separated by commas), attributes (a JSON object, empty when none), created_at, confirmed_at (RFC 3339, UTC; empty when never confirmed). Erased subscribers keep their row without address and name. The same filters as `GET /subscribers`; without any: everyone. `rundbrief import` and `POST /imports` take the file back.",
    params(
        FilterParams,
    ),
    responses(
        (status = 200, description = "the subscribers", content_type = "text/csv", body = String),
        (status = 422, body = crate::error::Problem),
    ),
    security(("bearer" = [])))]
pub(crate) async fn export_subscribers(
    State(state): State<AppState>,
    axum::Extension(token): axum::Extension<rundbrief_core::model::ApiToken>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let filter = filter_query(query.as_deref(), |_, _, _| false)?;
    Ok(csv_response(
        &state.app,
        rundbrief_app::audit::AuditActor::Token(token.id),
        filter,
        SUBSCRIBERS_CSV,
    )
    .await?)
}
