//! Opens the store the configuration asks for. This is the one place that knows both backends.

use std::sync::Arc;

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
