//! `GET /api/v1/subscribers.csv`: the subscribers the filters of `GET /subscribers` match, as
//! CSV. The first page is read before the answer starts, so an unreachable database is a
//! problem document; the rest is streamed page by page, so a long list never sits in memory.

use axum::Router;
use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rundbrief_app::App;
use rundbrief_core::model::SubscriberFilter;

use super::Problems;
use super::subscribers::filter_param;
use crate::AppState;
use crate::error::ApiError;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/subscribers.csv", get(export_subscribers))
}

/// The export's rows after the first chunk, one store page at a time.
fn csv_body(app: App, filter: SubscriberFilter, first: Vec<u8>, next: Option<i64>) -> Body {
    let rest = futures::stream::unfold(next, move |after| {
        let app = app.clone();
        let filter = filter.clone();
        async move {
            let after = after?;
            match app.subscriber_csv_chunk(&filter, Some(after)).await {
                Ok(chunk) => Some((Ok(chunk.bytes), chunk.next)),
                // The status is sent already: breaking the stream tells the client.
                Err(error) => {
                    tracing::error!(%error, "subscriber export broke off");
                    Some((Err(std::io::Error::other("subscriber export broke off")), None))
                }
            }
        }
    });
    let first = futures::stream::once(async move { Ok::<_, std::io::Error>(first) });
    Body::from_stream(futures::StreamExt::chain(first, rest))
}

/// The answer of a subscriber export: the first chunk read, the rest streamed.
pub(crate) async fn csv_response(
    app: &App,
    filter: SubscriberFilter,
) -> Result<Response, rundbrief_app::AppError> {
    let first = app.subscriber_csv_chunk(&filter, None).await?;
    let body = csv_body(app.clone(), filter, first.bytes, first.next);
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"subscribers.csv\""),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
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
    Ok(csv_response(&state.app, filter).await?)
}
