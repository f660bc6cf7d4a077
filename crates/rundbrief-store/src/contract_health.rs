//! What `/readyz` asks the store: a round trip and the migration history.

use super::*;

/// A store `connect` migrated answers a ping and misses none of the binary's migrations; a
/// history the query misread (another table, a wrong column) fails here on each backend.
pub async fn a_migrated_store_answers_and_misses_no_migration(store: SharedStore) {
    store.ping().await.unwrap();
    let missing = store.missing_migrations().await.unwrap();
    assert_eq!(missing, Vec::new(), "a fresh store has applied every embedded migration");
}
