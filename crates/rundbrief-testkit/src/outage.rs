//! What the outage tests share: a running `rundbrief serve` in the middle of a large campaign,
//! and the checks that it came through an outage of its storage (the PostgreSQL server
//! restarted or stopped, SQLite's disk full) whole.

use std::sync::Arc;
use std::time::{Duration, Instant};

use rundbrief_core::model::IssueStatus;
use rundbrief_core::{EmailAddress, IssueId};
use rundbrief_store::Store;

use crate::http::Response;
use crate::{SmtpServer, TestApp, TestDb, campaign};

/// Batches the job worker sends at once.
pub const WORKER_CONCURRENCY: usize = 2;
/// Connections to the SMTP server.
pub const SMTP_CONNECTIONS: usize = 4;
/// What one process can have accepted by the server and not yet marked when its storage goes
/// away: batches × (messages on the wire + as many waiting for their mark).
pub const IN_FLIGHT: usize = WORKER_CONCURRENCY * 2 * SMTP_CONNECTIONS;

/// The address of the `i`-th reader of the campaign.
pub fn reader(i: usize) -> String {
    format!("reader{i:05}@example.org")
}

/// `rundbrief serve` on its own database with a draft issue to `recipients` readers, mailing
/// through a loopback SMTP server that keeps only who got what.
pub struct Campaign {
    pub app: TestApp,
    pub smtp: SmtpServer,
    pub store: Arc<dyn Store>,
    pub rt: tokio::runtime::Runtime,
    pub issue: IssueId,
    recipients: usize,
    _db: TestDb,
}

impl Campaign {
    /// Seeds `db` with the readers and the issue and starts `bin` on it, sending at most
    /// `send_rate` messages a second (slow enough that the campaign is still running when the
    /// outage begins).
    pub fn start(bin: &str, db: TestDb, recipients: usize, send_rate: &str) -> Self {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let store = rt.block_on(campaign::open(&db));
        let addresses: Vec<String> = (0..recipients).map(reader).collect();
        let issue = rt.block_on(campaign::seed(&store, &addresses));
        let (app, smtp) = TestApp::spawn_with_smtp(
            bin,
            &db,
            &[
                ("RUNDBRIEF_SMTP_CONNECTIONS", &SMTP_CONNECTIONS.to_string()),
                ("RUNDBRIEF_WORKER_CONCURRENCY", &WORKER_CONCURRENCY.to_string()),
                ("RUNDBRIEF_SEND_BATCH_SIZE", "50"),
                ("RUNDBRIEF_SEND_RATE", send_rate),
                ("RUNDBRIEF_SEND_RETRY_SECONDS", "1"),
                ("RUNDBRIEF_RATE_LIMIT", "0"),
                // The default lease (10 minutes) stays: a batch that failed must hand its
                // claims back, not leave them to the lease.
            ],
        );
        smtp.discard_bodies();
        Self { app, smtp, store, rt, issue, recipients, _db: db }
    }

    /// `rundbrief issue send` for the campaign's issue.
    pub fn send(&self) {
        let out = self.app.command(&["issue", "send", &self.issue.0.to_string()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }

    /// Waits (at most 60 s) until the SMTP server has accepted `count` messages.
    pub fn wait_for_received(&self, count: usize) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while self.smtp.received_count() < count {
            assert!(Instant::now() < deadline, "campaign did not start:\n{}", self.app.log());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The issue's status, if the store can read it.
    pub fn status(&self) -> Option<IssueStatus> {
        self.rt.block_on(self.store.issue(self.issue)).ok().map(|i| i.status)
    }

    /// A Polish sign-up of `email` through the public form, the page asked for in Polish;
    /// panics if the process no longer listens.
    pub fn signup(&self, email: &str) -> Response {
        let addr = self.app.url.trim_start_matches("http://").to_owned();
        if std::net::TcpStream::connect(&addr).is_err() {
            panic!("the process is gone:\n{}", self.app.log());
        }
        let fields = [("email", email), ("language", "pl"), ("consent", "yes"), ("website", "")];
        self.app.post_form("/subscribe", &fields, &[("Accept-Language", "pl")])
    }

    /// After the outage ended (at `back`; `since` says how, e.g. "the database being back"):
    /// a new sign-up gets its mail within 30 s, the campaign finishes within 30 s, every
    /// recipient once, duplicates within [`IN_FLIGHT`]; the process is the one started by the
    /// test and nothing panicked. `label` names the outage in messages and the sign-up address.
    pub fn check_recovery(&self, back: Instant, label: &str, since: &str) {
        let email = format!("new-after-{label}@example.org");
        let deadline = back + Duration::from_secs(30);
        // The first request after the outage may still meet a broken pooled connection.
        let mut status = self.signup(&email).status;
        while status != 200 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(200));
            status = self.signup(&email).status;
        }
        assert_eq!(status, 200, "{label}: sign-up after {since}:\n{}", self.app.log());
        let left = deadline.saturating_duration_since(Instant::now());
        assert!(
            self.smtp.try_wait_for(&email, left).is_some(),
            "{label}: no confirmation mail within 30 s of {since}:\n{}",
            self.app.log()
        );
        while self.status() != Some(IssueStatus::Sent) {
            assert!(
                Instant::now() < deadline,
                "{label}: campaign not finished within 30 s of {since} ({} received, status \
                 {:?}):\n{}",
                self.smtp.received_count(),
                self.status(),
                self.app.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let counts = self.smtp.counts();
        let missing = (0..self.recipients).filter(|&i| !counts.contains_key(&reader(i))).count();
        let duplicates: usize = counts.values().map(|n| n - 1).sum();
        eprintln!(
            "{label}: {} recipients, {missing} missing, {duplicates} duplicates (bound \
             {IN_FLIGHT}), done within {:.1} s of {since}",
            self.recipients,
            back.elapsed().as_secs_f64()
        );
        assert_eq!(missing, 0, "{label}: recipients missing");
        assert!(duplicates <= IN_FLIGHT, "{label}: {duplicates} duplicates > {IN_FLIGHT}");
        let log = self.app.log();
        assert_eq!(self.app.get("/healthz", &[]).status, 200, "the process died:\n{log}");
        assert!(!log.contains("panicked"), "{label}:\n{log}");
    }

    /// A sign-up of `address` refused during the outage left no subscriber behind.
    pub fn assert_not_kept(&self, address: &str) {
        let email = EmailAddress::parse(address).unwrap();
        let found = self.rt.block_on(self.store.subscriber_by_email(&email));
        assert!(matches!(found, Ok(None)), "{address}: {found:?}");
    }
}
