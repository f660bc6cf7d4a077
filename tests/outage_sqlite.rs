//! SQLite's disk fills up under a running `rundbrief serve`, in the middle of a campaign, and is
//! freed again a few seconds later. The process must live through it, answer 503 to whatever
//! needs to write, and afterwards finish the campaign (every recipient once, duplicates within
//! the in-flight bound) and send the confirmation mail of a new sign-up; the database file must
//! pass `PRAGMA integrity_check`.
//!
//! How the disk is filled: the data directory is a small tmpfs of its own (`mount -t tmpfs`,
//! so the test needs root or CAP_SYS_ADMIN, as in `.ci/run`; elsewhere it prints that it
//! skipped and why), and a filler file takes every free byte. Making the file system read-only
//! instead does not work under a running process: `mount -o remount,ro` refuses with EBUSY while
//! a file is open for writing, and neither `chmod` nor `chattr +i` affects a descriptor that is
//! already open. A full disk does, but only for writes that need new space: SQLite overwrites
//! its write-ahead log from the start after each checkpoint, and those writes still succeed. So
//! the test first truncates the log (`PRAGMA wal_checkpoint(TRUNCATE)`); from then on every
//! commit has to extend the log, and with the disk full it fails with SQLITE_FULL.
//!
//! Two things did not hold at first (see `rundbrief_store_sqlite::writer`): a sign-up during
//! the outage was answered "check your inbox" although its row was rolled back (sqlx ignores the
//! failed commit of an `INSERT … RETURNING` read with `fetch_one`), and after the first failed
//! commit the write connection stayed inside a transaction sqlx had lost track of, so every
//! later write "succeeded" without reaching the disk and the campaign sent on regardless.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;
use std::time::{Duration, Instant};

use rundbrief_core::model::IssueStatus;
use rundbrief_testkit::TestDb;
use rundbrief_testkit::outage::{Campaign, IN_FLIGHT};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const RECIPIENTS: usize = 3_000;
/// Slow enough that the campaign is still running when the disk fills up.
const SEND_RATE: &str = "300";
/// Messages received when the test starts to fill the disk: a third, so some 6 s of the
/// campaign are left at [`SEND_RATE`] for truncating the log and filling the disk (the pace
/// now that the test SMTP server answers without a 40 ms delayed-ACK stall per message; at
/// the old ~85 a second, 3/5 left about 14 s).
const FULL_AT: usize = RECIPIENTS / 3;
/// Room for the database (a few MB with 3 000 readers and their ledger), its log and index.
const TMPFS_SIZE: &str = "size=48m";
/// How long the disk stays full.
const FULL_FOR: Duration = Duration::from_secs(6);

