//! The apalis side: the job payload, the worker function, and the SQLite queue.
//!
//! A job carries only an issue id. Each run delivers one batch through [`deliver_batch`] and
//! pushes its own successor while work remains (right away after a full batch, after a pause
//! while only retries wait), so the queue never holds one job per recipient and a campaign of a
//! million mails is a handful of rows in apalis' table. Several chains for one issue run side
//! by side without harm: the ledger's leases keep their batches apart.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use apalis::layers::WorkerBuilderExt as _;
use apalis::prelude::{BackendExt as _, Data, TaskBuilder, TaskSink as _, WorkerBuilder};
use apalis_sqlite::{Config, SqliteStorage};
use futures::future::BoxFuture;
use rundbrief_core::IssueId;
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;

use crate::deliver::{DeliveryContext, NextStep, deliver_batch};
use crate::error::JobError;

/// The apalis queue (its `job_type` column) that delivery jobs go to.
pub const DELIVER_QUEUE: &str = "rundbrief.deliver";

/// apalis-sqlite's migrations are recorded in their own table: sqlx refuses to run a migrator
/// against a history that holds versions it does not know, so sharing Rundbrief's
/// `_sqlx_migrations` would make each side fail on the other's rows.
pub const SQLITE_MIGRATIONS_TABLE: &str = "_apalis_migrations";

/// Deliver the next batch of an issue. Ids only: everything else is read from the store when
/// the job runs, so a job never carries personal data or stale content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliverBatch {
    pub issue_id: IssueId,
}

/// Where jobs are pushed; object-safe so that the SQLite and (later) PostgreSQL queues can sit
/// behind one `Arc`.
pub trait JobQueue: Send + Sync + 'static {
    /// Pushes `job` to run no earlier than `after` from now.
    fn push_delivery(
        &self,
        job: DeliverBatch,
        after: Duration,
    ) -> BoxFuture<'_, Result<(), JobError>>;
}

/// The apalis-sqlite queue of delivery jobs.
#[derive(Debug, Clone)]
pub struct SqliteJobQueue {
    storage: SqliteStorage<DeliverBatch>,
}

impl SqliteJobQueue {
    /// A queue on `pool`, which should be `SqliteStore::write_pool()`: SQLite has one writer,
    /// and queueing apalis' writes behind Rundbrief's in the same one-connection pool avoids
    /// `SQLITE_BUSY` between the two.
    pub fn new(pool: &SqlitePool) -> Self {
        let storage = SqliteStorage::new(pool).with_config(Config::default().queue(DELIVER_QUEUE));
        Self { storage }
    }

    /// Creates or updates apalis' tables. Runs only the migrations, not
    /// `SqliteStorage::setup`, which would also switch the shared connection to
    /// `synchronous = OFF` and so weaken the durability the store chose.
    pub async fn migrate(pool: &SqlitePool) -> Result<(), JobError> {
        let mut migrator = SqliteStorage::<()>::migrations();
        migrator.dangerous_set_table_name(SQLITE_MIGRATIONS_TABLE);
        migrator
            .run(pool)
            .await
            .map_err(|e| JobError::Queue(format!("apalis-sqlite migrations: {e}")))
    }

    fn storage(&self) -> SqliteStorage<DeliverBatch> {
        self.storage.clone()
    }
}

impl JobQueue for SqliteJobQueue {
    fn push_delivery(
        &self,
        job: DeliverBatch,
        after: Duration,
    ) -> BoxFuture<'_, Result<(), JobError>> {
        Box::pin(async move {
            let mut builder = TaskBuilder::new(job);
            if !after.is_zero() {
                builder = builder.run_after(after);
            }
            // The ledger, not apalis, retries deliveries; a failed job is re-pushed by
            // `run_deliver_job` itself, so apalis' own attempts stay at one.
            let task = builder.max_attempts(1).build();
            self.storage()
                .push_task(task)
                .await
                .map_err(|e| JobError::Queue(format!("pushing delivery job: {e}")))
        })
    }
}

