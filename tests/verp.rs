//! VERP end to end: `rundbrief serve` (web and workers in one process) sends a campaign and a
//! confirmation mail to the loopback SMTP server, which records each `MAIL FROM`. With
//! `RUNDBRIEF_BOUNCE_DOMAIN` every envelope sender is a signed bounce address naming that
//! mail's row, read back with `Verp::parse` and held against the store; without it, the From
//! address as before. On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Duration;

use rundbrief_core::verp::{BounceAddress, Verp, VerpTarget};
use rundbrief_core::{EmailAddress, SubscriberId, TokenSigner};
use rundbrief_store::Store;
use rundbrief_testkit::app::SECRET_KEY;
use rundbrief_testkit::{Backend, Received, SmtpServer, TestApp, TestDb, campaign};
use sqlx::Connection as _;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const FROM: &str = "news@example.org";
const MAIL_WAIT: Duration = Duration::from_secs(20);
const READERS: [&str; 3] = ["anna@example.de", "jan@example.pl", "marie@example.fr"];
const NEWCOMER: &str = "new.reader@example.org";

/// A running instance with three active readers, an issue to them sent, and one sign-up on the
/// form; everything the test reads back.
/// Fields drop in order: the process and the pool let go of the database before it is removed.
struct Sent {
    _app: TestApp,
    store: Arc<dyn Store>,
    rt: tokio::runtime::Runtime,
    smtp: SmtpServer,
    issue: rundbrief_core::IssueId,
    db: TestDb,
}

fn send_all(backend: Backend, env: &[(&str, &str)]) -> Option<Sent> {
    let db = TestDb::new(backend)?;
    let mut all = vec![("RUNDBRIEF_FROM", "Rundbrief <news@example.org>")];
    all.extend_from_slice(env);
    let (app, smtp) = TestApp::spawn_with_smtp(BIN, &db, &all);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let store = rt.block_on(campaign::open(&db));
    let readers: Vec<String> = READERS.iter().map(|r| (*r).to_owned()).collect();
    let issue = rt.block_on(campaign::seed(&store, &readers));
    let sent = app.command(&["issue", "send", &issue.0.to_string()]);
    assert!(sent.status.success(), "{}", String::from_utf8_lossy(&sent.stderr));
    let signed_up = app.sign_up_on_form(NEWCOMER, "de", &[]);
    assert_eq!(signed_up.status, 200, "{}", signed_up.text());
    for address in READERS.iter().chain([&NEWCOMER]) {
        smtp.wait_for(address, MAIL_WAIT);
    }
    Some(Sent { _app: app, store, rt, smtp, issue, db })
}

impl Sent {
    /// The one message `address` got.
    fn mail_to(&self, address: &str) -> Received {
        let mails: Vec<Received> =
            self.smtp.messages().into_iter().filter(|m| m.recipients == [address]).collect();
        assert_eq!(mails.len(), 1, "{address}");
        mails.into_iter().next().unwrap()
    }

    fn subscriber(&self, address: &str) -> SubscriberId {
        let email = EmailAddress::parse(address).unwrap();
        self.rt.block_on(self.store.subscriber_by_email(&email)).unwrap().unwrap().id
    }

    /// The ids of the confirmation mails owed to `subscriber`, read from the table: the store
    /// has no query for them, since nothing but this test needs one yet.
    fn confirmation_mails(&self, subscriber: SubscriberId) -> Vec<i64> {
        let sql = "SELECT id FROM confirmation_mails WHERE subscriber_id = $1 ORDER BY id";
        let url = &self.db.url;
        self.rt.block_on(async {
            match self.db.backend {
                Backend::Sqlite => {
                    let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
                    let query = sqlx::query_scalar(sql).bind(subscriber.0);
                    query.fetch_all(&mut conn).await.unwrap()
                }
                Backend::Postgres => {
                    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
                    let query = sqlx::query_scalar(sql).bind(subscriber.0);
                    query.fetch_all(&mut conn).await.unwrap()
                }
            }
        })
    }
}

fn verp(domain: &str) -> Verp {
    let base = BounceAddress::new(BounceAddress::DEFAULT_LOCAL_PART, domain).unwrap();
    Verp::new(TokenSigner::new(SECRET_KEY.as_bytes()).unwrap(), base)
}

fn each_mail_is_sent_from_its_own_signed_bounce_address(backend: Backend) {
    // Upper case in the setting: the addresses are written lower case all the same.
    let env = [("RUNDBRIEF_BOUNCE_DOMAIN", "Bounces.Example.org")];
    let Some(sent) = send_all(backend, &env) else { return };
    let ours = verp("bounces.example.org");
    let mut seen = Vec::new();
    for reader in READERS {
        let mail = sent.mail_to(reader);
        assert!(mail.from.starts_with("bounce+d"), "{}", mail.from);
        assert!(mail.from.ends_with("@bounces.example.org"), "{}", mail.from);
        assert_eq!(mail.from, mail.from.to_ascii_lowercase());
        let subscriber = sent.subscriber(reader);
        let delivery = sent.rt.block_on(sent.store.delivery(sent.issue, subscriber)).unwrap().id;
        assert_eq!(ours.parse(&mail.from), Ok(Some(VerpTarget::Delivery(delivery))), "{reader}");
        // The visible sender stays; Return-Path is the final MTA's to write.
        assert!(mail.header("From").unwrap().contains(FROM), "{reader}");
        assert_eq!(mail.header("Return-Path"), None, "{reader}");
        seen.push(mail.from);
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), READERS.len(), "one address per delivery: {seen:?}");

    let confirmation = sent.mail_to(NEWCOMER);
    let owed = sent.confirmation_mails(sent.subscriber(NEWCOMER));
    assert_eq!(owed.len(), 1, "{owed:?}");
    assert_eq!(ours.parse(&confirmation.from), Ok(Some(VerpTarget::Confirmation(owed[0]))));
    assert!(
        confirmation.from.starts_with(&format!("bounce+c{}-", owed[0])),
        "{}",
        confirmation.from
    );
    assert!(confirmation.header("From").unwrap().contains(FROM));
    assert_eq!(confirmation.header("Return-Path"), None);

    // Another instance's key, or the same key at another domain, does not read them.
    let other_key = Verp::new(
        TokenSigner::new(&[9u8; 32]).unwrap(),
        BounceAddress::new("bounce", "bounces.example.org").unwrap(),
    );
    assert!(other_key.parse(&confirmation.from).is_err());
    assert_eq!(verp("other.example.org").parse(&confirmation.from), Ok(None));
}

fn without_a_bounce_domain_mail_is_sent_from_the_from_address(backend: Backend) {
    let Some(sent) = send_all(backend, &[]) else { return };
    for address in READERS.iter().chain([&NEWCOMER]) {
        let mail = sent.mail_to(address);
        assert_eq!(mail.from, FROM, "{address}");
        assert_eq!(mail.header("Return-Path"), None, "{address}");
    }
}

rundbrief_testkit::on_both_backends!(
    each_mail_is_sent_from_its_own_signed_bounce_address,
    without_a_bounce_domain_mail_is_sent_from_the_from_address,
);
