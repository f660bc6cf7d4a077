//! The sending engine end to end: real `rundbrief worker` processes on a fresh database,
//! sending over SMTP to the loopback test server, killed with SIGKILL in the middle of a
//! campaign, run two at a time, and fed failing SMTP answers. Each test runs on SQLite and on
//! PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::Rng as _;
use rundbrief_core::model::{DeliveryStatus, IssueStatus};
use rundbrief_core::{EmailAddress, IssueId, SubscriberStatus};
use rundbrief_store::Store;
use rundbrief_testkit::app::Backend;
use rundbrief_testkit::{SmtpServer, TestDb, TestProcess, campaign, process};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
/// Batches in flight per worker process × messages in flight per batch (those on the wire and
/// as many accepted while their marks commit): the most a SIGKILL can catch accepted by the
/// server but not yet marked in the ledger.
const WORKER_CONCURRENCY: usize = 2;
const SMTP_CONNECTIONS: usize = 4;
const IN_FLIGHT_PER_WORKER: usize = WORKER_CONCURRENCY * 2 * SMTP_CONNECTIONS;

struct Campaign {
    rt: tokio::runtime::Runtime,
    db: TestDb,
    dir: tempfile::TempDir,
    store: Arc<dyn Store>,
    server: SmtpServer,
    env: Vec<(String, String)>,
    issue: IssueId,
    addresses: Vec<String>,
}

fn address(i: usize) -> String {
    format!("reader{i:05}@example.org")
}

impl Campaign {
    /// A migrated database with `recipients` active subscribers (German, Polish and French
    /// readers) and a draft issue with ready German and Polish variants.
    fn new(backend: Backend, recipients: usize, extra_env: &[(&str, &str)]) -> Option<Self> {
        let db = TestDb::new(backend)?;
        let server = SmtpServer::start();
        server.discard_bodies();
        let dir = tempfile::tempdir().unwrap();
        let mut env: Vec<(String, String)> = vec![
            ("RUNDBRIEF_SMTP_URL".into(), server.url()),
            ("RUNDBRIEF_SMTP_CONNECTIONS".into(), SMTP_CONNECTIONS.to_string()),
            ("RUNDBRIEF_WORKER_CONCURRENCY".into(), WORKER_CONCURRENCY.to_string()),
            ("RUNDBRIEF_SEND_BATCH_SIZE".into(), "50".into()),
            ("RUNDBRIEF_SEND_LEASE_SECONDS".into(), "3".into()),
            ("RUNDBRIEF_SEND_RETRY_SECONDS".into(), "1".into()),
            ("RUNDBRIEF_PUBLIC_URL".into(), "https://news.example.org".into()),
        ];
        for (k, v) in extra_env {
            env.retain(|(key, _)| key != k);
            env.push(((*k).into(), (*v).into()));
        }
        let migrated = process::run(BIN, &db, dir.path(), &borrow(&env), &["migrate"]);
        assert!(migrated.status.success(), "{}", String::from_utf8_lossy(&migrated.stderr));

        let rt = tokio::runtime::Runtime::new().unwrap();
        let store = rt.block_on(campaign::open(&db));
        let addresses: Vec<String> = (0..recipients).map(address).collect();
        let issue = rt.block_on(campaign::seed(&store, &addresses));
        Some(Self { rt, db, dir, store, server, env, issue, addresses })
    }

    fn env(&self) -> Vec<(&str, &str)> {
        borrow(&self.env)
    }

    /// Runs `rundbrief ARGS` to completion on the campaign's database and settings.
    fn run(&self, args: &[&str]) -> std::process::Output {
        process::run(BIN, &self.db, self.dir.path(), &self.env(), args)
    }

    /// Starts `rundbrief ARGS` on the campaign's database and settings, once it logs `ready`.
    fn spawn(&self, args: &[&str], ready: &str) -> TestProcess {
        TestProcess::spawn(BIN, &self.db, self.dir.path(), &self.env(), args, ready)
    }

