//! The apalis side: the job payloads, the worker functions, and the queue on SQLite or
//! PostgreSQL.
//!
//! A delivery job carries only an issue id and only wakes a worker: the sending itself runs in
//! every worker process's own lanes ([`crate::lanes`]), which also find `sending` issues
//! without a job, so every live worker takes part in every campaign. The queue holds one job
//! per start or resume, never one per recipient or batch.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use apalis::layers::WorkerBuilderExt as _;
use apalis::prelude::{BackendExt as _, Data, TaskBuilder, TaskSink as _, WorkerBuilder};
use apalis_postgres::PostgresStorage;
use apalis_sqlite::SqliteStorage;
use futures::future::BoxFuture;
use rundbrief_app::ConfirmationMailer;
use rundbrief_app::campaign::DeliveryStarter;
use rundbrief_app::health::Readiness;
use rundbrief_core::IssueId;
use rundbrief_core::model::IssueStatus;
use serde::{Deserialize, Serialize};
use sqlx::{PgPool, SqlitePool};

use crate::confirm::{SendConfirmation, confirmation_job};
use crate::deliver::{DeliveryContext, NextStep, deliver_batch};
use crate::error::JobError;
use crate::fetch_gate::FetchGate;
use crate::notices::{SendTranslatorNotice, notice_job};

/// The apalis queue (its `job_type` column) that delivery jobs go to.
pub const DELIVER_QUEUE: &str = "rundbrief.deliver";
/// The apalis queue of confirmation mails.
pub const CONFIRM_QUEUE: &str = "rundbrief.confirm";
/// The apalis queue of the mails that tell translators an issue needs their language.
pub const NOTICE_QUEUE: &str = "rundbrief.notice";

/// apalis-sqlite's migrations are recorded in their own table: sqlx refuses to run a migrator
/// against a history that holds versions it does not know, so sharing Rundbrief's
/// `_sqlx_migrations` would make each side fail on the other's rows.
pub const SQLITE_MIGRATIONS_TABLE: &str = "_apalis_migrations";

/// An issue has deliveries to send: the worker that fetches it starts its lanes for the issue
/// at once instead of at its next look. Ids only: everything else is read from the store, so
/// a job never carries personal data or stale content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliverBatch {
    pub issue_id: IssueId,
}

/// Where jobs are pushed; object-safe so that the queue ([`ApalisQueue`], on SQLite or
/// PostgreSQL) can sit behind one `Arc`.
pub trait JobQueue: Send + Sync + 'static {
    /// Pushes `job` to run no earlier than `after` from now.
    fn push_delivery(
        &self,
        job: DeliverBatch,
        after: Duration,
    ) -> BoxFuture<'_, Result<(), JobError>>;
}

/// The database apalis keeps its jobs in: the store's own, so a job and the ledger rows it
/// works on live and die together.
#[derive(Debug, Clone)]
pub enum QueueDb {
    /// Pass `SqliteStore::write_pool()`: SQLite has one writer, and queueing apalis' writes
    /// behind Rundbrief's in the same one-connection pool avoids `SQLITE_BUSY` between the two.
    Sqlite(SqlitePool),
    /// `PgStore::pool()`; apalis keeps its tables in its own `apalis` schema.
    Postgres(PgPool),
}

/// The apalis queue of delivery and confirmation jobs, on SQLite or PostgreSQL.
#[derive(Debug, Clone)]
pub struct ApalisQueue {
    db: QueueDb,
}

