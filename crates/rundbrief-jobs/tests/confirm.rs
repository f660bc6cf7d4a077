//! Confirmation jobs are queued once per sign-up request, and once per mail and attempt: the
//! sweep may push what looks owed every few seconds without the queue growing while a job for
//! it waits. On both databases.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{on_both_databases, queue_db};
use rundbrief_jobs::confirm::SendConfirmation;
use rundbrief_jobs::queue::{ApalisQueue, CONFIRM_QUEUE, QueueDb};
use rundbrief_testkit::TestDb;
use sqlx::AssertSqlSafe;
use std::time::Duration;

/// Jobs waiting in the confirmation queue.
async fn queued(db: &QueueDb) -> i64 {
    // apalis keeps the same table under another name on each backend.
    let count =
        |table: &str| AssertSqlSafe(format!("SELECT COUNT(*) FROM {table} WHERE job_type = $1"));
    match db {
        QueueDb::Sqlite(pool) => {
            sqlx::query_scalar(count("Jobs")).bind(CONFIRM_QUEUE).fetch_one(pool).await
        }
        QueueDb::Postgres(pool) => {
            sqlx::query_scalar(count("apalis.jobs")).bind(CONFIRM_QUEUE).fetch_one(pool).await
        }
    }
    .unwrap()
}

async fn pushes_are_idempotent(db: &TestDb) {
    let queue_db = queue_db(db).await;
    let queue = ApalisQueue::new(queue_db.clone());
    queue.migrate().await.unwrap();
    let signup = SendConfirmation { signup: Some(7), ..SendConfirmation::default() };
    let mail = SendConfirmation { mail: Some(9), ..SendConfirmation::default() };
    // A welcome mail with the same number is another job.
    let welcome = SendConfirmation { welcome: Some(9), ..SendConfirmation::default() };
    let retry = SendConfirmation { attempts: 1, ..mail };
    for _ in 0..3 {
        queue.push_confirmation(signup, Duration::ZERO).await.unwrap();
        queue.push_confirmation(mail, Duration::ZERO).await.unwrap();
        queue.push_confirmation(welcome, Duration::ZERO).await.unwrap();
    }
    assert_eq!(queued(&queue_db).await, 3, "one job per request, per mail and per welcome");
    // The next attempt of the mail is a job of its own.
    queue.push_confirmation(retry, Duration::from_secs(5)).await.unwrap();
    queue.push_confirmation(retry, Duration::ZERO).await.unwrap();
    assert_eq!(queued(&queue_db).await, 4);
}

on_both_databases!(pushes_are_idempotent: sqlite_pushes_are_idempotent, postgres_pushes_are_idempotent);
