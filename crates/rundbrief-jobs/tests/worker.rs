//! The apalis wiring end to end: jobs in apalis-sqlite sharing the store's write pool, a real
//! worker, real SMTP on loopback.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use rundbrief_core::model::{DeliveryStatus, IssueStatus};
use rundbrief_core::{IssueId, Language};
use rundbrief_jobs::queue::{
    ApalisQueue, DeliverBatch, JobQueue, JobRuntime, QueueDb, WorkerSettings, run_deliver_job,
    run_workers, start_delivery,
};
use rundbrief_jobs::{NextStep, RetryPolicy, SystemClock};
use rundbrief_store::Store;
use rundbrief_store_sqlite::SqliteStore;

fn runtime(env: &Env, queue: Arc<dyn JobQueue>, batch_size: u32) -> Arc<JobRuntime> {
    let mut config = config();
    config.retry = RetryPolicy {
        max_attempts: 5,
        base: Duration::from_secs(1),
        max_delay: Duration::from_secs(2),
    };
    Arc::new(JobRuntime {
        delivery: env.context(config).with_clock(Arc::new(SystemClock)),
        queue,
        batch_size,
        // One batch per turn, so the tests see each turn end.
        chain_budget: Duration::ZERO,
        error_delay: Duration::from_secs(1),
        confirmations: None,
        confirm_queue: None,
        readiness: rundbrief_app::health::Readiness::new(),
        wake_lanes: Arc::default(),
    })
}

fn sqlite_queue(pool: &sqlx::SqlitePool) -> ApalisQueue {
    ApalisQueue::new(QueueDb::Sqlite(pool.clone()))
}

async fn wait_until_sent(store: Arc<dyn Store>, issue: IssueId) {
    loop {
        if store.issue(issue).await.unwrap().status == IssueStatus::Sent {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn apalis_migrations_live_beside_the_store_migrations() {
    let env = env(SmtpServer::start()).await;
    sqlite_queue(env.sqlite.write_pool()).migrate().await.unwrap();
    // Twice, as every start does.
    sqlite_queue(env.sqlite.write_pool()).migrate().await.unwrap();
    env.sqlite.close().await;
    // The store's own migrator still accepts the database: the histories are kept apart.
    let reopened = SqliteStore::connect(&env.db_url).await.unwrap();
    sqlite_queue(reopened.write_pool()).migrate().await.unwrap();
    let synchronous: i64 =
        sqlx::query_scalar("PRAGMA synchronous").fetch_one(reopened.write_pool()).await.unwrap();
    assert_eq!(synchronous, 1, "the store's NORMAL durability is left alone");
}

#[tokio::test]
async fn a_worker_sends_a_campaign_through_apalis_sqlite() {
    let server = SmtpServer::start();
    server.reply_to_rcpt("grey@example.org", "451 4.7.1 Greylisted, try again later", 1);
    let env = env(server).await;
    let pool = env.sqlite.write_pool().clone();
    sqlite_queue(&pool).migrate().await.unwrap();
    let languages = [Language::De, Language::Pl, Language::Fr, Language::Mt];
    let mut addresses = Vec::new();
    for i in 0..40 {
        let address = format!("reader{i}@example.org");
        env.subscriber(&address, languages[i % languages.len()]).await;
        addresses.push(address);
    }
    env.subscriber("grey@example.org", Language::De).await;
    addresses.push("grey@example.org".to_owned());
    let issue = env.sending_issue(&[(Language::De, true), (Language::Pl, true)]).await;

    let queue: Arc<dyn JobQueue> = Arc::new(sqlite_queue(&pool));
    let runtime = runtime(&env, Arc::clone(&queue), 7);
    start_delivery(queue.as_ref(), issue).await.unwrap();

    let done = wait_until_sent(Arc::clone(&env.store), issue);
    let settings = WorkerSettings { concurrency: 2, poll_interval: Duration::from_millis(50) };
    tokio::time::timeout(
        Duration::from_secs(60),
        run_workers("test-worker", &QueueDb::Sqlite(pool.clone()), runtime, settings, done),
    )
    .await
    .expect("campaign finished in time")
    .unwrap();

    let counts = env.server.counts();
    assert_eq!(counts.len(), addresses.len(), "{counts:?}");
    for address in &addresses {
        assert_eq!(counts.get(address), Some(&1), "{address}");
    }
    assert_eq!(env.server.rejected(), ["grey@example.org"]);
    let tally = env.store.delivery_counts(issue).await.unwrap();
    assert!(tally.iter().all(|c| c.status == DeliveryStatus::Sent), "{tally:?}");
    // The start's one job went through apalis' table in the same database and only woke the
    // lanes: no chain of follow-up jobs, one per batch.
    let jobs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM Jobs WHERE job_type = ?")
        .bind(rundbrief_jobs::queue::DELIVER_QUEUE)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(jobs, 1, "the lanes queued jobs of their own");
}

/// A German issue `sending` to `readers` subscribers, with apalis' queue in the same SQLite
/// database.
async fn sending_with_queue(readers: usize) -> (Env, sqlx::SqlitePool, IssueId, Arc<dyn JobQueue>) {
    let env = env(SmtpServer::start()).await;
    let pool = env.sqlite.write_pool().clone();
    sqlite_queue(&pool).migrate().await.unwrap();
    env.german_readers(readers).await;
    let issue = env.sending_issue(&[(Language::De, true)]).await;
    let queue: Arc<dyn JobQueue> = Arc::new(sqlite_queue(&pool));
    (env, pool, issue, queue)
}

#[tokio::test]
async fn a_turn_goes_on_with_batches_within_its_budget() {
    let (env, pool, issue, queue) = sending_with_queue(5).await;
    let mut runtime = Arc::into_inner(runtime(&env, queue, 2)).unwrap();
    runtime.chain_budget = Duration::from_secs(60);
    let job = DeliverBatch { issue_id: issue };

    // Three batches of at most two in one turn, and no job left behind in the queue.
    assert_eq!(run_deliver_job(&runtime, job).await.unwrap(), NextStep::Finished);
    let jobs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM Jobs").fetch_one(&pool).await.unwrap();
    assert_eq!(jobs, 0, "a turn queued a job");
    assert_eq!(env.server.messages().len(), 5);
    assert_eq!(env.store.issue(issue).await.unwrap().status, IssueStatus::Sent);
}

#[tokio::test]
async fn a_turn_says_whether_work_remains_and_queues_nothing() {
    let (env, pool, issue, queue) = sending_with_queue(3).await;
    let runtime = runtime(&env, queue, 2);
    let job = DeliverBatch { issue_id: issue };
    let pending_jobs = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM Jobs WHERE status = 'Pending'")
            .fetch_one(&pool)
            .await
            .unwrap()
    };

    // Drained synchronously, without lanes: a turn is a plain function.
    assert_eq!(run_deliver_job(&runtime, job).await.unwrap(), NextStep::Continue);
    assert_eq!(pending_jobs().await, 0, "a lane goes on by itself, not through the queue");
    assert_eq!(run_deliver_job(&runtime, job).await.unwrap(), NextStep::Finished);
    assert_eq!(pending_jobs().await, 0);
    assert_eq!(env.server.messages().len(), 3);
}
