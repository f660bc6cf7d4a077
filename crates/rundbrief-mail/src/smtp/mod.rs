//! Delivery over SMTP: a pool of pipelining sessions (see [`session`]) over tokio and
//! tokio-rustls ([`stream`]), configured from `RUNDBRIEF_SMTP_URL`, with replies classified
//! for the queue.

mod handoff;
mod session;
mod stream;

use std::fmt;
use std::str::FromStr;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use lettre::address::Address;
use lettre::transport::smtp::extension::ClientId;
use percent_encoding::percent_decode_str;
use tokio::sync::Semaphore;

use tokio_rustls::rustls::pki_types::CertificateDer;

use self::handoff::{Held, Place, Waiters};
use self::session::Session;
use self::stream::{Stream, TlsSettings};
use crate::encode;
use crate::error::{SendError, SmtpConfigError};
use crate::transport::{Envelope, Transport};

/// How the connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// Plain SMTP: only for a relay on this machine or a trusted network (`smtp://`, port 25).
    None,
    /// STARTTLS, required (`?tls=starttls` or `?tls=required`, port 587).
    StartTls,
    /// STARTTLS when the server offers it (`?tls=opportunistic`, port 25).
    Opportunistic,
    /// TLS from the first byte (`smtps://`, port 465).
    Tls,
}

/// A password that does not show up in `Debug` output or logs.
#[derive(Clone, PartialEq, Eq)]
struct Secret(String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"***\"")
    }
}

/// Where and how to reach the SMTP server. `Debug` redacts the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpConfig {
    host: String,
    port: u16,
    security: SmtpSecurity,
    credentials: Option<(String, Secret)>,
    max_connections: u32,
    timeout: Duration,
    /// Root certificates trusted besides the system's.
    extra_roots: Vec<CertificateDer<'static>>,
}

impl SmtpConfig {
    /// Default pool size (`RUNDBRIEF_SMTP_CONNECTIONS`).
    pub const DEFAULT_MAX_CONNECTIONS: u32 = 8;
    /// Default limit for one delivery, from connecting to the server's last reply.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
    /// The longest limit for one delivery: an hour. Owed mails hold their claim for twice the
    /// timeout and more, and a claim's end must stay a time the clock and the store can hold.
    pub const MAX_TIMEOUT: Duration = Duration::from_secs(3600);

    /// Parses `smtp://host[:port]`, `smtps://user:pass@host[:port]` or
    /// `smtp://host?tls=starttls`. User and password are percent-decoded. Query parameters:
    /// `tls` (`none`, `starttls`/`required`, `opportunistic`) and `timeout` (seconds for one
    /// delivery).
    pub fn from_url(input: &str) -> Result<Self, SmtpConfigError> {
        let url = url::Url::parse(input).map_err(|_| SmtpConfigError::InvalidUrl)?;
        let mut security = match url.scheme() {
            "smtp" => SmtpSecurity::None,
            "smtps" => SmtpSecurity::Tls,
            other => return Err(SmtpConfigError::UnsupportedScheme(other.to_owned())),
        };
        let mut timeout = Self::DEFAULT_TIMEOUT;
        for (key, value) in url.query_pairs() {
            match (key.as_ref(), value.as_ref()) {
                ("tls", "none") if security != SmtpSecurity::Tls => security = SmtpSecurity::None,
                ("tls", "starttls" | "required") if security != SmtpSecurity::Tls => {
                    security = SmtpSecurity::StartTls;
                }
                ("tls", "opportunistic") if security != SmtpSecurity::Tls => {
                    security = SmtpSecurity::Opportunistic;
                }
                ("timeout", secs) => {
                    let max = Self::MAX_TIMEOUT.as_secs();
                    let secs: u64 = secs
                        .parse()
                        .ok()
                        .filter(|s| (1..=max).contains(s))
                        .ok_or(SmtpConfigError::TimeoutOutOfRange { min: 1, max })?;
                    timeout = Duration::from_secs(secs);
                }
                (key, _) => return Err(SmtpConfigError::InvalidParameter(key.to_owned())),
            }
        }
        let host = url.host_str().filter(|h| !h.is_empty()).ok_or(SmtpConfigError::MissingHost)?;
        // IPv6 literals come back in brackets; the socket layer wants them bare.
        let host = host.trim_start_matches('[').trim_end_matches(']').to_owned();
        let port = url.port().unwrap_or(match security {
            SmtpSecurity::None | SmtpSecurity::Opportunistic => 25,
            SmtpSecurity::StartTls => 587,
            SmtpSecurity::Tls => 465,
        });
        let credentials = if url.username().is_empty() {
            None
        } else {
            let decode = |s: &str| {
                percent_decode_str(s)
                    .decode_utf8()
                    .map(|c| c.into_owned())
                    .map_err(|_| SmtpConfigError::InvalidUrl)
            };
            let user = decode(url.username())?;
            let password = decode(url.password().unwrap_or_default())?;
            Some((user, Secret(password)))
        };
        // A password must not cross the network in clear text, nor depend on the server
        // offering STARTTLS (which an attacker can strip); a relay on this machine is fine.
        let loopback = host == "localhost"
            || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
        if credentials.is_some()
            && matches!(security, SmtpSecurity::None | SmtpSecurity::Opportunistic)
            && !loopback
        {
            return Err(SmtpConfigError::CredentialsWithoutTls);
        }
        Ok(Self {
            host,
            port,
            security,
            credentials,
            max_connections: Self::DEFAULT_MAX_CONNECTIONS,
            timeout,
            extra_roots: Vec::new(),
        })
    }

