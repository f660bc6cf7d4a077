//! The delivery interface and the transport chosen from configuration.

use std::future::Future;
use std::path::PathBuf;
use std::time::Duration;

use crate::error::{SendError, SmtpConfigError};
use crate::message::BuiltMessage;
use crate::outbox::FileOutbox;
use crate::smtp::{SmtpConfig, SmtpTransport};

/// Who a message goes to and who answers for it: the SMTP `MAIL FROM` and `RCPT TO`, which
/// need not match the message's own From and To headers.
#[derive(Debug, Clone, Copy)]
pub struct Envelope<'a> {
    /// The return path; empty for the null sender.
    pub from: &'a str,
    pub to: &'a [&'a str],
}

impl<'a> Envelope<'a> {
    pub fn new(from: &'a str, to: &'a [&'a str]) -> Self {
        Self { from, to }
    }
}

/// Hands a finished message to the next hop.
pub trait Transport: Send + Sync {
    /// Delivers `message` to the envelope's recipients. Errors say whether to retry.
    fn send(
        &self,
        envelope: Envelope<'_>,
        message: &[u8],
    ) -> impl Future<Output = Result<(), SendError>> + Send;

    /// Whether the next hop takes 8-bit message bodies (SMTP 8BITMIME), so that messages can be
    /// written with [`Email::eight_bit`](crate::Email::eight_bit). `false` until known.
    fn accepts_8bit(&self) -> bool {
        false
    }

    /// Delivers a message from [`MessageWriter::build`](crate::MessageWriter::build) to its
    /// envelope.
    fn send_built(
        &self,
        message: &BuiltMessage,
    ) -> impl Future<Output = Result<(), SendError>> + Send {
        async move {
            let to = [message.recipient.as_str()];
            self.send(Envelope::new(&message.envelope_from, &to), &message.bytes).await
        }
    }
}

/// The transport the configuration asks for: SMTP when `RUNDBRIEF_SMTP_URL` is set, the file
/// outbox otherwise.
#[derive(Debug, Clone)]
pub enum Mailer {
    /// A pooled SMTP client.
    Smtp(SmtpTransport),
    /// `.eml` files in a directory.
    Outbox(FileOutbox),
}

impl Mailer {
    /// SMTP with at most `max_connections` connections if `smtp_url` is set, else an outbox in
    /// `outbox_dir`.
    pub fn from_settings(
        smtp_url: Option<&str>,
        max_connections: u32,
        outbox_dir: impl Into<PathBuf>,
    ) -> Result<Self, SmtpConfigError> {
        match smtp_url.map(str::trim).filter(|u| !u.is_empty()) {
            Some(url) => {
                let config = SmtpConfig::from_url(url)?.with_max_connections(max_connections);
                Ok(Self::Smtp(SmtpTransport::new(&config)?))
            }
            None => Ok(Self::Outbox(FileOutbox::new(outbox_dir))),
        }
    }

    /// The longest [`Self::send_built_bounded`] takes: with SMTP, twice the timeout
    /// ([`SmtpTransport::bounded_send_limit`] says why). The outbox writes one local file, in
    /// milliseconds and without a timeout of its own; it is given the SMTP default.
    pub fn bounded_send_limit(&self) -> Duration {
        match self {
            Self::Smtp(smtp) => smtp.bounded_send_limit(),
            Self::Outbox(_) => SmtpConfig::DEFAULT_TIMEOUT,
        }
    }

    /// Delivers a built message within [`Self::bounded_send_limit`] (with SMTP, waiting at
    /// most one timeout for a place in the pool): for a sender that holds its mail for a
    /// limited time.
    pub async fn send_built_bounded(&self, message: &BuiltMessage) -> Result<(), SendError> {
        let to = [message.recipient.as_str()];
        let envelope = Envelope::new(&message.envelope_from, &to);
        match self {
            Self::Smtp(smtp) => smtp.send_bounded(envelope, &message.bytes).await,
            Self::Outbox(outbox) => outbox.send(envelope, &message.bytes).await,
        }
    }
}

impl Transport for Mailer {
    async fn send(&self, envelope: Envelope<'_>, message: &[u8]) -> Result<(), SendError> {
        match self {
            Self::Smtp(smtp) => smtp.send(envelope, message).await,
            Self::Outbox(outbox) => outbox.send(envelope, message).await,
        }
    }

    fn accepts_8bit(&self) -> bool {
        match self {
            Self::Smtp(smtp) => smtp.accepts_8bit(),
            Self::Outbox(outbox) => outbox.accepts_8bit(),
        }
    }
}
