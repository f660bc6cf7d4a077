//! SMTP delivery over real TCP to a small loopback server written here, which records what it
//! receives and answers chosen recipients with chosen errors.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use rundbrief_mail::{Mailer, MessageWriter, SendError, SmtpConfig, SmtpTransport, Transport as _};
use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::{TcpListener, TcpStream};

#[derive(Debug, Clone, PartialEq, Eq)]
struct Received {
    from: String,
    recipients: Vec<String>,
    data: Vec<u8>,
}

#[derive(Default)]
struct Server {
    /// Recipient address -> reply to its RCPT TO instead of 250.
    rcpt_replies: HashMap<String, &'static str>,
    /// Accept connections but never say anything.
    silent: bool,
    received: Mutex<Vec<Received>>,
    connections: AtomicUsize,
}

impl Server {
    async fn start(self) -> (SocketAddr, Arc<Server>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = Arc::new(self);
        let shared = Arc::clone(&server);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                shared.connections.fetch_add(1, Ordering::SeqCst);
                let conn = Arc::clone(&shared);
                tokio::spawn(async move {
                    let _ = conn.serve(stream).await;
                });
            }
        });
        (addr, server)
    }

    async fn serve(&self, stream: TcpStream) -> std::io::Result<()> {
        if self.silent {
            tokio::time::sleep(Duration::from_secs(30)).await;
            return Ok(());
        }
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
                match self.rcpt_replies.get(&rcpt) {
                    Some(reply) => format!("{reply}\r\n"),
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

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

fn angle(arg: &str) -> String {
    let arg = arg.trim();
    let end = arg.find('>').unwrap_or(arg.len());
    arg.trim_start_matches('<')[..end.saturating_sub(1)].to_owned()
}

fn transport(addr: SocketAddr, max_connections: u32) -> SmtpTransport {
    let config = SmtpConfig::from_url(&format!("smtp://{addr}?timeout=2"))
        .unwrap()
        .with_max_connections(max_connections);
    SmtpTransport::new(&config).unwrap()
}

#[tokio::test]
async fn delivers_exactly_the_bytes_it_was_given() {
    let (addr, server) = Server::default().start().await;
    let smtp = transport(addr, 2);

    let from = from();
    let list_id = list_id();
    let samples = samples();
    let mut writer = MessageWriter::new(DOMAIN).unwrap();
    let mut email = campaign(&from, &list_id, &samples[0]);
    email.return_path = Some("bounce+1@bounces.example.org");
    let built = writer.build(&email).unwrap();
    smtp.send_built(&built).await.unwrap();

    // Hand-made bytes with lines that need dot-stuffing on the wire.
    let raw = b"From: a@example.org\r\nTo: b@example.net\r\nSubject: dots\r\n\r\n.\r\n..two\r\n.three\r\nend\r\n";
    smtp.send("a@example.org", &["b@example.net", "c@example.net"], raw).await.unwrap();

    let received = server.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].from, "bounce+1@bounces.example.org");
    assert_eq!(received[0].recipients, ["reader@example.net"]);
    assert_eq!(received[0].data, built.bytes);
    assert_eq!(received[1].recipients, ["b@example.net", "c@example.net"]);
    assert_eq!(received[1].data, raw);
}

#[tokio::test]
async fn replies_are_classified_for_the_queue() {
    let server = Server {
        rcpt_replies: HashMap::from([
            ("greylisted@example.net".to_owned(), "451 4.7.1 Greylisted, try again later"),
            (
                "gone@example.net".to_owned(),
                "550 5.1.1 <gone@example.net>: Recipient address rejected: User unknown",
            ),
            ("old@example.net".to_owned(), "550 Requested action not taken: user unknown"),
            ("spam@example.net".to_owned(), "554 5.7.1 Rejected by policy"),
        ]),
        ..Server::default()
    };
    let (addr, server) = server.start().await;
    let smtp = transport(addr, 1);
    let raw = b"Subject: x\r\n\r\nbody\r\n";

    let err = smtp.send("a@example.org", &["greylisted@example.net"], raw).await.unwrap_err();
    assert!(err.is_transient(), "{err}");
    assert_eq!(err.code(), Some(451));
    assert_eq!(err.enhanced_status().map(|e| e.to_string()).as_deref(), Some("4.7.1"));
    assert!(!err.is_no_such_user());
    assert!(err.to_string().contains("Greylisted"), "{err}");

    let err = smtp.send("a@example.org", &["gone@example.net"], raw).await.unwrap_err();
    assert!(err.is_permanent(), "{err}");
    assert_eq!(err.code(), Some(550));
    assert_eq!(err.enhanced_status().map(|e| e.to_string()).as_deref(), Some("5.1.1"));
    assert!(err.is_no_such_user());

    let err = smtp.send("a@example.org", &["old@example.net"], raw).await.unwrap_err();
    assert!(err.is_permanent() && err.is_no_such_user() && err.enhanced_status().is_none());

    let err = smtp.send("a@example.org", &["spam@example.net"], raw).await.unwrap_err();
    assert!(err.is_permanent() && !err.is_no_such_user(), "{err}");

    // After the rejections the pooled connection is still usable.
    smtp.send("a@example.org", &["fine@example.net"], raw).await.unwrap();
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn connection_refused_is_transient() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let err = transport(addr, 1)
        .send("a@example.org", &["b@example.net"], b"Subject: x\r\n\r\nx\r\n")
        .await
        .unwrap_err();
    assert!(matches!(&err, SendError::Transient(f) if f.code.is_none()), "{err}");
}

#[tokio::test]
async fn silent_server_times_out_as_transient() {
    let (addr, _server) = Server { silent: true, ..Server::default() }.start().await;
    let config = SmtpConfig::from_url(&format!("smtp://{addr}"))
        .unwrap()
        .with_timeout(Duration::from_millis(300));
    let smtp = SmtpTransport::new(&config).unwrap();
    let started = std::time::Instant::now();
    let err = smtp
        .send("a@example.org", &["b@example.net"], b"Subject: x\r\n\r\nx\r\n")
        .await
        .unwrap_err();
    assert!(err.is_transient(), "{err}");
    assert!(err.to_string().contains("timeout"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
    // The pool was replaced, so the next attempt does not wait on the abandoned connection.
    let started = std::time::Instant::now();
    let err = smtp
        .send("a@example.org", &["b@example.net"], b"Subject: x\r\n\r\nx\r\n")
        .await
        .unwrap_err();
    assert!(err.is_transient(), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[tokio::test]
async fn invalid_envelope_is_permanent() {
    let (addr, _server) = Server::default().start().await;
    let err = transport(addr, 1)
        .send("a@example.org", &["not an address"], b"x\r\n\r\nx\r\n")
        .await
        .unwrap_err();
    assert!(err.is_permanent(), "{err}");
}

#[tokio::test]
async fn pool_limits_connections_and_mailer_picks_smtp() {
    let (addr, server) = Server::default().start().await;
    let mailer = Mailer::from_settings(Some(&format!("smtp://{addr}")), 2, "unused").unwrap();
    assert!(matches!(mailer, Mailer::Smtp(_)));
    let mailer = Arc::new(mailer);
    let mut tasks = Vec::new();
    for i in 0..20 {
        let mailer = Arc::clone(&mailer);
        tasks.push(tokio::spawn(async move {
            let raw = format!("Subject: {i}\r\n\r\nmessage {i}\r\n");
            mailer.send("a@example.org", &["b@example.net"], raw.as_bytes()).await
        }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(server.received().len(), 20);
    let connections = server.connections.load(Ordering::SeqCst);
    assert!((1..=2).contains(&connections), "{connections} connections");
}
