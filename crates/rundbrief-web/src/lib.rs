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
pub mod embed;
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
use rundbrief_app::health::{Readiness, SmtpState, WorkerState};
use serde_json::json;

pub use embed::SignupSettings;
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
    /// Which other sites may embed the sign-up form, the thank-you page, the proof of work.
    pub signup: Arc<SignupSettings>,
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
            signup: Arc::new(SignupSettings::default()),
        }
    }

    /// Takes sign-ups as `signup` says (embedding origins, thank-you page, proof of work).
    pub fn with_signup(mut self, signup: SignupSettings) -> Self {
        self.signup = Arc::new(signup);
        self
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
        .merge(embed::router())
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

/// Readiness: the database answers a ping within two seconds and has applied every migration
/// this binary embeds, every job worker of this process polls, and the SMTP relay of a process
/// that sends mail answered its last probe (probed in the background, never per request).
/// 503 with what is missing otherwise, so a load balancer or an operator sees a process that
/// lives on without its database, on an older schema, with a stopped worker or no relay.
async fn readyz(State(state): State<AppState>) -> Response {
    let database = state.app.ping_database().await;
    let migrations = match &database {
        Ok(()) => state.app.missing_migrations().await,
        Err(_) => Ok(Vec::new()),
    };
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
    let migrated = matches!(&migrations, Ok(missing) if missing.is_empty());
    let smtp = report.smtp.as_ref().map(|smtp| match &smtp.state {
        SmtpState::Checking => json!({ "server": smtp.server, "reachable": "checking" }),
        SmtpState::Reachable => json!({ "server": smtp.server, "reachable": true }),
        SmtpState::Unreachable { error } => {
            json!({ "server": smtp.server, "reachable": false, "error": error })
        }
    });
    let ready = database.is_ok() && migrated && report.workers_ready() && report.smtp_ready();
    let backend = state.app.backend();
    let mut body = json!({
        "status": if ready { "ready" } else { "unavailable" },
        "database": match (&database, &migrations) {
            (Err(error), _) => json!({ "backend": backend, "reachable": false, "error": error }),
            (Ok(()), Ok(missing)) if missing.is_empty() => {
                json!({ "backend": backend, "reachable": true, "migrated": true })
            }
            (Ok(()), Ok(missing)) => json!({
                "backend": backend, "reachable": true, "migrated": false,
                "missing_migrations": missing,
            }),
            (Ok(()), Err(error)) => json!({
                "backend": backend, "reachable": true, "migrated": false, "error": error,
            }),
        },
        "workers": workers,
    });
    if let Some(smtp) = smtp {
        body["smtp"] = smtp;
    }
    let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, Json(body)).into_response()
}