/// What the worker function needs: the delivery context, where to push follow-up jobs, and
/// how big a batch is.
pub struct JobRuntime {
    pub delivery: DeliveryContext,
    pub queue: Arc<dyn JobQueue>,
    /// Deliveries claimed per job run.
    pub batch_size: u32,
    /// How long to wait before trying again after a batch failed as a whole (database
    /// unreachable, a variant that does not render).
    pub error_delay: Duration,
}

impl std::fmt::Debug for JobRuntime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JobRuntime")
            .field("delivery", &self.delivery)
            .field("batch_size", &self.batch_size)
            .field("error_delay", &self.error_delay)
            .finish_non_exhaustive()
    }
}

/// Starts sending `issue` (which must be `sending`, its audience snapshotted) with `chains`
/// job chains; more chains than worker slots only queue up.
pub async fn start_delivery(
    queue: &dyn JobQueue,
    issue: IssueId,
    chains: usize,
) -> Result<(), JobError> {
    for _ in 0..chains.max(1) {
        queue.push_delivery(DeliverBatch { issue_id: issue }, Duration::ZERO).await?;
    }
    Ok(())
}

/// One run of a delivery job: a batch, then the successor job if work remains. Callable
/// without apalis, e.g. by a test or by `rundbrief issue send --wait`.
pub async fn run_deliver_job(
    runtime: &JobRuntime,
    job: DeliverBatch,
) -> Result<NextStep, JobError> {
    match deliver_batch(&runtime.delivery, job.issue_id, runtime.batch_size).await {
        Ok(outcome) => {
            match outcome.next {
                NextStep::Continue => runtime.queue.push_delivery(job, Duration::ZERO).await?,
                NextStep::WaitFor(wait) => runtime.queue.push_delivery(job, wait).await?,
                // A paused issue is picked up again by whoever resumes it.
                NextStep::Finished | NextStep::Halted(_) => {}
            }
            Ok(outcome.next)
        }
        Err(error) => {
            tracing::error!(issue_id = %job.issue_id, %error, "delivery batch failed; trying again later");
            // Keep the chain alive: the ledger still knows what is left.
            runtime.queue.push_delivery(job, runtime.error_delay).await?;
            Err(error)
        }
    }
}

/// The apalis handler: [`run_deliver_job`] with the runtime from the worker's data.
pub async fn deliver_job(
    job: DeliverBatch,
    runtime: Data<Arc<JobRuntime>>,
) -> Result<(), JobError> {
    run_deliver_job(&runtime, job).await.map(|_| ())
}

/// How a SQLite worker polls and how much it runs at once.
#[derive(Debug, Clone, Copy)]
pub struct WorkerSettings {
    /// Delivery jobs running at once in this process; each sends `send_concurrency` mails at
    /// a time.
    pub concurrency: usize,
    /// How often an idle worker looks for jobs. apalis-sqlite does not poll by itself between
    /// heartbeats, so this bounds the delay before a new or delayed job starts.
    pub poll_interval: Duration,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        Self { concurrency: 2, poll_interval: Duration::from_millis(200) }
    }
}

/// Runs a delivery worker on the SQLite queue in `pool` until `shutdown` completes; jobs in
/// flight then finish (apalis' graceful stop) before this returns.
pub async fn run_sqlite_worker<F>(
    name: &str,
    pool: &SqlitePool,
    runtime: Arc<JobRuntime>,
    settings: WorkerSettings,
    shutdown: F,
) -> Result<(), JobError>
where
    F: Future<Output = ()> + Send + 'static,
{
    let backend = SqliteStorage::<DeliverBatch>::new(pool)
        .with_config(Config::default().queue(DELIVER_QUEUE))
        .poll_with_interval(settings.poll_interval);
    let worker = WorkerBuilder::new(name)
        .backend(backend)
        .data(runtime)
        .concurrency(settings.concurrency.max(1))
        .build(deliver_job);
    worker
        .run_until(async move {
            shutdown.await;
            Ok::<(), std::io::Error>(())
        })
        .await
        .map_err(|e| JobError::Queue(format!("worker {name}: {e}")))
}