/// Pushes `args` to the queue named `$queue` of the backend in `$db`; one body for both
/// backends, whose storages share no trait that would let a generic function do it. With a
/// `$key`, a job with the same key in that queue makes this push a no-op (apalis' idempotency
/// key: SQLite ignores the row, PostgreSQL reports a unique violation, taken as done).
macro_rules! push_to {
    ($db:expr, $queue:expr, $args:expr, $after:expr, $key:expr) => {{
        let mut builder = TaskBuilder::new($args);
        if !$after.is_zero() {
            builder = builder.run_after($after);
        }
        let key: Option<String> = $key;
        if let Some(key) = &key {
            builder = builder.idempotency_key(key);
        }
        // Ledger and handlers retry by themselves; apalis' own attempts stay at one.
        let task = builder.max_attempts(1).build();
        match $db {
            QueueDb::Sqlite(pool) => SqliteStorage::new(pool)
                .with_config(apalis_sqlite::Config::default().queue($queue))
                .push_task(task)
                .await
                .map_err(|e| JobError::queue(format!("pushing to {}", $queue), e)),
            QueueDb::Postgres(pool) => match PostgresStorage::new(pool)
                .with_config(apalis_postgres::Config::default().queue($queue))
                .push_task(task)
                .await
            {
                Ok(()) => Ok(()),
                Err(apalis::prelude::TaskSinkError::PushError(
                    apalis_postgres::Error::Database(sqlx::Error::Database(e)),
                )) if key.is_some() && e.is_unique_violation() => Ok(()),
                Err(e) => Err(JobError::queue(format!("pushing to {}", $queue), e)),
            },
        }
    }};
}

impl ApalisQueue {
    pub fn new(db: QueueDb) -> Self {
        Self { db }
    }

    pub fn db(&self) -> &QueueDb {
        &self.db
    }

    /// Creates or updates apalis' tables. On SQLite this runs only the migrations, not
    /// `SqliteStorage::setup`, which would also switch the shared connection to
    /// `synchronous = OFF` and so weaken the durability the store chose. apalis-postgres keeps
    /// its history in its own schema, so its `setup` is safe beside the store's migrations.
    pub async fn migrate(&self) -> Result<(), JobError> {
        match &self.db {
            QueueDb::Sqlite(pool) => {
                let mut migrator = SqliteStorage::<()>::migrations();
                migrator.dangerous_set_table_name(SQLITE_MIGRATIONS_TABLE);
                migrator.run(pool).await.map_err(|e| JobError::queue("apalis-sqlite migrations", e))
            }
            QueueDb::Postgres(pool) => PostgresStorage::setup(pool)
                .await
                .map_err(|e| JobError::queue("apalis-postgres migrations", e)),
        }
    }

    /// Queues a confirmation mail; its handler retries transient failures by re-queueing.
    pub async fn push_confirmation(
        &self,
        job: SendConfirmation,
        after: Duration,
    ) -> Result<(), JobError> {
        push_to!(&self.db, CONFIRM_QUEUE, job, after, job.idempotency_key())
    }

    /// Queues a translator notice; its handler retries transient failures by re-queueing.
    pub async fn push_notice(
        &self,
        job: SendTranslatorNotice,
        after: Duration,
    ) -> Result<(), JobError> {
        push_to!(&self.db, NOTICE_QUEUE, job, after, Some(job.idempotency_key()))
    }
}

impl JobQueue for ApalisQueue {
    fn push_delivery(
        &self,
        job: DeliverBatch,
        after: Duration,
    ) -> BoxFuture<'_, Result<(), JobError>> {
        Box::pin(async move { push_to!(&self.db, DELIVER_QUEUE, job, after, None) })
    }
}

/// The same queue as the app's [`DeliveryStarter`]: sending, resuming and the scheduler
/// queue one wake-up job per issue; how many workers send it is up to the workers.
#[derive(Debug, Clone)]
pub struct QueueStarter {
    queue: ApalisQueue,
}

impl QueueStarter {
    pub fn new(queue: ApalisQueue) -> Self {
        Self { queue }
    }
}

#[async_trait::async_trait]
impl DeliveryStarter for QueueStarter {
    async fn start(&self, issue: IssueId) -> Result<(), rundbrief_app::BoxError> {
        Ok(start_delivery(&self.queue, issue).await?)
    }
}

