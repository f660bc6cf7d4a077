//! The storage contract on SQLite, each test on its own database file in a temporary folder.

use std::sync::Arc;

use futures::future::BoxFuture;
use rundbrief_store::contract::SharedStore;
use rundbrief_store_sqlite::SqliteStore;

async fn with_fresh_store(test: impl FnOnce(SharedStore) -> BoxFuture<'static, ()>) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}", dir.path().join("contract.db").display());
    let store = SqliteStore::connect(&url).await.expect("open SQLite");
    test(Arc::new(store.clone())).await;
    store.close().await;
}

rundbrief_store::contract_tests!(with_fresh_store);
