//! A loopback SMTP server for tests: speaks enough ESMTP for lettre, records every message,
//! answers the next N messages with a chosen error when told to, and answers chosen recipients'
//! `RCPT TO` with chosen errors (a few times or always), and answers slowly, or holds its
//! answers to message contents until the test lets them go, when told to.

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// One message as it arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub from: String,
    pub recipients: Vec<String>,
    pub data: Vec<u8>,
    /// Whether MAIL FROM declared `BODY=8BITMIME` (RFC 6152).
    pub declared_8bit: bool,
}

impl Received {
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default().parse(&self.data).expect("a parsable message")
    }

    pub fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_owned()
    }

    /// The decoded text/plain part.
    pub fn text(&self) -> String {
        self.parsed().body_text(0).map(|t| t.into_owned()).unwrap_or_default()
    }

    /// The decoded text/html part.
    pub fn html(&self) -> String {
        self.parsed().body_html(0).map(|t| t.into_owned()).unwrap_or_default()
    }

    /// A raw header value (unfolded, not decoded), if present.
    pub fn header(&self, name: &str) -> Option<String> {
        let text = String::from_utf8_lossy(&self.data);
        let head = text.split("\r\n\r\n").next().unwrap_or_default().replace("\r\n ", " ");
        head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim().to_owned())
        })
    }

    /// The first URL in the text part that contains `needle`.
    pub fn link_containing(&self, needle: &str) -> Option<String> {
        self.text()
            .split_whitespace()
            .find(|w| w.starts_with("http") && w.contains(needle))
            .map(str::to_owned)
    }
}

#[derive(Default)]
struct Shared {
    received: Mutex<Vec<Received>>,
    arrived: Condvar,
    /// Replies to give instead of accepting the next messages' DATA, in order.
    failures: Mutex<VecDeque<String>>,
    /// How many DATA commands were answered with a failure.
    failed: Mutex<usize>,
    /// Recipient address -> reply to its `RCPT TO` instead of 250, while it has uses left.
    rcpt_replies: Mutex<HashMap<String, Scripted>>,
    /// Recipients whose `RCPT TO` got a scripted reply, in order.
    rejected: Mutex<Vec<String>>,
    /// Connections accepted so far.
    connections: AtomicUsize,
    /// Every n-th DATA is answered with this reply while failures are left.
    periodic: Mutex<Option<Periodic>>,
    /// DATA commands seen, for `periodic`.
    data_seen: AtomicUsize,
    /// Whether received message bodies are kept (big campaigns only need who got what).
    discard_bodies: std::sync::atomic::AtomicBool,
    /// Whether EHLO leaves out PIPELINING, for clients' one-command-at-a-time path.
    no_pipelining: std::sync::atomic::AtomicBool,
    /// Whether EHLO leaves out 8BITMIME (and MAIL FROM refuses `BODY=8BITMIME`).
    no_8bitmime: std::sync::atomic::AtomicBool,
    /// How long the answer to each message's content waits, as on a slow relay.
    data_delay: Mutex<Duration>,
    /// Whether answers to message contents wait until the test lets them go, and how many
    /// wait right now.
    data_hold: Mutex<DataHold>,
    data_released: Condvar,
    /// How many of the next messages' contents are answered by closing the connection.
    disconnects: AtomicUsize,
    /// Contents whose end arrived with the next command right behind it (RFC 2920 3.1).
    pipelined_after_content: AtomicUsize,
}

#[derive(Default)]
struct DataHold {
    holding: bool,
    waiting: usize,
}

struct Periodic {
    every: usize,
    reply: String,
    left: usize,
}

/// A scripted answer to `RCPT TO`, given `times` more times (then 250 again).
struct Scripted {
    reply: String,
    times: usize,
}

impl Shared {
    fn scripted(&self, rcpt: &str) -> Option<String> {
        let mut replies = self.rcpt_replies.lock().unwrap();
        let scripted = replies.get_mut(rcpt)?;
        if scripted.times == 0 {
            return None;
        }
        scripted.times -= 1;
        Some(scripted.reply.clone())
    }
}

/// The server; it runs until the test process ends.
pub struct SmtpServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
}

impl SmtpServer {
    pub fn start() -> Self {
        Self::spawn(false)
    }

    /// A server that accepts connections but never says anything (for timeout tests).
    pub fn start_silent() -> Self {
        Self::spawn(true)
    }

    fn spawn(silent: bool) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind SMTP test server");
        let addr = listener.local_addr().expect("address");
        let shared = Arc::new(Shared::default());
        let accept = Arc::clone(&shared);
        std::thread::spawn(move || {
            for stream in listener.incoming().map_while(Result::ok) {
                accept.connections.fetch_add(1, Ordering::SeqCst);
                let conn = Arc::clone(&accept);
                std::thread::spawn(move || {
                    if silent {
                        std::thread::sleep(Duration::from_secs(30));
                        drop(stream);
                        return;
                    }
                    let _ = serve(&conn, stream);
                });
            }
        });
        Self { addr, shared }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The `RUNDBRIEF_SMTP_URL` that reaches this server.
    pub fn url(&self) -> String {
        format!("smtp://{}?timeout=5", self.addr)
    }

