//! What the SMTP server refused while sending, stored as a bounce (issue 20) like the reports
//! that come back later: a recipient that does not exist as a hard bounce (suppressed, bounced,
//! in the consent log), a mailbox that stays full as a soft one, which the soft-bounce rule
//! counts. A full mailbox still only fails the delivery; enough of them make the address
//! bounced.

use rundbrief_core::model::{BounceKind, Delivery};
use rundbrief_mail::SendError;
use rundbrief_store::{BounceSource, NewBounce};
use time::OffsetDateTime;

use super::DeliveryContext;
use crate::error::JobError;

/// Whether the server said the mailbox is full: `x.2.2`, or a bare 552 from a server without
/// enhanced status codes.
fn is_mailbox_full(error: &SendError) -> bool {
    match error.enhanced_status() {
        Some(status) => status.subject == 2 && status.detail == 2,
        None => error.code() == Some(552),
    }
}

/// The status code as stored: `552 5.2.2`, or whichever of the two the server gave.
fn status_code(error: &SendError) -> Option<String> {
    match (error.code(), error.enhanced_status()) {
        (Some(code), Some(status)) => Some(format!("{code} {status}")),
        (Some(code), None) => Some(code.to_string()),
        (None, status) => status.map(|s| s.to_string()),
    }
}

impl DeliveryContext {
    /// Stores a final refusal of `delivery` as a bounce when it says something about the
    /// recipient; other failures (our setup, the server's state) are no bounce and left alone.
    /// `reason` is the error with the recipient's address taken out.
    pub(super) async fn store_refusal(
        &self,
        delivery: &Delivery,
        error: &SendError,
        reason: &str,
        now: OffsetDateTime,
    ) -> Result<(), JobError> {
        let kind = if error.is_no_such_user() {
            BounceKind::Hard
        } else if is_mailbox_full(error) {
            BounceKind::Soft
        } else {
            return Ok(());
        };
        let bounce = NewBounce {
            kind,
            subscriber: None,
            delivery: Some(delivery.id),
            confirmation: None,
            issue: None,
            status_code: status_code(error),
            diagnostic: Some(reason.to_owned()),
            raw: None,
            source: BounceSource::Send,
        };
        let outcome = self.store.record_bounce(&bounce, self.config.soft_bounces, now).await?;
        let source = BounceSource::Send.as_str();
        metrics::counter!("rundbrief_bounces_total", "kind" => kind.to_string(), "source" => source)
            .increment(1);
        tracing::info!(
            delivery_id = %delivery.id,
            subscriber_id = %delivery.subscriber_id,
            bounce_id = outcome.id,
            kind = %kind,
            effect = ?outcome.effect,
            "refusal stored as a bounce"
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_mailbox_is_told_by_its_status_or_a_bare_552() {
        let full = SendError::from_reply(552, "5.2.2 mailbox full");
        assert!(is_mailbox_full(&full));
        assert_eq!(status_code(&full).as_deref(), Some("552 5.2.2"));
        assert!(is_mailbox_full(&SendError::from_reply(452, "4.2.2 over quota")));
        assert!(is_mailbox_full(&SendError::from_reply(552, "mailbox full")));
        // 552 5.3.4 is a message too big: about the mail, not the mailbox.
        assert!(!is_mailbox_full(&SendError::from_reply(552, "5.3.4 message too big")));
        assert!(!is_mailbox_full(&SendError::from_reply(550, "5.1.1 user unknown")));
        assert_eq!(status_code(&SendError::from_reply(550, "no")).as_deref(), Some("550"));
    }
}
