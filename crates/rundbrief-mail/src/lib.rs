//! Outgoing mail for Rundbrief: building MIME messages fast, DKIM-signing them and delivering
//! them over SMTP or into a file outbox, with errors a queue can act on.
//!
//! ```text
//! Email ──MessageWriter::build──> BuiltMessage ──Transport::send_built──> SMTP pool | outbox
//!                 └─ DkimSigner (rsa-sha256 / ed25519-sha256)
//! ```
//!
//! - [`message`]: campaign and transactional messages (`multipart/alternative`, UTF-8, List-*
//!   headers with RFC 8058 one-click unsubscribe), written by a reusable [`MessageWriter`].
//! - [`encode`]: quoted-printable, base64 and RFC 2047 header encoding, and when a part may go
//!   as it is (7bit, or 8bit for a server that offers 8BITMIME).
//! - [`dkim`]: DKIM signing with relaxed/relaxed canonicalisation.
//! - [`transport`], [`smtp`], [`outbox`]: the [`Transport`] trait, our pipelining SMTP pool
//!   (tokio and tokio-rustls underneath) and the `.eml` outbox, and [`Mailer`], the one the
//!   configuration picks.
//! - [`error`]: [`SendError`] (transient or permanent, with SMTP codes) and the build errors.

pub mod dkim;
pub mod encode;
pub mod error;
pub mod message;
pub mod outbox;
pub mod smtp;
pub mod transport;

pub use dkim::{DkimAlgorithm, DkimSigner};
pub use error::{DkimError, EnhancedStatus, Failure, MessageError, SendError, SmtpConfigError};
pub use message::{BuiltMessage, Email, ListHeaders, ListId, Mailbox, MessageWriter};
pub use outbox::FileOutbox;
pub use smtp::{SmtpConfig, SmtpSecurity, SmtpTransport};
pub use transport::{Envelope, Mailer, Transport};
