//! `GET /api/v1/consent-log`: the consent log as CSV, for one subscriber, the subscriber
//! list's filters, or everyone, answered by [`csv_response`].

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::get;
use rundbrief_app::consent::ConsentExport;
use rundbrief_core::SubscriberId;

use super::Problems;
use super::csv_response;
use super::subscribers::filter_param;
use crate::AppState;
use crate::error::ApiError;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/consent-log", get(consent_log))
}

#[utoipa::path(get, path = "/consent-log", tag = "subscribers",
    description = "The consent log as CSV (RFC 4180, UTF-8, header row): subscriber_id, event (signup, confirm, preferences, unsubscribe, import, erase), text_version, language, time (RFC 3339, UTC), ip, user_agent. Without parameters: everyone; `subscriber` and the filters of `GET /subscribers` narrow it.",
    params(
        ("subscriber" = Option<i64>, Query, description = "only this subscriber's events"),
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
        (status = 200, description = "the consent log", content_type = "text/csv", body = String),
        (status = 404, description = "no such subscriber", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    ),
    security(("bearer" = [])))]
async fn consent_log(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let mut export = ConsentExport::default();
    let mut errors: Vec<(String, String)> = Vec::new();
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        let value = value.into_owned();
        if key == "subscriber" {
            match crate::extract::row_id(&value) {
                Some(id) => export.subscriber = Some(SubscriberId(id)),
                None => errors.push((key.to_string(), "must be a subscriber id".into())),
            }
        } else if !filter_param(&mut export.filter, &key, value, &mut errors) {
            errors.push((key.to_string(), "unknown query parameter".into()));
        }
    }
    let mut problems = Problems::default();
    for (field, reason) in errors {
        problems.fail(&field, reason);
    }
    problems.finish()?;
    Ok(csv_response(&state.app, export, "consent-log.csv").await?)
}