    /// Sets the most connections the pool keeps open at once (at least 1).
    pub fn with_max_connections(mut self, max: u32) -> Self {
        self.max_connections = max.max(1);
        self
    }

    /// Sets the limit for one delivery, from connecting to the server's last reply (at most
    /// [`Self::MAX_TIMEOUT`]).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout.min(Self::MAX_TIMEOUT);
        self
    }

    /// Trusts `der` (a DER-encoded X.509 certificate) as a root besides the system's, for a
    /// relay whose certificate comes from a private CA.
    pub fn with_root_certificate(mut self, der: &[u8]) -> Self {
        self.extra_roots.push(CertificateDer::from(der.to_vec()));
        self
    }

    /// The server host.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The server port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The connection security.
    pub fn security(&self) -> SmtpSecurity {
        self.security
    }

    /// The user name, if the URL had credentials.
    pub fn username(&self) -> Option<&str> {
        self.credentials.as_ref().map(|(user, _)| user.as_str())
    }

    /// The most connections the pool keeps open.
    pub fn max_connections(&self) -> u32 {
        self.max_connections
    }

    /// The URL with the password replaced by `***`, for logs and status pages.
    pub fn redacted_url(&self) -> String {
        let scheme = if self.security == SmtpSecurity::Tls { "smtps" } else { "smtp" };
        let user = match &self.credentials {
            Some((user, _)) => format!("{user}:***@"),
            None => String::new(),
        };
        let host =
            if self.host.contains(':') { format!("[{}]", self.host) } else { self.host.clone() };
        let query = match self.security {
            SmtpSecurity::StartTls => "?tls=starttls",
            SmtpSecurity::Opportunistic => "?tls=opportunistic",
            SmtpSecurity::None | SmtpSecurity::Tls => "",
        };
        format!("{scheme}://{user}{host}:{}{query}", self.port)
    }
}

impl FromStr for SmtpConfig {
    type Err = SmtpConfigError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_url(s)
    }
}

