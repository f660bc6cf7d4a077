//! SMTP delivery over real TCP to `rundbrief-testkit`'s loopback server, which records what it
//! receives and answers chosen recipients with chosen errors; TLS (implicit, STARTTLS and
//! opportunistic) against a small server of this file's own with a test CA's certificate.
#![allow(clippy::unwrap_used)]

mod common;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use common::*;
use rundbrief_mail::{
    Email, Envelope, ListId, Mailbox, Mailer, MessageWriter, SendError, SmtpConfig, SmtpTransport,
    Transport as _,
};
use rundbrief_testkit::SmtpServer;
use tokio::io::{AsyncBufReadExt as _, AsyncRead, AsyncWrite, AsyncWriteExt as _, BufReader};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::pem::PemObject as _;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};

fn transport(addr: SocketAddr, max_connections: u32) -> SmtpTransport {
    let config = SmtpConfig::from_url(&format!("smtp://{addr}?timeout=2"))
        .unwrap()
        .with_max_connections(max_connections);
    SmtpTransport::new(&config).unwrap()
}

/// What a campaign mail is written from: the sender, the list and the sample texts.
struct Fixture {
    from: Mailbox,
    list_id: ListId,
    samples: Vec<Sample>,
}

impl Fixture {
    fn new(samples: Vec<Sample>) -> Self {
        Self { from: from(), list_id: list_id(), samples }
    }

    /// The campaign mail of the first sample.
    fn campaign(&self) -> Email<'_> {
        campaign(&self.from, &self.list_id, &self.samples[0])
    }
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

    let fixture = Fixture::new(samples());
    let mut writer = MessageWriter::new(DOMAIN).unwrap();
    let mut email = fixture.campaign();
    email.return_path = Some("bounce+1@bounces.example.org");
    let built = writer.build(&email).unwrap();
    smtp.send_built(&built).await.unwrap();

    // Hand-made bytes with lines that need dot-stuffing on the wire.
    let raw = b"From: a@example.org\r\nTo: b@example.net\r\nSubject: dots\r\n\r\n.\r\n..two\r\n.three\r\nend\r\n";
    smtp.send(Envelope::new("a@example.org", &["b@example.net", "c@example.net"]), raw)
        .await
        .unwrap();

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

    let err = smtp
        .send(Envelope::new("a@example.org", &["greylisted@example.net"]), raw)
        .await
        .unwrap_err();
    assert!(err.is_transient(), "{err}");
    assert_eq!(err.code(), Some(451));
    assert_eq!(err.enhanced_status().map(|e| e.to_string()).as_deref(), Some("4.7.1"));
    assert!(!err.is_no_such_user());
    assert!(err.to_string().contains("Greylisted"), "{err}");

    let err =
        smtp.send(Envelope::new("a@example.org", &["gone@example.net"]), raw).await.unwrap_err();
    assert!(err.is_permanent(), "{err}");
    assert_eq!(err.code(), Some(550));
    assert_eq!(err.enhanced_status().map(|e| e.to_string()).as_deref(), Some("5.1.1"));
    assert!(err.is_no_such_user());

    let err =
        smtp.send(Envelope::new("a@example.org", &["old@example.net"]), raw).await.unwrap_err();
    assert!(err.is_permanent() && err.is_no_such_user() && err.enhanced_status().is_none());

    let err =
        smtp.send(Envelope::new("a@example.org", &["spam@example.net"]), raw).await.unwrap_err();
    assert!(err.is_permanent() && !err.is_no_such_user(), "{err}");

    // After the rejections the pooled connection is still usable: one connection in all.
    smtp.send(Envelope::new("a@example.org", &["fine@example.net"]), raw).await.unwrap();
    assert_eq!(server.messages().len(), 1);
    assert_eq!(server.connections(), 1);

    // One of two recipients refused: nobody gets the message, not even an empty one.
    let err = smtp
        .send(Envelope::new("a@example.org", &["fine@example.net", "gone@example.net"]), raw)
        .await
        .unwrap_err();
    assert!(err.is_no_such_user(), "{err}");
    smtp.send(
        Envelope::new("a@example.org", &["fine@example.net"]),
        b"Subject: y\r\n\r\nagain\r\n",
    )
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

