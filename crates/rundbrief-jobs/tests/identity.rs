//! Worker identities on both databases: each process of a role gets the lowest free slot and
//! holds it while it lives, the next process takes a released slot over, an identity given by
//! name cannot be held twice, and on PostgreSQL a lock whose connection was lost is taken again.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

mod common;

use common::{on_both_databases, on_runtime, queue_db};
use rundbrief_jobs::identity::{WorkerIdentity, acquire};
use rundbrief_jobs::queue::QueueDb;
use rundbrief_testkit::TestDb;

fn slot(identity: &WorkerIdentity) -> &str {
    identity.name().rsplit('/').next().unwrap()
}

/// The lowest free slot, waiting (PostgreSQL) until the server has noticed a dropped holder.
async fn acquire_slot(db: &QueueDb, wanted: &str) -> WorkerIdentity {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let identity = acquire(db, "worker", None).await.unwrap();
        if slot(&identity) == wanted || Instant::now() > deadline {
            return identity;
        }
        drop(identity);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn slots_are_held_for_life_and_taken_over(db: &TestDb) {
    let queue = queue_db(db).await;
    let first = acquire(&queue, "worker", None).await.unwrap();
    let second = acquire(&queue, "worker", None).await.unwrap();
    assert_eq!((slot(&first), slot(&second)), ("0", "1"));
    assert!(first.name().ends_with("/worker/0"), "{}", first.name());
    let other_role = acquire(&queue, "serve", None).await.unwrap();
    assert!(other_role.name().ends_with("/serve/0"), "{}", other_role.name());

    // A name that a live process holds cannot be taken; a free one can.
    let taken = acquire(&queue, "worker", Some(second.name())).await;
    assert!(taken.is_err(), "two holders of {}", second.name());
    let named = acquire(&queue, "worker", Some("relay-a")).await.unwrap();
    assert_eq!(named.name(), "relay-a");
    assert!(acquire(&queue, "worker", Some("bad#name")).await.is_err());

    // The process in slot 0 ends: the next one takes its identity over.
    drop(first);
    let successor = acquire_slot(&queue, "0").await;
    assert_eq!(slot(&successor), "0");
}

on_both_databases!(slots_are_held_for_life_and_taken_over: slots_on_sqlite, slots_on_postgres);

/// The connection holding the advisory lock is killed (as when PostgreSQL restarts): the
/// holder takes its lock again on a new connection, so a new process still gets another slot.
#[test]
fn a_lost_lock_connection_is_replaced_and_the_lock_taken_again() {
    let Some(db) = TestDb::postgres() else { return };
    on_runtime(lost_lock_connection(&db));
}

async fn lost_lock_connection(db: &TestDb) {
    let queue = queue_db(db).await;
    let QueueDb::Postgres(pool) = &queue else { unreachable!() };
    let holder = acquire(&queue, "worker", None).await.unwrap();
    assert_eq!(slot(&holder), "0");
    let lock_holders = || async {
        sqlx::query_scalar::<_, i32>(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2 AND granted \
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        )
        .fetch_all(pool)
        .await
        .unwrap()
    };
    let before = lock_holders().await;
    assert_eq!(before.len(), 1, "{before:?}");
    sqlx::query("SELECT pg_terminate_backend($1)").bind(before[0]).execute(pool).await.unwrap();

    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let now = lock_holders().await;
        if now.len() == 1 && now[0] != before[0] {
            break;
        }
        assert!(Instant::now() < deadline, "the lock was not taken again: {now:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let next = acquire(&queue, "worker", None).await.unwrap();
    assert_eq!(slot(&next), "1", "slot 0 is held again");
}
