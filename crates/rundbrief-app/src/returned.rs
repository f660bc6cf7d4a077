//! A mail that came back to the instance (issue 20), whichever way it arrived: read by the
//! bounce parser (`rundbrief-bounce`), matched to the campaign or confirmation mail its VERP
//! address names, and recorded through [`App::record_bounce`]. The way in (a mailbox, an
//! inbound port, `rundbrief bounces process` behind a mail server's pipe) only hands over the
//! raw mail and, when it knows it, the envelope recipient.
//!
//! A mail to a subscriber's signed `mailto:` unsubscribe address (RFC 2369, in the
//! `List-Unsubscribe` of campaign mails when the instance receives mail) unsubscribes them,
//! whatever it says: mail clients send it with any subject and body.

use rundbrief_core::SubscriberId;
use rundbrief_core::verp::{Verp, VerpTarget};
use rundbrief_store::BounceSource;

use crate::bounces::{BounceApplied, IncomingBounce};
use crate::{App, AppError, RequestMeta};

/// What the consent record of a `mailto:` unsubscribe says in place of a browser's
/// user agent: the way the request came, since there is no IP or browser to note.
pub const MAILTO_CHANNEL: &str = "mail to the List-Unsubscribe address (RFC 2369)";

/// Mails larger than this are not read: no bounce or feedback report needs it (they quote at
/// most the original's headers or a part of it), and the raw mail is kept for 30 days.
pub const MAX_RETURNED_MAIL_BYTES: usize = 10 * 1024 * 1024;

/// What became of a returned mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Returned {
    /// Parsed and recorded (or ignored as an auto-reply or no report).
    Applied(BounceApplied),
    /// Sent to one of our VERP addresses whose signature does not hold: forged or damaged,
    /// so it changes nothing.
    ForgedAddress,
    /// Sent to the subscriber's signed `mailto:` unsubscribe address: they are unsubscribed
    /// (or were already, or no longer exist).
    Unsubscribed(SubscriberId),
}

impl App {
    /// Reads `raw` and records what it reports. `envelope_to` is the address the mail was
    /// delivered to when the way in knows it (SMTP `RCPT TO`, LMTP, a pipe's `$RECIPIENT`);
    /// otherwise the report's own headers (`Delivered-To`, `X-Original-To`, `To`) say it.
    /// `verp` is the instance's bounce address scheme; without it only the reported
    /// recipient's address can match a subscriber.
    pub async fn process_returned_mail(
        &self,
        raw: &[u8],
        envelope_to: Option<&str>,
        verp: Option<&Verp>,
        source: BounceSource,
    ) -> Result<Returned, AppError> {
        if raw.len() > MAX_RETURNED_MAIL_BYTES {
            return Err(AppError::Invalid(vec![crate::FieldError::new(
                "mail",
                "is larger than 10 MB; no bounce report is",
                "error-form-summary",
            )]));
        }
        let report = rundbrief_bounce::parse(raw);
        let (mut delivery, mut confirmation) = (None, None);
        let mut recipient = report.recipient;
        if let Some(verp) = verp {
            // The envelope first; when it is not one of our bounce addresses (a feedback loop
            // reports to its registered address), what the report names: for an ARF report
            // the Original-Mail-From of the reported mail.
            let ours =
                |to: Option<&str>| to.map(|to| verp.parse(to)).transpose().map(Option::flatten);
            let target = match ours(envelope_to) {
                Ok(None) => ours(report.verp_to.as_deref()),
                other => other,
            };
            match target {
                Ok(Some(VerpTarget::Delivery(id))) => delivery = Some(id),
                Ok(Some(VerpTarget::Confirmation(id))) => confirmation = Some(id),
                Ok(Some(VerpTarget::Unsubscribe(id))) => return self.unsubscribe_by_mail(id).await,
                // Not through a signed address: anyone can send such a mail naming any reader,
                // so it is stored for the counts but changes nobody unless the operator
                // chose matching by address (RUNDBRIEF_BOUNCE_MATCH=address).
                Ok(None) if !self.settings().bounce_match_unsigned => {
                    if recipient.take().is_some() {
                        tracing::info!(kind = %report.kind, "returned mail without a signed bounce address; applied to nobody");
                    }
                }
                Ok(None) => {}
                Err(error) => {
                    tracing::warn!(%error, kind = %report.kind, "returned mail to a bounce address that is not signed by this instance; ignored");
                    return Ok(Returned::ForgedAddress);
                }
            }
        }
        let incoming = IncomingBounce {
            kind: report.kind,
            recipient,
            delivery,
            confirmation,
            status: report.status,
            diagnostic: report.diagnostic,
            raw: Some(raw.to_vec()),
            source,
        };
        Ok(Returned::Applied(self.record_bounce(incoming).await?))
    }

    /// The `mailto:` unsubscribe: as the one-click link does, with a consent event that names
    /// the mail as its channel. Idempotent, so a mail delivered twice is harmless.
    async fn unsubscribe_by_mail(&self, id: SubscriberId) -> Result<Returned, AppError> {
        let meta = RequestMeta { ip: None, user_agent: Some(MAILTO_CHANNEL.to_owned()) };
        match self.unsubscribe_by_id(None, id, meta).await {
            Ok(_) => {}
            // Erased and removed since the mail went out: nobody is left to unsubscribe.
            Err(AppError::NotFound(_)) => {
                tracing::info!(subscriber = %id, "mailto unsubscribe for a subscriber no longer stored");
            }
            Err(error) => return Err(error),
        }
        Ok(Returned::Unsubscribed(id))
    }
}
