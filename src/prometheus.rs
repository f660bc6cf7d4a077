//! `/metrics` on its own listener (`RUNDBRIEF_METRICS_LISTEN`), never on the public one: the
//! counters name issues and routes, which are nobody else's business. Each process installs
//! its own recorder and serves what it counted itself (a `worker` its sends, a `web` its
//! requests, a `serve` both); Prometheus adds them up across processes.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use rundbrief_core::model::{DeliveryStatus, IssueStatus};
use rundbrief_jobs::queue::QueueDb;
use rundbrief_store::Store;
use tokio::net::TcpListener;

/// Latency buckets in seconds: pages answer in milliseconds, a CSV export may take seconds.
const LATENCY_BUCKETS: &[f64] = &[0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// How long a scrape waits for the queue depth.
const QUEUE_READ: Duration = Duration::from_secs(5);

/// How often histograms are folded up, so their memory stays bounded between scrapes.
const UPKEEP: Duration = Duration::from_secs(5);

/// Installs the recorder, binds `listen` and serves `/metrics` there until `stop` completes.
/// Bound before it returns, so a port already taken fails the start.
pub async fn start(
    listen: SocketAddr,
    store: Arc<dyn Store>,
    pool: QueueDb,
    stop: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<SocketAddr> {
    let handle = PrometheusBuilder::new()
        .set_buckets_for_metric(
            Matcher::Full("rundbrief_http_request_duration_seconds".into()),
            LATENCY_BUCKETS,
        )
        .context("metrics buckets")?
        .install_recorder()
        .context("cannot install the metrics recorder")?;
    describe();
    let process = metrics_process::Collector::default();
    process.describe();
    let listener = TcpListener::bind(listen)
        .await
        .with_context(|| format!("RUNDBRIEF_METRICS_LISTEN: cannot listen on {listen}"))?;
    let bound = listener.local_addr().context("cannot read the metrics address")?;
    let upkeep = handle.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(UPKEEP);
        loop {
            tick.tick().await;
            upkeep.run_upkeep();
        }
    });
    let router = Router::new().route(
        "/metrics",
        get(move || {
            let (handle, process, store) = (handle.clone(), process.clone(), Arc::clone(&store));
            let pool = pool.clone();
            async move {
                pool_use(&pool);
                queue_depth(store.as_ref()).await;
                render(&handle, &process)
            }
        }),
    );
    tracing::info!("metrics on http://{bound}/metrics");
    tokio::spawn(async move {
        let limits = rundbrief_web::ServerLimits::default();
        if let Err(error) = rundbrief_web::serve(listener, router, limits, stop).await {
            tracing::error!(%error, "the metrics listener failed");
        }
    });
    Ok(bound)
}

/// Deliveries of sending or paused issues not yet settled (pending, or claimed and on their
/// way), read at each scrape; a slow or absent database leaves the last value.
async fn queue_depth(store: &dyn Store) {
    let read = async {
        let mut open = 0;
        for status in [IssueStatus::Sending, IssueStatus::Paused] {
            for issue in store.issues_in_status(status).await? {
                for count in store.delivery_counts(issue.id).await? {
                    if matches!(count.status, DeliveryStatus::Pending | DeliveryStatus::Sending) {
                        open += count.count;
                    }
                }
            }
        }
        Ok::<_, rundbrief_store::StoreError>(open)
    };
    match tokio::time::timeout(QUEUE_READ, read).await {
        Ok(Ok(open)) => metrics::gauge!("rundbrief_queue_depth").set(open as f64),
        Ok(Err(error)) => tracing::debug!(%error, "queue depth not read for the metrics"),
        Err(_) => tracing::debug!("queue depth not read in time for the metrics"),
    }
}

/// The connections of the pool the store writes through (PostgreSQL: its only pool; SQLite:
/// the one-connection writer, where waiting for it is what a busy database looks like).
fn pool_use(pool: &QueueDb) {
    let (open, idle, max) = match pool {
        QueueDb::Sqlite(p) => (p.size(), p.num_idle(), p.options().get_max_connections()),
        QueueDb::Postgres(p) => (p.size(), p.num_idle(), p.options().get_max_connections()),
    };
    let idle = u32::try_from(idle).unwrap_or(u32::MAX);
    metrics::gauge!("rundbrief_db_pool_connections", "state" => "idle").set(f64::from(idle));
    metrics::gauge!("rundbrief_db_pool_connections", "state" => "in_use")
        .set(f64::from(open.saturating_sub(idle)));
    metrics::gauge!("rundbrief_db_pool_max_connections").set(f64::from(max));
}

fn render(handle: &PrometheusHandle, process: &metrics_process::Collector) -> Response {
    process.collect();
    ([(CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], handle.render()).into_response()
}

/// Help texts of the counters the crates record, shown by Prometheus.
fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram};
    describe_gauge!("rundbrief_queue_depth", "deliveries of sending or paused issues still open");
    describe_gauge!("rundbrief_db_pool_connections", "database connections by state");
    describe_gauge!("rundbrief_db_pool_max_connections", "database pool size");
    describe_counter!("rundbrief_messages_sent_total", "campaign messages sent (marked sent)");
    describe_counter!("rundbrief_messages_failed_total", "campaign messages failed for good");
    describe_counter!("rundbrief_messages_retried_total", "campaign sends deferred for a retry");
    describe_counter!("rundbrief_messages_skipped_total", "campaign deliveries settled unsent");
    describe_counter!("rundbrief_bounces_total", "bounces and complaints recorded, by kind");
    describe_counter!("rundbrief_signups_total", "sign-up requests accepted from the form");
    describe_counter!("rundbrief_confirmations_total", "subscriptions confirmed");
    describe_counter!("rundbrief_http_requests_total", "HTTP requests by route and status");
    describe_histogram!(
        "rundbrief_http_request_duration_seconds",
        metrics::Unit::Seconds,
        "HTTP request latency by route"
    );
}
