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

// Due rows are the pending ones whose retry time has come and the leased ones whose lease ran
// out. Each kind is read on its own, in id order along `deliveries_claim` (issue_id, status,
// id), so a claim reads about LIMIT rows however long the ledger is; one query with an OR over
// both kinds made the planners read and sort every row of the issue on each claim.
// Each part repeats the condition of that partial index (migration 0003) word for word, since
// a planner only uses a partial index for a query that names its condition.
// The claim token ($7) records who holds the rows (migration 0005).
const CLAIM_SQL: &str = "UPDATE deliveries SET status = $6, lease_until = $4, claim = $7, \
     attempts = attempts + 1 WHERE id IN (SELECT id FROM (\
     SELECT id FROM (SELECT id FROM deliveries WHERE issue_id = $1 AND status = $5 \
     AND status IN ('pending', 'sending') \
     AND (next_attempt_at IS NULL OR next_attempt_at <= $3) ORDER BY id LIMIT $2 \
     FOR UPDATE SKIP LOCKED) AS due \
     UNION ALL \
     SELECT id FROM (SELECT id FROM deliveries WHERE issue_id = $1 AND status = $6 \
     AND status IN ('pending', 'sending') \
     AND lease_until <= $3 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED) AS expired) \
     AS claimable ORDER BY id LIMIT $2) \
     RETURNING id, issue_id, subscriber_id, variant_language AS language, status, attempts, last_error, message_id, \
     sent_at, next_attempt_at, lease_until";

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
    use super::{BACKEND_NAME, CLAIM_SQL, Db, StoreImpl};
    include!("../../store-sql-shared/store_impl.rs");
    include!("../../store-sql-shared/subscribers_impl.rs");
    include!("../../store-sql-shared/issues_impl.rs");
    include!("../../store-sql-shared/deliveries_impl.rs");
    include!("../../store-sql-shared/users_impl.rs");
    include!("../../store-sql-shared/claims_impl.rs");

    /// The sign-up outbox, with the helpers above in scope.
    mod outbox {
        use super::*;
        include!("../../store-sql-shared/outbox_impl.rs");
    }
}
