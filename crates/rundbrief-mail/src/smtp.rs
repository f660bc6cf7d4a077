//! Delivery over SMTP: lettre's pooled `AsyncSmtpTransport` sending the bytes our writer made,
//! configured from `RUNDBRIEF_SMTP_URL`, with lettre's errors classified for the queue.

use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use lettre::address::{Address, Envelope};
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use percent_encoding::percent_decode_str;
use tokio::sync::Semaphore;

use crate::error::{SendError, SmtpConfigError};
use crate::transport::Transport;

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
}

impl SmtpConfig {
    /// Default pool size (`RUNDBRIEF_SMTP_CONNECTIONS`).
    pub const DEFAULT_MAX_CONNECTIONS: u32 = 8;
    /// Default limit for one delivery, from connecting to the server's last reply.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

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
                    let secs: u64 = secs
                        .parse()
                        .ok()
                        .filter(|s| *s > 0)
                        .ok_or_else(|| SmtpConfigError::InvalidParameter("timeout".into()))?;
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
        })
    }

    /// Sets the most connections the pool keeps open at once (at least 1).
    pub fn with_max_connections(mut self, max: u32) -> Self {
        self.max_connections = max.max(1);
        self
    }

    /// Sets the limit for one delivery, from connecting to the server's last reply.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
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
/// The pool is our own, on top of lettre's connection type, for three reasons. lettre's pool
/// lets concurrent sends open as many connections as they like (its `max_size` caps only idle
/// ones), so a semaphore caps them here. It checks every reused connection with a NOOP round
/// trip, which is one extra round trip per message; here only connections idle for a while
/// are checked. And it connects without `TCP_NODELAY`, so the short end-of-data line written
/// after a message waits in Nagle's algorithm for the server's delayed ACK: about 40 ms per
/// message on Linux, which capped a whole pool of 8 connections at ~200 messages per second.
/// Plain and STARTTLS connections therefore open their TCP socket here with `TCP_NODELAY`
/// and hand it to lettre; implicit TLS (`smtps://`) still connects through lettre.
///
/// Every delivery, from taking a connection to the server's last reply, runs under the
/// configured timeout (lettre applies it to connecting only). A send that times out or fails
/// drops its connection, so no connection in an unknown state is ever reused.
#[derive(Clone)]
pub struct SmtpTransport {
    shared: Arc<Shared>,
}

struct Shared {
    config: SmtpConfig,
    description: String,
    permits: Semaphore,
    hello: ClientId,
    tls: Option<TlsParameters>,
    credentials: Option<Credentials>,
    idle: Mutex<Vec<IdleConnection>>,
}

