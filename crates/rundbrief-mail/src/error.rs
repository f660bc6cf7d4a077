//! Errors of this crate: one type per concern, each message readable by an operator.
//!
//! None of them carries a password, and none carries a full e-mail address unless the caller
//! passed it in on purpose: logs carry ids, not personal data.

use std::fmt;

/// A message could not be built from its input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MessageError {
    /// An address is not a plain ASCII `local@domain` (the core's `EmailAddress` normalises
    /// international domains to A-labels before they reach this crate).
    #[error("invalid {field} address")]
    InvalidAddress {
        /// Which input held it (`from`, `to`, `return-path`, ...).
        field: &'static str,
    },
    /// A header value contains a line break: accepting it would let input add headers.
    #[error("{field} must not contain line breaks")]
    LineBreak {
        /// Which input held it.
        field: &'static str,
    },
    /// The Message-ID domain is not a plain ASCII host name.
    #[error("invalid message-id domain")]
    InvalidDomain,
    /// The List-Id identifier is not a dot-atom such as `newsletter.example.org`.
    #[error("invalid List-Id identifier (expected something like `newsletter.example.org`)")]
    InvalidListId,
    /// An unsubscribe URL or mailto is not usable in `List-Unsubscribe`.
    #[error("invalid unsubscribe {kind}: {reason}")]
    InvalidUnsubscribe {
        /// `url` or `mailto`.
        kind: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// An extra header has an invalid name or would replace a header this crate manages.
    #[error("extra header `{name}` is not allowed: {reason}")]
    ExtraHeader {
        /// The header name as given.
        name: String,
        /// Why it is refused.
        reason: &'static str,
    },
    /// Signing failed; sending unsigned would fail DMARC, so the message is not written.
    #[error(transparent)]
    Dkim(#[from] DkimError),
}

/// A DKIM key could not be loaded or used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DkimError {
    /// The text is not a PEM block this crate understands.
    #[error("DKIM key: {0}")]
    Pem(&'static str),
    /// The PEM block holds something ring rejects (wrong type, too small, corrupt).
    #[error("DKIM key: {0}")]
    Key(String),
    /// Selector or domain is not a plain ASCII DNS label sequence.
    #[error("DKIM {0} is not a valid DNS name")]
    InvalidName(&'static str),
    /// The message handed to the signer has no header/body separator.
    #[error("cannot sign: message has no blank line between header and body")]
    MalformedMessage,
    /// The signing operation itself failed (should not happen with a loaded key).
    #[error("DKIM signing failed")]
    Signing,
}

/// The SMTP URL or settings are unusable. Its messages never include the URL, which may hold a
/// password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SmtpConfigError {
    /// The URL does not parse.
    #[error("SMTP URL does not parse")]
    InvalidUrl,
    /// The scheme is neither `smtp` nor `smtps`.
    #[error("SMTP URL scheme must be smtp or smtps, not `{0}`")]
    UnsupportedScheme(String),
    /// The URL has no host.
    #[error("SMTP URL has no host")]
    MissingHost,
    /// A query parameter is unknown or has an unknown value.
    #[error("SMTP URL parameter `{0}` is unknown or has an invalid value")]
    InvalidParameter(String),
    /// `?timeout=` is not a whole number of seconds within the limits.
    #[error("SMTP URL parameter `timeout` must be whole seconds from {min} to {max}")]
    TimeoutOutOfRange {
        /// The shortest timeout accepted, in seconds.
        min: u64,
        /// The longest timeout accepted, in seconds.
        max: u64,
    },
    /// The URL has a password but the connection would not be encrypted.
    #[error(
        "SMTP credentials need an encrypted connection: use smtps:// or ?tls=starttls (plain smtp:// with a password is accepted only for localhost)"
    )]
    CredentialsWithoutTls,
    /// The SMTP pool was set up outside a Tokio runtime.
    #[error("the SMTP transport must be created inside a Tokio runtime")]
    NoRuntime,
    /// The TLS stack could not be set up for this host.
    #[error("SMTP TLS setup failed: {0}")]
    Tls(String),
}