/// Sends over a pool of SMTP connections. Clones share the pool.
///
/// The pool is our own. lettre's pool lets concurrent sends open as many connections as they
/// like (its `max_size` caps only idle ones), checks every reused connection with a NOOP round
/// trip, and its connections neither pipeline nor set `TCP_NODELAY` (without which the short
/// end-of-data line waits for the server's delayed ACK: ~40 ms per message on Linux, which
/// capped a pool of 8 at ~200 messages per second). Here a semaphore caps the connections,
/// only connections idle for a while are checked, and every socket, plain or TLS, is opened
/// with `TCP_NODELAY`.
///
/// Every delivery, from taking a connection to the server's last reply, runs under the
/// configured timeout. The wait for a place in the pool before it has no bound, except in
/// [`SmtpTransport::send_bounded`]. A send that times out or breaks its session drops the
/// connection, so no connection in an unknown state is ever reused.
#[derive(Clone)]
pub struct SmtpTransport {
    shared: Arc<Shared>,
}

struct Shared {
    config: SmtpConfig,
    description: String,
    permits: Arc<Semaphore>,
    /// Sends waiting for a place, which a finishing send may pass its session to with their
    /// envelope pipelined behind its content ([`handoff`]).
    waiters: Waiters,
    /// What an unbounded send ([`Transport::send`], the campaign lanes) takes before a place in
    /// the pool: `max(1, max_connections - 1)` permits, so with two or more places one is
    /// always left to bounded sends (owed mails), which never take this gate. Without it the
    /// lanes' many waiters queue ahead of an owed mail, which then waits out its bounded wait
    /// on every attempt while a campaign runs over a slow relay.
    unbounded_gate: Arc<Semaphore>,
    /// The EHLO name: this machine's host name, or its address literal.
    hello: String,
    tls: Option<TlsSettings>,
    idle: Mutex<Vec<IdleConnection>>,
    /// Whether the server offers 8BITMIME: [`EIGHT_BIT_UNKNOWN`] until the first EHLO.
    eight_bit: AtomicU8,
}

struct IdleConnection {
    connection: Session,
    since: Instant,
}

/// What the pool knows of the server's 8BITMIME offer.
const EIGHT_BIT_UNKNOWN: u8 = 0;
const EIGHT_BIT_YES: u8 = 1;
const EIGHT_BIT_NO: u8 = 2;

/// A connection idle for longer than this is checked with NOOP before it is used again.
const CHECK_AFTER_IDLE: Duration = Duration::from_secs(5);
/// A connection idle for longer than this is closed rather than reused.
const MAX_IDLE: Duration = Duration::from_secs(60);

impl fmt::Debug for SmtpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpTransport")
            .field("server", &self.shared.description)
            .field("max_connections", &self.shared.config.max_connections)
            .finish_non_exhaustive()
    }
}

