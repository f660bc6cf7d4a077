mod body;
pub mod bounces;
pub mod consent;
pub mod copy;
mod csv;
pub mod imports;
pub mod issues;
pub mod lists;
pub mod machine;
pub mod revisions;
pub mod schema;
pub(crate) mod scope;
pub mod sending;
pub mod subscriber_export;
pub mod subscribers;
pub mod suppressions;
pub mod translations;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::handler::Handler as _;
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::AppState;
use crate::error::ApiError;
use crate::extract::Client;
pub(crate) use body::{Body, Id, Problems, RequestBody};
pub(crate) use csv::csv_response;

pub(crate) const DEFAULT_PAGE: u32 = 50;
pub(crate) const MAX_PAGE: u32 = 500;
/// Most record ids one body may name.
pub(crate) const MAX_IDS: usize = 1000;

/// The API. Whether a request needs a token is decided by the route it matched, never by the
/// shape of its path: every route, and the answers for unknown paths and methods, sits behind
/// [`require_token`], except `GET /openapi.json`, the one public route. Everything, that one
/// included, is rate-limited per client first.
pub fn router(state: AppState) -> Router<AppState> {
    let authenticated = Router::new()
        .merge(subscribers::routes())
        .merge(consent::routes())
        .merge(subscriber_export::routes())
        .merge(lists::routes())
        .merge(issues::routes())
        .merge(copy::routes())
        .merge(machine::routes())
        .merge(revisions::routes())
        .merge(translations::routes())
        .merge(sending::routes())
        .merge(imports::routes())
        .merge(bounces::routes())
        .merge(suppressions::routes())
        .fallback(|| async { ApiError::not_found("resource") })
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(state.clone(), require_token));
    // Only GET (and HEAD) of the document is public; other methods on it are refused like
    // anywhere else: 401 without a token, 405 with one.
    let document = get(crate::openapi::document).fallback_service(
        method_not_allowed
            .layer(middleware::from_fn_with_state(state.clone(), require_token))
            .with_state(state.clone()),
    );
    Router::new()
        .route(OPENAPI_PATH, document)
        .merge(authenticated)
        .layer(middleware::from_fn_with_state(state, rate_limit))
}

/// Where the OpenAPI document is served, below `/api/v1`.
pub const OPENAPI_PATH: &str = "/openapi.json";

async fn method_not_allowed() -> ApiError {
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "this method is not allowed here")
}

/// Per client (IP, or IPv6 /64) before anything else, so guessing tokens is slow too.
async fn rate_limit(
    State(state): State<AppState>,
    client: Client,
    request: Request,
    next: Next,
) -> Response {
    if let Err(wait) = state.api_limit.check(client.ip) {
        return ApiError {
            retry_after: Some(wait),
            ..ApiError::new(StatusCode::TOO_MANY_REQUESTS, "too many requests; slow down")
        }
        .into_response();
    }
    next.run(request).await
}

/// A live bearer token (401 otherwise, the same for unknown, revoked and expired ones) whose
/// scope allows the route (403 otherwise, naming the scope needed; see [`scope`]).
async fn require_token(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let secret = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim);
    let Some(secret) = secret else { return ApiError::unauthorized().into_response() };
    match state.app.authenticate_token(secret).await {
        Ok(Some(token)) => {
            let route = request.extensions().get::<MatchedPath>().map(MatchedPath::as_str);
            let needed = scope::needed(request.method(), route);
            if !token.scope.allows(needed) {
                tracing::info!(token = %token.id, scope = %token.scope, %needed, method = %request.method(), route, "API request refused: scope too narrow");
                return ApiError::scope_too_narrow(token.scope, needed).into_response();
            }
            tracing::debug!(token = %token.id, "API request");
            // Handlers that record who did something (imports) read the token from here.
            request.extensions_mut().insert(token);
            next.run(request).await
        }
        Ok(None) => ApiError::unauthorized().into_response(),
        Err(error) => ApiError::from(error).into_response(),
    }
}

pub(crate) fn json<T: Serialize>(status: StatusCode, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (status, [(header::CONTENT_TYPE, "application/json")], bytes).into_response(),
        Err(_) => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "cannot serialise the response")
            .into_response(),
    }
}

pub(crate) fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}