    /// Answers the DATA of the next `count` messages with `reply` (e.g. `451 4.3.0 try later`).
    pub fn fail_next(&self, count: usize, reply: &str) {
        let mut failures = self.shared.failures.lock().unwrap();
        failures.extend(std::iter::repeat_n(reply.to_owned(), count));
    }

    /// Answers the DATA of every `every`-th message with `reply`, `times` times in all, then
    /// accepts everything again.
    pub fn fail_every(&self, every: usize, reply: &str, times: usize) {
        *self.shared.periodic.lock().unwrap() =
            Some(Periodic { every: every.max(1), reply: reply.to_owned(), left: times });
    }

    /// Answers the content of the next `count` messages by closing the connection, as a relay
    /// that crashes: the client cannot know whether they were delivered.
    pub fn disconnect_next(&self, count: usize) {
        self.shared.disconnects.fetch_add(count, Ordering::SeqCst);
    }

    /// How many messages' contents arrived with a next command behind them in the same
    /// write: a client that pipelines the next envelope behind the content.
    pub fn pipelined_after_content(&self) -> usize {
        self.shared.pipelined_after_content.load(Ordering::SeqCst)
    }

    /// Stops offering PIPELINING to sessions that greet from now on.
    pub fn without_pipelining(&self) {
        self.shared.no_pipelining.store(true, Ordering::SeqCst);
    }

    /// From now on EHLO does not offer 8BITMIME, and `BODY=8BITMIME` is refused, as by a server
    /// that only takes 7-bit mail.
    pub fn without_8bitmime(&self) {
        self.shared.no_8bitmime.store(true, Ordering::SeqCst);
    }

    /// From now on answers each message's content only after `delay` (a slow relay); the
    /// message counts as received when the answer goes out.
    pub fn delay_data_replies(&self, delay: Duration) {
        *self.shared.data_delay.lock().unwrap() = delay;
    }

    /// From now on holds the answer to each message's content until [`Self::release_data_replies`]
    /// (a relay as slow as the test wants, however slow the machine): the message counts as
    /// received when the answer goes out.
    pub fn hold_data_replies(&self) {
        self.shared.data_hold.lock().unwrap().holding = true;
    }

    /// Lets the held answers go, and answers at once from now on.
    pub fn release_data_replies(&self) {
        self.shared.data_hold.lock().unwrap().holding = false;
        self.shared.data_released.notify_all();
    }

    /// How many answers to message contents are held right now: a client that sent its
    /// message and waits for the answer.
    pub fn held_data_replies(&self) -> usize {
        self.shared.data_hold.lock().unwrap().waiting
    }

    /// Keeps only the envelope of received messages, not their bodies: a campaign of
    /// thousands of 40 KB messages would otherwise sit in the test's memory.
    pub fn discard_bodies(&self) {
        self.shared.discard_bodies.store(true, Ordering::SeqCst);
    }

    /// Messages accepted so far.
    pub fn received_count(&self) -> usize {
        self.shared.received.lock().unwrap().len()
    }

    /// Answers `RCPT TO:<recipient>` with `reply` (e.g. `451 4.7.1 Greylisted`) the next
    /// `times` times (`usize::MAX` for always), replacing what was set for it before.
    pub fn reply_to_rcpt(&self, recipient: &str, reply: &str, times: usize) {
        self.shared
            .rcpt_replies
            .lock()
            .unwrap()
            .insert(recipient.to_owned(), Scripted { reply: reply.to_owned(), times });
    }

    /// The recipients whose `RCPT TO` got a scripted reply, in order.
    pub fn rejected(&self) -> Vec<String> {
        self.shared.rejected.lock().unwrap().clone()
    }

    /// How many connections the server accepted.
    pub fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }

    pub fn failed(&self) -> usize {
        *self.shared.failed.lock().unwrap()
    }

    pub fn messages(&self) -> Vec<Received> {
        self.shared.received.lock().unwrap().clone()
    }

    /// Waits until a message for `recipient` has arrived and returns the latest one.
    pub fn wait_for(&self, recipient: &str, timeout: Duration) -> Received {
        self.try_wait_for(recipient, timeout)
            .unwrap_or_else(|| panic!("no mail for {recipient} within {timeout:?}"))
    }

    pub fn try_wait_for(&self, recipient: &str, timeout: Duration) -> Option<Received> {
        let deadline = Instant::now() + timeout;
        let mut received = self.shared.received.lock().unwrap();
        loop {
            if let Some(m) =
                received.iter().rev().find(|m| m.recipients.iter().any(|r| r == recipient))
            {
                return Some(m.clone());
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            received = self.shared.arrived.wait_timeout(received, left).unwrap().0;
        }
    }

    /// How many messages each recipient received.
    pub fn counts(&self) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for message in self.shared.received.lock().unwrap().iter() {
            for rcpt in &message.recipients {
                *counts.entry(rcpt.clone()).or_default() += 1;
            }
        }
        counts
    }

    /// How many messages went to `recipient`.
    pub fn count_for(&self, recipient: &str) -> usize {
        self.messages().iter().filter(|m| m.recipients.iter().any(|r| r == recipient)).count()
    }
}

