//! An object-safe face for `rundbrief_mail::Transport`.
//!
//! `Transport::send` returns `impl Future`, which keeps the mail crate free of boxing but makes
//! the trait unusable as `dyn Transport`. Workers pick the transport at start (SMTP pool or
//! outbox) and hold it behind an `Arc`, so this crate adds one boxed future per message, which
//! costs nothing next to an SMTP round trip.

use std::future::Future;
use std::pin::Pin;

use rundbrief_mail::{Envelope, SendError, Transport};

/// The boxed future of [`DynTransport::send_boxed`].
pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), SendError>> + Send + 'a>>;

/// Any [`Transport`], usable as `Arc<dyn DynTransport>`.
pub trait DynTransport: Send + Sync {
    fn send_boxed<'a>(&'a self, envelope: Envelope<'a>, message: &'a [u8]) -> SendFuture<'a>;

    /// [`Transport::accepts_8bit`].
    fn accepts_8bit(&self) -> bool;
}

impl<T: Transport> DynTransport for T {
    fn send_boxed<'a>(&'a self, envelope: Envelope<'a>, message: &'a [u8]) -> SendFuture<'a> {
        Box::pin(self.send(envelope, message))
    }

    fn accepts_8bit(&self) -> bool {
        Transport::accepts_8bit(self)
    }
}