    fn send(&self) {
        let id = self.issue.0.to_string();
        let out = self.run(&["issue", "send", &id]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(said.contains(&format!("to {} recipients", self.addresses.len())), "{said}");
    }

    fn worker(&self) -> TestProcess {
        self.spawn(&["worker"], "workers started")
    }

    fn status(&self) -> IssueStatus {
        self.rt.block_on(self.store.issue(self.issue)).unwrap().status
    }

    fn wait_for_status(&self, wanted: IssueStatus, timeout: Duration, workers: &[&TestProcess]) {
        let deadline = Instant::now() + timeout;
        while self.status() != wanted {
            if Instant::now() > deadline {
                let logs: Vec<String> = workers.iter().map(|w| w.log()).collect();
                panic!(
                    "issue not {wanted} after {timeout:?} (is {}; {} received)\n{}",
                    self.status(),
                    self.server.received_count(),
                    logs.join("\n----\n")
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Deliveries per status, over all languages.
    fn ledger(&self) -> Vec<(DeliveryStatus, i64)> {
        let counts = self.rt.block_on(self.store.delivery_counts(self.issue)).unwrap();
        let mut totals: Vec<(DeliveryStatus, i64)> = Vec::new();
        for count in counts {
            match totals.iter_mut().find(|(s, _)| *s == count.status) {
                Some((_, n)) => *n += count.count,
                None => totals.push((count.status, count.count)),
            }
        }
        totals
    }

    /// Messages the server accepted beyond the first per recipient.
    fn duplicates(&self) -> usize {
        self.server.counts().values().map(|n| n - 1).sum()
    }
}

fn borrow(env: &[(String, String)]) -> Vec<(&str, &str)> {
    env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

fn crash_test(backend: Backend) {
    const RECIPIENTS: usize = 5_000;
    const KILLS: usize = 3;
    let Some(campaign) = Campaign::new(backend, RECIPIENTS, &[]) else { return };
    campaign.send();
    let mut rng = rand::rng();
    let mut report = Vec::new();
    for kill in 1..=KILLS {
        let mut worker = campaign.worker();
        // Somewhere in the middle of the campaign: after a random number of further mails.
        let start = campaign.server.received_count();
        let target = start + rng.random_range(150..=RECIPIENTS / (KILLS + 1));
        let deadline = Instant::now() + Duration::from_secs(120);
        while campaign.server.received_count() < target {
            assert!(Instant::now() < deadline, "no progress before kill {kill}:\n{}", worker.log());
            std::thread::sleep(Duration::from_millis(rng.random_range(1..=20)));
        }
        worker.kill();
        report.push((kill, campaign.server.received_count(), campaign.duplicates()));
        assert_eq!(campaign.status(), IssueStatus::Sending, "killed after the campaign ended");
    }
    let last = campaign.worker();
    campaign.wait_for_status(IssueStatus::Sent, Duration::from_secs(180), &[&last]);

    // Exactly one `sent` row per recipient, nothing else in the ledger.
    assert_eq!(campaign.ledger(), vec![(DeliveryStatus::Sent, RECIPIENTS as i64)]);
    let counts = campaign.server.counts();
    let missing: Vec<&String> =
        campaign.addresses.iter().filter(|a| !counts.contains_key(*a)).collect();
    assert!(missing.is_empty(), "never received: {} (e.g. {:?})", missing.len(), missing.first());
    let duplicates = campaign.duplicates();
    for (kill, received, duplicates_so_far) in &report {
        eprintln!(
            "crash test ({backend:?}): kill {kill} after {received} messages received, {duplicates_so_far} duplicates so far"
        );
    }
    eprintln!(
        "crash test ({backend:?}): {RECIPIENTS} recipients, {KILLS} SIGKILLs, {duplicates} duplicates in all (bound {})",
        KILLS * IN_FLIGHT_PER_WORKER
    );
    assert!(
        duplicates <= KILLS * IN_FLIGHT_PER_WORKER,
        "{duplicates} duplicates, more than the {IN_FLIGHT_PER_WORKER} messages in flight at each of {KILLS} kills"
    );
}

/// Issue 16, "a restart resumes at once": `rundbrief serve` killed with SIGKILL mid-campaign,
/// with the default lease (30 s), and started again. The new process takes over the worker
/// identity of the dead one (same machine, same role), hands back what it held, and sends on
/// at once: the next message within 5 s of the restart, and so the rows the dead process had
/// claimed, instead of after their lease.
fn a_restarted_process_resumes_at_once(backend: Backend) {
    const RECIPIENTS: usize = 3_000;
    const BAR: Duration = Duration::from_secs(5);
    let Some(mut campaign) = Campaign::new(backend, RECIPIENTS, &[]) else { return };
    campaign.env.retain(|(key, _)| key != "RUNDBRIEF_SEND_LEASE_SECONDS");
    let serve = |campaign: &Campaign| campaign.spawn(&["serve"], "workers started");
    campaign.send();
    let mut first = serve(&campaign);
    assert!(first.log().contains("worker identity taken"), "{}", first.log());
    let deadline = Instant::now() + Duration::from_secs(120);
    while campaign.server.received_count() < RECIPIENTS / 3 {
        assert!(Instant::now() < deadline, "no progress:\n{}", first.log());
        std::thread::sleep(Duration::from_millis(5));
    }
    // The kill must find claims held. Catching it halfway through a batch by the count alone
    // missed when a batch of 50 took less than the polling: the relay holds its answers, so a
    // message waits on the wire, its batch claimed and unmarked.
    campaign.server.hold_data_replies();
    while campaign.server.held_data_replies() == 0 {
        assert!(Instant::now() < deadline, "no message on the wire:\n{}", first.log());
        std::thread::sleep(Duration::from_millis(1));
    }
    first.kill();
    // The relay had the held messages' content: it accepts them, as one whose answer crossed
    // the kill would. Then the cut connections settle, and what the dead process held is noted.
    campaign.server.release_data_replies();
    std::thread::sleep(Duration::from_millis(300));
    let held: Vec<(String, usize)> = campaign
        .addresses
        .iter()
        .filter(|a| {
            let email = EmailAddress::parse(a).unwrap();
            let subscriber =
                campaign.rt.block_on(campaign.store.subscriber_by_email(&email)).unwrap().unwrap();
            let delivery =
                campaign.rt.block_on(campaign.store.delivery(campaign.issue, subscriber.id));
            delivery.unwrap().status == DeliveryStatus::Sending
        })
        .map(|a| (a.clone(), campaign.server.count_for(a)))
        .collect();
    assert!(
        !held.is_empty(),
        "the process held no claims when it was killed: {:?}\n{}",
        campaign.ledger(),
        first.log()
    );
    assert_eq!(campaign.status(), IssueStatus::Sending, "killed after the campaign ended");
    let before = campaign.server.received_count();

    let restarted_at = Instant::now();
    let second = serve(&campaign);
    while campaign.server.received_count() == before {
        assert!(restarted_at.elapsed() < BAR, "nothing sent within {BAR:?}:\n{}", second.log());
        std::thread::sleep(Duration::from_millis(5));
    }
    let next_message = restarted_at.elapsed();
    while held.iter().any(|(a, n)| campaign.server.count_for(a) <= *n) {
        assert!(
            restarted_at.elapsed() < BAR,
            "the dead process's claims were not sent within {BAR:?}:\n{}",
            second.log()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let claims_resent = restarted_at.elapsed();
    campaign.wait_for_status(IssueStatus::Sent, Duration::from_secs(120), &[&second]);
    assert_eq!(campaign.ledger(), vec![(DeliveryStatus::Sent, RECIPIENTS as i64)]);
    let counts = campaign.server.counts();
    assert_eq!(counts.len(), RECIPIENTS, "every recipient");
    let duplicates = campaign.duplicates();
    eprintln!(
        "restart test ({backend:?}): {} claims held at the kill; after the restart the next \
         message in {next_message:?}, the held claims in {claims_resent:?}; {duplicates} duplicates \
         (bound {IN_FLIGHT_PER_WORKER})",
        held.len()
    );
    assert!(second.log().contains("worker identity taken"), "{}", second.log());
    assert!(
        duplicates <= IN_FLIGHT_PER_WORKER,
        "{duplicates} duplicates, more than the {IN_FLIGHT_PER_WORKER} messages in flight"
    );
}

fn two_workers_share_one_campaign(backend: Backend) {
    const RECIPIENTS: usize = 5_000;
    let Some(mut campaign) = Campaign::new(backend, RECIPIENTS, &[]) else { return };
    // The default lease (30 s): the promise is that two live workers never send a message
    // twice, and a lease only runs out under a live worker whose heartbeat stalled for most
    // of it, which the 3 s lease of the other tests allows on a loaded 2-core machine.
    campaign.env.retain(|(key, _)| key != "RUNDBRIEF_SEND_LEASE_SECONDS");
    // Both run before the campaign starts, and the relay sets the pace: a worker sends
    // thousands a second, so one that finds the campaign (within its 1 s discovery) after the
    // other could find it (nearly) done and send nothing.
    campaign.server.delay_data_replies(Duration::from_millis(10));
    let first = campaign.worker();
    let second = campaign.worker();
    campaign.send();
    campaign.wait_for_status(IssueStatus::Sent, Duration::from_secs(180), &[&first, &second]);
    assert_eq!(campaign.ledger(), vec![(DeliveryStatus::Sent, RECIPIENTS as i64)]);
    let counts = campaign.server.counts();
    assert_eq!(counts.len(), RECIPIENTS);
    let twice: Vec<_> = counts.iter().filter(|(_, n)| **n != 1).collect();
    assert!(twice.is_empty(), "sent more than once: {twice:?}");
    for (name, worker) in [("first", &first), ("second", &second)] {
        assert!(worker.log().contains("batch done"), "the {name} worker sent nothing");
    }
}

fn transient_failures_are_retried_and_unknown_users_suppressed(backend: Backend) {
    const RECIPIENTS: usize = 600;
    let Some(campaign) = Campaign::new(backend, RECIPIENTS, &[]) else { return };
    // A server in trouble for a while: every third message is refused for now...
    campaign.server.fail_every(3, "451 4.3.0 Temporary local problem, try again", 120);
    // ...and a few addresses do not exist at all.
    let unknown: Vec<String> = [7, 123, 321, 599].iter().map(|i| address(*i)).collect();
    for address in &unknown {
        campaign.server.reply_to_rcpt(
            address,
            "550 5.1.1 <user>: Recipient address rejected: User unknown",
            usize::MAX,
        );
    }
    campaign.send();
    let worker = campaign.worker();
    campaign.wait_for_status(IssueStatus::Sent, Duration::from_secs(120), &[&worker]);

    assert_eq!(campaign.server.failed(), 120, "the server refused what it was told to");
    let counts = campaign.server.counts();
    for address in &campaign.addresses {
        let expected = usize::from(!unknown.contains(address));
        assert_eq!(counts.get(address).copied().unwrap_or(0), expected, "{address}");
    }
    let ledger = campaign.ledger();
    assert!(
        ledger.contains(&(DeliveryStatus::Sent, (RECIPIENTS - unknown.len()) as i64)),
        "{ledger:?}"
    );
    assert!(ledger.contains(&(DeliveryStatus::Bounced, unknown.len() as i64)), "{ledger:?}");
    // Exactly the unknown addresses are suppressed, and their subscribers marked bounced.
    let suppressed: HashSet<String> = campaign
        .addresses
        .iter()
        .filter(|a| {
            let email = EmailAddress::parse(a).unwrap();
            campaign.rt.block_on(campaign.store.is_suppressed(&email)).unwrap()
        })
        .cloned()
        .collect();
    assert_eq!(suppressed, unknown.iter().cloned().collect::<HashSet<_>>());
    for address in &unknown {
        let email = EmailAddress::parse(address).unwrap();
        let subscriber =
            campaign.rt.block_on(campaign.store.subscriber_by_email(&email)).unwrap().unwrap();
        assert_eq!(subscriber.status, SubscriberStatus::Bounced);
    }
    assert!(!worker.log().contains("@example.org"), "addresses in the log:\n{}", worker.log());
}

fn a_dead_smtp_server_pauses_the_campaign_with_a_reason(backend: Backend) {
    const RECIPIENTS: usize = 200;
    let Some(campaign) =
        Campaign::new(backend, RECIPIENTS, &[("RUNDBRIEF_SEND_PAUSE_AFTER_FAILURES", "20")])
    else {
        return;
    };
    campaign.server.fail_every(1, "421 4.3.2 Service not available, closing channel", usize::MAX);
    campaign.send();
    let worker = campaign.worker();
    campaign.wait_for_status(IssueStatus::Paused, Duration::from_secs(60), &[&worker]);
    let issue = campaign.rt.block_on(campaign.store.issue(campaign.issue)).unwrap();
    let reason = issue.status_reason.unwrap_or_default();
    assert!(reason.contains("20 failed sends in a row") && reason.contains("421"), "{reason}");
    // Paused, not burnt: nobody's attempts ran out, and nothing was received.
    let ledger = campaign.ledger();
    assert!(
        ledger.iter().all(|(s, _)| matches!(s, DeliveryStatus::Pending | DeliveryStatus::Sending)),
        "{ledger:?}"
    );
    assert_eq!(campaign.server.received_count(), 0);
    let progress = campaign.run(&["issue", "progress", &campaign.issue.0.to_string()]);
    let shown = String::from_utf8_lossy(&progress.stdout);
    assert!(shown.contains("is paused") && shown.contains("failed sends in a row"), "{shown}");
}

/// The scale-out layout: a `web` process that only queues, and `worker` processes that send,
/// on one database; confirmation mails and campaigns both cross from one to the other.
fn web_and_workers_run_apart(backend: Backend) {
    let Some(campaign) = Campaign::new(backend, 50, &[]) else { return };
    let web = campaign.spawn(&["web"], "listening on http://");
    assert!(!web.log().contains("workers started"), "web must not run workers:\n{}", web.log());
    let url = web.url();
    let signup = rundbrief_testkit::http::post_form(
        &url,
        "/subscribe",
        &[("email", "neu@example.org"), ("language", "pl"), ("consent", "yes")],
        &[],
    );
    assert!(signup.status < 400, "{}", signup.text());
    // Queued by the web process, sent by nobody yet.
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(campaign.server.received_count(), 0);

    let token_out = campaign.run(&["token", "create", "--name", "t"]);
    let token = String::from_utf8_lossy(&token_out.stdout)
        .lines()
        .find(|l| l.starts_with("rbt_"))
        .unwrap()
        .to_owned();
    let auth = format!("Bearer {token}");
    let sent = rundbrief_testkit::http::request(
        &url,
        "POST",
        &format!("/api/v1/issues/{}/send", campaign.issue.0),
        &[("Authorization", &auth)],
        b"",
    );
    assert_eq!(sent.status, 202, "{}", sent.text());

    let first = campaign.worker();
    let second = campaign.worker();
    campaign.wait_for_status(IssueStatus::Sent, Duration::from_secs(60), &[&first, &second]);
    let deadline = Instant::now() + Duration::from_secs(20);
    while campaign.server.count_for("neu@example.org") == 0 {
        assert!(Instant::now() < deadline, "no confirmation mail:\n{}", first.log());
        std::thread::sleep(Duration::from_millis(50));
    }
    let counts = campaign.server.counts();
    assert_eq!(counts.len(), 51, "50 readers and the new subscriber");
    assert!(counts.values().all(|n| *n == 1), "{counts:?}");
}

rundbrief_testkit::on_both_backends!(
    crash_test,
    a_restarted_process_resumes_at_once,
    two_workers_share_one_campaign,
    transient_failures_are_retried_and_unknown_users_suppressed,
    a_dead_smtp_server_pauses_the_campaign_with_a_reason,
    web_and_workers_run_apart,
);