/// A tmpfs mounted for this test, unmounted when dropped (lazily if something still holds a
/// file open on it), so a failing test leaves no mount behind.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount() -> Result<Self, String> {
        let dir = tempfile::tempdir().map_err(|e| format!("tempdir: {e}"))?;
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", TMPFS_SIZE, "tmpfs"])
            .arg(dir.path())
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if out.status.success() {
            Ok(Self { dir })
        } else {
            Err(format!(
                "mount -t tmpfs failed (needs root or CAP_SYS_ADMIN): {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ))
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let unmounted = Command::new("umount").arg(self.path()).status().is_ok_and(|s| s.success());
        if !unmounted {
            let _ = Command::new("umount").arg("-l").arg(self.path()).status();
        }
    }
}

/// A file that takes every free byte of its file system, removed when dropped.
struct Filler {
    path: PathBuf,
}

impl Filler {
    fn fill(dir: &Path) -> Self {
        let path = dir.join("filler");
        let mut file = std::fs::File::create(&path).expect("create the filler");
        // Large writes until the first refusal, then ever smaller ones for what is left.
        for size in [1 << 20, 1 << 16, 1 << 12, 1 << 9, 1] {
            let chunk = vec![0u8; size];
            while file.write_all(&chunk).is_ok() {}
        }
        let _ = file.sync_all();
        Self { path }
    }
}

impl Drop for Filler {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The campaign on a SQLite database on `tmpfs`, and the path of its file.
struct DiskFull {
    campaign: Campaign,
    db_path: PathBuf,
}

impl DiskFull {
    fn start(tmpfs: &Tmpfs) -> Self {
        let mut db = TestDb::sqlite();
        let db_path = tmpfs.path().join("data").join("rundbrief.db");
        db.url = format!("sqlite://{}", db_path.display());
        Self { campaign: Campaign::start(BIN, db, RECIPIENTS, SEND_RATE), db_path }
    }

    /// One connection of the test's own to the database file.
    async fn connection(&self) -> sqlx::SqliteConnection {
        SqliteConnectOptions::from_str(&format!("sqlite://{}", self.db_path.display()))
            .unwrap()
            .busy_timeout(Duration::from_secs(10))
            .connect()
            .await
            .expect("open the database file")
    }

    /// Empties the write-ahead log to zero bytes, so that every later commit must grow it.
    fn truncate_wal(&self) {
        self.campaign.rt.block_on(async {
            let mut conn = self.connection().await;
            let deadline = Instant::now() + Duration::from_secs(20);
            loop {
                let (busy, _, _): (i64, i64, i64) =
                    sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                        .fetch_one(&mut conn)
                        .await
                        .expect("wal_checkpoint");
                if busy == 0 {
                    break;
                }
                assert!(Instant::now() < deadline, "the log could not be truncated");
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            conn.close().await.unwrap();
        });
    }

    fn integrity_check(&self) -> String {
        self.campaign.rt.block_on(async {
            let mut conn = self.connection().await;
            let rows: Vec<(String,)> =
                sqlx::query_as("PRAGMA integrity_check").fetch_all(&mut conn).await.unwrap();
            conn.close().await.unwrap();
            rows.into_iter().map(|(r,)| r).collect::<Vec<_>>().join("\n")
        })
    }
}

#[test]
fn sqlite_disk_full_during_a_campaign() {
    let tmpfs = match Tmpfs::mount() {
        Ok(tmpfs) => tmpfs,
        Err(reason) => {
            eprintln!("SQLite outage test SKIPPED: {reason}");
            return;
        }
    };
    let disk = DiskFull::start(&tmpfs);
    let t = &disk.campaign;
    let token = t.app.api_token("outage");
    t.send();
    t.wait_for_received(FULL_AT);

    disk.truncate_wal();
    let filler = Filler::fill(tmpfs.path());
    let full = Instant::now();
    let sent_when_full = t.smtp.received_count();

    // A sign-up needs to write: 503 with the localised page, not 500, nothing hangs.
    let asked = Instant::now();
    let page = t.signup("during@example.org");
    assert_eq!(page.status, 503, "{}\n{}", page.text(), t.app.log());
    assert!(page.text().contains("lang=\"pl\""), "{}", page.text());
    assert!(page.header("retry-after").is_some(), "no Retry-After");
    // So does the API, with a problem document.
    let body = serde_json::json!({
        "email": "api-during@example.org",
        "language": "de",
        "consent": "obtained_elsewhere",
    });
    let api = t.app.api(&token, "POST", "/api/v1/subscribers", Some(&body));
    assert_eq!(api.status, 503, "{}", api.text());
    assert_eq!(api.header("content-type"), Some("application/problem+json"));
    // Every API call records its token's use, a write, so a read answers 503 too.
    let list = t.app.api(&token, "GET", "/api/v1/subscribers", None);
    assert_eq!(list.status, 503, "{}", list.text());
    assert_eq!(list.header("content-type"), Some("application/problem+json"));
    // Pages that only read still work: the database is there, only full.
    let form = t.app.get("/subscribe?lang=pl", &[]);
    assert_eq!(form.status, 200, "{}", form.text());
    assert!(asked.elapsed() < Duration::from_secs(15), "answers took {:?}", asked.elapsed());
    // /readyz answers at once; the database answers reads, so it counts as reachable.
    let ready = t.app.get("/readyz", &[]);
    assert!(matches!(ready.status, 200 | 503), "{}", ready.text());
    assert_eq!(ready.json()["database"]["reachable"], true, "{}", ready.text());
    eprintln!("while the disk is full, /readyz: {} {}", ready.status, ready.text());
    assert_eq!(t.app.get("/healthz", &[]).status, 200);

    // Meanwhile /readyz keeps answering; whether it says "not ready" depends on whether a job
    // worker is between restarts at that moment (the database itself answers reads).
    let mut not_ready = 0;
    while full.elapsed() < FULL_FOR {
        let asked = Instant::now();
        let ready = t.app.get("/readyz", &[]);
        assert!(matches!(ready.status, 200 | 503), "{}", ready.text());
        assert!(asked.elapsed() < Duration::from_secs(3), "/readyz took {:?}", asked.elapsed());
        not_ready += usize::from(ready.status == 503);
        std::thread::sleep(Duration::from_millis(250));
    }
    eprintln!("while the disk was full, /readyz answered 503 {not_ready} times");
    let sent_while_full = t.smtp.received_count() - sent_when_full;
    assert!(
        sent_while_full <= IN_FLIGHT,
        "{sent_while_full} messages went out while nothing could be recorded:\n{}",
        t.app.log()
    );
    assert_ne!(t.status(), Some(IssueStatus::Sent), "the campaign ended while the disk was full");
    drop(filler);
    let back = Instant::now();

    // Recovery: a new sign-up gets its mail, the campaign finishes, each reader once.
    eprintln!("disk full: {sent_while_full} sent while full");
    t.check_recovery(back, "disk-full", "the disk being freed");
    assert_eq!(t.smtp.count_for("during@example.org"), 0);

    let log = t.app.log();
    // The log says what went wrong in SQLite's words.
    assert!(log.contains("database or disk is full"), "{log}");
    // Nothing refused during the outage was kept.
    for address in ["during@example.org", "api-during@example.org"] {
        t.assert_not_kept(address);
    }
    let ready = t.app.get("/readyz", &[]);
    assert_eq!(ready.status, 200, "{}", ready.text());
    assert_eq!(disk.integrity_check(), "ok");
}
