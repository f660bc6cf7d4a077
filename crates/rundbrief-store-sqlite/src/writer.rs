//! The write pool behind an executor that runs every statement to its end.
//!
//! sqlx's `fetch_one` and `fetch_optional` on SQLite stop stepping a statement after its first
//! row and reset it without looking at what the reset reports (sqlx issue #2099). Outside a
//! transaction, SQLite commits an `INSERT … RETURNING` or `UPDATE … RETURNING` only when the
//! statement ends; if that commit fails (SQLITE_FULL on a full disk, SQLITE_IOERR, SQLITE_BUSY)
//! SQLite rolls the change back, and sqlx still hands the caller the returned row, as if the
//! write had happened. A sign-up would be answered "check your inbox" and be gone.
//!
//! Through [`Writer`], `fetch_optional` (and so `fetch_one`) steps the statement to its end
//! like `fetch_all` does, so the commit's error is the call's error. Everything else is the
//! pool's own behaviour.

use futures::TryStreamExt as _;
use futures::future::BoxFuture;
use futures::stream::BoxStream;
use sqlx::{Database, Either, Execute, Executor, SqlStr, Sqlite, SqlitePool};

type Row = <Sqlite as Database>::Row;
type QueryResult = <Sqlite as Database>::QueryResult;

/// The single write connection's pool, as an executor whose writes report their commit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Writer<'p>(pub(crate) &'p SqlitePool);

impl Writer<'_> {
    /// A transaction on the write connection; its `COMMIT` reports its own errors. It takes
    /// SQLite's write lock at `BEGIN` (`IMMEDIATE`): a deferred transaction that reads first
    /// and then writes fails at once with `SQLITE_BUSY`, without the busy timeout, when another
    /// process (a `worker`, a CLI command) wrote in between; waiting for the lock up front is
    /// what the busy timeout covers.
    pub(crate) async fn begin(self) -> Result<sqlx::Transaction<'static, Sqlite>, sqlx::Error> {
        self.0.begin_with("BEGIN IMMEDIATE").await
    }
}

impl<'p> Executor<'p> for Writer<'p> {
    type Database = Sqlite;

    fn fetch_many<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxStream<'e, Result<Either<QueryResult, Row>, sqlx::Error>>
    where
        'p: 'e,
        E: 'q + Execute<'q, Sqlite>,
    {
        self.0.fetch_many(query)
    }

    fn fetch_optional<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxFuture<'e, Result<Option<Row>, sqlx::Error>>
    where
        'p: 'e,
        E: 'q + Execute<'q, Sqlite>,
    {
        let mut steps = self.0.fetch_many(query);
        Box::pin(async move {
            let mut first = None;
            // To the end: the last step is where an autocommit write commits, or fails to.
            while let Some(step) = steps.try_next().await? {
                if let Either::Right(row) = step {
                    first.get_or_insert(row);
                }
            }
            Ok(first)
        })
    }

    fn prepare_with<'e>(
        self,
        sql: SqlStr,
        parameters: &'e [<Sqlite as Database>::TypeInfo],
    ) -> BoxFuture<'e, Result<<Sqlite as Database>::Statement, sqlx::Error>>
    where
        'p: 'e,
    {
        self.0.prepare_with(sql, parameters)
    }

    fn describe<'e>(self, sql: SqlStr) -> BoxFuture<'e, Result<sqlx::Describe<Sqlite>, sqlx::Error>>
    where
        'p: 'e,
    {
        self.0.describe(sql)
    }
}

/// Whether the write connection may go back to the pool (the pool's `after_release` hook).
///
/// When a commit fails with SQLITE_FULL or SQLITE_IOERR, SQLite rolls the transaction back by
/// itself; sqlx still counts it as open, its own `ROLLBACK` then fails ("no transaction is
/// active"), and the count stays at one. The next `begin` would then issue a `SAVEPOINT` instead
/// of `BEGIN`, and a rolled-back savepoint leaves SQLite inside a transaction that never ends:
/// every later write of the process would succeed in memory and never reach the disk. A
/// connection that is still in a transaction when it comes back is therefore closed, and the
/// pool opens a fresh one.
pub(crate) fn release(
    conn: &mut sqlx::SqliteConnection,
    _: sqlx::pool::PoolConnectionMetadata,
) -> BoxFuture<'_, Result<bool, sqlx::Error>> {
    use sqlx::Connection as _;
    Box::pin(async move {
        if !conn.is_in_transaction() {
            return Ok(true);
        }
        // A dropped transaction queues its rollback; the ping waits until it has run.
        conn.ping().await?;
        if conn.is_in_transaction() {
            tracing::warn!(
                "the SQLite write connection lost track of a failed transaction; opening a new one"
            );
            return Ok(false);
        }
        Ok(true)
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::str::FromStr;

    use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

    use super::Writer;

    /// A write whose commit fails: a deferred foreign key is checked when an autocommit
    /// statement ends, which is after its `RETURNING` row was produced.
    const FAILING_INSERT: &str = "INSERT INTO child (parent) VALUES (42) RETURNING id";

    async fn pool() -> (sqlx::SqlitePool, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let options = SqliteConnectOptions::from_str(&url)
            .unwrap()
            .create_if_missing(true)
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new().max_connections(1).connect_with(options).await.unwrap();
        sqlx::raw_sql(
            "CREATE TABLE parent (id INTEGER PRIMARY KEY); \
             CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER \
             REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);",
        )
        .execute(&pool)
        .await
        .unwrap();
        (pool, dir)
    }

    async fn children(pool: &sqlx::SqlitePool) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM child").fetch_one(pool).await.unwrap()
    }

    #[tokio::test]
    async fn the_pool_itself_returns_the_row_of_a_write_that_failed_to_commit() {
        // What `Writer` is for: if this starts failing, sqlx reports the commit by itself now.
        let (pool, _dir) = pool().await;
        let row: Result<i64, _> = sqlx::query_scalar(FAILING_INSERT).fetch_one(&pool).await;
        assert!(row.is_ok(), "{row:?}");
        assert_eq!(children(&pool).await, 0);
    }

    #[tokio::test]
    async fn a_write_that_fails_to_commit_is_an_error_through_the_writer() {
        let (pool, _dir) = pool().await;
        let one: Result<i64, _> = sqlx::query_scalar(FAILING_INSERT).fetch_one(Writer(&pool)).await;
        assert!(one.is_err(), "{one:?}");
        let optional: Result<Option<i64>, _> =
            sqlx::query_scalar(FAILING_INSERT).fetch_optional(Writer(&pool)).await;
        assert!(optional.is_err(), "{optional:?}");
        assert_eq!(children(&pool).await, 0);
        // A write that commits still returns its row.
        sqlx::query("INSERT INTO parent (id) VALUES (42)").execute(Writer(&pool)).await.unwrap();
        let id: i64 = sqlx::query_scalar(FAILING_INSERT).fetch_one(Writer(&pool)).await.unwrap();
        assert_eq!(id, 1);
        assert_eq!(children(&pool).await, 1);
    }
}
