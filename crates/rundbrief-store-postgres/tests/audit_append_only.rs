//! The audit log is append-only in the database itself (migration 0019): `UPDATE`, `DELETE`
//! and `TRUNCATE` on `audit_log`, typed by hand through the store's own pool, are refused by
//! the trigger function, and the row stays as it was. Skips like the contract suite when no
//! PostgreSQL server can be reached (unless `RUNDBRIEF_TEST_POSTGRES_REQUIRED=1`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::str::FromStr;

use rundbrief_core::ApiTokenId;
use rundbrief_store::{AuditActor, AuditFilter, AuditStore, NewAuditEntry};
use rundbrief_store_postgres::PgStore;
use sqlx::postgres::PgConnectOptions;
use sqlx::{AssertSqlSafe, ConnectOptions, Connection};

const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

#[tokio::test]
async fn the_database_refuses_update_delete_and_truncate_of_audit_entries() {
    let required = std::env::var("RUNDBRIEF_TEST_POSTGRES_REQUIRED").is_ok_and(|v| v == "1");
    let base = std::env::var("RUNDBRIEF_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_URL.into());
    let admin_options = PgConnectOptions::from_str(&base).expect("RUNDBRIEF_TEST_POSTGRES_URL");
    let mut admin = match admin_options.connect().await {
        Ok(conn) => conn,
        Err(e) if !required => {
            let _ = writeln!(
                std::io::stderr(),
                "audit_append_only SKIPPED: cannot connect to {base}: {e}"
            );
            return;
        }
        Err(e) => panic!("PostgreSQL is required for this run but {base} is unreachable: {e}"),
    };
    let name = format!("rundbrief_audit_{}", uuid::Uuid::new_v4().simple());
    sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .expect("create db");
    let store = PgStore::connect_with(admin_options.clone().database(&name), 2).await.unwrap();
    let outcome = tokio::spawn({
        let store = store.clone();
        async move {
            let new = NewAuditEntry {
                actor: AuditActor::Token(ApiTokenId(2)),
                action: "token.revoked".into(),
                target_kind: Some("token".into()),
                target_id: Some(2),
                detail: "{}".into(),
            };
            let stored = store.append_audit(&new, time::OffsetDateTime::now_utc()).await.unwrap();
            for statement in [
                "UPDATE audit_log SET action = 'nothing'",
                "DELETE FROM audit_log",
                "TRUNCATE audit_log",
            ] {
                let refused =
                    sqlx::query(statement).execute(store.pool()).await.expect_err(statement);
                assert!(refused.to_string().contains("append-only"), "{statement}: {refused}");
            }
            let entries = store.audit_entries(&AuditFilter::default(), None, 10).await.unwrap();
            assert_eq!(entries.items, [stored]);
        }
    })
    .await;
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
