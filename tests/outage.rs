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
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rundbrief_core::IssueId;
use rundbrief_core::model::IssueStatus;
use rundbrief_store::Store;
use rundbrief_testkit::app::Backend;
use rundbrief_testkit::{SmtpServer, TestApp, TestDb, campaign};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const RECIPIENTS: usize = 5_000;
const WORKER_CONCURRENCY: usize = 2;
const SMTP_CONNECTIONS: usize = 4;
/// What one process can have accepted by the server and not yet marked when the database goes
/// away: batches × (messages on the wire + as many waiting for their mark).
const IN_FLIGHT: usize = WORKER_CONCURRENCY * 2 * SMTP_CONNECTIONS;
/// Slow enough that the campaign is still running when the database goes away.
const SEND_RATE: &str = "400";

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

struct Outage {
    app: TestApp,
    smtp: SmtpServer,
    store: Arc<dyn Store>,
    rt: tokio::runtime::Runtime,
    issue: IssueId,
    _db: TestDb,
}

impl Outage {
    fn start() -> Option<Self> {
        let db = restartable_db()?;
        let rt = tokio::runtime::Runtime::new().unwrap();
        let store = rt.block_on(campaign::open(&db));
        let addresses: Vec<String> =
            (0..RECIPIENTS).map(|i| format!("reader{i:05}@example.org")).collect();
        let issue = rt.block_on(campaign::seed(&store, &addresses));
        let (app, smtp) = TestApp::spawn_with_smtp(
            BIN,
            &db,
            &[
                ("RUNDBRIEF_SMTP_CONNECTIONS", &SMTP_CONNECTIONS.to_string()),
                ("RUNDBRIEF_WORKER_CONCURRENCY", &WORKER_CONCURRENCY.to_string()),
                ("RUNDBRIEF_SEND_BATCH_SIZE", "50"),
                ("RUNDBRIEF_SEND_RATE", SEND_RATE),
                ("RUNDBRIEF_SEND_RETRY_SECONDS", "1"),
                ("RUNDBRIEF_RATE_LIMIT", "0"),
                // The default lease (10 minutes) stays: a batch that failed must hand its
                // claims back, not leave them to the lease.
            ],
        );
        smtp.discard_bodies();
        Some(Self { app, smtp, store, rt, issue, _db: db })
    }

    fn send(&self) {
        let out = self.app.command(&["issue", "send", &self.issue.0.to_string()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }

    fn wait_for_received(&self, count: usize) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while self.smtp.received_count() < count {
            assert!(Instant::now() < deadline, "campaign did not start:\n{}", self.app.log());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn status(&self) -> Option<IssueStatus> {
        self.rt.block_on(self.store.issue(self.issue)).ok().map(|i| i.status)
    }

    fn signup(&self, email: &str) -> u16 {
        let addr = self.app.url.trim_start_matches("http://").to_owned();
        if std::net::TcpStream::connect(&addr).is_err() {
            panic!("the process is gone:\n{}", self.app.log());
        }
        let fields = [
            ("email", email),
            ("language", "pl"),
            ("consent", "yes"),
            ("lang", "pl"),
            ("website", ""),
        ];
        self.app.post_form("/subscribe", &fields, &[]).status
    }

    /// The process is still the one started by the test.
    fn assert_alive(&self) {
        let ready = self.app.get("/healthz", &[]);
        assert_eq!(ready.status, 200, "the process died:\n{}", self.app.log());
    }

    /// After the database is back (at `back`): a new sign-up gets its mail within 30 s, the
    /// campaign finishes within 30 s, every recipient once, duplicates within the bound.
    fn check_recovery(&self, back: Instant, label: &str) {
        let email = format!("new-after-{label}@example.org");
        let deadline = back + Duration::from_secs(30);
        // The first request after the restart may still meet a broken pooled connection.
        let mut status = self.signup(&email);
        while status != 200 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(200));
            status = self.signup(&email);
        }
        assert_eq!(status, 200, "sign-up after the database came back:\n{}", self.app.log());
        let left = deadline.saturating_duration_since(Instant::now());
        assert!(
            self.smtp.try_wait_for(&email, left).is_some(),
            "{label}: no confirmation mail within 30 s of the database being back:\n{}",
            self.app.log()
        );
        while self.status() != Some(IssueStatus::Sent) {
            assert!(
                Instant::now() < deadline,
                "{label}: campaign not finished within 30 s of the database being back \
                 ({} received, status {:?}):\n{}",
                self.smtp.received_count(),
                self.status(),
                self.app.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let counts = self.smtp.counts();
        let missing = (0..RECIPIENTS)
            .filter(|i| !counts.contains_key(&format!("reader{i:05}@example.org")))
            .count();
        let duplicates: usize = counts.values().map(|n| n - 1).sum();
        eprintln!(
            "{label}: {RECIPIENTS} recipients, {missing} missing, {duplicates} duplicates (bound {IN_FLIGHT}), done {:.1} s after the database came back",
            back.elapsed().as_secs_f64()
        );
        assert_eq!(missing, 0, "{label}: recipients missing");
        assert!(duplicates <= IN_FLIGHT, "{label}: {duplicates} duplicates > {IN_FLIGHT}");
        self.assert_alive();
        assert!(!self.app.log().contains("panicked"), "{label}:\n{}", self.app.log());
    }
}

#[test]
fn postgres_restart_during_a_campaign() {
    let _cluster = CLUSTER.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let Some(outage) = Outage::start() else { return };
    outage.send();
    outage.wait_for_received(RECIPIENTS * 4 / 5);
    let _start_again = StartAgain;
    cluster("restart").expect("restart PostgreSQL");
    while !postgres_ready() {
        std::thread::sleep(Duration::from_millis(50));
    }
    let back = Instant::now();
    outage.check_recovery(back, "restart");
}

#[test]
fn postgres_stopped_for_20_seconds_during_a_campaign() {
    let _cluster = CLUSTER.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let Some(outage) = Outage::start() else { return };
    let token = outage.app.api_token("outage");
    outage.send();
    outage.wait_for_received(RECIPIENTS * 4 / 5);
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
    outage.check_recovery(back, "stop-20s");
    // Said once when it went away and once when it came back, with how long.
    let log = outage.app.log();
    assert_eq!(log.matches("database unreachable;").count(), 1, "{log}");
    assert_eq!(log.matches("database reachable again").count(), 1, "{log}");
    assert!(log.contains("outage_seconds="), "{log}");
    let ready = outage.app.get("/readyz", &[]);
    assert_eq!(ready.status, 200, "{}", ready.text());
    // The sign-up refused during the outage left nothing behind.
    let during =
        outage.rt.block_on(outage.store.subscriber_by_email(
            &rundbrief_core::EmailAddress::parse("during@example.org").unwrap(),
        ));
    assert!(matches!(during, Ok(None)), "{during:?}");
}
