//! Mails that came back (issue 20): a parsed bounce or complaint is matched to its subscriber
//! and stored with its consequences (see [`rundbrief_store::BounceStore::record_bounce`]);
//! editors and the API read them per subscriber and per issue.

use rundbrief_core::model::BounceKind;
use rundbrief_core::{DeliveryId, EmailAddress, IssueId, SubscriberId};
// The editor UI renders these without depending on the store crate.
pub use rundbrief_store::{Bounce, BounceCount};
use rundbrief_store::{BounceOutcome, BounceSource, NewBounce, Store, StoreError, StoreResult};
use time::OffsetDateTime;

use crate::{App, AppError};

/// How long the raw mail of a bounce is kept for an editor to look into; the row stays.
pub const RAW_MAIL_DAYS: i64 = 30;

/// A bounce or complaint as the parser and the VERP address give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingBounce {
    pub kind: BounceKind,
    /// The address the report names (the final recipient); only used when the envelope
    /// sender named no delivery or confirmation mail that is known.
    pub recipient: Option<EmailAddress>,
    /// The campaign mail the VERP address names.
    pub delivery: Option<DeliveryId>,
    /// The confirmation mail the VERP address names (its row id).
    pub confirmation: Option<i64>,
    /// The status code as the report gives it, e.g. `5.1.1`.
    pub status: Option<String>,
    pub diagnostic: Option<String>,
    pub raw: Option<Vec<u8>>,
    pub source: BounceSource,
}

/// What recording a bounce did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BounceApplied {
    /// An automatic reply, or no report at all: not a bounce, nothing stored.
    Ignored,
    /// Stored, with what it did to the subscriber (when one was found).
    Stored(BounceOutcome),
}

impl App {
    /// Stores a bounce or complaint and applies it to its subscriber: the one of the delivery
    /// or confirmation mail the envelope sender named, else the one with the reported address.
    /// A report about nobody known is stored all the same, for the counts.
    pub async fn record_bounce(&self, incoming: IncomingBounce) -> Result<BounceApplied, AppError> {
        if matches!(incoming.kind, BounceKind::AutoReply | BounceKind::NotBounce) {
            tracing::debug!(kind = %incoming.kind, source = incoming.source.as_str(), "not a bounce; dropped");
            return Ok(BounceApplied::Ignored);
        }
        let (kind, source) = (incoming.kind.to_string(), incoming.source.as_str());
        metrics::counter!("rundbrief_bounces_total", "kind" => kind, "source" => source)
            .increment(1);
        let store = self.store();
        let rule = self.settings().soft_bounces;
        let now = self.now();
        let IncomingBounce {
            kind,
            recipient,
            delivery,
            confirmation,
            status,
            diagnostic,
            raw,
            source,
        } = incoming;
        let mut bounce = NewBounce {
            kind,
            subscriber: None,
            delivery,
            confirmation,
            issue: None,
            status_code: status,
            diagnostic,
            raw,
            source,
        };
        if delivery.is_some() || confirmation.is_some() {
            match store.record_bounce(&bounce, rule, now).await {
                // The mail it names is not in this database (restored from an older backup,
                // or another instance's): the address is all that is left to go by.
                Err(StoreError::NotFound(what @ ("delivery" | "confirmation mail"))) => {
                    tracing::warn!(
                        delivery_id = delivery.map(|d| d.0),
                        confirmation_id = confirmation,
                        what,
                        "bounce names a mail that is not known; matched by address"
                    );
                    bounce.delivery = None;
                    bounce.confirmation = None;
                }
                result => return Ok(BounceApplied::Stored(logged(result)?)),
            }
        }
        if let Some(address) = &recipient {
            bounce.subscriber = store.subscriber_by_email(address).await?.map(|s| s.id);
        }
        let result = store.record_bounce(&bounce, rule, now).await;
        Ok(BounceApplied::Stored(logged(result)?))
    }

    /// A subscriber's bounces and complaints, newest first.
    pub async fn bounces_of(&self, subscriber: SubscriberId) -> Result<Vec<Bounce>, AppError> {
        // The subscriber's own look-up makes a wrong id a "not found", not an empty list.
        self.store().subscriber(subscriber).await?;
        Ok(self.store().bounces_of(subscriber, 100).await?)
    }

    /// An issue's bounces and complaints per variant language.
    pub async fn bounce_counts(&self, issue: IssueId) -> Result<Vec<BounceCount>, AppError> {
        self.store().issue(issue).await?;
        Ok(self.store().bounce_counts(issue).await?)
    }

