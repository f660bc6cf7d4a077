//! The connection under a session: TCP with `TCP_NODELAY`, and TLS either from the first byte
//! (`smtps://`) or after STARTTLS, with rustls (ring) checking the server's certificate
//! against the system's root certificates and the host name of the URL.
//!
//! This replaces lettre's `AsyncNetworkStream`, which lettre 0.11 marks deprecated as "not
//! meant to be public"; it is tokio-rustls, as lettre used underneath.

use std::io;
use std::sync::Arc;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName};
use tokio_rustls::rustls::{ClientConfig, RootCertStore};

use crate::error::SmtpConfigError;

/// How to start TLS with one server: its name as the certificate must show it, and the
/// client configuration. Cheap to clone.
#[derive(Clone)]
pub(crate) struct TlsSettings {
    connector: TlsConnector,
    server_name: ServerName<'static>,
}

impl std::fmt::Debug for TlsSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsSettings").field("server_name", &self.server_name).finish()
    }
}

impl TlsSettings {
    /// TLS to `host` (a DNS name or an IP address), trusting the system's root certificates
    /// and `extra_roots`.
    pub fn new(
        host: &str,
        extra_roots: &[CertificateDer<'static>],
    ) -> Result<Self, SmtpConfigError> {
        let server_name = ServerName::try_from(host.to_owned()).map_err(|e| {
            SmtpConfigError::Tls(format!("{host} is not a valid TLS server name: {e}"))
        })?;
        let mut roots = RootCertStore::empty();
        // Certificates the system store holds but rustls cannot parse are skipped, as lettre
        // did; an empty store fails every handshake with an error that says why.
        let native = rustls_native_certs::load_native_certs();
        let (added, ignored) = roots.add_parsable_certificates(native.certs);
        tracing::debug!(
            added,
            ignored,
            errors = native.errors.len(),
            "system root certificates loaded for SMTP TLS"
        );
        for root in extra_roots {
            roots
                .add(root.clone())
                .map_err(|e| SmtpConfigError::Tls(format!("extra root certificate: {e}")))?;
        }
        let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| SmtpConfigError::Tls(e.to_string()))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(Self { connector: TlsConnector::from(Arc::new(config)), server_name })
    }
}

/// A connection to the SMTP server, plain or TLS.
pub(crate) enum Stream {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
    /// What is left after a failed TLS handshake: nothing to talk to.
    Closed,
}

impl Stream {
    /// Connects over TCP with `TCP_NODELAY`: without it the short end-of-data line waits for
    /// the server's delayed ACK (~40 ms per message on Linux).
    pub async fn connect(host: &str, port: u16) -> io::Result<Self> {
        let tcp = TcpStream::connect((host, port)).await?;
        tcp.set_nodelay(true)?;
        Ok(Self::Plain(tcp))
    }

    /// Starts TLS on a plain connection: at once for `smtps://`, or after the server's 220
    /// to STARTTLS.
    pub async fn upgrade(&mut self, tls: &TlsSettings) -> io::Result<()> {
        let Self::Plain(tcp) = std::mem::replace(self, Self::Closed) else {
            return Err(io::Error::other("TLS is already on, or the connection is closed"));
        };
        let stream = tls.connector.connect(tls.server_name.clone(), tcp).await?;
        *self = Self::Tls(Box::new(stream));
        Ok(())
    }

    pub async fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Self::Plain(tcp) => tcp.read(buf).await,
            Self::Tls(tls) => tls.read(buf).await,
            Self::Closed => Err(closed()),
        }
    }

    /// Writes all of `data` and flushes it (TLS buffers a record until flushed).
    pub async fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        match self {
            Self::Plain(tcp) => tcp.write_all(data).await,
            Self::Tls(tls) => {
                tls.write_all(data).await?;
                tls.flush().await
            }
            Self::Closed => Err(closed()),
        }
    }
}

fn closed() -> io::Error {
    io::Error::new(io::ErrorKind::NotConnected, "the connection is closed")
}
