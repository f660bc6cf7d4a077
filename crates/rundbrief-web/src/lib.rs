//! The HTTP face of Rundbrief: axum routers for the public pages and the JSON API under
//! `/api/v1`. Handlers stay thin: they parse, call a use case of `rundbrief-app`, and turn the
//! outcome into a page or a JSON document. Storage and rules live below this crate.
//!
//! - [`public`]: sign-up, confirmation, unsubscribe (with RFC 8058 one-click), preferences;
//!   server-rendered with maud ([`views`]), every text from Fluent.
//! - [`api`]: the bearer-token JSON API, errors as RFC 9457 problem documents, described by
//!   the OpenAPI document of [`openapi`]; [`api_issues`] holds its issue and variant routes.
//! - [`ratelimit`]: per-IP limits for the form posts and the API.
//! - [`serve`]: the HTTP server with its timeouts and connection caps ([`ServerLimits`]).
//! - [`admin`]: the editor UI under `/admin`, behind sessions, roles and CSRF tokens.

pub mod admin;
pub mod api;
pub mod api_issues;
pub mod api_sending;
mod error;
mod extract;
pub mod openapi;
pub mod public;
pub mod ratelimit;
mod server;
mod views;

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use rundbrief_app::App;
use rundbrief_app::campaign::Campaigns;
use rundbrief_store::Store;
use serde_json::json;

pub use error::{ApiError, PageError};
pub use ratelimit::RateLimiter;
pub use server::{ServerLimits, serve};

/// Requests larger than this are refused with 413 before a handler sees them; forms and API
/// bodies are a few kilobytes at most.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// What every handler may reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub app: App,
    /// Per IP, for the public form posts (sign-up, new link).
    pub form_limit: RateLimiter,
    /// Per IP, for every API request.
    pub api_limit: RateLimiter,
    /// Send, schedule, pause, resume, cancel, progress.
    pub campaigns: Campaigns,
}

impl AppState {
    pub fn new(
        app: App,
        campaigns: Campaigns,
        form_limit: RateLimiter,
        api_limit: RateLimiter,
    ) -> Self {
        Self { store: Arc::clone(app.store()), app, form_limit, api_limit, campaigns }
    }
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .merge(public::router())
        .nest("/api/v1", api::router(state.clone()))
        .nest("/admin", admin::router(state.clone()))
        .fallback(public::not_found)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}

/// Liveness plus a database round trip, so a load balancer takes an instance out of rotation
/// when its database is gone rather than when the process is.
async fn healthz(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => {
            Json(json!({ "status": "ok", "database": state.store.backend() })).into_response()
        }
        Err(error) => {
            tracing::warn!(%error, "health check: database unreachable");
            let body = json!({ "status": "unavailable", "database": state.store.backend() });
            (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response()
        }
    }
}
