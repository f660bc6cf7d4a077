//! The inbound SMTP/LMTP listener end to end (issue 20): `rundbrief serve` (web and workers)
//! with `RUNDBRIEF_INBOUND_LISTEN` on a free loopback port takes the bounce corpus of
//! `crates/rundbrief-bounce` over real TCP, half of it in SMTP (pipelined) and half in LMTP
//! dialogues. Each mail is stored byte for byte as sent (dot-stuffing undone) with the kind the
//! parser gives it, matched to the reader it names; a relay attempt gets 550, an oversized mail
//! 552, a report to a forged bounce address changes nothing and is logged. A campaign mail's
//! `List-Unsubscribe` offers a signed `mailto:`; a mail to it unsubscribes that reader, a
//! tampered one does not. The store failing gives 451 and the retry is recorded; a
//! `rundbrief worker` runs the listener too. On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::io::{BufRead as _, BufReader, Write as _};
use std::net::TcpStream;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use rundbrief_core::model::{BounceKind, ConsentAction};
use rundbrief_core::{EmailAddress, SubscriberId, SubscriberStatus};
use rundbrief_store::Store;
use rundbrief_testkit::{Backend, SmtpServer, TestApp, TestDb, campaign};
use serde::Deserialize;
use sqlx::Connection as _;

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
const DOMAIN: &str = "bounces.example.org";
const MAIL_WAIT: Duration = Duration::from_secs(20);
const MAX_BYTES: usize = 10 * 1024 * 1024;

#[derive(Deserialize)]
struct Manifest {
    mail: Vec<Expected>,
}

#[derive(Deserialize)]
struct Expected {
    file: String,
    kind: BounceKind,
    recipient: Option<String>,
}

fn corpus_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/rundbrief-bounce/tests/corpus")
}

