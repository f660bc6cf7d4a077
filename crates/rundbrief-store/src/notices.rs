//! Mails that tell translators an issue needs their language (issue 21). The rows are written
//! by [`crate::RevisionStore::save_variant`] in the same transaction as a new revision of the
//! base-language variant: one per active translator who has a language other than the base,
//! issue and base revision. A job claims a row with a lease before it sends and settles it
//! after, like the confirmation mails, so a crash neither loses nor doubles a mail.

use async_trait::async_trait;
use rundbrief_core::{IssueId, UserId};
use time::OffsetDateTime;

use crate::{ConfirmationOutcome, StoreResult};

/// A translator notice a job has claimed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TranslatorNoticeClaim {
    pub id: i64,
    pub user: UserId,
    pub issue: IssueId,
    /// The base variant's revision whose save asked for the notice.
    pub base_revision: u32,
    /// Attempts including this one.
    pub attempts: u32,
}

#[async_trait]
pub trait TranslatorNoticeStore {
    /// Pending notices due at `now` and written no later than `written_before` (so an editor
    /// who saves again within the delay supersedes the earlier notice before it goes out) that
    /// nobody holds, oldest first: each id with its attempts so far.
    async fn due_translator_notices(
        &self,
        written_before: OffsetDateTime,
        now: OffsetDateTime,
        limit: u32,
    ) -> StoreResult<Vec<(i64, u32)>>;

    /// Claims a pending, due notice until `lease_until` and counts the attempt; `None` when it
    /// is settled or another job holds it.
    async fn claim_translator_notice(
        &self,
        id: i64,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
    ) -> StoreResult<Option<TranslatorNoticeClaim>>;

    /// Records what became of a claimed notice and ends the claim.
    /// Only while the job still holds the claim: `claimed_attempts` is what its claim
    /// returned, and the mail is pending. `false` when it does not (its lease ran out and
    /// another job claimed the mail, or it was settled); then nothing changes.
    async fn settle_translator_notice(
        &self,
        id: i64,
        claimed_attempts: u32,
        outcome: ConfirmationOutcome,
        at: OffsetDateTime,
    ) -> StoreResult<bool>;
}
