//! `GET /api/v1/subscribers.csv`: the subscribers the filters of `GET /subscribers` match, as
//! CSV, answered by [`csv_response`].

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::get;
use rundbrief_core::model::SubscriberFilter;

use super::Problems;
use super::csv_response;
use super::subscribers::filter_param;
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
        ("status" = Option<String>, Query, description = "pending, active, unsubscribed, bounced, complained or erased"),
        ("language" = Option<String>, Query, description = "language code"),
        ("list" = Option<i64>, Query, description = "only subscribers of this list"),
        ("region" = Option<String>, Query),
        ("audience" = Option<String>, Query),
        ("created_from" = Option<String>, Query, description = "RFC 3339, inclusive"),
        ("created_before" = Option<String>, Query, description = "RFC 3339, exclusive"),
        ("q" = Option<String>, Query, description = "case-insensitive text in e-mail or name"),
    ),
    responses(
        (status = 200, description = "the subscribers", content_type = "text/csv", body = String),
        (status = 422, body = crate::error::Problem),
    ),
    security(("bearer" = [])))]
pub(crate) async fn export_subscribers(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let mut filter = SubscriberFilter::default();
    let mut errors: Vec<(String, String)> = Vec::new();
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        if !filter_param(&mut filter, &key, value.into_owned(), &mut errors) {
            errors.push((key.to_string(), "unknown query parameter".into()));
        }
    }
    let mut problems = Problems::default();
    for (field, reason) in errors {
        problems.fail(&field, reason);
    }
    problems.finish()?;
    Ok(csv_response(&state.app, filter, SUBSCRIBERS_CSV).await?)
}
