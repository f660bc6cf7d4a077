//! An owed mail goes out once, however long its send takes within the transport's limits.
//!
//! The claim on an owed mail used to last a fixed 45 s, while one send may take the SMTP
//! timeout (60 s by default) plus the wait for a place in the pool: with a slow relay the claim
//! ran out while the first job was still sending, the sweep handed the mail to a second job,
//! and the person got it twice. Now the lease follows the transport's limits, and a job whose
//! claim has too little time left for a send does not send at all.
//!
//! In process, on SQLite, over the loopback SMTP server (which holds its answer to DATA until
//! the test lets it go); a clock the test moves stands for the time a slow send takes, so the
//! tests run in seconds, and a stalled machine cannot make them pass without the send.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use rundbrief_app::account_mail::AccountMailer;
use rundbrief_app::{Clock, ConfirmationMailer, MailOutcome, Settings};
use rundbrief_core::model::{ConsentAction, NewConsentEvent, NewSubscriber, Role};
use rundbrief_core::{EmailAddress, Language, SubscriberId, TokenSigner};
use rundbrief_mail::{Mailbox, Mailer, MessageWriter, SmtpConfig, SmtpTransport};
use rundbrief_store::{ConfirmationOutcome, NewInvitation, SoftBounceRule, Store};
use rundbrief_store_sqlite::SqliteStore;
use rundbrief_testkit::SmtpServer;
use time::OffsetDateTime;

/// A clock that moves when the test moves it, and by `step` more each time it is read (a job
/// that is slow between its reads, as on a loaded database).
struct TestClock {
    now: Mutex<OffsetDateTime>,
    step: Mutex<time::Duration>,
}

impl TestClock {
    fn new() -> Arc<Self> {
        let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();
        Arc::new(Self { now: Mutex::new(now), step: Mutex::new(time::Duration::ZERO) })
    }

    fn advance(&self, by: time::Duration) {
        *self.now.lock().unwrap() += by;
    }

    fn step_on_each_read(&self, step: time::Duration) {
        *self.step.lock().unwrap() = step;
    }

    fn peek(&self) -> OffsetDateTime {
        *self.now.lock().unwrap()
    }
}

impl Clock for TestClock {
    fn now(&self) -> OffsetDateTime {
        let mut now = self.now.lock().unwrap();
        let read = *now;
        *now += *self.step.lock().unwrap();
        read
    }
}

struct Env {
    _dir: tempfile::TempDir,
    url: String,
    store: Arc<dyn Store>,
    smtp: SmtpServer,
    clock: Arc<TestClock>,
}

async fn env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("rundbrief.db").display());
    let store: Arc<dyn Store> = Arc::new(SqliteStore::connect(&url).await.unwrap());
    Env { _dir: dir, url, store, smtp: SmtpServer::start(), clock: TestClock::new() }
}

impl Env {
    /// The loopback server as a relay that may take `timeout` seconds per delivery.
    fn transport(&self, timeout: u64) -> Mailer {
        let url = format!("smtp://{}?timeout={timeout}", self.smtp.addr());
        let config = SmtpConfig::from_url(&url).unwrap().with_max_connections(2);
        Mailer::Smtp(SmtpTransport::new(&config).unwrap())
    }

    fn confirmations(&self, transport: Mailer) -> Arc<ConfirmationMailer> {
        let mailer = ConfirmationMailer::new(
            Arc::clone(&self.store),
            signer(),
            transport,
            from(),
            settings(),
        )
        .with_clock(self.clock.clone());
        Arc::new(mailer)
    }

    /// A pending subscriber at `address` and the confirmation mail owed to them.
    async fn owed_confirmation(&self, address: &str) -> (SubscriberId, i64) {
        let new = NewSubscriber::pending(EmailAddress::parse(address).unwrap(), Language::De);
        let consent = NewConsentEvent {
            subscriber_id: SubscriberId(0),
            action: ConsentAction::Signup,
            text_version: Some("v1".into()),
            language: Some(Language::De),
            ip: None,
            user_agent: None,
        };
        let (subscriber, mail) = self
            .store
            .create_subscriber_with_consent(&new, &[], &consent, None, self.clock.peek())
            .await
            .unwrap();
        (subscriber.id, mail.expect("a confirmation mail owed"))
    }

    /// Waits until the first job is on the wire: it has sent its message, and the relay
    /// holds the answer.
    async fn on_the_wire(&self) {
        for _ in 0..1200 {
            if self.smtp.held_data_replies() > 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("the first job never sent its message to the relay within 30 s");
    }

    /// Status, lease and attempts of owed mail `id`, as stored, by `query` (its table's columns).
    async fn row(&self, query: &'static str, id: i64) -> (String, Option<String>, i64) {
        use sqlx::Connection as _;
        let mut conn = sqlx::SqliteConnection::connect(&self.url).await.unwrap();
        sqlx::query_as(query).bind(id).fetch_one(&mut conn).await.unwrap()
    }

    async fn confirmation_row(&self, id: i64) -> (String, Option<String>, i64) {
        self.row("SELECT status, lease_until, attempts FROM confirmation_mails WHERE id = $1", id)
            .await
    }
}

fn signer() -> TokenSigner {
    TokenSigner::new(&[7; 32]).unwrap()
}

fn from() -> Mailbox {
    Mailbox::new(Some("Rundbrief"), "newsletter@example.org").unwrap()
}

fn settings() -> Settings {
    Settings {
        public_url: "https://news.example.org".into(),
        organisation: "Verein".into(),
        default_language: Language::De,
        confirm_ttl: time::Duration::hours(48),
        confirmation_daily_limit: 3,
        regions: Vec::new(),
        fallback_languages: vec![Language::De],
        templates: Arc::new(rundbrief_render::Templates::default()),
        from: from(),
        message_writer: MessageWriter::new("example.org").unwrap(),
        soft_bounces: SoftBounceRule::default(),
        bounce_match_unsigned: false,
        machine_translation: None,
        media_max_bytes: 10_000_000,
    }
}

/// The relay takes 30 s per delivery at most (`?timeout=30`), and a send may wait as long for
/// a place in the pool: one send can take about a minute. This one takes 50 s, longer than
/// the old fixed lease of 45 s. Meanwhile the sweep looks for what is due and hands it to a
/// second job: the mail must not be among it, and the person gets one mail.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_confirmation_mail_whose_send_takes_50_seconds_goes_out_once() {
    let env = env().await;
    env.smtp.hold_data_replies();
    let confirmations = env.confirmations(env.transport(30));
    let (_, mail) = env.owed_confirmation("langsam@example.de").await;

