//! The HTTP face of Rundbrief: axum routers for the public pages, the editor UI and the JSON
//! API. Handlers stay thin; storage and rules live below this crate.

use std::future::Future;
use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use rundbrief_store::Store;
use serde_json::json;
use tokio::net::TcpListener;

/// What every handler may reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
}

pub fn router(state: AppState) -> Router {
    Router::new().route("/healthz", get(healthz)).with_state(state)
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

/// Serves `router` on an already bound listener until `shutdown` completes, then finishes the
/// requests in flight. Binding is the caller's job so tests can bind port 0 and read the port.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router).with_graceful_shutdown(shutdown).await
}
