//! SMTP delivery over real TCP to `rundbrief-testkit`'s loopback server, which records what it
//! receives and answers chosen recipients with chosen errors.
#![allow(clippy::unwrap_used)]

mod common;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use common::*;
use rundbrief_mail::{Mailer, MessageWriter, SendError, SmtpConfig, SmtpTransport, Transport as _};
use rundbrief_testkit::SmtpServer;
use tokio::net::TcpListener;

fn transport(addr: SocketAddr, max_connections: u32) -> SmtpTransport {
    let config = SmtpConfig::from_url(&format!("smtp://{addr}?timeout=2"))
        .unwrap()
        .with_max_connections(max_connections);
    SmtpTransport::new(&config).unwrap()
}

/// A test server, once offering PIPELINING (the client then sends MAIL, RCPT and DATA in one
/// write) and once not (one command at a time).
fn servers() -> [SmtpServer; 2] {
    let plain = SmtpServer::start();
    plain.without_pipelining();
    [SmtpServer::start(), plain]
}

#[tokio::test]
async fn delivers_exactly_the_bytes_it_was_given() {
    for server in servers() {
        delivers_exactly_the_bytes(&server).await;
    }
}

async fn delivers_exactly_the_bytes(server: &SmtpServer) {
    let smtp = transport(server.addr(), 2);

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

    let received = server.messages();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].from, "bounce+1@bounces.example.org");
    assert_eq!(received[0].recipients, ["reader@example.net"]);
    assert_eq!(received[0].data, built.bytes);
    assert_eq!(received[1].recipients, ["b@example.net", "c@example.net"]);
    assert_eq!(received[1].data, raw);
}

#[tokio::test]
async fn replies_are_classified_for_the_queue() {
    for server in servers() {
        replies_are_classified(&server).await;
    }
}

async fn replies_are_classified(server: &SmtpServer) {
    for (recipient, reply) in [
        ("greylisted@example.net", "451 4.7.1 Greylisted, try again later"),
        (
            "gone@example.net",
            "550 5.1.1 <gone@example.net>: Recipient address rejected: User unknown",
        ),
        ("old@example.net", "550 Requested action not taken: user unknown"),
        ("spam@example.net", "554 5.7.1 Rejected by policy"),
    ] {
        server.reply_to_rcpt(recipient, reply, usize::MAX);
    }
    let smtp = transport(server.addr(), 1);
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

    // After the rejections the pooled connection is still usable: one connection in all.
    smtp.send("a@example.org", &["fine@example.net"], raw).await.unwrap();
    assert_eq!(server.messages().len(), 1);
    assert_eq!(server.connections(), 1);

    // One of two recipients refused: nobody gets the message, not even an empty one.
    let err = smtp
        .send("a@example.org", &["fine@example.net", "gone@example.net"], raw)
        .await
        .unwrap_err();
    assert!(err.is_no_such_user(), "{err}");
    smtp.send("a@example.org", &["fine@example.net"], b"Subject: y\r\n\r\nagain\r\n")
        .await
        .unwrap();
    let received = server.messages();
    assert_eq!(
        received.len(),
        2,
        "{:?}",
        received.iter().map(|m| &m.recipients).collect::<Vec<_>>()
    );
    assert!(received.iter().all(|m| !m.data.is_empty()));
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
    let server = SmtpServer::start_silent();
    let config = SmtpConfig::from_url(&format!("smtp://{}", server.addr()))
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
    let server = SmtpServer::start();
    let err = transport(server.addr(), 1)
        .send("a@example.org", &["not an address"], b"x\r\n\r\nx\r\n")
        .await
        .unwrap_err();
    assert!(err.is_permanent(), "{err}");
}

#[tokio::test]
async fn pool_limits_connections_and_mailer_picks_smtp() {
    let server = SmtpServer::start();
    let mailer =
        Mailer::from_settings(Some(&format!("smtp://{}", server.addr())), 2, "unused").unwrap();
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
    assert_eq!(server.messages().len(), 20);
    let connections = server.connections();
    assert!((1..=2).contains(&connections), "{connections} connections");
}

/// A server that offers 8BITMIME gets 8-bit messages declared as such; the pool reports the
/// offer once it has spoken to the server, and not before.
#[tokio::test]
async fn eight_bit_messages_are_declared() {
    for server in servers() {
        let smtp = transport(server.addr(), 2);
        assert!(!smtp.accepts_8bit(), "unknown before the first connection");
        let from = from();
        let list_id = list_id();
        let samples = samples_that_fit();
        let mut writer = MessageWriter::new(DOMAIN).unwrap();

        // The first message is written before anything is known: 7-bit clean.
        let built = writer.build(&campaign(&from, &list_id, &samples[0])).unwrap();
        smtp.send_built(&built).await.unwrap();
        assert!(smtp.accepts_8bit());

        let mut email = campaign(&from, &list_id, &samples[0]);
        email.eight_bit = smtp.accepts_8bit();
        let eight_bit = writer.build(&email).unwrap();
        assert_eq!(part_encodings(&eight_bit.bytes), ["8bit", "8bit"]);
        smtp.send_built(&eight_bit).await.unwrap();

        let received = server.messages();
        assert_eq!(received.len(), 2);
        assert!(!received[0].declared_8bit);
        assert!(received[1].declared_8bit);
        // Dot-stuffing undone by the server, the bytes are the writer's.
        assert_eq!(received[1].data, eight_bit.bytes);
        assert_eq!(received[1].text(), samples[0].text);
    }
}

/// Without 8BITMIME on the server, an 8-bit message is not sent at all (transient, so the retry
/// is written 7-bit), and 7-bit messages go through as before.
#[tokio::test]
async fn eight_bit_messages_wait_for_a_server_that_takes_them() {
    let server = SmtpServer::start();
    server.without_8bitmime();
    let smtp = transport(server.addr(), 1);
    let from = from();
    let list_id = list_id();
    let samples = samples_that_fit();
    let mut writer = MessageWriter::new(DOMAIN).unwrap();
    let mut email = campaign(&from, &list_id, &samples[0]);
    email.eight_bit = true;
    let eight_bit = writer.build(&email).unwrap();
    let err = smtp.send_built(&eight_bit).await.unwrap_err();
    assert!(!err.is_permanent(), "{err}");
    assert!(err.to_string().contains("8BITMIME"), "{err}");
    assert!(!smtp.accepts_8bit());

    email.eight_bit = smtp.accepts_8bit();
    let seven_bit = writer.build(&email).unwrap();
    smtp.send_built(&seven_bit).await.unwrap();
    let received = server.messages();
    assert_eq!(received.len(), 1);
    assert!(!received[0].declared_8bit);
    assert_eq!(received[0].text(), samples[0].text);
}