/// An RFC 3463 enhanced status code such as `5.1.1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EnhancedStatus {
    /// 2, 4 or 5.
    pub class: u8,
    /// The subject (`1` = addressing, `7` = security, ...).
    pub subject: u16,
    /// The detail within the subject.
    pub detail: u16,
}

impl EnhancedStatus {
    /// Parses an enhanced status code at the start of an SMTP reply text (`"5.1.1 <x>: user
    /// unknown"`), as servers that announce ENHANCEDSTATUSCODES put it.
    pub fn parse_prefix(text: &str) -> Option<Self> {
        let token = text.trim_start().split([' ', '\t']).next()?;
        let mut parts = token.split('.');
        let class: u8 = parts.next()?.parse().ok()?;
        let subject: u16 = parts.next()?.parse().ok()?;
        let detail: u16 = parts.next()?.parse().ok()?;
        if parts.next().is_some() || !matches!(class, 2 | 4 | 5) || subject > 999 || detail > 999 {
            return None;
        }
        Some(Self { class, subject, detail })
    }
}

impl fmt::Display for EnhancedStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.class, self.subject, self.detail)
    }
}

/// What went wrong with one delivery attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The SMTP reply code, when the server answered.
    pub code: Option<u16>,
    /// The enhanced status code, when the reply carried one.
    pub enhanced: Option<EnhancedStatus>,
    /// The server's reply text or a description of the local problem.
    pub message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.code, self.enhanced) {
            (Some(code), Some(enhanced)) if !self.message.starts_with(&enhanced.to_string()) => {
                write!(f, "{code} {enhanced} {}", self.message)
            }
            (Some(code), _) => write!(f, "{code} {}", self.message),
            (None, _) => f.write_str(&self.message),
        }
    }
}

/// How the error of a bounded send that found no place in the pool begins.
const POOL_BUSY: &str = "SMTP pool busy";

/// A delivery attempt failed. The variant tells a queue whether to try again.
///
/// `Transient` covers 4xx replies, network trouble (refused, reset, timeouts), TLS problems and
/// rejected SMTP credentials. The last two are 5xx or fatal in SMTP terms, but they say nothing
/// about the recipient: treating them as permanent would turn one misconfiguration into a
/// "bounce" for every subscriber, so they are retried while an operator fixes the setup.
/// `Permanent` is a 5xx reply about this message or recipient, or input that can never be sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Try again later.
    #[error("temporary delivery failure: {0}")]
    Transient(Failure),
    /// Do not try again.
    #[error("permanent delivery failure: {0}")]
    Permanent(Failure),
}

impl SendError {
    pub(crate) fn transient(message: impl Into<String>) -> Self {
        Self::Transient(Failure { code: None, enhanced: None, message: message.into() })
    }

    /// A bounded send found no place in the pool within `wait`: nothing went on the wire.
    pub(crate) fn pool_busy(wait: std::time::Duration) -> Self {
        Self::transient(format!("{POOL_BUSY}: no connection free within {} s", wait.as_secs_f32()))
    }

    /// Whether this is a bounded send that found no place in the pool (see
    /// [`crate::SmtpTransport::send_bounded`]): refused before the wire, so a sender that
    /// holds its mail for a limited time may try again soon without counting an attempt.
    pub fn is_pool_busy(&self) -> bool {
        matches!(self, Self::Transient(f) if f.code.is_none() && f.message.starts_with(POOL_BUSY))
    }

    pub(crate) fn permanent(message: impl Into<String>) -> Self {
        Self::Permanent(Failure { code: None, enhanced: None, message: message.into() })
    }