    /// Removes the raw mails older than [`RAW_MAIL_DAYS`].
    pub async fn purge_bounce_mails(&self) -> Result<u64, AppError> {
        Ok(purge_raw_mails(self.store().as_ref(), self.now()).await?)
    }
}

/// What the dashboard warns about for an issue: more complaints than one in a thousand of the
/// mails that reached a receiving server (0.1 %, where mailbox providers start to file a
/// sender's mail as spam), or more hard bounces than one in fifty (2 %, a list that was not
/// kept clean). Exactly at a limit is not above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BounceAlarm {
    pub complaints: bool,
    pub hard_bounces: bool,
}

impl BounceAlarm {
    /// Complaints per thousand mails sent above which the dashboard warns.
    pub const COMPLAINTS_PER_MILLE: i64 = 1;
    /// Hard bounces per hundred mails sent above which the dashboard warns.
    pub const HARD_BOUNCES_PERCENT: i64 = 2;

    /// The alarm of an issue with `counts` over `sent` mails (sent, or bounced after or while
    /// sending: the base of the progress page's rates). Compared in whole numbers, so 1 in
    /// 1,000 is exactly the limit and not a warning.
    pub fn of(counts: &[BounceCount], sent: i64) -> Self {
        let hard: i64 = counts.iter().map(|c| c.hard).sum();
        let complaints: i64 = counts.iter().map(|c| c.complaint).sum();
        if sent <= 0 {
            return Self::default();
        }
        Self {
            complaints: complaints.saturating_mul(1000)
                > sent.saturating_mul(Self::COMPLAINTS_PER_MILLE),
            hard_bounces: hard.saturating_mul(100)
                > sent.saturating_mul(Self::HARD_BOUNCES_PERCENT),
        }
    }

    pub fn any(self) -> bool {
        self.complaints || self.hard_bounces
    }
}

/// Removes the raw mails of bounces older than [`RAW_MAIL_DAYS`] at `now`, keeping the rows;
/// the scheduler of a worker process calls it, which holds the store but no [`App`].
pub async fn purge_raw_mails(store: &dyn Store, now: OffsetDateTime) -> StoreResult<u64> {
    store.purge_bounce_mails(now - time::Duration::days(RAW_MAIL_DAYS)).await
}

/// Logs what a stored bounce did, with ids only: reports quote addresses, logs must not.
fn logged(result: StoreResult<BounceOutcome>) -> Result<BounceOutcome, AppError> {
    let outcome = result?;
    tracing::info!(
        bounce_id = outcome.id,
        subscriber_id = outcome.subscriber.map(|s| s.0),
        issue_id = outcome.issue.map(|i| i.0),
        effect = ?outcome.effect,
        soft_in_window = outcome.soft_in_window,
        "bounce recorded"
    );
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(hard: i64, complaint: i64) -> Vec<BounceCount> {
        // Split over two languages: the alarm is about the issue in all.
        let half =
            BounceCount { language: None, hard: hard / 2, soft: 7, complaint: complaint / 2 };
        let rest =
            BounceCount { hard: hard - hard / 2, complaint: complaint - complaint / 2, ..half };
        vec![half, rest]
    }

    #[test]
    fn complaints_warn_above_one_in_a_thousand() {
        assert!(!BounceAlarm::of(&counts(0, 1), 1000).complaints, "0.1 % is the limit");
        assert!(BounceAlarm::of(&counts(0, 1), 999).complaints);
        assert!(!BounceAlarm::of(&counts(0, 2), 2000).complaints);
        assert!(BounceAlarm::of(&counts(0, 3), 2000).complaints);
        assert!(BounceAlarm::of(&counts(0, 1), 100).complaints);
        assert!(!BounceAlarm::of(&counts(0, 0), 100).any());
    }

    #[test]
    fn hard_bounces_warn_above_two_in_a_hundred() {
        assert!(!BounceAlarm::of(&counts(2, 0), 100).hard_bounces, "2 % is the limit");
        assert!(BounceAlarm::of(&counts(3, 0), 100).hard_bounces);
        assert!(!BounceAlarm::of(&counts(20, 0), 1000).hard_bounces);
        assert!(BounceAlarm::of(&counts(21, 0), 1000).hard_bounces);
        // Soft bounces do not count; nothing sent warns of nothing.
        assert!(!BounceAlarm::of(&counts(0, 0), 1).any());
        assert!(!BounceAlarm::of(&counts(5, 5), 0).any());
    }
}