fn angle(arg: &str) -> String {
    let arg = arg.trim();
    let inner = arg.trim_start_matches('<');
    inner.split('>').next().unwrap_or_default().to_owned()
}

fn serve(shared: &Shared, stream: TcpStream) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    // Each reply is its own small write, and a pipelining client sends nothing until it has
    // read them all: with Nagle's algorithm the second reply waits for the client's delayed
    // ACK (40 ms on Linux), so every message took some 40 ms longer than it needs.
    stream.set_nodelay(true)?;
    let mut write = stream.try_clone()?;
    let mut read = BufReader::new(stream);
    write.write_all(b"220 test.local ESMTP ready\r\n")?;
    let mut from = String::new();
    let mut recipients = Vec::new();
    let mut declared_8bit = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        if read.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        let command = String::from_utf8_lossy(&line).trim_end().to_owned();
        let upper = command.to_ascii_uppercase();
        let reply: String = if upper.starts_with("EHLO") {
            let pipelining =
                if shared.no_pipelining.load(Ordering::SeqCst) { "" } else { "250-PIPELINING\r\n" };
            let eight_bit =
                if shared.no_8bitmime.load(Ordering::SeqCst) { "" } else { "250-8BITMIME\r\n" };
            format!(
                "250-test.local\r\n{pipelining}{eight_bit}250-SMTPUTF8\r\n250 ENHANCEDSTATUSCODES\r\n"
            )
        } else if upper.starts_with("HELO") || upper == "NOOP" {
            "250 2.0.0 OK\r\n".into()
        } else if upper.starts_with("RSET") {
            from.clear();
            recipients.clear();
            "250 2.0.0 OK\r\n".into()
        } else if upper.starts_with("MAIL FROM:") {
            let parameters = upper.rsplit_once('>').map(|(_, p)| p).unwrap_or_default();
            declared_8bit = parameters.split_whitespace().any(|p| p == "BODY=8BITMIME");
            recipients.clear();
            if declared_8bit && shared.no_8bitmime.load(Ordering::SeqCst) {
                from.clear();
                "555 5.5.4 BODY=8BITMIME not supported\r\n".into()
            } else {
                from = angle(&command[10..]);
                "250 2.1.0 OK\r\n".into()
            }
        } else if upper.starts_with("RCPT TO:") {
            let rcpt = angle(&command[8..]);
            match shared.scripted(&rcpt) {
                Some(reply) => {
                    shared.rejected.lock().unwrap().push(rcpt);
                    format!("{reply}\r\n")
                }
                None => {
                    recipients.push(rcpt);
                    "250 2.1.5 OK\r\n".into()
                }
            }
        } else if upper == "DATA" && recipients.is_empty() {
            // RFC 2920 3.1: a pipelining client learns here that every RCPT was refused.
            "554 5.5.1 No valid recipients\r\n".into()
        } else if upper == "DATA" {
            write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")?;
            let mut data = Vec::new();
            loop {
                line.clear();
                if read.read_until(b'\n', &mut line)? == 0 {
                    return Ok(());
                }
                if line == b".\r\n" {
                    if !read.buffer().is_empty() {
                        shared.pipelined_after_content.fetch_add(1, Ordering::SeqCst);
                    }
                    break;
                }
                let content = if line.starts_with(b".") { &line[1..] } else { &line[..] };
                data.extend_from_slice(content);
            }
            let disconnect = shared
                .disconnects
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok();
            if disconnect {
                return Ok(());
            }
            let delay = *shared.data_delay.lock().unwrap();
            std::thread::sleep(delay);
            let mut hold = shared.data_hold.lock().unwrap();
            hold.waiting += 1;
            while hold.holding {
                hold = shared.data_released.wait(hold).unwrap();
            }
            hold.waiting -= 1;
            drop(hold);
            let seen = shared.data_seen.fetch_add(1, Ordering::SeqCst) + 1;
            let periodic = shared.periodic.lock().unwrap().as_mut().and_then(|p| {
                (p.left > 0 && seen.is_multiple_of(p.every)).then(|| {
                    p.left -= 1;
                    p.reply.clone()
                })
            });
            let failure = periodic.or_else(|| shared.failures.lock().unwrap().pop_front());
            if shared.discard_bodies.load(Ordering::SeqCst) {
                data = Vec::new();
            }
            match failure {
                Some(reply) => {
                    *shared.failed.lock().unwrap() += 1;
                    format!("{reply}\r\n")
                }
                None => {
                    shared.received.lock().unwrap().push(Received {
                        from: std::mem::take(&mut from),
                        recipients: std::mem::take(&mut recipients),
                        data,
                        declared_8bit,
                    });
                    shared.arrived.notify_all();
                    "250 2.0.0 Queued\r\n".into()
                }
            }
        } else if upper == "QUIT" {
            write.write_all(b"221 2.0.0 Bye\r\n")?;
            return Ok(());
        } else {
            "502 5.5.2 Command not recognised\r\n".into()
        };
        write.write_all(reply.as_bytes())?;
    }
}