    let first = tokio::spawn({
        let confirmations = Arc::clone(&confirmations);
        async move { confirmations.send_mail(mail).await }
    });
    env.on_the_wire().await;
    env.clock.advance(time::Duration::seconds(50));
    // The sweep and the job it queues, as `rundbrief-jobs` runs them.
    let due = env.store.due_confirmations(env.clock.peek(), 10).await.unwrap();
    for &(id, _) in &due {
        confirmations.send_mail(id).await.unwrap();
    }
    let (status, lease, attempts) = env.confirmation_row(mail).await;
    assert_eq!((status.as_str(), lease.is_some(), attempts), ("pending", true, 1), "held");
    env.smtp.release_data_replies();
    assert_eq!(first.await.unwrap().unwrap(), MailOutcome::Sent);
    assert_eq!(env.smtp.count_for("langsam@example.de"), 1, "one confirmation mail");
    assert!(due.is_empty(), "held while its first send runs: {due:?}");
    let (status, lease, attempts) = env.confirmation_row(mail).await;
    assert_eq!((status.as_str(), lease, attempts), ("sent", None, 1));
}

/// The same for an invitation's mail, which the account mail loop sends (`send_due`, every
/// 2 s) with a claim of its own kind.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_mail_whose_send_takes_50_seconds_goes_out_once() {
    let env = env().await;
    env.smtp.hold_data_replies();
    let now = env.clock.peek();
    let admin = env.store.create_user(&email("admin@example.de"), "$h", Role::Admin, now).await;
    let invitation = NewInvitation {
        email: email("neu@example.de"),
        role: Role::Editor,
        languages: Vec::new(),
        language: Language::De,
        created_by: admin.unwrap().id,
        expires_at: now + time::Duration::hours(72),
    };
    let link = env.store.create_invitation(&invitation, now).await.unwrap();
    let accounts = Arc::new(
        AccountMailer::new(Arc::clone(&env.store), signer(), env.transport(30), from(), settings())
            .with_clock(env.clock.clone()),
    );

    let first = tokio::spawn({
        let accounts = Arc::clone(&accounts);
        async move { accounts.send_mail(link.id).await }
    });
    env.on_the_wire().await;
    env.clock.advance(time::Duration::seconds(50));
    // The loop's next look, on this worker or another.
    let again = accounts.send_due().await.unwrap();
    let query = "SELECT mail_status, mail_locked_until, mail_attempts FROM account_links \
                 WHERE id = $1";
    let (status, lease, attempts) = env.row(query, link.id).await;
    assert_eq!((status.as_str(), lease.is_some(), attempts), ("pending", true, 1), "held");
    env.smtp.release_data_replies();
    assert_eq!(first.await.unwrap().unwrap(), ConfirmationOutcome::Sent);
    let (status, lease, attempts) = env.row(query, link.id).await;
    assert_eq!((status.as_str(), lease, attempts), ("sent", None, 1));
    assert_eq!(env.smtp.count_for("neu@example.de"), 1, "one invitation mail");
    assert_eq!(again, 0, "held while its first send runs");
}

/// A job slow between its claim and the wire (20 s per clock read here) finds too little of
/// its claim left for a send: it sends nothing and gives the claim back without counting the
/// attempt, due again 5 s later (not a whole lease), and the next job sends the mail, once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_with_too_little_of_its_claim_left_leaves_the_mail_to_the_next() {
    let env = env().await;
    let confirmations = env.confirmations(env.transport(5));
    let (_, mail) = env.owed_confirmation("knapp@example.de").await;

    env.clock.step_on_each_read(time::Duration::seconds(20));
    assert_eq!(confirmations.send_mail(mail).await.unwrap(), MailOutcome::NotMine);
    env.clock.step_on_each_read(time::Duration::ZERO);
    assert_eq!(env.smtp.connections(), 0, "nothing went on the wire");
    let (status, lease, attempts) = env.confirmation_row(mail).await;
    assert_eq!((status.as_str(), lease, attempts), ("pending", None, 0), "given back");
    // Given back: not due at once, due 5 s after the job's last read, with no attempt counted.
    let released_at = env.clock.peek() - time::Duration::seconds(20);
    let due = env.store.due_confirmations(released_at, 10).await.unwrap();
    assert_eq!(due, Vec::new(), "due again soon, not at once");
    let soon = released_at + time::Duration::seconds(5);
    assert_eq!(env.store.due_confirmations(soon, 10).await.unwrap(), vec![(mail, 0)]);
    env.clock.advance(time::Duration::seconds(5));
    assert_eq!(confirmations.send_mail(mail).await.unwrap(), MailOutcome::Sent);
    assert_eq!(env.smtp.count_for("knapp@example.de"), 1);
}

fn email(address: &str) -> EmailAddress {
    EmailAddress::parse(address).unwrap()
}
