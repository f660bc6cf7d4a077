//! The worker identity of a process that delivers: `{hostname}/{role}/{slot}`, where the slot is
//! the lowest one no other live process of that machine and role holds. A process holds its
//! slot with an exclusive lock for as long as it lives, so the lock dies with the process (even
//! with `kill -9`) and the process started in its place takes the same identity over. Claims
//! record the identity (`claims`), so the new process can hand back at once what its earlier
//! incarnation held, instead of waiting for the lease.
//!
//! - SQLite: a file lock on `<database file>.worker-<hash>.lock`, next to the database, which
//!   all processes of the installation share anyway.
//! - PostgreSQL: a session advisory lock (`pg_try_advisory_lock(class, key)`) on a connection of
//!   its own, kept open and checked every few seconds. When that connection is lost (the server
//!   restarted), the lock is gone with it and is taken again once the server is back; if
//!   another process took it meanwhile, that is logged as an error: two processes then share
//!   an identity, and a restart of either hands back the other's claims (at most the messages
//!   in flight go out twice).
//!
//! `RUNDBRIEF_WORKER_ID` names the identity instead; a process whose identity another live
//! process holds does not start.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use sqlx::{Connection as _, PgConnection, PgPool};

use crate::error::{IdentityProblem, JobError};
use crate::queue::QueueDb;

/// Slots tried before giving up; far more processes of one role than one machine runs.
const MAX_SLOTS: u32 = 1024;
/// The class of Rundbrief's worker locks in PostgreSQL's two-key advisory lock space (which is
/// apart from the one-key space sqlx's migration lock uses): "RBWK".
const LOCK_CLASS: i32 = 0x5242_574B;
/// How often the PostgreSQL lock's connection is checked.
const LOCK_CHECK: Duration = Duration::from_secs(5);

/// The identity of this process, held until it is dropped.
#[derive(Debug)]
pub struct WorkerIdentity {
    name: String,
    hold: Hold,
}

#[derive(Debug)]
enum Hold {
    /// The locked file; closing it (or the process dying) releases the lock.
    File(#[allow(dead_code)] std::fs::File),
    /// The task that keeps the advisory lock's connection.
    Postgres(tokio::task::JoinHandle<()>),
    /// An in-memory database: nobody else can share it.
    Alone,
}

impl WorkerIdentity {
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for WorkerIdentity {
    fn drop(&mut self) {
        if let Hold::Postgres(task) = &self.hold {
            task.abort();
        }
    }
}

/// Takes the worker identity of a process of `role` (`serve`, `worker`) on `db`: `fixed` when
/// given (`RUNDBRIEF_WORKER_ID`), else the lowest free slot of this machine and role.
pub async fn acquire(
    db: &QueueDb,
    role: &str,
    fixed: Option<&str>,
) -> Result<WorkerIdentity, JobError> {
    let host = hostname();
    let candidates: Vec<String> = match fixed {
        Some(name) => vec![name.to_owned()],
        None => (0..MAX_SLOTS).map(|slot| format!("{host}/{role}/{slot}")).collect(),
    };
    for name in &candidates {
        rundbrief_store::check_worker(name)?;
    }
    match db {
        QueueDb::Sqlite(pool) => {
            let database = pool.connect_options().get_filename().to_owned();
            let in_memory = database.as_os_str().is_empty()
                || database.to_string_lossy().contains(":memory:")
                || !database.exists();
            if in_memory {
                let name = format!("{host}/{role}/pid-{}", std::process::id());
                return Ok(WorkerIdentity {
                    name: fixed.map_or(name, str::to_owned),
                    hold: Hold::Alone,
                });
            }
            for name in candidates {
                if let Some(file) = lock_file(&database, &name)? {
                    return Ok(WorkerIdentity { name, hold: Hold::File(file) });
                }
            }
        }
        QueueDb::Postgres(pool) => {
            let mut conn = lock_connection(pool).await?;
            for name in candidates {
                if try_advisory_lock(&mut conn, &name).await? {
                    let task = tokio::spawn(keep_advisory_lock(pool.clone(), conn, name.clone()));
                    return Ok(WorkerIdentity { name, hold: Hold::Postgres(task) });
                }
            }
        }
    }
    let name = match fixed {
        Some(name) => format!("'{name}' (RUNDBRIEF_WORKER_ID)"),
        None => format!("slots 0-{} of {host}/{role}", MAX_SLOTS - 1),
    };
    Err(JobError::Identity { name, reason: IdentityProblem::Taken })
}

/// The machine's name, without characters a worker identity must not contain.
fn hostname() -> String {
    let read = |path: &str| std::fs::read_to_string(path).ok();
    let name = read("/proc/sys/kernel/hostname")
        .or_else(|| read("/etc/hostname"))
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "localhost".to_owned());
    name.replace(rundbrief_store::CLAIM_SEPARATOR, "_")
}

/// FNV-1a, 64 bits: stable across builds and platforms, unlike std's hasher.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn lock_path(database: &Path, name: &str) -> PathBuf {
    let mut file = database.as_os_str().to_owned();
    file.push(format!(".worker-{:016x}.lock", fnv1a(name)));
    PathBuf::from(file)
}

