//! Opens the store the configuration asks for. This is the one place that knows both backends.

use std::sync::Arc;

use anyhow::Context;
use rundbrief_jobs::queue::{ApalisQueue, QueueDb};

use rundbrief_store::{Backend, Store};
use rundbrief_store_postgres::PgStore;
use rundbrief_store_sqlite::SqliteStore;

use crate::config::Config;

pub async fn connect(config: &Config) -> anyhow::Result<Arc<dyn Store>> {
    let store: Arc<dyn Store> = match Backend::from_url(&config.database_url)? {
        Backend::Sqlite => Arc::new(SqliteStore::connect(&config.database_url).await?),
        Backend::Postgres => {
            Arc::new(PgStore::connect(&config.database_url, config.database_max_connections).await?)
        }
    };
    Ok(store)
}

/// The store and the job queue in the same database, both migrated.
pub async fn open(config: &Config) -> anyhow::Result<(Arc<dyn Store>, ApalisQueue)> {
    let (store, queue): (Arc<dyn Store>, ApalisQueue) =
        match Backend::from_url(&config.database_url)? {
            Backend::Sqlite => {
                let store = SqliteStore::connect(&config.database_url).await?;
                let queue = ApalisQueue::new(QueueDb::Sqlite(store.write_pool().clone()));
                (Arc::new(store), queue)
            }
            Backend::Postgres => {
                let store =
                    PgStore::connect(&config.database_url, config.database_max_connections).await?;
                let queue = ApalisQueue::new(QueueDb::Postgres(store.pool().clone()));
                (Arc::new(store), queue)
            }
        };
    queue.migrate().await.context("job queue tables")?;
    Ok((store, queue))
}
