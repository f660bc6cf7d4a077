//! The HTTP face of Rundbrief: axum routers for the public pages and the JSON API under
//! `/api/v1`. Handlers stay thin: they parse, call a use case of `rundbrief-app`, and turn the
//! outcome into a page or a JSON document. Storage and rules live below this crate.
//!
//! - [`public`]: sign-up, confirmation, unsubscribe (with RFC 8058 one-click), preferences;
//!   server-rendered with maud ([`views`]), every text from Fluent.
//! - [`api`]: the bearer-token JSON API, errors as RFC 9457 problem documents, described by
//!   the OpenAPI document of [`openapi`]; one module per part (subscribers, lists, issues,
//!   sending, imports).
//! - [`ratelimit`]: per-IP limits for the form posts and the API.
//! - [`serve`]: the HTTP server with its timeouts and connection caps ([`ServerLimits`]).
//! - [`admin`]: the editor UI under `/admin`, behind sessions, roles and CSRF tokens.

pub mod admin;
pub mod api;
mod archive;
mod error;
mod extract;
mod http_metrics;
mod media;
pub mod openapi;
pub mod proxy;
pub mod public;
pub mod ratelimit;
mod server;
mod site;
mod views;
mod views_self_service;
pub mod zone;

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use rundbrief_app::App;
use rundbrief_app::campaign::Campaigns;
use rundbrief_app::health::{Readiness, WorkerState};
use serde_json::json;

pub use error::{ApiError, PageError};
pub use proxy::TrustedProxies;
pub use ratelimit::RateLimiter;
pub use server::{ServerLimits, serve};
pub use site::Site;
pub use zone::TimeZone;

/// Requests larger than this are refused with 413 before a handler sees them; forms and API
/// bodies are a few kilobytes at most.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// What every handler may reach: use cases only, never the store itself.
#[derive(Clone)]
pub struct AppState {
    pub app: App,
    /// Per IP, for the public form posts (sign-up, new link).
    pub form_limit: RateLimiter,
    /// Per IP, for every API request.
    pub api_limit: RateLimiter,
    /// Send, schedule, pause, resume, cancel, progress.
    pub campaigns: Campaigns,
    /// What `/readyz` reports besides its own database ping: this process's job workers.
    pub readiness: Readiness,
    /// The organisation's face on public pages, built once from the templates.
    pub site: Arc<Site>,
    /// The zone editors schedule in and read times in (`RUNDBRIEF_TIME_ZONE`).
    pub time_zone: TimeZone,
    /// Uploaded imports and their runner's jobs; `None` where no data directory is set up.
    pub imports: Option<rundbrief_app::import_jobs::ImportJobs>,
    /// Proxies whose forwarding headers name the client (`RUNDBRIEF_TRUSTED_PROXIES`).
    pub trusted_proxies: TrustedProxies,
}

impl AppState {
    pub fn new(
        app: App,
        campaigns: Campaigns,
        form_limit: RateLimiter,
        api_limit: RateLimiter,
    ) -> Self {
        let settings = app.settings();
        let site = Site::new(&settings.templates, &settings.fallback_languages);
        for warning in &site.colour_warnings {
            tracing::warn!(file = "templates/mail-style.toml", "{warning}");
        }
        let site = Arc::new(site);
        Self {
            app,
            form_limit,
            api_limit,
            campaigns,
            readiness: Readiness::new(),
            site,
            time_zone: TimeZone::default(),
            imports: None,
            trusted_proxies: TrustedProxies::default(),
        }
    }

    /// Schedules and times in the editor UI in `zone` instead of Europe/Berlin.
    pub fn with_time_zone(mut self, zone: TimeZone) -> Self {
        self.time_zone = zone;
        self
    }

    /// Takes uploaded imports into `jobs` (API and editor UI).
    pub fn with_imports(mut self, jobs: rundbrief_app::import_jobs::ImportJobs) -> Self {
        self.imports = Some(jobs);
        self
    }

    /// Believes the forwarding headers of requests from `proxies`.
    pub fn with_trusted_proxies(mut self, proxies: TrustedProxies) -> Self {
        self.trusted_proxies = proxies;
        self
    }

    /// Shares the workers' readiness with `/readyz` (a `serve` process runs both).
    pub fn with_readiness(mut self, readiness: Readiness) -> Self {
        self.readiness = readiness;
        self
    }
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/favicon.ico", get(site::favicon))
        .route("/organisation/logo", get(site::logo))
        .merge(public::router())
        .merge(archive::router())
        .merge(media::router())
        .nest("/api/v1", api::router(state.clone()))
        .nest("/admin", admin::router(state.clone()))
        .fallback(public::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), site::scope))
        .layer(axum::middleware::from_fn(http_metrics::track))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::Extension(state.trusted_proxies.clone()))
        .with_state(state)
}

/// Liveness: the process runs and answers. It does not touch the database, so a supervisor
/// does not restart a healthy process because PostgreSQL restarts; `/readyz` says that.
async fn healthz() -> Response {
    Json(json!({ "status": "ok" })).into_response()
}

/// Readiness: the database answers a ping within two seconds and every job worker of this
/// process polls. 503 with what is missing otherwise, so a load balancer or an operator sees
/// a process that lives on without its database or with a stopped worker.
async fn readyz(State(state): State<AppState>) -> Response {
    let database = state.app.ping_database().await;
    let report = state.readiness.report();
    let workers: serde_json::Map<String, serde_json::Value> = report
        .workers
        .iter()
        .map(|(name, worker)| {
            let value = match worker {
                WorkerState::Starting => json!("starting"),
                WorkerState::Polling => json!("polling"),
                WorkerState::Restarting { error } => json!({ "restarting": error }),
            };
            (name.clone(), value)
        })
        .collect();
    let ready = database.is_ok() && report.workers_ready();
    let body = json!({
        "status": if ready { "ready" } else { "unavailable" },
        "database": match &database {
            Ok(()) => json!({ "backend": state.app.backend(), "reachable": true }),
            Err(error) => json!({ "backend": state.app.backend(), "reachable": false, "error": error }),
        },
        "workers": workers,
    });
    let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, Json(body)).into_response()
}