/// What the worker function needs: the delivery context, where to push follow-up jobs, and
/// how big a batch is.
pub struct JobRuntime {
    pub delivery: DeliveryContext,
    pub queue: Arc<dyn JobQueue>,
    /// Deliveries claimed per batch.
    pub batch_size: u32,
    /// How long a lane goes on with batch after batch before it gives its turn to the lanes
    /// of other issues (see [`run_deliver_job`]); zero = one batch per turn.
    pub chain_budget: Duration,
    /// How long to wait before trying again after a batch failed as a whole (database
    /// unreachable, a variant that does not render).
    pub error_delay: Duration,
    /// Sends confirmation mails; `None` in a process that only delivers campaigns.
    pub confirmations: Option<Arc<ConfirmationMailer>>,
    /// Where confirmation jobs queue their follow-ups (the mail a sign-up owes, a retry).
    pub confirm_queue: Option<ApalisQueue>,
    /// Where the workers report whether they poll (for `/readyz`).
    pub readiness: Readiness,
    /// Wakes this process's lanes (a delivery job arrived): they look for `sending` issues
    /// now instead of at their next regular look.
    pub wake_lanes: Arc<tokio::sync::Notify>,
}

impl JobRuntime {
    /// Deliveries claimed per batch by default: one ledger transaction marks them all, so a
    /// bigger batch costs the database less; the lease must cover sending all of them.
    pub const DEFAULT_BATCH_SIZE: u32 = 100;
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

/// Starts sending `issue` (which must be `sending`, its audience snapshotted): one job wakes a
/// worker at once; every other worker finds the issue at its next look.
pub async fn start_delivery(queue: &dyn JobQueue, issue: IssueId) -> Result<(), JobError> {
    queue.push_delivery(DeliverBatch { issue_id: issue }, Duration::ZERO).await
}

/// One turn of a lane: batches of `job`'s issue while more are due and the turn is within
/// `chain_budget`; says what the lane should do next. Callable without a queue or lanes, e.g.
/// by a test.
///
/// Going on within one turn saves each batch a trip through the lane's turn (and, before
/// lanes, through the queue: measured on PostgreSQL, that left a chain idle for 10–20 ms after
/// every 50 ms batch). Ending the turn after the budget keeps issues sending side by side
/// taking turns, and a shutdown waiting at most that long. A crash loses nothing either way:
/// the ledger holds the progress, and every worker sends every issue that is `sending`.
pub async fn run_deliver_job(
    runtime: &JobRuntime,
    job: DeliverBatch,
) -> Result<NextStep, JobError> {
    let started = tokio::time::Instant::now();
    let mut result = deliver_batch(&runtime.delivery, job.issue_id, runtime.batch_size).await;
    while matches!(&result, Ok(outcome) if outcome.next == NextStep::Continue)
        && started.elapsed() < runtime.chain_budget
    {
        result = deliver_batch(&runtime.delivery, job.issue_id, runtime.batch_size).await;
    }
    result.map(|outcome| outcome.next)
}

/// The apalis handler: the job only wakes this process's lanes, which send the issue (and
/// would have found it at their next look anyway). It queues no successor.
pub async fn deliver_job(
    job: DeliverBatch,
    runtime: Data<Arc<JobRuntime>>,
) -> Result<(), JobError> {
    tracing::debug!(issue_id = %job.issue_id, "delivery job: lanes woken");
    runtime.wake_lanes.notify_one();
    Ok(())
}

/// How a worker polls and how much it runs at once.
#[derive(Debug, Clone, Copy)]
pub struct WorkerSettings {
    /// Lanes running batches at once in this process (per issue, and in all); each sends
    /// `send_concurrency` mails at a time.
    pub concurrency: usize,
    /// How often an idle worker looks for jobs. apalis does not poll by itself between
    /// heartbeats, so this bounds the delay before a new or delayed job starts.
    pub poll_interval: Duration,
}

impl WorkerSettings {
    /// Lanes at once per process: with `SmtpConfig::DEFAULT_MAX_CONNECTIONS` sends each,
    /// enough to keep a relay busy while one lane waits for the database.
    pub const DEFAULT_CONCURRENCY: usize = 4;
}

impl Default for WorkerSettings {
    fn default() -> Self {
        Self { concurrency: Self::DEFAULT_CONCURRENCY, poll_interval: Duration::from_millis(200) }
    }
}

/// How often apalis' workers record that they are alive, and how many records they may miss
/// before their running jobs count as orphaned and are handed to another worker. apalis'
/// default (30 s × 10) left a confirmation job of a killed process stuck for five minutes.
const HEARTBEAT: Duration = Duration::from_secs(5);
const MISSED_HEARTBEATS: usize = 3;

/// The first wait before a stopped worker starts again; doubles up to [`RESTART_MAX`] while it
/// keeps failing, and starts over once a worker has run for [`RESTART_RESET`].
const RESTART_FIRST: Duration = Duration::from_millis(500);
const RESTART_MAX: Duration = Duration::from_secs(5);
const RESTART_RESET: Duration = Duration::from_secs(30);

/// Builds and runs one apalis worker until `$stop` resolves; one body for both backends.
macro_rules! run_worker {
    ($storage:expr, $name:expr, $runtime:expr, $concurrency:expr, $poll:expr, $handler:expr, $stop:expr) => {{
        let name: String = $name;
        let backend = FetchGate::new($storage.poll_with_interval($poll), $poll);
        let worker = WorkerBuilder::new(name.clone())
            .backend(backend)
            .data($runtime)
            .concurrency($concurrency)
            .build($handler);
        worker.run_until($stop).await.map_err(|e| JobError::queue(format!("worker {name}"), e))
    }};
}

/// Runs the delivery, confirmation and translator notice workers on `db` until `shutdown`
/// completes; jobs in flight then finish (apalis' graceful stop) before this returns. `name`
/// should be unique per process (apalis registers workers by name).
///
/// A worker outlives its dependencies: apalis ends a worker whose poll or heartbeat failed
/// (the database restarted, a connection broke), so each one runs under [`supervise`], which
/// starts it again after a short, growing pause, under a new name (apalis refuses a name
/// whose heartbeat is still fresh), and reports its state to `readiness`. The sending itself
/// runs in the process's lanes beside them ([`crate::lanes::run_lanes`]), which find every
/// `sending` issue by themselves; a delivery job only wakes them.
pub async fn run_workers<F>(
    name: &str,
    db: &QueueDb,
    runtime: Arc<JobRuntime>,
    settings: WorkerSettings,
    shutdown: F,
) -> Result<(), JobError>
where
    F: Future<Output = ()> + Send + 'static,
{
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        let _ = stop_tx.send(true);
    });
    let stop = |mut rx: tokio::sync::watch::Receiver<bool>| async move {
        // A dropped sender means the shutdown future can no longer fire: stop too.
        let _ = rx.wait_for(|stopped| *stopped).await;
        Ok::<(), std::io::Error>(())
    };
    let concurrency = settings.concurrency.max(1);
    let poll = settings.poll_interval;
    let readiness = runtime.readiness.clone();
    // The lanes send every issue that is `sending`; the delivery worker below only wakes them.
    let lanes =
        tokio::spawn(crate::lanes::run_lanes(Arc::clone(&runtime), concurrency, stop_rx.clone()));
    // The workers of one backend, side by side until the stop signal.
    macro_rules! run_both {
        ($storage:ident, $config:path, $pool:expr) => {{
            let config = |queue: &str| {
                <$config>::default()
                    .queue(queue)
                    .heartbeat_interval(HEARTBEAT)
                    .missed_heartbeats(MISSED_HEARTBEATS)
            };
            tokio::join!(
                supervise("deliver", &readiness, stop_rx.clone(), |generation| {
                    let runtime = Arc::clone(&runtime);
                    let stop = stop(stop_rx.clone());
                    let deliveries =
                        $storage::<DeliverBatch>::new($pool).with_config(config(DELIVER_QUEUE));
                    async move {
                        if generation > 0 {
                            requeue_sending(&runtime).await?;
                        }
                        run_worker!(
                            deliveries,
                            format!("{name}-deliver-{generation}"),
                            runtime,
                            concurrency,
                            poll,
                            deliver_job,
                            stop
                        )
                    }
                }),
                supervise("confirm", &readiness, stop_rx.clone(), |generation| {
                    let runtime = Arc::clone(&runtime);
                    let stop = stop(stop_rx.clone());
                    let confirmations =
                        $storage::<SendConfirmation>::new($pool).with_config(config(CONFIRM_QUEUE));
                    async move {
                        run_worker!(
                            confirmations,
                            format!("{name}-confirm-{generation}"),
                            runtime,
                            CONFIRM_CONCURRENCY,
                            poll,
                            confirmation_job,
                            stop
                        )
                    }
                }),
                supervise("notice", &readiness, stop_rx.clone(), |generation| {
                    let runtime = Arc::clone(&runtime);
                    let stop = stop(stop_rx.clone());
                    let notices = $storage::<SendTranslatorNotice>::new($pool)
                        .with_config(config(NOTICE_QUEUE));
                    async move {
                        run_worker!(
                            notices,
                            format!("{name}-notice-{generation}"),
                            runtime,
                            1,
                            poll,
                            notice_job,
                            stop
                        )
                    }
                }),
            )
        }};
    }
    let (delivered, confirmed, noticed) = match db {
        QueueDb::Sqlite(pool) => run_both!(SqliteStorage, apalis_sqlite::Config, pool),
        QueueDb::Postgres(pool) => run_both!(PostgresStorage, apalis_postgres::Config, pool),
    };
    // Each lane ends its turn after the stop signal; a lane's panic was logged already.
    let _ = lanes.await;
    delivered.and(confirmed).and(noticed)
}