    /// Builds the error for an SMTP reply, classified by its code: 5xx is permanent, anything
    /// else transient, except the authentication failures explained on [`SendError`].
    pub fn from_reply(code: u16, message: &str) -> Self {
        let enhanced = EnhancedStatus::parse_prefix(message);
        let failure = Failure { code: Some(code), enhanced, message: message.trim().to_owned() };
        // 530 authentication required, 534 mechanism too weak, 535 credentials invalid,
        // 538 encryption required for the mechanism: all about our setup, not the recipient.
        let auth_problem = matches!(code, 530 | 534 | 535 | 538);
        if (500..600).contains(&code) && !auth_problem {
            Self::Permanent(failure)
        } else {
            Self::Transient(failure)
        }
    }

    /// The failure details.
    pub fn failure(&self) -> &Failure {
        match self {
            Self::Transient(f) | Self::Permanent(f) => f,
        }
    }

    /// Whether a later attempt may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(self, Self::Transient(_))
    }

    /// Whether the message must not be sent again.
    pub fn is_permanent(&self) -> bool {
        matches!(self, Self::Permanent(_))
    }

    /// The SMTP reply code, if the server answered.
    pub fn code(&self) -> Option<u16> {
        self.failure().code
    }

    /// The enhanced status code, if the reply had one.
    pub fn enhanced_status(&self) -> Option<EnhancedStatus> {
        self.failure().enhanced
    }

    /// Whether the server said the address itself is gone (no such user, no such domain): a
    /// hard bounce that should suppress the address. Decided by the same rules as the bounce
    /// reports that come back later (`rundbrief_bounce::classify_smtp`), so a refusal while
    /// sending and a DSN about it agree; only a permanent answer can say so.
    pub fn is_no_such_user(&self) -> bool {
        let Self::Permanent(failure) = self else {
            return false;
        };
        let enhanced = failure.enhanced.map(|status| status.to_string());
        rundbrief_bounce::classify_smtp(
            failure.code.unwrap_or(0),
            enhanced.as_deref(),
            &failure.message,
        ) == rundbrief_core::model::BounceKind::Hard
    }

    /// The error as text with the recipient's `address` (in any case) taken out: for the
    /// delivery ledger, which outlives an erasure of the subscriber, and for logs. A relay's
    /// reply often quotes the address (`550 5.1.1 <anna@example.org>: user unknown`).
    pub fn redacted(&self, address: &str) -> String {
        redact(&self.to_string(), address)
    }

    /// The same error with the recipient's `address` (in any case) taken out of its text, for
    /// callers that log or store it later; the kind and the codes stay.
    pub fn without_address(self, address: &str) -> Self {
        let strip =
            |failure: Failure| Failure { message: redact(&failure.message, address), ..failure };
        match self {
            Self::Transient(failure) => Self::Transient(strip(failure)),
            Self::Permanent(failure) => Self::Permanent(strip(failure)),
        }
    }
}

/// `text` with each occurrence of `address`, in any case, replaced by `<recipient>`.
fn redact(text: &str, address: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let needle = address.to_ascii_lowercase();
    if needle.is_empty() || !lower.contains(&needle) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    for (start, _) in lower.match_indices(&needle) {
        out.push_str(&text[rest..start]);
        out.push_str("<recipient>");
        rest = start + needle.len();
    }
    out.push_str(&text[rest..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_told_without_the_address() {
        let error = SendError::from_reply(
            550,
            "5.1.1 <gone@example.net>: Recipient address rejected: GONE@example.net unknown",
        );
        let told = error.redacted("Gone@Example.net");
        assert!(!told.to_ascii_lowercase().contains("gone@example.net"), "{told}");
        assert!(told.contains("5.1.1") && told.contains("<recipient>"), "{told}");
        let stripped = error.clone().without_address("gone@example.net");
        assert_eq!(stripped.to_string(), told);
        assert!(stripped.is_permanent() && stripped.is_no_such_user());
        assert_eq!(stripped.code(), Some(550));
        let other = SendError::from_reply(451, "4.7.1 try later");
        assert_eq!(other.redacted("gone@example.net"), other.to_string());
    }
}
