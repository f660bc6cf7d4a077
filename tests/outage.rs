//! The database goes away under a running `rundbrief serve`: PostgreSQL is restarted, or
//! stopped for 20 seconds, in the middle of a campaign. The process must live through it, answer
//! 503 while the database is gone, and afterwards finish the campaign (every recipient once,
//! duplicates within the in-flight bound) and send the confirmation mail of a new sign-up.
//!
//! These tests restart the machine's PostgreSQL cluster with `pg_ctlcluster`, so they run only
//! where that works (root, as in `.ci/run`); elsewhere they print that they skipped and why, or
//! fail when `RUNDBRIEF_TEST_POSTGRES_REQUIRED=1`. They run one at a time: the cluster is shared.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rundbrief_testkit::TestDb;
use rundbrief_testkit::app::Backend;
use rundbrief_testkit::outage::Campaign;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const RECIPIENTS: usize = 5_000;
/// Slow enough that the campaign is still running when the database goes away.
const SEND_RATE: &str = "400";
/// Messages received when the database goes away: halfway, so some 6 s of the campaign are
/// left at [`SEND_RATE`] (which is the pace now that the test SMTP server answers without a
/// 40 ms delayed-ACK stall per message; at the old ~85 a second, 4/5 left about 12 s).
const OUTAGE_AT: usize = RECIPIENTS / 2;

/// The cluster is shared by every test of this binary.
static CLUSTER: Mutex<()> = Mutex::new(());

/// `pg_ctlcluster VERSION main ACTION`, or why it cannot be used here.
fn cluster(action: &str) -> Result<(), String> {
    let version = std::fs::read_dir("/etc/postgresql")
        .map_err(|e| format!("no /etc/postgresql: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .max()
        .ok_or("no cluster under /etc/postgresql")?;
    let out = Command::new("pg_ctlcluster")
        .args(["--skip-systemctl-redirect", &version, "main", action])
        .output()
        .map_err(|e| format!("cannot run pg_ctlcluster: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("pg_ctlcluster {action}: {}", String::from_utf8_lossy(&out.stderr)))
    }
}

/// Starts the cluster again when dropped, so a test that fails while PostgreSQL is stopped
/// does not leave every later test of the run without its database.
struct StartAgain;

impl Drop for StartAgain {
    fn drop(&mut self) {
        if !postgres_ready() {
            let _ = cluster("start");
        }
    }
}

fn postgres_ready() -> bool {
    Command::new("pg_isready")
        .args(["-h", "127.0.0.1", "-p", "5432", "-q"])
        .status()
        .is_ok_and(|s| s.success())
}

/// A PostgreSQL test database whose cluster this test may restart, or `None` (skipped).
fn restartable_db() -> Option<TestDb> {
    let required = std::env::var("RUNDBRIEF_TEST_POSTGRES_REQUIRED").is_ok_and(|v| v == "1");
    let usable = Command::new("pg_ctlcluster").arg("--help").output().is_ok()
        && std::fs::read_dir("/etc/postgresql").is_ok();
    if !usable {
        assert!(!required, "PostgreSQL is required, but pg_ctlcluster cannot restart it here");
        eprintln!("PostgreSQL outage tests SKIPPED: pg_ctlcluster or /etc/postgresql missing");
        return None;
    }
    TestDb::new(Backend::Postgres)
}

/// The campaign on a database whose cluster this test may restart, or `None` (skipped).
fn start() -> Option<Campaign> {
    Some(Campaign::start(BIN, restartable_db()?, RECIPIENTS, SEND_RATE))
}

#[test]
fn postgres_restart_during_a_campaign() {
    let _cluster = CLUSTER.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let Some(outage) = start() else { return };
    outage.send();
    outage.wait_for_received(OUTAGE_AT);
    let _start_again = StartAgain;
    cluster("restart").expect("restart PostgreSQL");
    while !postgres_ready() {
        std::thread::sleep(Duration::from_millis(50));
    }
    let back = Instant::now();
    outage.check_recovery(back, "restart", "the database being back");
}

#[test]
fn postgres_stopped_for_20_seconds_during_a_campaign() {
    let _cluster = CLUSTER.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let Some(outage) = start() else { return };
    let token = outage.app.api_token("outage");
    outage.send();
    outage.wait_for_received(OUTAGE_AT);
    let _start_again = StartAgain;
    cluster("stop").expect("stop PostgreSQL");
    let stopped = Instant::now();
    // Meanwhile: pages that need the database say so with 503, the API with a problem
    // document, /readyz is not ready, /healthz stays live; nothing hangs.
    std::thread::sleep(Duration::from_secs(2));
    let asked = Instant::now();
    let page = outage.app.post_form(
        "/subscribe",
        &[("email", "during@example.org"), ("language", "de"), ("consent", "yes"), ("website", "")],
        &[("Accept-Language", "pl")],
    );
    assert_eq!(page.status, 503, "{}", page.text());
    assert!(page.text().contains("lang=\"pl\""), "{}", page.text());
    let api = outage.app.api(&token, "GET", "/api/v1/subscribers", None);
    assert_eq!(api.status, 503, "{}", api.text());
    assert_eq!(api.header("content-type"), Some("application/problem+json"));
    let ready = outage.app.get("/readyz", &[]);
    assert_eq!(ready.status, 503, "{}", ready.text());
    assert_eq!(ready.json()["database"]["reachable"], false);
    assert_eq!(outage.app.get("/healthz", &[]).status, 200);
    assert!(asked.elapsed() < Duration::from_secs(15), "answers took {:?}", asked.elapsed());
    let rest = Duration::from_secs(20).saturating_sub(stopped.elapsed());
    std::thread::sleep(rest);
    cluster("start").expect("start PostgreSQL");
    while !postgres_ready() {
        std::thread::sleep(Duration::from_millis(50));
    }
    let back = Instant::now();
    outage.check_recovery(back, "stop-20s", "the database being back");
    // Said once when it went away and once when it came back, with how long.
    let log = outage.app.log();
    assert_eq!(log.matches("database unreachable;").count(), 1, "{log}");
    assert_eq!(log.matches("database reachable again").count(), 1, "{log}");
    assert!(log.contains("outage_seconds="), "{log}");
    let ready = outage.app.get("/readyz", &[]);
    assert_eq!(ready.status, 200, "{}", ready.text());
    // The sign-up refused during the outage left nothing behind.
    outage.assert_not_kept("during@example.org");
}
