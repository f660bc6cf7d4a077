//! The PostgreSQL backend, for larger lists and for several web and worker processes sharing
//! one database. PostgreSQL coordinates them: claims use `FOR UPDATE SKIP LOCKED`, so workers
//! take disjoint batches of deliveries without waiting on each other.

use std::str::FromStr;
use std::time::Duration;

use rundbrief_store::{StoreError, StoreResult, redact_url};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, Connection, PgPool};

type Db = sqlx::Postgres;
type StoreImpl = PgStore;
const BACKEND_NAME: &str = "postgres";

include!("../../store-sql-shared/claim_sql.rs");

// `FOR UPDATE SKIP LOCKED` after each part: concurrent workers skip the rows another claim has
// locked and take disjoint batches without waiting on each other.
// Each part names its status as a literal (why: claim_sql.rs); `$5` is bound but unused.
const CLAIM_SQL: &str =
    claim_sql!("status = 'pending'", "status = 'sending'", " FOR UPDATE SKIP LOCKED");
// A snapshot reads its issue with this lock, once, in the transaction that writes the rows: the
// ledger has no foreign keys (migration 0025), and the lock keeps the issue from being deleted
// while its deliveries are written, as the key's check did for every row. It also keeps a
// second snapshot of the issue waiting until the first has committed (`insert_snapshot` leaves
// out `ON CONFLICT` for the first), and does not block what only refers to the issue (the key
// checks of its variants and revisions).
const SNAPSHOT_ISSUE_SQL: &str = "SELECT id FROM issues WHERE id = $1 FOR NO KEY UPDATE";

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/postgres");

#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").finish_non_exhaustive()
    }
}

impl PgStore {
    /// Connects to and migrates the database at `url` (`postgres://USER[:PASS]@HOST[:PORT]/DB`).
    /// Concurrent processes may call this at the same time: sqlx serialises migrations with an
    /// advisory lock.
    pub async fn connect(url: &str, max_connections: u32) -> StoreResult<Self> {
        let options = PgConnectOptions::from_str(url).map_err(|e| {
            StoreError::Config(format!("invalid PostgreSQL URL {}: {e}", redact_url(url)))
        })?;
        Self::connect_with(options, max_connections).await
    }

    pub async fn connect_with(
        options: PgConnectOptions,
        max_connections: u32,
    ) -> StoreResult<Self> {
        let shown = format!(
            "postgres://{}@{}:{}/{}",
            options.get_username(),
            options.get_host(),
            options.get_port(),
            options.get_database().unwrap_or_default()
        );
        // One direct connection first: it fails at once with the real cause (refused, auth,
        // unknown database), where the pool would retry until its timeout and report only that.
        let probe = options.connect().await.map_err(|e| {
            StoreError::Config(format!("cannot connect to PostgreSQL at {shown}: {e}"))
        })?;
        let _ = probe.close().await;
        // While the server restarts, a request waits at most this long for a connection and
        // then answers 503, instead of hanging; under normal load a wait is milliseconds.
        let pool = PgPoolOptions::new()
            .max_connections(max_connections.max(2))
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await
            .map_err(|e| {
                StoreError::Config(format!("cannot connect to PostgreSQL at {shown}: {e}"))
            })?;
        MIGRATOR
            .run(&pool)
            .await
            .map_err(|e| StoreError::Config(format!("migrating PostgreSQL at {shown}: {e}")))?;
        tracing::info!(database = %shown, "PostgreSQL database ready");
        Ok(Self { pool })
    }

    fn reader(&self) -> &PgPool {
        &self.pool
    }

    fn writer(&self) -> &PgPool {
        &self.pool
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

mod shared {
    use super::{BACKEND_NAME, CLAIM_SQL, Db, SNAPSHOT_ISSUE_SQL, StoreImpl};
    include!("../../store-sql-shared/impls.rs");
    // What differs between the backends inside the shared code.
    include!("sent_marks.rs");
}
