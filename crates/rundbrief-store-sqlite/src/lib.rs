//! The SQLite backend: the embedded default, so Rundbrief runs with nothing else installed.
//!
//! SQLite allows one writer at a time. Rather than let concurrent writers collide and retry on
//! `SQLITE_BUSY`, all writes go through a pool of exactly one connection, which queues them in
//! the process; reads use a separate pool and, thanks to WAL, never wait for the writer. The
//! single writer is also what makes claiming deliveries safe here: two claimers are serialised,
//! and the claim is one `UPDATE … RETURNING` statement.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use rundbrief_store::{StoreError, StoreResult};
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

mod writer;

type Db = sqlx::Sqlite;
type StoreImpl = SqliteStore;
const BACKEND_NAME: &str = "sqlite";

include!("../../store-sql-shared/claim_sql.rs");

// No locking clause: the single writer serialises claimers, so one `UPDATE … RETURNING` cannot
// take rows another claim is taking (SQLite has no `FOR UPDATE` either).
const CLAIM_SQL: &str = claim_sql!(
    "status = $5 AND status IN ('pending', 'sending')",
    "status = $6 AND status IN ('pending', 'sending')"
);
// A snapshot reads its issue first (PostgreSQL locks it, see its crate); SQLite's write
// transaction already keeps every other writer out.
const SNAPSHOT_ISSUE_SQL: &str = "SELECT id FROM issues WHERE id = $1";

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/sqlite");

#[derive(Clone)]
pub struct SqliteStore {
    writer: SqlitePool,
    reader: SqlitePool,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore").finish_non_exhaustive()
    }
}

impl SqliteStore {
    /// Opens (creating file and folder if needed) and migrates the database at `url`, which
    /// is `sqlite://PATH` or `sqlite:PATH`.
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| StoreError::Config(format!("invalid SQLite URL '{url}': {e}")))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // WAL with NORMAL is durable across application crashes; only a power loss can
            // lose the last transactions, which the delivery ledger tolerates.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let path = options.get_filename().to_owned();
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| {
                StoreError::Config(format!("cannot create folder {}: {e}", parent.display()))
            })?;
        }
        let open_error = |e: sqlx::Error| {
            StoreError::Config(format!("cannot open SQLite database {}: {e}", path.display()))
        };
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .after_release(writer::release)
            .connect_with(options.clone())
            .await
            .map_err(open_error)?;
        MIGRATOR.run(&writer).await.map_err(|e| {
            StoreError::Config(format!("migrating SQLite database {}: {e}", path.display()))
        })?;
        let reader = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.read_only(true))
            .await
            .map_err(open_error)?;
        tracing::info!(path = %path.display(), "SQLite database ready");
        Ok(Self { writer, reader })
    }

    fn reader(&self) -> &SqlitePool {
        &self.reader
    }

    /// Writes go through [`writer::Writer`], which reports a failed commit of a `RETURNING`
    /// statement instead of returning its row.
    fn writer(&self) -> writer::Writer<'_> {
        writer::Writer(&self.writer)
    }

    /// The connection pool that writes; the job queue shares it so that it, too, never
    /// competes with Rundbrief's own writes for SQLite's lock.
    pub fn write_pool(&self) -> &SqlitePool {
        &self.writer
    }

    /// Writes a consistent copy of the database to `path` with `VACUUM INTO`, while the
    /// service keeps running: the copy is one read transaction's snapshot (WAL lets writers go
    /// on meanwhile), so every transaction committed before it started is in it and none half.
    /// The copy is a complete database of its own (no `-wal` beside it) that `serve` opens as
    /// is. An existing file is never overwritten: that is `Conflict`.
    pub async fn backup_into(&self, path: &Path) -> StoreResult<()> {
        let target = path.to_str().ok_or_else(|| {
            StoreError::Invalid(format!("{} is not a UTF-8 path", path.display()))
        })?;
        // SQLite refuses a non-empty existing file too; checking first gives the clear
        // message, and SQLite's own check closes the race.
        if path.exists() {
            return Err(StoreError::Conflict(format!("{} exists already", path.display())));
        }
        // On the read pool: a read transaction is all VACUUM INTO needs, and it must not queue
        // behind (or hold up) this process's writer.
        sqlx::query("VACUUM INTO $1").bind(target).execute(&self.reader).await.map_err(|e| {
            StoreError::Config(format!("cannot write the backup to {}: {e}", path.display()))
        })?;
        Ok(())
    }

    pub async fn close(&self) {
        self.reader.close().await;
        self.writer.close().await;
    }
}

mod shared {
    use super::{BACKEND_NAME, CLAIM_SQL, Db, SNAPSHOT_ISSUE_SQL, StoreImpl};
    include!("../../store-sql-shared/impls.rs");
    // What differs between the backends inside the shared code.
    include!("sent_marks.rs");
}
