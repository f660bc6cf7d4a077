//! Fixtures for the delivery tests: a SQLite store on a temporary file, a clock the tests move,
//! and a campaign with variants. The loopback SMTP server (records what it receives, answers
//! chosen recipients with chosen errors a few times or always) is `rundbrief-testkit`'s. Tests
//! that run on both databases take the queue's connection and their runner from here too.
#![allow(dead_code, unused_macros, clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use rundbrief_core::model::{IssueStatus, NewIssue, NewSubscriber, VariantInput};
use rundbrief_core::segment::Segment;
use rundbrief_core::{
    EmailAddress, IssueId, Language, SubscriberId, SubscriberStatus, TokenSigner,
};
use rundbrief_jobs::queue::QueueDb;
use rundbrief_jobs::{Clock, DeliveryConfig, DeliveryContext, DynTransport, RetryPolicy};
use rundbrief_mail::{Mailbox, MessageWriter, SmtpConfig, SmtpTransport};
use rundbrief_render::Templates;
use rundbrief_store::Store;
use rundbrief_store_sqlite::SqliteStore;
pub use rundbrief_testkit::SmtpServer;
use rundbrief_testkit::{Backend, TestDb};
use sqlx::PgPool;
use time::OffsetDateTime;

pub const PUBLIC_URL: &str = "https://rundbrief.example.org";
pub const SIGNING_KEY: [u8; 32] = [7; 32];

/// A clock that moves only when told to.
pub struct ManualClock(Mutex<OffsetDateTime>);

impl ManualClock {
    pub fn new() -> Arc<Self> {
        let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();
        Arc::new(Self(Mutex::new(now)))
    }

    pub fn advance(&self, by: Duration) {
        *self.0.lock().unwrap() += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> OffsetDateTime {
        *self.0.lock().unwrap()
    }
}

pub struct Env {
    // Kept so the database file lives as long as the test.
    pub dir: tempfile::TempDir,
    /// The database's URL, for a second connection of a test's own.
    pub db_url: String,
    pub sqlite: SqliteStore,
    pub store: Arc<dyn Store>,
    pub server: SmtpServer,
    pub smtp: SmtpTransport,
    pub clock: Arc<ManualClock>,
}

pub async fn env(server: SmtpServer) -> Env {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("rundbrief.db").display());
    let sqlite = SqliteStore::connect(&url).await.unwrap();
    let store: Arc<dyn Store> = Arc::new(sqlite.clone());
    let config = SmtpConfig::from_url(&server.url()).unwrap().with_max_connections(4);
    let smtp = SmtpTransport::new(&config).unwrap();
    Env { dir, db_url: url, sqlite, store, server, smtp, clock: ManualClock::new() }
}

pub fn config() -> DeliveryConfig {
    let from = Mailbox::new(Some("Rundbrief Servicestelle"), "newsletter@example.org").unwrap();
    let list_id = "\"Rundbrief\" <newsletter.example.org>".parse().unwrap();
    let mut config = DeliveryConfig::new(&format!("{PUBLIC_URL}/"), from, list_id);
    config.retry = RetryPolicy {
        max_attempts: 5,
        base: Duration::from_secs(10),
        max_delay: Duration::from_secs(60),
    };
    config.send_concurrency = 4;
    config
}

impl Env {
    pub fn context(&self, config: DeliveryConfig) -> DeliveryContext {
        self.context_with(config, Arc::new(self.smtp.clone()))
    }

    pub fn context_with(
        &self,
        config: DeliveryConfig,
        transport: Arc<dyn DynTransport>,
    ) -> DeliveryContext {
        DeliveryContext::new(
            Arc::clone(&self.store),
            transport,
            Arc::new(Templates::default()),
            rundbrief_i18n::Locales::embedded(),
            TokenSigner::new(&SIGNING_KEY).unwrap(),
            MessageWriter::new("newsletter.example.org").unwrap(),
            config,
        )
        .with_clock(self.clock.clone())
    }

    pub fn now(&self) -> OffsetDateTime {
        self.clock.now()
    }

