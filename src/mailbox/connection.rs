//! One IMAP session with the bounce mailbox: TCP, then TLS from the first byte (`imaps://`) or
//! after STARTTLS (`imap://`, required), then LOGIN. TLS is rustls (ring, as the SMTP client)
//! checking the server's certificate against the system's roots and the URL's host name;
//! `SSL_CERT_FILE` / `SSL_CERT_DIR` replace the system's roots, as everywhere with rustls.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, anyhow, bail};
use async_imap::{Client, Session};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::rustls::pki_types::ServerName;
use tokio_rustls::rustls::{ClientConfig, RootCertStore};

use super::settings::{ImapSecurity, MailboxSettings};

/// What the session runs over: plain TCP or TLS, behind one type for async-imap.
pub trait Io: AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug> Io for T {}

pub type ImapSession = Session<Box<dyn Io>>;

/// Connecting, the TLS handshake and the login together may take this long: a server that
/// accepts the connection and then says nothing must not hold the poller.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

/// An authenticated session; errors say which step failed and never hold the password.
pub async fn open(settings: &MailboxSettings) -> anyhow::Result<ImapSession> {
    tokio::time::timeout(CONNECT_TIMEOUT, open_inner(settings))
        .await
        .map_err(|_| anyhow!("no answer from {}:{} within 30 s", settings.host, settings.port))?
}

async fn open_inner(settings: &MailboxSettings) -> anyhow::Result<ImapSession> {
    let tcp = TcpStream::connect((settings.host.as_str(), settings.port))
        .await
        .with_context(|| format!("cannot connect to {}:{}", settings.host, settings.port))?;
    tcp.set_nodelay(true).context("cannot set TCP_NODELAY")?;
    let client: Client<Box<dyn Io>> = match settings.security {
        ImapSecurity::Tls => {
            let tls = tls(settings, tcp).await?;
            greeted(Client::new(Box::new(tls) as Box<dyn Io>)).await?
        }
        ImapSecurity::StartTls => {
            let mut plain = greeted(Client::new(tcp)).await?;
            plain
                .run_command_and_check_ok("STARTTLS", None)
                .await
                .context("the server refused STARTTLS, which imap:// requires")?;
            // No greeting after STARTTLS: the session goes on over TLS.
            Client::new(Box::new(tls(settings, plain.into_inner()).await?) as Box<dyn Io>)
        }
        ImapSecurity::None => greeted(Client::new(Box::new(tcp) as Box<dyn Io>)).await?,
    };
    client
        .login(&settings.user, &settings.password)
        .await
        // The account's name stays out of the log line: it is often an address.
        .map_err(|(error, _)| anyhow!("login refused: {error}"))
}

/// The client once the server's greeting arrived.
async fn greeted<T: Io>(mut client: Client<T>) -> anyhow::Result<Client<T>> {
    match client.read_response().await.context("cannot read the server's greeting")? {
        Some(_) => Ok(client),
        None => bail!("the server closed the connection before its greeting"),
    }
}

/// TLS over `tcp` to the URL's host, its certificate checked against the trusted roots.
async fn tls(
    settings: &MailboxSettings,
    tcp: TcpStream,
) -> anyhow::Result<tokio_rustls::client::TlsStream<TcpStream>> {
    let server_name = ServerName::try_from(settings.host.clone())
        .with_context(|| format!("{} is not a valid TLS server name", settings.host))?;
    let mut roots = RootCertStore::empty();
    // Certificates rustls cannot parse are skipped, as the SMTP client does; an empty store
    // fails the handshake with an error that says why.
    let native = rustls_native_certs::load_native_certs();
    let (added, ignored) = roots.add_parsable_certificates(native.certs);
    tracing::debug!(added, ignored, "root certificates loaded for the bounce mailbox");
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .context("TLS configuration")?
        .with_root_certificates(roots)
        .with_no_client_auth();
    TlsConnector::from(Arc::new(config))
        .connect(server_name, tcp)
        .await
        .with_context(|| format!("TLS with {} failed", settings.host))
}
