//! Bounces and complaints (issue 20): each one stored with its consequences for the
//! subscriber (status, suppression, consent log) in one transaction, counted per issue and
//! listed per subscriber; the raw mails are purged after a while, the rows kept.

use async_trait::async_trait;
use rundbrief_core::model::BounceKind;
use rundbrief_core::{DeliveryId, IssueId, Language, SubscriberId};
use time::{Duration, OffsetDateTime};

use crate::StoreResult;

/// How a bounce reached the instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BounceSource {
    /// The built-in SMTP receiver.
    Smtp,
    /// A polled IMAP mailbox.
    Imap,
    /// A provider's inbound webhook.
    Inbound,
    /// The SMTP server's answer while sending.
    Send,
}

impl BounceSource {
    pub const ALL: [Self; 4] = [Self::Smtp, Self::Imap, Self::Inbound, Self::Send];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Smtp => "smtp",
            Self::Imap => "imap",
            Self::Inbound => "inbound",
            Self::Send => "send",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|source| source.as_str() == s)
    }
}

/// When soft bounces make an address bounced: `limit` of them within `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SoftBounceRule {
    pub limit: u32,
    pub window: Duration,
}

impl SoftBounceRule {
    /// Three within 30 days: a mailbox full for a month is abandoned, one full for a day is not.
    pub const DEFAULT_LIMIT: u32 = 3;
    pub const DEFAULT_DAYS: u32 = 30;
}

impl Default for SoftBounceRule {
    fn default() -> Self {
        Self { limit: Self::DEFAULT_LIMIT, window: Duration::days(i64::from(Self::DEFAULT_DAYS)) }
    }
}

/// A bounce or complaint to store. Only `Hard`, `Soft` and `Complaint` are stored; the other
/// kinds are refused as `Invalid` (the use case drops them before).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBounce {
    pub kind: BounceKind,
    /// Whose it is; taken from the delivery when one is given.
    pub subscriber: Option<SubscriberId>,
    /// The delivery the envelope sender named; its subscriber and issue win over the fields
    /// here. `NotFound("delivery")` when there is no such delivery.
    pub delivery: Option<DeliveryId>,
    /// The confirmation mail the envelope sender named (its row id); its subscriber wins over
    /// `subscriber`. `NotFound("confirmation mail")` when there is no such mail.
    pub confirmation: Option<i64>,
    pub issue: Option<IssueId>,
    /// The status code as the report gives it, e.g. `5.1.1` or `552 5.2.2`.
    pub status_code: Option<String>,
    pub diagnostic: Option<String>,
    /// The mail as it came back, kept until [`BounceStore::purge_bounce_mails`] removes it.
    pub raw: Option<Vec<u8>>,
    pub source: BounceSource,
}

/// What storing a bounce did to the subscriber.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BounceEffect {
    /// Stored and counted; nothing else changed (a soft bounce below the limit, or a report
    /// about a subscriber who was bounced or suppressed already, or about nobody known).
    Recorded,
    /// The address is now suppressed as a hard bounce: a hard bounce, or the soft bounce
    /// that reached the limit.
    Bounced,
    /// The address is now suppressed as a complaint.
    Complained,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BounceOutcome {
    pub id: i64,
    pub subscriber: Option<SubscriberId>,
    pub issue: Option<IssueId>,
    pub effect: BounceEffect,
    /// Soft bounces of the subscriber within the rule's window, this one included; zero for
    /// other kinds.
    pub soft_in_window: i64,
}

/// A stored bounce or complaint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bounce {
    pub id: i64,
    pub subscriber_id: Option<SubscriberId>,
    pub issue_id: Option<IssueId>,
    pub delivery_id: Option<DeliveryId>,
    pub kind: BounceKind,
    pub status_code: Option<String>,
    pub diagnostic: Option<String>,
    /// Whether the raw mail is still kept.
    pub has_raw: bool,
    pub received_at: OffsetDateTime,
    pub source: BounceSource,
}

/// Bounces and complaints of one issue among the readers of one variant language (`None`:
/// reports whose delivery is not known, or was never sent a variant).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BounceCount {
    pub language: Option<Language>,
    pub hard: i64,
    pub soft: i64,
    pub complaint: i64,
}

#[async_trait]
pub trait BounceStore {
    /// Stores the bounce and applies it, in one transaction. Hard: the address is suppressed
    /// (`hard_bounce`), an active subscriber becomes `bounced`, the consent log gets a
    /// `bounce` event and the delivery, if it was `sent`, becomes `bounced`. Soft: stored;
    /// when it makes `rule.limit` soft bounces of the subscriber within `rule.window` before
    /// `at`, applied like a hard one. Complaint: suppressed (`complaint`), an active
    /// subscriber becomes `complained`, a `complaint` consent event. The consent event is
    /// written only when the suppression or the status is new, so repeated reports add rows
    /// here but not to the proof of consent.
    async fn record_bounce(
        &self,
        bounce: &NewBounce,
        rule: SoftBounceRule,
        at: OffsetDateTime,
    ) -> StoreResult<BounceOutcome>;
    /// The subscriber's bounces and complaints, newest first, at most `limit`.
    async fn bounces_of(&self, subscriber: SubscriberId, limit: u32) -> StoreResult<Vec<Bounce>>;
    /// Counts of one issue per variant language, ordered by language (`None` last).
    async fn bounce_counts(&self, issue: IssueId) -> StoreResult<Vec<BounceCount>>;
    /// The raw mail of a bounce, while it is kept.
    async fn bounce_mail(&self, id: i64) -> StoreResult<Option<Vec<u8>>>;
    /// Removes the raw mails of bounces received before `before`, keeping the rows; returns
    /// how many were removed.
    async fn purge_bounce_mails(&self, before: OffsetDateTime) -> StoreResult<u64>;
}