    pub async fn subscriber(&self, email: &str, language: Language) -> SubscriberId {
        let mut new = NewSubscriber::pending(EmailAddress::parse(email).unwrap(), language);
        new.status = SubscriberStatus::Active;
        new.name = Some(format!("Name {}", email.split('@').next().unwrap()));
        self.store.create_subscriber(&new, self.now()).await.unwrap().id
    }

    /// `count` active German subscribers, reader0@example.org and on.
    pub async fn german_readers(&self, count: usize) {
        for i in 0..count {
            self.subscriber(&format!("reader{i}@example.org"), Language::De).await;
        }
    }

    /// An issue with one variant per entry (language, ready), whose subject names the variant
    /// language, already `sending` with its audience (everyone) snapshotted.
    pub async fn sending_issue(&self, variants: &[(Language, bool)]) -> IssueId {
        let now = self.now();
        let issue = self
            .store
            .create_issue(
                &NewIssue {
                    title: "Mai".into(),
                    base_language: Language::De,
                    segment: Segment::everyone(),
                },
                now,
            )
            .await
            .unwrap();
        for &(language, ready) in variants {
            let input = VariantInput {
                subject: format!("[{}] Neuigkeiten für {{{{ name }}}}", language.code()),
                preheader: "Was sich ändert".into(),
                body_markdown: format!(
                    "# Hallo {{{{ name }}}}\n\nVariante {}.\n\n[Einstellungen]({{{{ preferences_url }}}})",
                    language.code()
                ),
                ready,
            };
            self.store.put_variant(issue.id, language, &input, now).await.unwrap();
        }
        self.store
            .transition_issue(issue.id, IssueStatus::Draft, IssueStatus::Sending, None, now)
            .await
            .unwrap();
        self.store.snapshot_deliveries(issue.id, &Segment::everyone(), now).await.unwrap();
        issue.id
    }
}

/// A fresh environment with `readers` active German readers and an issue with a ready German
/// variant that is already `sending` to all of them.
pub async fn german_campaign(readers: usize) -> (Env, IssueId) {
    let env = env(SmtpServer::start()).await;
    env.german_readers(readers).await;
    let issue = env.sending_issue(&[(Language::De, true)]).await;
    (env, issue)
}

/// The parsed mail sent to `address` (the only one; the caller checks counts separately).
pub fn mail_to(server: &SmtpServer, address: &str) -> Vec<u8> {
    server
        .messages()
        .into_iter()
        .find(|m| m.recipients.iter().any(|r| r == address))
        .unwrap_or_else(|| panic!("no mail to {address}"))
        .data
}

/// The queue's connection to a test database of either backend.
pub async fn queue_db(db: &TestDb) -> QueueDb {
    match db.backend {
        Backend::Sqlite => {
            let store = SqliteStore::connect(&db.url).await.unwrap();
            QueueDb::Sqlite(store.write_pool().clone())
        }
        Backend::Postgres => QueueDb::Postgres(PgPool::connect(&db.url).await.unwrap()),
    }
}

/// `TestDb` makes and drops its database on a runtime of its own, so the tests are plain
/// `#[test]`s that run their async part on another one, dropped before the database.
pub fn on_runtime(test: impl std::future::Future<Output = ()>) {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap().block_on(test);
}

/// Runs the async `$test(&TestDb)` as the test `$sqlite` on a fresh SQLite database and as
/// `$postgres` on PostgreSQL (skipped without `RUNDBRIEF_TEST_POSTGRES_URL`).
macro_rules! on_both_databases {
    ($test:ident: $sqlite:ident, $postgres:ident) => {
        #[test]
        fn $sqlite() {
            let db = rundbrief_testkit::TestDb::sqlite();
            common::on_runtime($test(&db));
        }

        #[test]
        fn $postgres() {
            let Some(db) = rundbrief_testkit::TestDb::postgres() else { return };
            common::on_runtime($test(&db));
        }
    };
}
#[allow(unused_imports)] // Only the tests that run on both databases use it.
pub(crate) use on_both_databases;
