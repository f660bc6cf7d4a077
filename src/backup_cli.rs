//! `rundbrief backup FILE`: a consistent copy of a running SQLite installation, which `serve`
//! starts from as is (`RUNDBRIEF_DATABASE_URL=sqlite://FILE`). PostgreSQL has its own tools.

use std::path::Path;

use anyhow::Context;
use rundbrief_store::{Backend, StoreError};
use rundbrief_store_sqlite::SqliteStore;

use crate::config::Config;

/// What to do instead on PostgreSQL, where a copy must come from the server's own tools.
const PG_DUMP_HINT: &str = "rundbrief backup copies SQLite databases only; back up PostgreSQL \
     with `pg_dump -Fc --file FILE DATABASE_URL` and restore with `pg_restore --clean \
     --if-exists --dbname DATABASE_URL FILE`";

pub async fn run(config: &Config, file: &Path) -> anyhow::Result<()> {
    if Backend::from_url(&config.database_url)? == Backend::Postgres {
        anyhow::bail!(PG_DUMP_HINT);
    }
    if file.exists() {
        anyhow::bail!(
            "{} exists already; rundbrief backup never overwrites a file",
            file.display()
        );
    }
    let store = SqliteStore::connect(&config.database_url).await?;
    let result = store.backup_into(file).await;
    store.close().await;
    match result {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => anyhow::bail!(
            "{} exists already; rundbrief backup never overwrites a file",
            file.display()
        ),
        Err(error) => return Err(error).context("backup failed"),
    }
    tracing::info!(path = %file.display(), "backup written");
    Ok(())
}