/// A small message that `smtp` must fail to send: the error.
async fn send_failing(smtp: &SmtpTransport) -> SendError {
    smtp.send(Envelope::new("a@example.org", &["b@example.net"]), b"Subject: x\r\n\r\nx\r\n")
        .await
        .unwrap_err()
}

#[tokio::test]
async fn connection_refused_is_transient() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let err = send_failing(&transport(addr, 1)).await;
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
    let err = send_failing(&smtp).await;
    assert!(err.is_transient(), "{err}");
    assert!(err.to_string().contains("timeout"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
    // The pool was replaced, so the next attempt does not wait on the abandoned connection.
    let started = std::time::Instant::now();
    let err = send_failing(&smtp).await;
    assert!(err.is_transient(), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
}

/// A bounded send (an owed mail's) waits at most one timeout for a place in the pool, so that
/// it returns within twice the timeout however many sends queue ahead of it; then it fails as
/// "pool busy" without having connected. Timed with a margin of whole timeouts, for a loaded
/// machine: the waits ahead of it start well apart.
#[tokio::test]
async fn a_bounded_send_waits_one_timeout_for_a_place_at_most() {
    let timeout = Duration::from_millis(1500);
    let server = SmtpServer::start_silent();
    let config = SmtpConfig::from_url(&format!("smtp://{}", server.addr()))
        .unwrap()
        .with_max_connections(1)
        .with_timeout(timeout);
    let smtp = SmtpTransport::new(&config).unwrap();
    assert_eq!(smtp.bounded_send_limit(), timeout * 2);
    let bounded = |smtp: SmtpTransport| {
        tokio::spawn(async move {
            smtp.send_bounded(
                Envelope::new("a@example.org", &["b@example.net"]),
                b"Subject: x\r\n\r\nx\r\n",
            )
            .await
            .unwrap_err()
        })
    };
    // One send holds the only place until its timeout; a second, a third of a timeout later,
    // waits for it and is first in line. Bounded sends both: an unbounded one would wait at
    // the gate instead, which keeps no place when the pool has one.
    let first = bounded(smtp.clone());
    for _ in 0..1200 {
        if server.connections() > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert_eq!(server.connections(), 1, "the first send connected");
    tokio::time::sleep(timeout / 3).await;
    let second = bounded(smtp.clone());
    tokio::time::sleep(timeout / 3).await;
    let started = std::time::Instant::now();
    let err = bounded(smtp.clone()).await.unwrap();
    let took = started.elapsed();
    assert!(err.is_transient() && err.is_pool_busy(), "{err}");
    assert!(timeout.mul_f32(0.9) <= took && took < 2 * timeout, "{took:?}");
    assert!(first.await.unwrap().is_transient());
    assert!(second.await.unwrap().to_string().contains("SMTP timeout"));
    assert_eq!(server.connections(), 2, "the bounded send never connected");
}

/// Unbounded sends (the campaign lanes) can never take the pool's last place: however many
/// queue, a bounded send (an owed mail) finds one free at once instead of failing "pool busy"
/// on every attempt while a campaign runs over a slow relay.
#[tokio::test]
async fn unbounded_sends_leave_one_place_to_bounded_sends() {
    let server = SmtpServer::start_silent();
    let config = SmtpConfig::from_url(&format!("smtp://{}", server.addr()))
        .unwrap()
        .with_max_connections(2)
        .with_timeout(Duration::from_secs(1));
    let smtp = SmtpTransport::new(&config).unwrap();
    let lanes: Vec<_> = (0..4)
        .map(|_| {
            let smtp = smtp.clone();
            tokio::spawn(async move { send_failing(&smtp).await })
        })
        .collect();
    for _ in 0..400 {
        if server.connections() > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let err = smtp
        .send_bounded(
            Envelope::new("a@example.org", &["b@example.net"]),
            b"Subject: x\r\n\r\nx\r\n",
        )
        .await
        .unwrap_err();
    // It had a place: it connected and met the silent server's timeout.
    assert!(!err.is_pool_busy() && err.to_string().contains("SMTP timeout"), "{err}");
    for lane in lanes {
        assert!(lane.await.unwrap().is_transient());
    }
}

#[tokio::test]
async fn invalid_envelope_is_permanent() {
    let server = SmtpServer::start();
    let err = transport(server.addr(), 1)
        .send(Envelope::new("a@example.org", &["not an address"]), b"x\r\n\r\nx\r\n")
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
            mailer.send(Envelope::new("a@example.org", &["b@example.net"]), raw.as_bytes()).await
        }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(server.messages().len(), 20);
    let connections = server.connections();
    assert!((1..=2).contains(&connections), "{connections} connections");
}

/// `count` concurrent sends of small messages, one recipient each (`r{i}@example.net`), over
/// `smtp`: each send's result, in order.
async fn send_many(smtp: &SmtpTransport, count: usize) -> Vec<Result<(), SendError>> {
    let tasks: Vec<_> = (0..count)
        .map(|i| {
            let smtp = smtp.clone();
            tokio::spawn(async move {
                let to = format!("r{i}@example.net");
                let raw = format!("Subject: {i}\r\n\r\nmessage {i}\r\n.dot\r\n");
                smtp.send(Envelope::new("a@example.org", &[to.as_str()]), raw.as_bytes()).await
            })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }
    results
}

/// On a busy pool the next message's envelope goes out behind the current content, and the
/// session passes to its send: every message still arrives once, whole, with its own
/// recipient, and refusals of an envelope or a content reach the send they belong to.
#[tokio::test]
async fn a_busy_pool_pipelines_the_next_envelope_behind_the_content() {
    let server = SmtpServer::start();
    server.reply_to_rcpt("r5@example.net", "550 5.1.1 no such user", 1);
    server.reply_to_rcpt("r17@example.net", "452 4.2.2 mailbox full", 1);
    let smtp = transport(server.addr(), 2);
    // The first content is refused, from a send that found a free place.
    server.fail_next(1, "451 4.3.0 try later");
    let results = send_many(&smtp, 40).await;
    let failed: Vec<usize> = (0..40).filter(|&i| results[i].is_err()).collect();
    assert_eq!(failed.len(), 3, "{results:?}");
    let refused_content = failed.iter().find(|&&i| i != 5 && i != 17);
    assert!(refused_content.is_some(), "{failed:?}");
    for (i, result) in results.iter().enumerate() {
        match (i, result) {
            (5, Err(e)) => assert!(e.is_permanent() && e.is_no_such_user(), "{e}"),
            (17, Err(e)) => assert!(e.is_transient() && e.to_string().contains("452"), "{e}"),
            (_, Err(e)) => assert!(e.is_transient() && e.to_string().contains("451"), "{e}"),
            (_, Ok(())) => {}
        }
    }
    let received = server.messages();
    assert_eq!(received.len(), 37);
    for i in (0..40).filter(|i| !failed.contains(i)) {
        let to = format!("r{i}@example.net");
        let mine: Vec<_> = received.iter().filter(|m| m.recipients == [to.clone()]).collect();
        assert_eq!(mine.len(), 1, "{to}");
        let expected = format!("Subject: {i}\r\n\r\nmessage {i}\r\n.dot\r\n");
        assert_eq!(String::from_utf8_lossy(&mine[0].data), expected);
    }
    assert!(server.connections() <= 2, "{} connections", server.connections());
    // Without the hand-off every content ends a write and the server waits for more.
    assert!(server.pipelined_after_content() >= 10, "{}", server.pipelined_after_content());
}

/// A session lost after a content, with the next send's envelope already behind it: only the
/// message whose content was on the wire fails (its fate is unknown); the next one, of which
/// only the envelope went out, is sent on another session.
#[tokio::test]
async fn a_lost_session_sends_its_pipelined_envelope_again_elsewhere() {
    let server = SmtpServer::start();
    let smtp = transport(server.addr(), 2);
    // The first content: by the time it goes out the other sends wait, and the next envelope
    // goes with it.
    server.disconnect_next(1);
    let results = send_many(&smtp, 20).await;
    let failed: Vec<usize> = (0..20).filter(|&i| results[i].is_err()).collect();
    assert_eq!(failed.len(), 1, "{results:?}");
    let lost = &results[failed[0]];
    assert!(lost.as_ref().is_err_and(SendError::is_transient), "{lost:?}");
    let mut recipients: Vec<_> = server.messages().iter().map(|m| m.recipients.clone()).collect();
    recipients.sort();
    let mut expected: Vec<_> =
        (0..20).filter(|i| *i != failed[0]).map(|i| vec![format!("r{i}@example.net")]).collect();
    expected.sort();
    assert_eq!(recipients, expected, "each other message once");
    assert!(server.connections() <= 3, "{} connections", server.connections());
}

/// A server that offers 8BITMIME gets 8-bit messages declared as such; the pool reports the
/// offer once it has spoken to the server, and not before.
#[tokio::test]
async fn eight_bit_messages_are_declared() {
    for server in servers() {
        let smtp = transport(server.addr(), 2);
        assert!(!smtp.accepts_8bit(), "unknown before the first connection");
        let fixture = Fixture::new(samples_that_fit());
        let mut writer = MessageWriter::new(DOMAIN).unwrap();

        // The first message is written before anything is known: 7-bit clean.
        let built = writer.build(&fixture.campaign()).unwrap();
        smtp.send_built(&built).await.unwrap();
        assert!(smtp.accepts_8bit());

        let mut email = fixture.campaign();
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
        assert_eq!(received[1].text(), fixture.samples[0].text);
    }
}

/// Without 8BITMIME on the server, an 8-bit message is not sent at all (transient, so the retry
/// is written 7-bit), and 7-bit messages go through as before.
#[tokio::test]
async fn eight_bit_messages_wait_for_a_server_that_takes_them() {
    let server = SmtpServer::start();
    server.without_8bitmime();
    let smtp = transport(server.addr(), 1);
    let fixture = Fixture::new(samples_that_fit());
    let mut writer = MessageWriter::new(DOMAIN).unwrap();
    let mut email = fixture.campaign();
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
    assert_eq!(received[0].text(), fixture.samples[0].text);
}

const TEST_CA: &[u8] = include_bytes!("keys/tls-ca-TEST-ONLY.pem");
const LOCALHOST_CERT: &[u8] = include_bytes!("keys/tls-localhost-TEST-ONLY.pem");
const LOCALHOST_KEY: &[u8] = include_bytes!("keys/tls-localhost-key-TEST-ONLY.pem");

/// How a conversation with the TLS test server ended.
enum Ending<S> {
    /// The client asked for STARTTLS and got the 220: the plain stream, to wrap in TLS.
    StartTls(S),
    /// One message, dot-unstuffed, without the final `.` line.
    Message(Vec<u8>),
}

/// The server side of one SMTP conversation, one command at a time.
async fn converse<S: AsyncRead + AsyncWrite + Unpin>(
    stream: S,
    greet: bool,
    offer_starttls: bool,
) -> std::io::Result<Ending<S>> {
    let mut stream = BufReader::new(stream);
    if greet {
        stream.get_mut().write_all(b"220 localhost ESMTP test\r\n").await?;
    }
    loop {
        let mut line = String::new();
        if stream.read_line(&mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let command = line.trim_end().to_ascii_uppercase();
        let reply: &[u8] = if command.starts_with("EHLO") {
            if offer_starttls {
                b"250-localhost\r\n250-8BITMIME\r\n250 STARTTLS\r\n"
            } else {
                b"250-localhost\r\n250 8BITMIME\r\n"
            }
        } else if command == "STARTTLS" {
            stream.get_mut().write_all(b"220 2.0.0 ready to start TLS\r\n").await?;
            // The client says nothing until it has our 220: nothing is left in the buffer.
            return Ok(Ending::StartTls(stream.into_inner()));
        } else if command == "DATA" {
            stream.get_mut().write_all(b"354 go ahead\r\n").await?;
            let mut data = Vec::new();
            loop {
                let mut line = Vec::new();
                if stream.read_until(b'\n', &mut line).await? == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
                if line == b".\r\n" {
                    break;
                }
                data.extend_from_slice(line.strip_prefix(b".").unwrap_or(&line));
            }
            stream.get_mut().write_all(b"250 2.0.0 queued\r\n").await?;
            return Ok(Ending::Message(data));
        } else {
            b"250 2.0.0 ok\r\n"
        };
        stream.get_mut().write_all(reply).await?;
    }
}

/// Which kind of TLS the test server speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ServerTls {
    /// TLS from the first byte (port 465).
    Implicit,
    /// Plain, offering STARTTLS.
    StartTls,
}

/// Starts a server for one connection; its task yields the message it received, or `None` when
/// the conversation failed (a TLS handshake the client refused, say).
async fn tls_server(
    kind: ServerTls,
    ip: &str,
) -> (SocketAddr, tokio::task::JoinHandle<Option<Vec<u8>>>) {
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from_pem_slice(LOCALHOST_CERT).unwrap()],
            PrivateKeyDer::from_pem_slice(LOCALHOST_KEY).unwrap(),
        )
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind((ip, 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        let (tcp, _) = listener.accept().await.ok()?;
        let tls = match kind {
            ServerTls::Implicit => acceptor.accept(tcp).await.ok()?,
            ServerTls::StartTls => match converse(tcp, true, true).await.ok()? {
                Ending::StartTls(tcp) => acceptor.accept(tcp).await.ok()?,
                Ending::Message(_) => panic!("the client sent a message without STARTTLS"),
            },
        };
        let greet = kind == ServerTls::Implicit;
        match converse(tls, greet, false).await.ok()? {
            Ending::Message(data) => Some(data),
            Ending::StartTls(_) => panic!("STARTTLS inside TLS"),
        }
    });
    (addr, task)
}

fn test_ca() -> Vec<u8> {
    CertificateDer::from_pem_slice(TEST_CA).unwrap().to_vec()
}

/// Implicit TLS, required STARTTLS and opportunistic STARTTLS all deliver through TLS, to the
/// host name or the IP address the certificate names.
#[tokio::test]
async fn tls_delivers_after_checking_the_certificate() {
    let raw = b"From: a@example.org\r\nTo: b@example.net\r\nSubject: tls\r\n\r\nover TLS\r\n";
    for (kind, url) in [
        (ServerTls::Implicit, "smtps://localhost:{port}?timeout=5"),
        (ServerTls::Implicit, "smtps://127.0.0.1:{port}?timeout=5"),
        (ServerTls::StartTls, "smtp://localhost:{port}?tls=starttls&timeout=5"),
        (ServerTls::StartTls, "smtp://127.0.0.1:{port}?tls=opportunistic&timeout=5"),
    ] {
        let (addr, server) = tls_server(kind, "127.0.0.1").await;
        let url = url.replace("{port}", &addr.port().to_string());
        let config = SmtpConfig::from_url(&url).unwrap().with_root_certificate(&test_ca());
        let smtp = SmtpTransport::new(&config).unwrap();
        smtp.send(Envelope::new("a@example.org", &["b@example.net"]), raw)
            .await
            .unwrap_or_else(|e| panic!("{url}: {e}"));
        assert!(smtp.accepts_8bit(), "{url}: the EHLO after STARTTLS counts");
        assert_eq!(server.await.unwrap().as_deref(), Some(&raw[..]), "{url}");
    }
}

/// A certificate the client does not trust, or one that names another host, ends the attempt
/// with a transient TLS failure before anything is sent.
#[tokio::test]
async fn tls_refuses_an_untrusted_or_misnamed_certificate() {
    let raw = b"From: a@example.org\r\nTo: b@example.net\r\nSubject: tls\r\n\r\nsecret\r\n";
    for (kind, scheme, query) in [
        (ServerTls::Implicit, "smtps", "?timeout=5"),
        (ServerTls::StartTls, "smtp", "?tls=starttls&timeout=5"),
    ] {
        // 127.0.0.2 is this machine too, but the certificate names only localhost and
        // 127.0.0.1.
        for (host, trust_test_ca) in [("127.0.0.1", false), ("127.0.0.2", true)] {
            let (addr, server) = tls_server(kind, host).await;
            let url = format!("{scheme}://{host}:{}{query}", addr.port());
            let mut config = SmtpConfig::from_url(&url).unwrap();
            if trust_test_ca {
                config = config.with_root_certificate(&test_ca());
            }
            let smtp = SmtpTransport::new(&config).unwrap();
            let err = smtp
                .send(Envelope::new("a@example.org", &["b@example.net"]), raw)
                .await
                .unwrap_err();
            assert!(err.is_transient() && err.to_string().contains("TLS"), "{url}: {err}");
            assert_eq!(server.await.unwrap(), None, "{url}");
        }
    }
}
