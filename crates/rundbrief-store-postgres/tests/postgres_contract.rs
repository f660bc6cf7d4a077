//! The storage contract on PostgreSQL, each test on its own database that is dropped afterwards.
//!
//! The server comes from `RUNDBRIEF_TEST_POSTGRES_URL` (default: the local server as user
//! `postgres`). When it cannot be reached the suite says so and skips, unless
//! `RUNDBRIEF_TEST_POSTGRES_REQUIRED=1` (set by `.ci/run`) makes that a failure.

use std::io::Write;
use std::str::FromStr;
use std::sync::{Arc, Once};

use futures::future::BoxFuture;
use rundbrief_store::contract::SharedStore;
use rundbrief_store_postgres::PgStore;
use sqlx::postgres::PgConnectOptions;
use sqlx::{AssertSqlSafe, ConnectOptions, Connection};

const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

fn skip(reason: &str) {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Written past the test harness's output capture so that the skip is always visible.
        let _ = writeln!(std::io::stderr(), "PostgreSQL contract suite SKIPPED: {reason}");
    });
}

async fn with_fresh_store(test: impl FnOnce(SharedStore) -> BoxFuture<'static, ()>) {
    let required = std::env::var("RUNDBRIEF_TEST_POSTGRES_REQUIRED").is_ok_and(|v| v == "1");
    let base = std::env::var("RUNDBRIEF_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_URL.into());
    let admin_options = PgConnectOptions::from_str(&base).expect("RUNDBRIEF_TEST_POSTGRES_URL");
    let mut admin = match admin_options.connect().await {
        Ok(conn) => conn,
        Err(e) if !required => return skip(&format!("cannot connect to {base}: {e}")),
        Err(e) => panic!("PostgreSQL is required for this run but {base} is unreachable: {e}"),
    };
    let name = format!("rundbrief_contract_{}", uuid::Uuid::new_v4().simple());
    sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .expect("create db");
    let store = PgStore::connect_with(admin_options.clone().database(&name), 4)
        .await
        .expect("connect to the test database");
    let outcome = tokio::spawn(test(Arc::new(store.clone()))).await;
    store.close().await;
    sqlx::query(AssertSqlSafe(format!("DROP DATABASE {name} WITH (FORCE)")))
        .execute(&mut admin)
        .await
        .expect("drop db");
    let _ = admin.close().await;
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

rundbrief_store::contract_tests!(with_fresh_store);
