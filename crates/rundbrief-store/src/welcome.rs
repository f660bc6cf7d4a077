//! The welcome mail (issue 23): the one issue of the kind `welcome`, which editors write like
//! any issue, and the welcome mails owed to subscribers who confirmed. The mail is owed in the
//! confirmation's own transaction ([`crate::OutboxStore::confirm_subscriber`]) while it is
//! switched on ([`WELCOME_MAIL_SETTING`]) and has a ready variant; a job claims it with a
//! lease, sends it and settles it, like a confirmation mail.

use async_trait::async_trait;
use rundbrief_core::SubscriberId;
use rundbrief_core::model::{Issue, NewIssue};
use time::OffsetDateTime;

use crate::{ConfirmationOutcome, StoreResult};

/// The instance setting (`TwoFactorStore::instance_setting`) that switches the welcome mail
/// on: the value [`WELCOME_MAIL_ON`]; anything else, or none, is off.
pub const WELCOME_MAIL_SETTING: &str = "welcome_mail";
/// The value of [`WELCOME_MAIL_SETTING`] that means on.
pub const WELCOME_MAIL_ON: &str = "on";

/// A welcome mail a job has claimed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WelcomeClaim {
    pub id: i64,
    pub subscriber_id: SubscriberId,
    /// Attempts including this one.
    pub attempts: u32,
}

#[async_trait]
pub trait WelcomeStore {
    /// The welcome mail's issue, if an editor started one.
    async fn welcome_issue(&self) -> StoreResult<Option<Issue>>;

    /// The welcome mail's issue: a new draft of the kind `welcome` made from `new`, or the one
    /// that exists (there is at most one, also when two editors start it at once).
    async fn create_welcome_issue(&self, new: &NewIssue, at: OffsetDateTime) -> StoreResult<Issue>;

    /// The newest welcome mail still owed to `subscriber`, if any: what the confirmation that
    /// just committed asks a job to send.
    async fn owed_welcome(&self, subscriber: SubscriberId) -> StoreResult<Option<i64>>;

    /// Claims a pending, due welcome mail until `lease_until` and counts the attempt; `None`
    /// when it is settled or another job holds it.
    async fn claim_welcome(
        &self,
        id: i64,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
    ) -> StoreResult<Option<WelcomeClaim>>;

    /// Pending welcome mails that are due and not held, oldest first, each with its attempts
    /// so far: what a crash or a lost job left behind.
    async fn due_welcomes(&self, now: OffsetDateTime, limit: u32) -> StoreResult<Vec<(i64, u32)>>;

    /// Records what became of a claimed welcome mail and ends the claim.
    /// Only while the job still holds the claim: `claimed_attempts` is what its claim
    /// returned, and the mail is pending. `false` when it does not (its lease ran out and
    /// another job claimed the mail, or it was settled); then nothing changes.
    async fn settle_welcome(
        &self,
        id: i64,
        claimed_attempts: u32,
        outcome: ConfirmationOutcome,
        at: OffsetDateTime,
    ) -> StoreResult<bool>;

    /// Welcome mails of `subscriber` by status (`pending`, `sent`, ...), oldest first: what
    /// the editor UI and the tests read.
    async fn welcome_mails_of(&self, subscriber: SubscriberId) -> StoreResult<Vec<String>>;
}