/// Runs the worker that `start(generation)` builds until `stop` fires, starting it again
/// whenever it ends early. Returns only at shutdown.
async fn supervise<S, Fut>(
    role: &str,
    readiness: &Readiness,
    mut stop: tokio::sync::watch::Receiver<bool>,
    mut start: S,
) -> Result<(), JobError>
where
    S: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<(), JobError>>,
{
    let mut pause = RESTART_FIRST;
    let mut generation = 0u32;
    loop {
        readiness.worker_polling(role);
        let started = tokio::time::Instant::now();
        let outcome = start(generation).await;
        if *stop.borrow() {
            readiness.worker_stopped(role);
            return outcome;
        }
        let error = match outcome {
            Ok(()) => "stopped without being asked to".to_owned(),
            Err(error) => error.to_string(),
        };
        if started.elapsed() >= RESTART_RESET {
            pause = RESTART_FIRST;
        }
        readiness.worker_restarting(role, &error);
        // The database watcher reports the outage itself; this line says what it stopped.
        tracing::warn!(worker = role, %error, retry_in_ms = pause.as_millis() as u64, "job worker stopped; starting it again");
        tokio::select! {
            () = tokio::time::sleep(pause) => {}
            _ = stop.wait_for(|stopped| *stopped) => {
                readiness.worker_stopped(role);
                return Ok(());
            }
        }
        pause = (pause * 2).min(RESTART_MAX);
        generation = generation.wrapping_add(1);
    }
}

/// Pushes a delivery job for every issue that is `sending`, which wakes the lanes of whichever
/// worker fetches it (the lanes would find the issues at their next look anyway).
async fn requeue_sending(runtime: &JobRuntime) -> Result<(), JobError> {
    let sending = runtime.delivery.store().issues_in_status(IssueStatus::Sending).await?;
    for issue in sending {
        runtime.queue.push_delivery(DeliverBatch { issue_id: issue.id }, Duration::ZERO).await?;
    }
    Ok(())
}

/// Confirmation mails in flight at once per process; they are few and small.
const CONFIRM_CONCURRENCY: usize = 4;