impl SmtpTransport {
    /// Sets up the pool. Connects lazily: the first send opens the first connection. Must be
    /// called inside a Tokio runtime.
    pub fn new(config: &SmtpConfig) -> Result<Self, SmtpConfigError> {
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(SmtpConfigError::NoRuntime);
        }
        let tls = match config.security {
            SmtpSecurity::None => None,
            SmtpSecurity::StartTls | SmtpSecurity::Opportunistic | SmtpSecurity::Tls => {
                Some(TlsSettings::new(&config.host, &config.extra_roots)?)
            }
        };
        let description = config.redacted_url();
        tracing::debug!(server = %description, max_connections = config.max_connections, "SMTP transport ready");
        Ok(Self {
            shared: Arc::new(Shared {
                config: config.clone(),
                description,
                permits: Arc::new(Semaphore::new(config.max_connections as usize)),
                waiters: Waiters::default(),
                unbounded_gate: Arc::new(Semaphore::new(
                    config.max_connections.saturating_sub(1).max(1) as usize,
                )),
                hello: ClientId::default().to_string(),
                tls,
                idle: Mutex::new(Vec::new()),
                eight_bit: AtomicU8::new(EIGHT_BIT_UNKNOWN),
            }),
        })
    }

    /// The server's URL without the password, for logs.
    pub fn server(&self) -> &str {
        &self.shared.description
    }

    /// Only `host:port`, for what anyone may read (`/readyz`): the user name can be an
    /// access key id (Amazon SES, for one).
    pub fn host_and_port(&self) -> String {
        let config = &self.shared.config;
        if config.host.contains(':') {
            format!("[{}]:{}", config.host, config.port)
        } else {
            format!("{}:{}", config.host, config.port)
        }
    }

    /// Opens a connection and says hello, to check the settings at startup. It holds one of
    /// the pool's places like a send, so a relay that limits connections per client never
    /// sees more than `max_connections` from this process.
    pub async fn test_connection(&self) -> Result<(), SendError> {
        let _permit = self
            .shared
            .permits
            .acquire()
            .await
            .map_err(|_| SendError::transient("SMTP transport closed"))?;
        self.hello_and_noop().await
    }

    /// A readiness probe: like [`Self::test_connection`] when a place in the pool is free;
    /// `None` while every place is taken, since then the sends themselves talk to the relay
    /// and their outcome says more than a probe that would wait behind them.
    pub async fn probe(&self) -> Option<Result<(), SendError>> {
        let _permit = self.shared.permits.try_acquire().ok()?;
        Some(self.hello_and_noop().await)
    }

    async fn hello_and_noop(&self) -> Result<(), SendError> {
        let attempt = async {
            // Through the pool, so an idle connection is reused rather than one more opened.
            let mut connection = self.check_out().await?;
            if connection.noop().await {
                self.check_in(connection);
                Ok(())
            } else {
                Err(SendError::transient("SMTP server did not answer NOOP"))
            }
        };
        match tokio::time::timeout(self.shared.config.timeout, attempt).await {
            Ok(result) => result,
            Err(_) => Err(self.timed_out()),
        }
    }

    /// The limit for one delivery once it holds a place in the pool (`?timeout=`).
    pub fn timeout(&self) -> Duration {
        self.shared.config.timeout
    }

    /// The longest [`Self::send_bounded`] takes: one timeout waiting for a place in the pool
    /// and one for the delivery.
    ///
    /// The timeout bounds a whole delivery, not each reply: it runs from taking a place
    /// (checking an idle connection with NOOP, or connecting, TLS, EHLO, STARTTLS and AUTH)
    /// through MAIL, RCPT, DATA and the content to the server's last reply, so a relay that is
    /// slow on every reply cannot stretch it. The wait for a place comes before it and has no
    /// bound in [`Transport::send`] (campaign lanes wait there as long as it takes). Every
    /// holder of a place (a send, the readiness probe, the start-up check) gives it back
    /// within one timeout, and the semaphore serves waiters first come, first served, so a send
    /// first in line has a place within one timeout; one that has none by then has sends
    /// queued ahead of it on a slow relay, and is better tried again later than held on to
    /// ([`SendError::is_pool_busy`]). Unbounded sends pass a gate of `max_connections - 1`
    /// first, so with two places or more they never queue ahead of it for the last one.
    /// Tokio's timers fire at the tick after their deadline: callers leave a margin for that.
    pub fn bounded_send_limit(&self) -> Duration {
        self.timeout().saturating_mul(2)
    }

    /// Delivers like [`Transport::send`], but waits at most one timeout for a place in the
    /// pool, so that the whole call returns within [`Self::bounded_send_limit`]: for senders
    /// that hold their mail for a limited time (the lease of an owed mail), which must not be
    /// on the wire when it ends. A send that finds no place in time fails as transient
    /// without having touched the network.
    pub async fn send_bounded(
        &self,
        envelope: Envelope<'_>,
        message: &[u8],
    ) -> Result<(), SendError> {
        self.send_with_place(envelope, message, Some(self.timeout())).await
    }

    /// Waits for a place in the pool (at most `place_wait`, if given), then delivers under the
    /// timeout.
    async fn send_with_place(
        &self,
        envelope: Envelope<'_>,
        message: &[u8],
        place_wait: Option<Duration>,
    ) -> Result<(), SendError> {
        check_addresses(envelope.from, envelope.to)?;
        let closed = |_| SendError::transient("SMTP transport closed");
        let eight_bit = encode::has_8bit(message);
        let shared = &self.shared;
        // Only unbounded sends wait for a hand-off, and only they hand over: they pass the gate
        // on with the place. A bounded send's wait for a place has its own limit.
        let place = match place_wait {
            None => {
                let (gate, places) = (&shared.unbounded_gate, &shared.permits);
                shared.waiters.place(gate, places, envelope.from, envelope.to, eight_bit).await?
            }
            Some(wait) => {
                let place = shared.permits.clone().acquire_owned();
                let place = tokio::time::timeout(wait, place)
                    .await
                    .map_err(|_| SendError::pool_busy(wait))?
                    .map_err(closed)?;
                Place::Free(Held { _place: place, gate: None })
            }
        };
        let delivery = self.deliver(place, envelope, message, eight_bit);
        match tokio::time::timeout(shared.config.timeout, delivery).await {
            Ok(result) => result,
            // The connection was dropped with the delivery: closed, never reused.
            Err(_) => Err(self.timed_out()),
        }
    }

    /// One delivery on a place in the pool: on a session of its own, or on one handed over
    /// with its envelope already sent. The session goes on to the next waiting send, or back
    /// to the pool.
    async fn deliver(
        &self,
        place: Place,
        envelope: Envelope<'_>,
        message: &[u8],
        eight_bit: bool,
    ) -> Result<(), SendError> {
        let (mut connection, held, started) = match place {
            Place::Free(held) => {
                let mut connection = self.check_out().await?;
                let started = connection.start(envelope.from, envelope.to, eight_bit).await;
                (connection, held, started)
            }
            Place::Handed(handed) => {
                let mut connection = handed.session;
                let started = connection.read_envelope_replies(envelope.to.len()).await;
                (connection, handed.held, started)
            }
        };
        if let Err(refused) = started {
            // A refused envelope leaves the session usable; a broken one is dropped here.
            self.check_in(connection);
            return Err(refused);
        }
        let next = match held.gate {
            Some(_) => self.shared.waiters.take_for(&connection),
            None => None,
        };
        let sent = connection.finish(message, next.as_ref().map(|n| n.envelope.as_slice())).await;
        match next {
            Some(next) if !connection.is_broken() => next.hand(connection, held),
            // A waiter taken for a session that broke is dropped with it: it waits again.
            // The place goes back after the connection, for the send that it wakes.
            _ => self.check_in(connection),
        }
        sent
    }

    fn timed_out(&self) -> SendError {
        SendError::transient(format!(
            "SMTP timeout: no complete reply within {} s",
            self.shared.config.timeout.as_secs_f32()
        ))
    }

    /// An idle connection that still works, or a new one.
    async fn check_out(&self) -> Result<Session, SendError> {
        loop {
            let idle = self.shared.idle.lock().unwrap_or_else(PoisonError::into_inner).pop();
            let Some(IdleConnection { mut connection, since }) = idle else {
                return self.connect().await;
            };
            let idle_for = since.elapsed();
            if idle_for <= CHECK_AFTER_IDLE || (idle_for <= MAX_IDLE && connection.noop().await) {
                return Ok(connection);
            }
            // Dropping a session closes its socket; servers cope with a missing QUIT.
        }
    }

    /// Parks a connection for reuse, and closes those idle for too long.
    fn check_in(&self, connection: Session) {
        if connection.is_broken() {
            return;
        }
        let mut idle = self.shared.idle.lock().unwrap_or_else(PoisonError::into_inner);
        idle.retain(|c| c.since.elapsed() <= MAX_IDLE);
        if idle.len() < self.shared.config.max_connections as usize {
            idle.push(IdleConnection { connection, since: Instant::now() });
        }
    }

    async fn connect(&self) -> Result<Session, SendError> {
        let shared = &self.shared;
        let config = &shared.config;
        let mut stream = Stream::connect(&config.host, config.port)
            .await
            .map_err(|e| SendError::transient(format!("SMTP connection failed: {e}")))?;
        if let (SmtpSecurity::Tls, Some(tls)) = (config.security, &shared.tls) {
            stream
                .upgrade(tls)
                .await
                .map_err(|e| SendError::transient(format!("SMTP TLS failure: {e}")))?;
        }
        let mut session = Session::open(stream, &shared.hello).await?;
        let upgrade = match config.security {
            SmtpSecurity::StartTls => true,
            SmtpSecurity::Opportunistic => session.extensions().starttls,
            SmtpSecurity::None | SmtpSecurity::Tls => false,
        };
        if let (true, Some(tls)) = (upgrade, &shared.tls) {
            if !session.extensions().starttls {
                return Err(SendError::transient("SMTP server does not offer STARTTLS"));
            }
            session.starttls(tls, &shared.hello).await?;
        }
        if let Some((user, password)) = &config.credentials {
            session.authenticate(user, &password.0).await?;
        }
        if session.extensions().eight_bit_mime {
            // A `no` stays: behind one name there may be several servers, and one without
            // 8BITMIME would otherwise refuse every 8-bit message the others' offer let through.
            let _ = shared.eight_bit.compare_exchange(
                EIGHT_BIT_UNKNOWN,
                EIGHT_BIT_YES,
                Ordering::Relaxed,
                Ordering::Relaxed,
            );
        } else {
            shared.eight_bit.store(EIGHT_BIT_NO, Ordering::Relaxed);
        }
        Ok(session)
    }
}