/// The mail with CRLF line ends, as an MTA sends it.
fn crlf(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + raw.len() / 40);
    for (i, b) in raw.iter().enumerate() {
        if *b == b'\n' && (i == 0 || raw[i - 1] != b'\r') {
            out.push(b'\r');
        }
        out.push(*b);
    }
    if !out.ends_with(b"\r\n") {
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// A raw client of the listener: it reads replies (multi-line ones whole) and writes lines.
struct Client {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Client {
    fn connect(address: &str) -> Self {
        let stream = TcpStream::connect(address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let writer = stream.try_clone().unwrap();
        let mut client = Self { reader: BufReader::new(stream), writer };
        assert!(client.reply().starts_with("220 "), "greeting");
        client
    }

    /// One reply; a multi-line one joined with newlines.
    fn reply(&mut self) -> String {
        let mut all = String::new();
        loop {
            let mut line = String::new();
            self.reader.read_line(&mut line).unwrap();
            assert!(line.ends_with("\r\n"), "a reply line: {line:?}");
            all.push_str(&line);
            if line.as_bytes().get(3) != Some(&b'-') {
                return all.trim_end().to_owned();
            }
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
    }

    fn command(&mut self, line: &str) -> String {
        self.send(format!("{line}\r\n").as_bytes());
        self.reply()
    }

    /// The mail dot-stuffed and ended with the lone dot.
    fn data(&mut self, raw: &[u8]) {
        let mut out = Vec::with_capacity(raw.len() + 16);
        for line in raw.split_inclusive(|b| *b == b'\n') {
            if line.starts_with(b".") {
                out.push(b'.');
            }
            out.extend_from_slice(line);
        }
        out.extend_from_slice(b".\r\n");
        self.send(&out);
    }

    /// One mail from the null sender to `recipients`: in SMTP pipelined (MAIL, RCPTs and DATA
    /// in one write), one reply after the data; in LMTP one reply per recipient.
    fn mail(&mut self, lmtp: bool, recipients: &[&str], raw: &[u8]) -> Vec<String> {
        let mut head = String::from("MAIL FROM:<> BODY=8BITMIME\r\n");
        for to in recipients {
            head.push_str(&format!("RCPT TO:<{to}>\r\n"));
        }
        head.push_str("DATA\r\n");
        self.send(head.as_bytes());
        assert!(self.reply().starts_with("250 2.1.0"), "MAIL");
        for to in recipients {
            let said = self.reply();
            assert!(said.starts_with("250 2.1.5"), "RCPT {to}: {said}");
        }
        assert!(self.reply().starts_with("354"), "DATA");
        self.data(raw);
        let replies = if lmtp { recipients.len() } else { 1 };
        (0..replies).map(|_| self.reply()).collect()
    }
}

/// The address the listener logged it was bound to (it was given `127.0.0.1:0`).
fn inbound_address(app: &TestApp) -> String {
    let log = app.log_once("inbound SMTP/LMTP listening");
    let line = log.lines().find(|l| l.contains("inbound SMTP/LMTP listening")).unwrap();
    let at = line.find("address=").unwrap() + "address=".len();
    line[at..].split_whitespace().next().unwrap().to_owned()
}

/// A row of the bounces table, read straight from it: the store has no query for all rows.
type Row = (i64, String, Option<i64>, String, Option<Vec<u8>>);

fn bounces_after(rt: &tokio::runtime::Runtime, db: &TestDb, after: i64) -> Vec<Row> {
    let sql = "SELECT id, kind, subscriber_id, source, raw FROM bounces WHERE id > $1 ORDER BY id";
    rt.block_on(async {
        match db.backend {
            Backend::Sqlite => {
                let mut conn = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
                sqlx::query_as(sql).bind(after).fetch_all(&mut conn).await.unwrap()
            }
            Backend::Postgres => {
                let mut conn = sqlx::PgConnection::connect(&db.url).await.unwrap();
                sqlx::query_as(sql).bind(after).fetch_all(&mut conn).await.unwrap()
            }
        }
    })
}

struct Running {
    app: TestApp,
    smtp: SmtpServer,
    address: String,
    store: Arc<dyn Store>,
    rt: tokio::runtime::Runtime,
    db: TestDb,
}

impl Running {
    fn start(backend: Backend, readers: &[String]) -> Option<(Self, rundbrief_core::IssueId)> {
        let db = TestDb::new(backend)?;
        let env = [
            ("RUNDBRIEF_BOUNCE_DOMAIN", DOMAIN),
            ("RUNDBRIEF_INBOUND_LISTEN", "127.0.0.1:0"),
            // Each soft bounce stays a soft bounce here, so every mail's effect shows alone.
            ("RUNDBRIEF_SOFT_BOUNCE_LIMIT", "1000"),
            // The corpus's reports come to the bare bounce address, not a signed one: matched
            // by the address they name, as an operator can choose (a worker below shows the
            // default, under which such a report changes nobody).
            ("RUNDBRIEF_BOUNCE_MATCH", "address"),
        ];
        let (app, smtp) = TestApp::spawn_with_smtp(BIN, &db, &env);
        let address = inbound_address(&app);
        assert!(address.starts_with("127.0.0.1:"), "{address}");
        let rt = tokio::runtime::Runtime::new().unwrap();
        let store: Arc<dyn Store> = rt.block_on(campaign::open(&db));
        let issue = rt.block_on(campaign::seed(&store, readers));
        Some((Self { app, smtp, address, store, rt, db }, issue))
    }

    fn subscriber(&self, address: &str) -> rundbrief_core::model::Subscriber {
        let email = EmailAddress::parse(address).unwrap();
        self.rt.block_on(self.store.subscriber_by_email(&email)).unwrap().unwrap()
    }

    fn last_bounce(&self) -> i64 {
        bounces_after(&self.rt, &self.db, 0).last().map_or(0, |row| row.0)
    }

    /// The highest id in `table` (the bounces table under another name).
    fn last_bounce_in(&self, table: &str) -> i64 {
        let sql = format!("SELECT COALESCE(MAX(id), 0) FROM {table}");
        let url = &self.db.url;
        self.rt.block_on(async {
            match self.db.backend {
                Backend::Sqlite => {
                    let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
                    sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(&mut conn).await.unwrap()
                }
                Backend::Postgres => {
                    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
                    sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(&mut conn).await.unwrap()
                }
            }
        })
    }
}

fn the_corpus_arrives_over_smtp_and_lmtp(backend: Backend) {
    let text = std::fs::read_to_string(corpus_dir().join("expected.toml")).unwrap();
    let manifest: Manifest = toml::from_str(&text).unwrap();
    let readers: BTreeSet<String> = manifest
        .mail
        .iter()
        .filter_map(|m| m.recipient.as_deref())
        .map(|r| EmailAddress::parse(r).unwrap().as_str().to_owned())
        .collect();
    let readers: Vec<String> = readers.into_iter().collect();
    let Some((running, _issue)) = Running::start(backend, &readers) else { return };
    let mut last = running.last_bounce();
    let (mut as_expected, mut stored) = (0, 0);
    let mut smtp = Client::connect(&running.address);
    assert!(smtp.command("EHLO mx.example.net").contains("250-PIPELINING"));
    let mut lmtp = Client::connect(&running.address);
    let features = lmtp.command("LHLO mx.example.net");
    assert!(features.contains(&format!("SIZE {MAX_BYTES}")), "{features}");
    for (i, expected) in manifest.mail.iter().enumerate() {
        let raw = crlf(&std::fs::read(corpus_dir().join(&expected.file)).unwrap());
        let report = rundbrief_bounce::parse(&raw);
        let (client, is_lmtp) = if i % 2 == 0 { (&mut smtp, false) } else { (&mut lmtp, true) };
        let to = format!("bounce@{DOMAIN}");
        let replies = client.mail(is_lmtp, &[&to], &raw);
        assert_eq!(replies.len(), 1);
        assert!(replies[0].starts_with("250 2.0.0"), "{}: {replies:?}", expected.file);
        // Answered only after the commit: the row is there when the reply is.
        let rows = bounces_after(&running.rt, &running.db, last);
        if matches!(report.kind, BounceKind::Hard | BounceKind::Soft | BounceKind::Complaint) {
            assert_eq!(rows.len(), 1, "{}", expected.file);
            let (id, kind, subscriber, source, kept) = &rows[0];
            assert_eq!(kind, report.kind.as_str(), "{}", expected.file);
            assert_eq!(source, "smtp");
            assert_eq!(
                kept.as_deref(),
                Some(raw.as_slice()),
                "{}: the bytes as sent",
                expected.file
            );
            let named = report.recipient.as_ref().and_then(|r| {
                let found = running.rt.block_on(running.store.subscriber_by_email(r)).unwrap();
                found.map(|s| s.id.0)
            });
            assert_eq!(*subscriber, named, "{}", expected.file);
            last = *id;
            stored += 1;
        } else {
            assert!(rows.is_empty(), "{}: {} stored", expected.file, report.kind);
        }
        if report.kind == expected.kind {
            as_expected += 1;
        }
    }
    assert!(smtp.command("QUIT").starts_with("221"));
    assert!(lmtp.command("QUIT").starts_with("221"));
    // The corpus's own bar, through the listener.
    let total = manifest.mail.len();
    assert!(as_expected * 100 >= total * 95, "{as_expected} of {total} as expected");
    assert!(stored >= 30, "{stored} bounces and complaints stored");
    // A reader named by a hard bounce or a complaint is suppressed; the others (soft bounces,
    // delays, auto-replies) stay active.
    let mut suppressed = BTreeSet::new();
    for expected in &manifest.mail {
        let raw = crlf(&std::fs::read(corpus_dir().join(&expected.file)).unwrap());
        let report = rundbrief_bounce::parse(&raw);
        if let (Some(reader), BounceKind::Hard | BounceKind::Complaint) =
            (&report.recipient, report.kind)
        {
            suppressed.insert(reader.as_str().to_owned());
        }
    }
    assert!(suppressed.len() >= 15, "{suppressed:?}");
    for reader in &readers {
        let status = running.subscriber(reader).status;
        if suppressed.contains(reader) {
            assert!(
                matches!(status, SubscriberStatus::Bounced | SubscriberStatus::Complained),
                "{reader}: {status}"
            );
        } else {
            assert_eq!(status, SubscriberStatus::Active, "{reader}");
        }
    }
    drop(running.smtp);
    drop(running.app);
}

/// A Postfix DSN about `recipient`, sent to `to`.
fn dsn(to: &str, recipient: &str) -> Vec<u8> {
    format!(
        "Return-Path: <>\r\nFrom: MAILER-DAEMON@mx.example.de\r\nTo: {to}\r\n\
         Subject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/report; report-type=delivery-status; boundary=\"B1\"\r\n\r\n\
         --B1\r\nContent-Type: text/plain\r\n\r\n.leading dot, stuffed on the wire\r\n\r\n\
         --B1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.de\r\n\r\n\
         Final-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: 5.1.1\r\n\
         Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\r\n--B1--\r\n"
    )
    .into_bytes()
}

fn relaying_oversize_and_forged_addresses_are_refused_or_ignored(backend: Backend) {
    let readers = vec!["anna@example.de".to_owned(), "jan@example.pl".to_owned()];
    let Some((running, issue)) = Running::start(backend, &readers) else { return };
    let sent = running.app.command(&["issue", "send", &issue.0.to_string()]);
    assert!(sent.status.success(), "{}", String::from_utf8_lossy(&sent.stderr));
    let envelope_from = |reader: &str| running.smtp.wait_for(reader, MAIL_WAIT).from;

    let mut client = Client::connect(&running.address);
    // Nothing before the greeting; then no relaying to any other domain, a subdomain included.
    assert!(client.command("MAIL FROM:<>").starts_with("503"));
    assert!(client.command("EHLO mx.example.net").starts_with("250-"));
    assert!(client.command("MAIL FROM:<>").starts_with("250 2.1.0"));
    for other in ["someone@example.com", "x@sub.bounces.example.org", "postmaster"] {
        let said = client.command(&format!("RCPT TO:<{other}>"));
        assert!(said.starts_with("550 5.7.1"), "{other}: {said}");
    }
    assert!(client.command("DATA").starts_with("503"), "no recipient taken");
    assert!(client.command("VRFY anna").starts_with("252"));
    assert!(client.command("NOOP").starts_with("250"));
    assert!(client.command("RSET").starts_with("250"));
    // Declared too large, and too large without a declaration.
    assert!(client.command("MAIL FROM:<> SIZE=20000000").starts_with("552 5.3.4"));
    let last = running.last_bounce();
    let mut huge = dsn(&format!("bounce@{DOMAIN}"), &readers[0]);
    let line = format!("{}\r\n", "x".repeat(998));
    while huge.len() <= MAX_BYTES {
        huge.extend_from_slice(line.as_bytes());
    }
    assert!(client.command("MAIL FROM:<>").starts_with("250"));
    assert!(client.command(&format!("RCPT TO:<bounce@{DOMAIN}>")).starts_with("250"));
    assert!(client.command("DATA").starts_with("354"));
    client.data(&huge);
    let said = client.reply();
    assert!(said.starts_with("552 5.3.4"), "{said}");
    assert!(bounces_after(&running.rt, &running.db, last).is_empty());
    // The connection is still in step after the refused mail.
    assert!(client.command("NOOP").starts_with("250"));

    // A DSN to Anna's bounce address with a damaged signature: accepted, dropped, logged.
    let genuine = envelope_from(&readers[0]);
    let (local, domain) = genuine.rsplit_once('@').unwrap();
    let flipped = if local.ends_with('a') { 'b' } else { 'a' };
    let forged = format!("{}{flipped}@{domain}", &local[..local.len() - 1]);
    let replies = client.mail(false, &[&forged], &dsn(&forged, &readers[0]));
    assert!(replies[0].starts_with("250"), "{replies:?}");
    let log = running.app.log_once("not signed by this instance");
    assert!(!log.contains(&readers[0]), "no address in the log");
    assert!(
        bounces_after(&running.rt, &running.db, last).is_empty(),
        "the forged one is not stored"
    );
    assert_eq!(running.subscriber(&readers[0]).status, SubscriberStatus::Active);

    // The genuine address over LMTP, with a second recipient: one reply each, both recorded.
    let mut lmtp = Client::connect(&running.address);
    assert!(lmtp.command("LHLO postfix").starts_with("250-"));
    let plain = format!("bounce@{DOMAIN}");
    let replies = lmtp.mail(true, &[&genuine, &plain], &dsn(&genuine, &readers[0]));
    assert_eq!(replies.len(), 2, "{replies:?}");
    assert!(replies.iter().all(|r| r.starts_with("250 2.0.0")), "{replies:?}");
    let rows = bounces_after(&running.rt, &running.db, last);
    assert_eq!(rows.len(), 2, "one per recipient");
    let anna = running.subscriber(&readers[0]);
    assert!(rows.iter().all(|r| r.2 == Some(anna.id.0) && r.1 == "hard"));
    let stored = rows[0].4.as_deref().unwrap();
    assert!(stored.windows(10).any(|w| w == b"\r\n.leading"), "dot-stuffing undone: one dot kept");
    assert_eq!(anna.status, SubscriberStatus::Bounced);
    assert_eq!(running.subscriber(&readers[1]).status, SubscriberStatus::Active);
    assert!(lmtp.command("QUIT").starts_with("221"));

    // A command line longer than any command is refused, and the dialogue goes on.
    let said = client.command(&format!("NOOP {}", "x".repeat(5000)));
    assert!(said.starts_with("500 5.5.2"), "{said}");
    assert!(client.command("NOOP").starts_with("250"));

    // The store failing (its bounces table gone for a moment): 451, so the sending MTA keeps
    // the mail; nothing is recorded. Its retry, once the table is back, is.
    let jan = envelope_from(&readers[1]);
    alter(&running, "ALTER TABLE bounces RENAME TO bounces_away");
    let last = running.last_bounce_in("bounces_away");
    let replies = client.mail(false, &[&jan], &dsn(&jan, &readers[1]));
    assert!(replies[0].starts_with("451 4.3.0"), "{replies:?}");
    alter(&running, "ALTER TABLE bounces_away RENAME TO bounces");
    assert!(bounces_after(&running.rt, &running.db, last).is_empty());
    assert_eq!(running.subscriber(&readers[1]).status, SubscriberStatus::Active);
    let replies = client.mail(false, &[&jan], &dsn(&jan, &readers[1]));
    assert!(replies[0].starts_with("250 2.0.0"), "{replies:?}");
    assert_eq!(bounces_after(&running.rt, &running.db, last).len(), 1);
    assert_eq!(running.subscriber(&readers[1]).status, SubscriberStatus::Bounced);
    assert!(client.command("QUIT").starts_with("221"));

    // At most 32 clients at once: the next is told to come back later.
    let held: Vec<Client> = (0..32).map(|_| Client::connect(&running.address)).collect();
    let mut extra = BufReader::new(TcpStream::connect(&running.address).unwrap());
    let mut said = String::new();
    extra.read_line(&mut said).unwrap();
    assert!(said.starts_with("421 4.3.2"), "{said}");
    drop(held);
    let done = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let mut again = BufReader::new(TcpStream::connect(&running.address).unwrap());
        let mut said = String::new();
        again.read_line(&mut said).unwrap();
        if said.starts_with("220 ") {
            break;
        }
        assert!(std::time::Instant::now() < done, "slots not freed: {said}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Runs one schema statement on the test's database.
fn alter(running: &Running, sql: &str) {
    let url = &running.db.url;
    running.rt.block_on(async {
        match running.db.backend {
            Backend::Sqlite => {
                let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
                sqlx::query(sqlx::AssertSqlSafe(sql.to_owned())).execute(&mut conn).await.unwrap();
            }
            Backend::Postgres => {
                let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
                sqlx::query(sqlx::AssertSqlSafe(sql.to_owned())).execute(&mut conn).await.unwrap();
            }
        }
    });
}

/// The `<mailto:…>` of a `List-Unsubscribe` header, without the scheme.
fn mailto_of(header: &str) -> String {
    let at = header.find("<mailto:").expect("a mailto in List-Unsubscribe") + "<mailto:".len();
    let rest = &header[at..];
    rest[..rest.find('>').unwrap()].to_owned()
}

fn a_mail_to_the_unsubscribe_address_unsubscribes(backend: Backend) {
    let readers = vec!["ola@example.pl".to_owned(), "lea@example.at".to_owned()];
    let Some((running, issue)) = Running::start(backend, &readers) else { return };
    let sent = running.app.command(&["issue", "send", &issue.0.to_string()]);
    assert!(sent.status.success(), "{}", String::from_utf8_lossy(&sent.stderr));
    let mail = running.smtp.wait_for(&readers[0], MAIL_WAIT);
    let header = mail.header("List-Unsubscribe").unwrap();
    // The one-click link first, the mailto beside it (RFC 2369, RFC 8058).
    assert!(header.starts_with("<https://news.example.org/"), "{header}");
    let address = mailto_of(&header);
    let ola = running.subscriber(&readers[0]);
    assert!(address.starts_with(&format!("bounce+u{}-", ola.id.0)), "{address}");
    assert!(address.ends_with(&format!("@{DOMAIN}")), "{address}");
    let other = mailto_of(
        &running.smtp.wait_for(&readers[1], MAIL_WAIT).header("List-Unsubscribe").unwrap(),
    );
    assert_ne!(address, other, "one address per reader");

    let request = |to: &str| {
        format!(
            "From: {}\r\nTo: {to}\r\nSubject: unsubscribe\r\n\r\nPlease take me off.\r\n",
            readers[0]
        )
        .into_bytes()
    };
    // Tampered: Lea's number with Ola's signature. Accepted, nothing changes, logged.
    let lea = running.subscriber(&readers[1]);
    let tampered = address.replacen(&format!("+u{}-", ola.id.0), &format!("+u{}-", lea.id.0), 1);
    let mut client = Client::connect(&running.address);
    assert!(client.command("HELO mail.example.pl").starts_with("250 "));
    let replies = client.mail(false, &[&tampered], &request(&tampered));
    assert!(replies[0].starts_with("250"), "{replies:?}");
    running.app.log_once("not signed by this instance");
    assert_eq!(running.subscriber(&readers[1]).status, SubscriberStatus::Active);
    assert_eq!(running.subscriber(&readers[0]).status, SubscriberStatus::Active);

    // The genuine one, as a mail client sends it (upper case survives too).
    let replies = client.mail(false, &[&address.to_ascii_uppercase()], &request(&address));
    assert!(replies[0].starts_with("250"), "{replies:?}");
    assert_eq!(running.subscriber(&readers[0]).status, SubscriberStatus::Unsubscribed);
    assert_eq!(running.subscriber(&readers[1]).status, SubscriberStatus::Active);
    let history =
        running.rt.block_on(running.store.consent_history(SubscriberId(ola.id.0))).unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.action, ConsentAction::Unsubscribe);
    assert!(last.user_agent.as_deref().is_some_and(|c| c.contains("List-Unsubscribe")), "{last:?}");
    assert_eq!(last.ip, None);
    // A second mail (a client that sends twice) is harmless.
    let replies = client.mail(false, &[&address], &request(&address));
    assert!(replies[0].starts_with("250"), "{replies:?}");
    let again = running.rt.block_on(running.store.consent_history(ola.id)).unwrap();
    assert_eq!(again.len(), history.len(), "no second event");
    assert!(bounces_after(&running.rt, &running.db, 0).is_empty(), "no bounce recorded");
    assert!(client.command("QUIT").starts_with("221"));
}

/// Without a way for mail to come in, campaign mails offer the one-click link only.
fn without_a_listener_there_is_no_mailto(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let env = [("RUNDBRIEF_BOUNCE_DOMAIN", DOMAIN)];
    let (app, smtp) = TestApp::spawn_with_smtp(BIN, &db, &env);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let store: Arc<dyn Store> = rt.block_on(campaign::open(&db));
    let reader = "marie@example.fr".to_owned();
    let issue = rt.block_on(campaign::seed(&store, std::slice::from_ref(&reader)));
    let sent = app.command(&["issue", "send", &issue.0.to_string()]);
    assert!(sent.status.success(), "{}", String::from_utf8_lossy(&sent.stderr));
    let header = smtp.wait_for(&reader, MAIL_WAIT).header("List-Unsubscribe").unwrap();
    assert!(header.starts_with("<https://"), "{header}");
    assert!(!header.contains("mailto:"), "{header}");
    assert!(!app.log().contains("inbound SMTP/LMTP listening"));
    drop(app);
}

/// `rundbrief worker` (no web server) runs the listener too, and a report to the bare bounce
/// address changes nobody by default; without a bounce domain the setting is refused at start
/// with the variable named.
fn a_worker_process_runs_the_listener(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let store: Arc<dyn Store> = rt.block_on(campaign::open(&db));
    let reader = "piet@example.nl".to_owned();
    rt.block_on(campaign::seed(&store, std::slice::from_ref(&reader)));
    let refused = rundbrief_testkit::process::run(
        BIN,
        &db,
        dir.path(),
        &[("RUNDBRIEF_INBOUND_LISTEN", ":0")],
        &["worker"],
    );
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("RUNDBRIEF_INBOUND_LISTEN") && said.contains("RUNDBRIEF_BOUNCE_DOMAIN"),
        "{said}"
    );

    let env = [("RUNDBRIEF_BOUNCE_DOMAIN", DOMAIN), ("RUNDBRIEF_INBOUND_LISTEN", ":0")];
    let worker = rundbrief_testkit::TestProcess::spawn(
        BIN,
        &db,
        dir.path(),
        &env,
        &["worker"],
        "inbound SMTP/LMTP listening",
    );
    let log = worker.log();
    let line = log.lines().find(|l| l.contains("inbound SMTP/LMTP listening")).unwrap();
    let at = line.find("address=").unwrap() + "address=".len();
    let address = line[at..].split_whitespace().next().unwrap();
    assert!(address.starts_with("127.0.0.1:"), "the shorthand binds loopback: {address}");
    let mut client = Client::connect(address);
    assert!(client.command("LHLO postfix").starts_with("250-"));
    let to = format!("bounce@{DOMAIN}");
    let replies = client.mail(true, &[&to], &dsn(&to, &reader));
    assert!(replies[0].starts_with("250 2.0.0"), "{replies:?}");
    // By default a report to the bare bounce address is stored for the counts but changes
    // nobody: anyone could send one naming any reader.
    let email = EmailAddress::parse(&reader).unwrap();
    let status = rt.block_on(store.subscriber_by_email(&email)).unwrap().unwrap().status;
    assert_eq!(status, SubscriberStatus::Active, "an unsigned report bounced a reader");
    let stored = bounces_after(&rt, &db, 0);
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert_eq!((stored[0].1.as_str(), stored[0].2), ("hard", None));
    drop(worker);
}

rundbrief_testkit::on_both_backends!(
    the_corpus_arrives_over_smtp_and_lmtp,
    relaying_oversize_and_forged_addresses_are_refused_or_ignored,
    a_mail_to_the_unsubscribe_address_unsubscribes,
    without_a_listener_there_is_no_mailto,
    a_worker_process_runs_the_listener,
);
