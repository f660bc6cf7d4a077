//! Fixtures for the delivery tests: a loopback SMTP server that records what it receives and
//! answers chosen recipients with chosen errors (a few times or always), a SQLite store on a
//! temporary file, a clock the tests move, and a campaign with variants.
//!
//! The server is a copy of the one in `rundbrief-mail/tests`, extended with replies that run
//! out, until `rundbrief-testkit` offers one.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rundbrief_core::model::{IssueStatus, NewIssue, NewSubscriber, VariantInput};
use rundbrief_core::segment::Segment;
use rundbrief_core::{
    EmailAddress, IssueId, Language, SubscriberId, SubscriberStatus, TokenSigner,
};
use rundbrief_jobs::{Clock, DeliveryConfig, DeliveryContext, DynTransport, RetryPolicy};
use rundbrief_mail::{Mailbox, MessageWriter, SmtpConfig, SmtpTransport};
use rundbrief_render::Templates;
use rundbrief_store::Store;
use rundbrief_store_sqlite::SqliteStore;
use time::OffsetDateTime;
use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::{TcpListener, TcpStream};

pub const PUBLIC_URL: &str = "https://rundbrief.example.org";
pub const SIGNING_KEY: [u8; 32] = [7; 32];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub from: String,
    pub recipients: Vec<String>,
    pub data: Vec<u8>,
}

/// A scripted answer to `RCPT TO`, given `times` times (then 250 again).
struct Scripted {
    reply: String,
    times: usize,
}

#[derive(Default)]
pub struct SmtpServer {
    replies: Mutex<HashMap<String, Scripted>>,
    received: Mutex<Vec<Received>>,
    rejected: Mutex<Vec<String>>,
}

impl SmtpServer {
    /// Answers `RCPT TO:<address>` with `reply` the next `times` times.
    pub fn reply(self, address: &str, reply: &str, times: usize) -> Self {
        self.replies
            .lock()
            .unwrap()
            .insert(address.to_owned(), Scripted { reply: reply.to_owned(), times });
        self
    }

    pub async fn start(self) -> (SocketAddr, Arc<SmtpServer>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = Arc::new(self);
        let shared = Arc::clone(&server);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let conn = Arc::clone(&shared);
                tokio::spawn(async move {
                    let _ = conn.serve(stream).await;
                });
            }
        });
        (addr, server)
    }

    fn scripted(&self, rcpt: &str) -> Option<String> {
        let mut replies = self.replies.lock().unwrap();
        let scripted = replies.get_mut(rcpt)?;
        if scripted.times == 0 {
            return None;
        }
        scripted.times -= 1;
        Some(scripted.reply.clone())
    }

    async fn serve(&self, stream: TcpStream) -> std::io::Result<()> {
        let (read, mut write) = stream.into_split();
        let mut read = BufReader::new(read);
        write.write_all(b"220 test.local ESMTP ready\r\n").await?;
        let mut from = String::new();
        let mut recipients = Vec::new();
        let mut line = Vec::new();
        loop {
            line.clear();
            if read.read_until(b'\n', &mut line).await? == 0 {
                return Ok(());
            }
            let command = String::from_utf8_lossy(&line).trim_end().to_owned();
            let upper = command.to_ascii_uppercase();
            let reply: String = if upper.starts_with("EHLO") {
                "250-test.local\r\n250-8BITMIME\r\n250 ENHANCEDSTATUSCODES\r\n".into()
            } else if upper.starts_with("HELO") || upper == "NOOP" {
                "250 2.0.0 OK\r\n".into()
            } else if upper.starts_with("RSET") {
                from.clear();
                recipients.clear();
                "250 2.0.0 OK\r\n".into()
            } else if upper.starts_with("MAIL FROM:") {
                from = angle(&command[10..]);
                recipients.clear();
                "250 2.1.0 OK\r\n".into()
            } else if upper.starts_with("RCPT TO:") {
                let rcpt = angle(&command[8..]);
                match self.scripted(&rcpt) {
                    Some(reply) => {
                        self.rejected.lock().unwrap().push(rcpt);
                        format!("{reply}\r\n")
                    }
                    None => {
                        recipients.push(rcpt);
                        "250 2.1.5 OK\r\n".into()
                    }
                }
            } else if upper == "DATA" {
                write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await?;
                let mut data = Vec::new();
                loop {
                    line.clear();
                    if read.read_until(b'\n', &mut line).await? == 0 {
                        return Ok(());
                    }
                    if line == b".\r\n" {
                        break;
                    }
                    // Undo dot-stuffing (RFC 5321 §4.5.2).
                    let content = if line.starts_with(b".") { &line[1..] } else { &line[..] };
                    data.extend_from_slice(content);
                }
                self.received.lock().unwrap().push(Received {
                    from: std::mem::take(&mut from),
                    recipients: std::mem::take(&mut recipients),
                    data,
                });
                "250 2.0.0 Queued\r\n".into()
            } else if upper == "QUIT" {
                write.write_all(b"221 2.0.0 Bye\r\n").await?;
                return Ok(());
            } else {
                "502 5.5.2 Command not recognised\r\n".into()
            };
            write.write_all(reply.as_bytes()).await?;
        }
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// How many messages each recipient received.
    pub fn counts(&self) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for message in self.received() {
            for rcpt in message.recipients {
                *counts.entry(rcpt).or_default() += 1;
            }
        }
        counts
    }

    pub fn rejected(&self) -> Vec<String> {
        self.rejected.lock().unwrap().clone()
    }
}

fn angle(arg: &str) -> String {
    let arg = arg.trim();
    let end = arg.find('>').unwrap_or(arg.len());
    arg.trim_start_matches('<')[..end.saturating_sub(1)].to_owned()
}

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
    pub sqlite: SqliteStore,
    pub store: Arc<dyn Store>,
    pub server: Arc<SmtpServer>,
    pub smtp: SmtpTransport,
    pub clock: Arc<ManualClock>,
}

pub async fn env(server: SmtpServer) -> Env {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("rundbrief.db").display());
    let sqlite = SqliteStore::connect(&url).await.unwrap();
    let store: Arc<dyn Store> = Arc::new(sqlite.clone());
    let (addr, server) = server.start().await;
    let config =
        SmtpConfig::from_url(&format!("smtp://{addr}?timeout=5")).unwrap().with_max_connections(4);
    let smtp = SmtpTransport::new(&config).unwrap();
    Env { dir, sqlite, store, server, smtp, clock: ManualClock::new() }
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
        let transport: Arc<dyn DynTransport> = Arc::new(self.smtp.clone());
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

/// The parsed mail sent to `address` (the only one; the caller checks counts separately).
pub fn mail_to(server: &SmtpServer, address: &str) -> Vec<u8> {
    server
        .received()
        .into_iter()
        .find(|m| m.recipients.iter().any(|r| r == address))
        .unwrap_or_else(|| panic!("no mail to {address}"))
        .data
}