impl Transport for SmtpTransport {
    async fn send(&self, envelope: Envelope<'_>, message: &[u8]) -> Result<(), SendError> {
        self.send_with_place(envelope, message, None).await
    }

    fn accepts_8bit(&self) -> bool {
        self.shared.eight_bit.load(Ordering::Relaxed) == EIGHT_BIT_YES
    }
}

/// The addresses go into SMTP commands verbatim, so they must be addresses and nothing else
/// (no CR, LF or angle brackets); an empty `from` is the null reverse-path `<>`.
fn check_addresses(from: &str, recipients: &[&str]) -> Result<(), SendError> {
    if !from.is_empty() && from.parse::<Address>().is_err() {
        return Err(SendError::permanent("invalid envelope sender address"));
    }
    check_recipients(recipients)?;
    if recipients.iter().any(|r| r.parse::<Address>().is_err()) {
        return Err(SendError::permanent("invalid recipient address"));
    }
    Ok(())
}

/// An envelope goes to one recipient at least.
fn check_recipients(recipients: &[&str]) -> Result<(), SendError> {
    if recipients.is_empty() {
        return Err(SendError::permanent("envelope has no recipients"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(url: &str) -> SmtpConfig {
        SmtpConfig::from_url(url).unwrap_or_else(|e| panic!("{url}: {e}"))
    }

    #[test]
    fn transport_needs_a_runtime() {
        let c = parse("smtp://localhost");
        assert_eq!(SmtpTransport::new(&c).err(), Some(SmtpConfigError::NoRuntime));
    }

    #[test]
    fn urls_parse_with_defaults() {
        let c = parse("smtp://localhost");
        assert_eq!((c.host(), c.port(), c.security()), ("localhost", 25, SmtpSecurity::None));
        let c = parse("smtp://mail.example.org?tls=starttls");
        assert_eq!((c.port(), c.security()), (587, SmtpSecurity::StartTls));
        let c = parse("smtps://user%40example.org:p%40ss%3Aword@mail.example.org");
        assert_eq!((c.port(), c.security()), (465, SmtpSecurity::Tls));
        assert_eq!(c.username(), Some("user@example.org"));
        assert_eq!(c.credentials.as_ref().map(|(_, p)| p.0.as_str()), Some("p@ss:word"));
        let c = parse("smtp://[::1]:2525?tls=opportunistic&timeout=5");
        assert_eq!((c.host(), c.port()), ("::1", 2525));
        assert_eq!(c.timeout, Duration::from_secs(5));
    }

    #[test]
    fn bad_urls_are_refused_without_echoing_them() {
        for bad in ["http://x", "smtp://", "smtp://h?tls=maybe", "smtp://h?foo=1", "not a url"] {
            let err = SmtpConfig::from_url(bad).err();
            assert!(err.is_some(), "{bad}");
        }
        let err = SmtpConfig::from_url("smtps://u:hunter2@h?tls=bogus").err();
        assert!(err.is_some_and(|e| !e.to_string().contains("hunter2")));
    }

    /// The lease of owed mails is computed from the timeout: one too long to add to a time
    /// would panic there, so it is refused here, with the limits in the message.
    #[test]
    fn the_timeout_is_whole_seconds_from_one_to_an_hour() {
        let range = SmtpConfigError::TimeoutOutOfRange { min: 1, max: 3600 };
        for bad in ["0", "3601", "-1", "1.5", "", "18446744073709551615", "99999999999999999999"] {
            let err = SmtpConfig::from_url(&format!("smtp://h?timeout={bad}")).err();
            assert_eq!(err.as_ref(), Some(&range), "{bad}");
        }
        assert!(range.to_string().contains("from 1 to 3600"), "{range}");
        assert_eq!(parse("smtp://h?timeout=1").timeout, Duration::from_secs(1));
        assert_eq!(parse("smtp://h?timeout=3600").timeout, SmtpConfig::MAX_TIMEOUT);
        let long = parse("smtp://h").with_timeout(Duration::MAX);
        assert_eq!(long.timeout, SmtpConfig::MAX_TIMEOUT);
    }

    #[test]
    fn passwords_need_tls_unless_the_relay_is_local() {
        for url in ["smtp://u:p@mail.example.org", "smtp://u:p@mail.example.org?tls=opportunistic"]
        {
            assert_eq!(
                SmtpConfig::from_url(url).err(),
                Some(SmtpConfigError::CredentialsWithoutTls)
            );
        }
        for url in [
            "smtp://u:p@mail.example.org?tls=starttls",
            "smtps://u:p@mail.example.org",
            "smtp://u:p@localhost:25",
            "smtp://u:p@127.0.0.1:2525",
            "smtp://u:p@[::1]:2525",
        ] {
            assert!(SmtpConfig::from_url(url).is_ok(), "{url}");
        }
    }

    #[tokio::test]
    async fn password_never_shows() {
        let c = parse("smtps://user:hunter2@mail.example.org");
        assert!(!format!("{c:?}").contains("hunter2"));
        assert_eq!(c.redacted_url(), "smtps://user:***@mail.example.org:465");
        let t = SmtpTransport::new(&c).unwrap_or_else(|e| panic!("{e}"));
        assert!(!format!("{t:?}").contains("hunter2"));
    }

    #[test]
    fn replies_are_classified() {
        let e = SendError::from_reply(
            550,
            "5.1.1 <x@example.org>: Recipient address rejected: User unknown",
        );
        assert!(e.is_permanent() && e.is_no_such_user());
        assert_eq!(e.enhanced_status().map(|s| s.to_string()).as_deref(), Some("5.1.1"));
        let e = SendError::from_reply(550, "Requested action not taken: user unknown");
        assert!(e.is_permanent() && e.is_no_such_user());
        let e = SendError::from_reply(550, "5.7.1 Message rejected as spam");
        assert!(e.is_permanent() && !e.is_no_such_user());
        let e = SendError::from_reply(553, "5.1.8 Sender domain does not exist");
        assert!(e.is_permanent() && !e.is_no_such_user());
        let e = SendError::from_reply(451, "4.7.1 Greylisted, try again");
        assert!(e.is_transient() && !e.is_no_such_user());
        // The bounce rules' German phrases, and no verdict on a temporary answer.
        assert!(SendError::from_reply(550, "Benutzer unbekannt").is_no_such_user());
        assert!(!SendError::from_reply(450, "4.1.1 user unknown, try later").is_no_such_user());
        assert!(!SendError::from_reply(552, "5.2.2 mailbox full").is_no_such_user());
        let e = SendError::from_reply(535, "5.7.8 Authentication credentials invalid");
        assert!(e.is_transient());
    }
}