struct IdleConnection {
    connection: AsyncSmtpConnection,
    since: Instant,
}

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
            SmtpSecurity::StartTls | SmtpSecurity::Opportunistic | SmtpSecurity::Tls => Some(
                TlsParameters::new(config.host.clone())
                    .map_err(|e| SmtpConfigError::Tls(e.to_string()))?,
            ),
        };
        let credentials = config
            .credentials
            .as_ref()
            .map(|(user, password)| Credentials::new(user.clone(), password.0.clone()));
        let description = config.redacted_url();
        tracing::debug!(server = %description, max_connections = config.max_connections, "SMTP transport ready");
        Ok(Self {
            shared: Arc::new(Shared {
                config: config.clone(),
                description,
                permits: Semaphore::new(config.max_connections as usize),
                hello: ClientId::default(),
                tls,
                credentials,
                idle: Mutex::new(Vec::new()),
            }),
        })
    }

    /// Opens a connection and says hello, to check the settings at startup.
    pub async fn test_connection(&self) -> Result<(), SendError> {
        let attempt = async {
            let mut connection = self.connect().await?;
            if connection.test_connected().await {
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

    fn timed_out(&self) -> SendError {
        SendError::transient(format!(
            "SMTP timeout: no complete reply within {} s",
            self.shared.config.timeout.as_secs_f32()
        ))
    }

    /// An idle connection that still works, or a new one.
    async fn check_out(&self) -> Result<AsyncSmtpConnection, SendError> {
        loop {
            let idle = self.shared.idle.lock().unwrap_or_else(PoisonError::into_inner).pop();
            let Some(IdleConnection { mut connection, since }) = idle else {
                return self.connect().await;
            };
            let idle_for = since.elapsed();
            if idle_for <= CHECK_AFTER_IDLE
                || (idle_for <= MAX_IDLE && connection.test_connected().await)
            {
                return Ok(connection);
            }
            connection.abort().await;
        }
    }

    /// Parks a connection for reuse, and closes those idle for too long.
    fn check_in(&self, connection: AsyncSmtpConnection) {
        if connection.has_broken() {
            return;
        }
        let mut idle = self.shared.idle.lock().unwrap_or_else(PoisonError::into_inner);
        // Dropping a connection closes its socket; servers cope with a missing QUIT.
        idle.retain(|c| c.since.elapsed() <= MAX_IDLE);
        if idle.len() < self.shared.config.max_connections as usize {
            idle.push(IdleConnection { connection, since: Instant::now() });
        }
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, SendError> {
        let shared = &self.shared;
        let config = &shared.config;
        let server = (config.host.as_str(), config.port);
        let mut connection = if config.security == SmtpSecurity::Tls {
            AsyncSmtpConnection::connect_tokio1(
                server,
                Some(config.timeout),
                &shared.hello,
                shared.tls.clone(),
                None,
            )
            .await
            .map_err(|e| classify(&e))?
        } else {
            let stream = tokio::net::TcpStream::connect(server)
                .await
                .map_err(|e| SendError::transient(format!("SMTP connection failed: {e}")))?;
            stream
                .set_nodelay(true)
                .map_err(|e| SendError::transient(format!("SMTP connection failed: {e}")))?;
            let mut connection =
                AsyncSmtpConnection::connect_with_transport(Box::new(stream), &shared.hello)
                    .await
                    .map_err(|e| classify(&e))?;
            let upgrade = match config.security {
                SmtpSecurity::StartTls => true,
                SmtpSecurity::Opportunistic => connection.can_starttls(),
                SmtpSecurity::None | SmtpSecurity::Tls => false,
            };
            if let (true, Some(tls)) = (upgrade, &shared.tls) {
                connection.starttls(tls.clone(), &shared.hello).await.map_err(|e| classify(&e))?;
            }
            connection
        };
        if let Some(credentials) = &shared.credentials {
            connection.auth(DEFAULT_MECHANISMS, credentials).await.map_err(|e| classify(&e))?;
        }
        Ok(connection)
    }
}

impl Transport for SmtpTransport {
    async fn send(
        &self,
        envelope_from: &str,
        recipients: &[&str],
        message: &[u8],
    ) -> Result<(), SendError> {
        let envelope = envelope(envelope_from, recipients)?;
        // lettre ends DATA with CRLF "." CRLF whether or not the message already ended in CRLF;
        // dropping ours makes the server receive exactly the bytes we were given.
        let message = message.strip_suffix(b"\r\n").unwrap_or(message);
        let _permit = self
            .shared
            .permits
            .acquire()
            .await
            .map_err(|_| SendError::transient("SMTP transport closed"))?;
        let delivery = async {
            let mut connection = self.check_out().await?;
            let sent = connection.send(&envelope, message).await;
            // lettre closes the connection on any error; a good one goes back to the pool.
            self.check_in(connection);
            sent.map(|_| ()).map_err(|e| classify(&e))
        };
        match tokio::time::timeout(self.shared.config.timeout, delivery).await {
            Ok(result) => result,
            // The connection was dropped with the delivery: closed, never reused.
            Err(_) => Err(self.timed_out()),
        }
    }
}

/// An empty `envelope_from` is the null reverse-path `<>`.
fn envelope(from: &str, recipients: &[&str]) -> Result<Envelope, SendError> {
    let from = if from.is_empty() {
        None
    } else {
        Some(
            from.parse::<Address>()
                .map_err(|_| SendError::permanent("invalid envelope sender address"))?,
        )
    };
    let to = recipients
        .iter()
        .map(|r| r.parse::<Address>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| SendError::permanent("invalid recipient address"))?;
    Envelope::new(from, to).map_err(|_| SendError::permanent("envelope has no recipients"))
}

fn classify(err: &lettre::transport::smtp::Error) -> SendError {
    if let Some(code) = err.status() {
        let code: u16 = code.to_string().parse().unwrap_or(0);
        // lettre keeps the reply text as the error's source.
        let text = std::error::Error::source(err).map(ToString::to_string).unwrap_or_default();
        return SendError::from_reply(code, &text);
    }
    let what = if err.is_timeout() {
        "SMTP timeout"
    } else if err.is_tls() {
        "SMTP TLS failure"
    } else if err.is_transport_shutdown() {
        "SMTP transport shut down"
    } else if err.is_client() || err.is_response() {
        "SMTP protocol problem"
    } else {
        "SMTP connection failed"
    };
    SendError::transient(format!("{what}: {err}"))
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
        let e = SendError::from_reply(535, "5.7.8 Authentication credentials invalid");
        assert!(e.is_transient());
    }
}
