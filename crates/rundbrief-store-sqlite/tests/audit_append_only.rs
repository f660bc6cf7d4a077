//! The audit log is append-only in the database itself (migration 0019): an `UPDATE` or a
//! `DELETE` on `audit_log`, typed by hand through the store's own write connection, is
//! refused by the triggers, and the row stays as it was.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rundbrief_core::UserId;
use rundbrief_store::{AuditActor, AuditFilter, AuditStore, NewAuditEntry};
use rundbrief_store_sqlite::SqliteStore;

#[tokio::test]
async fn the_database_refuses_update_and_delete_of_audit_entries() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}", dir.path().join("audit.db").display());
    let store = SqliteStore::connect(&url).await.unwrap();
    let new = NewAuditEntry {
        actor: AuditActor::User(UserId(1)),
        action: "issue.created".into(),
        target_kind: Some("issue".into()),
        target_id: Some(5),
        detail: "{}".into(),
    };
    let stored = store.append_audit(&new, time::OffsetDateTime::now_utc()).await.unwrap();

    let update = sqlx::query("UPDATE audit_log SET action = 'nothing' WHERE id = $1")
        .bind(stored.id)
        .execute(store.write_pool())
        .await
        .expect_err("UPDATE must be refused");
    assert!(update.to_string().contains("append-only"), "{update}");
    let delete = sqlx::query("DELETE FROM audit_log")
        .execute(store.write_pool())
        .await
        .expect_err("DELETE must be refused");
    assert!(delete.to_string().contains("append-only"), "{delete}");

    let entries = store.audit_entries(&AuditFilter::default(), None, 10).await.unwrap();
    assert_eq!(entries.items, [stored]);
    store.close().await;
}