/// The locked lock file of `name`, or `None` when another process holds it.
fn lock_file(database: &Path, name: &str) -> Result<Option<std::fs::File>, JobError> {
    let path = lock_path(database, name);
    let failed = |e: std::io::Error| JobError::Identity {
        name: format!("{name} (lock file {})", path.display()),
        reason: IdentityProblem::Io(e),
    };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(failed)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => return Ok(None),
        Err(std::fs::TryLockError::Error(e)) => return Err(failed(e)),
    }
    // For whoever looks at the folder; the lock, not the content, is what counts.
    file.set_len(0).map_err(failed)?;
    writeln!(file, "{name} (pid {})", std::process::id()).map_err(failed)?;
    Ok(Some(file))
}

fn lock_key(name: &str) -> i32 {
    // The low 32 bits; a collision only makes a process skip a free slot.
    (fnv1a(name) & 0xFFFF_FFFF) as u32 as i32
}

/// A connection of its own, out of the pool: the advisory lock lives as long as it does.
async fn lock_connection(pool: &PgPool) -> Result<PgConnection, JobError> {
    let conn = pool.acquire().await.map_err(|e| JobError::Identity {
        name: "lock connection".to_owned(),
        reason: IdentityProblem::Database(e),
    })?;
    Ok(conn.detach())
}

async fn try_advisory_lock(conn: &mut PgConnection, name: &str) -> Result<bool, JobError> {
    sqlx::query_scalar("SELECT pg_try_advisory_lock($1, $2)")
        .bind(LOCK_CLASS)
        .bind(lock_key(name))
        .fetch_one(conn)
        .await
        .map_err(|e| JobError::Identity {
            name: name.to_owned(),
            reason: IdentityProblem::Database(e),
        })
}

/// Keeps the lock's connection alive; takes the lock again on a new connection when the old
/// one is lost.
async fn keep_advisory_lock(pool: PgPool, mut conn: PgConnection, name: String) {
    loop {
        tokio::time::sleep(LOCK_CHECK).await;
        if conn.ping().await.is_ok() {
            continue;
        }
        tracing::warn!(worker_id = %name, "lost the connection holding the worker identity lock; taking it again");
        let mut reported = false;
        conn = loop {
            tokio::time::sleep(Duration::from_secs(1)).await;
            let Ok(mut fresh) = lock_connection(&pool).await else { continue };
            match try_advisory_lock(&mut fresh, &name).await {
                Ok(true) => {
                    tracing::info!(worker_id = %name, "worker identity lock held again");
                    break fresh;
                }
                Ok(false) if !reported => {
                    reported = true;
                    tracing::error!(worker_id = %name, "another process took this worker identity while the database was away; until it ends, a restart of either hands back the other's claims; trying again");
                }
                Ok(false) => tokio::time::sleep(LOCK_CHECK).await,
                Err(error) => {
                    tracing::debug!(worker_id = %name, %error, "cannot take the worker identity lock yet")
                }
            }
        };
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_slot_is_held_until_its_file_is_closed() {
        let dir = tempfile::tempdir().unwrap();
        let database = dir.path().join("rundbrief.db");
        std::fs::write(&database, b"").unwrap();
        let first = lock_file(&database, "h/worker/0").unwrap().unwrap();
        assert!(lock_file(&database, "h/worker/0").unwrap().is_none(), "held");
        assert!(lock_file(&database, "h/worker/1").unwrap().is_some(), "another slot");
        drop(first);
        assert!(lock_file(&database, "h/worker/0").unwrap().is_some(), "free again");
    }
}
