//! The sign-up outbox: requests written as one row and answered at once, then turned by a job
//! into a subscriber, a consent event and an owed confirmation mail, each such step one
//! transaction. Rows are claimed with a lease before they are worked on, so a job that runs
//! twice (a crash, a re-queued job) does the work once.

use async_trait::async_trait;
use rundbrief_core::model::{NewConsentEvent, NewSubscriber, Subscriber};
use rundbrief_core::{ListId, SubscriberId, SubscriberStatus};
use time::OffsetDateTime;

use crate::StoreResult;

/// A sign-up request a job has claimed: the checked form as the web layer wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignupClaim {
    pub id: i64,
    pub payload: String,
    pub created_at: OffsetDateTime,
}

/// A confirmation mail a job has claimed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmationClaim {
    pub id: i64,
    pub subscriber_id: SubscriberId,
    pub email_hash: String,
    /// Attempts including this one.
    pub attempts: u32,
}

/// What became of a claimed confirmation mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmationOutcome {
    Sent,
    /// Not sent, on purpose: the subscriber no longer waits for it, or the address had its
    /// mails for the day.
    Skipped,
    /// Not sent, and no further attempt.
    Failed,
    /// Try again at this time.
    RetryAt(OffsetDateTime),
}

impl ConfirmationOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sent => "sent",
            Self::Skipped => "skipped",
            Self::Failed => "failed",
            Self::RetryAt(_) => "pending",
        }
    }
}

/// The kinds of owed mail: rows owed one mail each, claimed with a lease that counts an
/// attempt, and settled once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OwedMailKind {
    Confirmation,
    Welcome,
    TranslatorNotice,
    AccountMail,
}

#[async_trait]
pub trait OutboxStore {
    /// Writes a sign-up request; its id goes into the job that processes it.
    async fn queue_signup(&self, payload: &str, at: OffsetDateTime) -> StoreResult<i64>;

    /// Claims an unprocessed request until `lease_until`; `None` when it is processed or
    /// another job holds it.
    async fn claim_signup(
        &self,
        id: i64,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
    ) -> StoreResult<Option<SignupClaim>>;

    /// Unprocessed requests nobody holds, oldest first: what a crash left behind.
    async fn open_signups(&self, now: OffsetDateTime, limit: u32) -> StoreResult<Vec<i64>>;

    /// Marks a request processed without anything else to write (an active or suppressed
    /// address); its payload is cleared.
    async fn finish_signup(&self, id: i64, at: OffsetDateTime) -> StoreResult<()>;

    /// In one transaction: the subscriber, their `lists`, `consent` (its subscriber id is
    /// filled in), a confirmation mail when the subscriber is pending, and `request` marked
    /// processed. Returns the subscriber and the mail's id. `Conflict` for a known address,
    /// `Suppressed` for a suppressed one; then nothing is written. Only a pending subscriber
    /// from a sign-up `request` (the person at the public form) may have an address that was
    /// erased before: its suppression stays until they confirm ([`Self::confirm_subscriber`]).
    async fn create_subscriber_with_consent(
        &self,
        new: &NewSubscriber,
        lists: &[ListId],
        consent: &NewConsentEvent,
        request: Option<i64>,
        at: OffsetDateTime,
    ) -> StoreResult<(Subscriber, Option<i64>)>;

    /// In one transaction, for a subscriber that is still `expected` (pending, or unsubscribed
    /// and signing up again; bounced or complained only with a sign-up `request` and once
    /// their suppression was lifted): status pending, `lists` added, `consent` recorded when given, a
    /// confirmation mail, and `request` marked processed. Returns the mail's id;
    /// `InvalidTransition` when the status changed meanwhile, `Suppressed` when the address
    /// is; then nothing is written.
    async fn request_confirmation(
        &self,
        subscriber: SubscriberId,
        expected: SubscriberStatus,
        lists: &[ListId],
        consent: Option<&NewConsentEvent>,
        request: Option<i64>,
        at: OffsetDateTime,
    ) -> StoreResult<i64>;

    /// The person's own confirmation, in one transaction: a pending subscriber becomes active
    /// and `consent` (its subscriber id is filled in) is recorded. An erasure suppression of
    /// the address is lifted, since confirming is the person's own wish to be mailed again;
    /// other suppressions (bounce, complaint, manual) refuse with `Suppressed`. A subscriber
    /// that is not pending gives `InvalidTransition`; then nothing is written. While the
    /// welcome mail is on and has a ready variant, a welcome mail is owed in the same
    /// transaction ([`crate::WelcomeStore`]).
    async fn confirm_subscriber(
        &self,
        subscriber: SubscriberId,
        consent: &NewConsentEvent,
        at: OffsetDateTime,
    ) -> StoreResult<Subscriber>;

    /// Claims a pending confirmation mail until `lease_until` and counts the attempt.
    async fn claim_confirmation(
        &self,
        id: i64,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
    ) -> StoreResult<Option<ConfirmationClaim>>;

    /// Pending mails that are due and not held, oldest first: each id with its attempts so far.
    async fn due_confirmations(
        &self,
        now: OffsetDateTime,
        limit: u32,
    ) -> StoreResult<Vec<(i64, u32)>>;

    /// Confirmation mails to the address of `email_hash` sent since `since`, plus those other
    /// than `except` being sent right now (claimed, lease running at `now`).
    async fn confirmations_sent_since(
        &self,
        email_hash: &str,
        since: OffsetDateTime,
        except: i64,
        now: OffsetDateTime,
    ) -> StoreResult<i64>;

    /// Records what became of a claimed mail and ends the claim.
    /// Only while the job still holds the claim: `claimed_attempts` is what its claim
    /// returned, and the mail is pending. `false` when it does not (its lease ran out and
    /// another job claimed the mail, or it was settled); then nothing changes.
    async fn settle_confirmation(
        &self,
        id: i64,
        claimed_attempts: u32,
        outcome: ConfirmationOutcome,
        at: OffsetDateTime,
    ) -> StoreResult<bool>;

    /// Gives back the claim on owed mail `id` of `kind` whose job sent nothing (it was refused
    /// before the wire: too little of the claim left, or no place in the SMTP pool): the lease
    /// ends, the claim's attempt is taken back, and the mail is due at `due_at`. Only while
    /// the job still holds the claim (`claimed_attempts` is what its claim returned, and the
    /// mail is pending); `false` when it does not, and then nothing changes.
    async fn release_owed_mail(
        &self,
        kind: OwedMailKind,
        id: i64,
        claimed_attempts: u32,
        due_at: OffsetDateTime,
    ) -> StoreResult<bool>;
}
