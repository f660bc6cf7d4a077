//! `GET /api/v1/consent-log`: the consent log as CSV, for one subscriber, the subscriber
//! list's filters, or everyone, answered by [`csv_response`].

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::get;
use rundbrief_app::consent::ConsentExport;
use rundbrief_core::SubscriberId;

use super::csv_response;
use super::subscribers::{FilterParams, filter_query};
use crate::AppState;
use crate::error::ApiError;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/consent-log", get(consent_log))
}

#[utoipa::path(get, path = "/consent-log", tag = "subscribers",
    description = "The consent log as CSV (RFC 4180, UTF-8, header row): subscriber_id, event (signup, confirm, preferences, unsubscribe, import, erase, bounce, complaint), text_version, language, time (RFC 3339, UTC), ip, user_agent. Without parameters: everyone; `subscriber` and the filters of `GET /subscribers` narrow it.",
    params(
        ("subscriber" = Option<i64>, Query, description = "only this subscriber's events"),
        FilterParams,
    ),
    responses(
        (status = 200, description = "the consent log", content_type = "text/csv", body = String),
        (status = 404, description = "no such subscriber", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    ),
    security(("bearer" = [])))]
async fn consent_log(
    State(state): State<AppState>,
    axum::Extension(token): axum::Extension<rundbrief_core::model::ApiToken>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let mut subscriber = None;
    let filter = filter_query(query.as_deref(), |key, value, errors| {
        if key != "subscriber" {
            return false;
        }
        match crate::extract::row_id(value) {
            Some(id) => subscriber = Some(SubscriberId(id)),
            None => errors.push((key.into(), "must be a subscriber id".into())),
        }
        true
    })?;
    let export = ConsentExport { subscriber, filter };
    Ok(csv_response(
        &state.app,
        rundbrief_app::audit::AuditActor::Token(token.id),
        export,
        "consent-log.csv",
    )
    .await?)
}
