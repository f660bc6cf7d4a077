//! Upgrading a database that has variants from before revisions were kept (migration 0010):
//! each variant becomes revision 1, a translation made from the base variant as it is, so
//! nothing is stale after the upgrade and the next save of the base text counts on from there.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::borrow::Cow;

use rundbrief_core::model::VariantInput;
use rundbrief_core::{IssueId, Language};
use rundbrief_store::{IssueStore, RevisionStore};
use rundbrief_store_sqlite::SqliteStore;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

#[tokio::test]
async fn existing_variants_become_revision_one() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("old.db");
    let options = SqliteConnectOptions::new().filename(&path).create_if_missing(true);
    let pool = SqlitePoolOptions::new().max_connections(1).connect_with(options).await.unwrap();
    // The database as the release before revisions left it.
    let mut before = sqlx::migrate!("../../migrations/sqlite");
    before.migrations =
        Cow::Owned(before.migrations.iter().filter(|m| m.version < 10).cloned().collect());
    before.run(&pool).await.unwrap();
    let at = "2026-11-25T12:00:00Z";
    sqlx::query(
        "INSERT INTO issues (id, title, base_language, status, created_at, updated_at) \
         VALUES (1, 'Dezember', 'de', 'draft', $1, $1), (2, 'Nur Polnisch', 'de', 'draft', $1, $1)",
    )
    .bind(at)
    .execute(&pool)
    .await
    .unwrap();
    for (issue, language, subject) in
        [(1, "de", "Neuigkeiten"), (1, "pl", "Aktualności"), (2, "pl", "Tylko")]
    {
        sqlx::query(
            "INSERT INTO issue_variants (issue_id, language, subject, body_markdown, ready, \
             updated_at) VALUES ($1, $2, $3, 'Text.', 1, $4)",
        )
        .bind(issue)
        .bind(language)
        .bind(subject)
        .bind(at)
        .execute(&pool)
        .await
        .unwrap();
    }
    pool.close().await;

    // Opening it applies the rest.
    let store = SqliteStore::connect(&format!("sqlite://{}", path.display())).await.unwrap();
    let heads = store.revision_heads(IssueId(1)).await.unwrap();
    let found: Vec<(Language, u32, Option<u32>)> =
        heads.iter().map(|h| (h.language, h.revision, h.source_revision)).collect();
    assert_eq!(found, [(Language::De, 1, None), (Language::Pl, 1, Some(1))]);
    let first = store.variant_revision(IssueId(1), Language::Pl, 1).await.unwrap();
    assert_eq!((first.subject.as_str(), first.body_markdown.as_str()), ("Aktualności", "Text."));
    assert_eq!(first.author, rundbrief_store::RevisionAuthor::default());
    // Without a base variant there was nothing to translate from.
    let alone = store.revision_heads(IssueId(2)).await.unwrap();
    assert_eq!(alone[0].source_revision, None);

    // The next change of the German text is revision 2; Polish still names 1.
    let input = VariantInput {
        subject: "Neuigkeiten".into(),
        preheader: String::new(),
        body_markdown: "Neuer Text.".into(),
        ready: true,
    };
    let now = time::OffsetDateTime::now_utc();
    store.put_variant(IssueId(1), Language::De, &input, now).await.unwrap();
    let heads = store.revision_heads(IssueId(1)).await.unwrap();
    assert_eq!(heads[0].revision, 2);
    assert_eq!(heads[1].source_revision, Some(1));
    store.close().await;
}
