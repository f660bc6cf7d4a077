//! The suppression list as editors see it (issue 20): every suppressed address by its hash,
//! newest first, with the subscriber who still has it; and lifting a suppression, which is
//! recorded with who, when, why and what the suppression was.

use async_trait::async_trait;
use rundbrief_core::model::{Page, SuppressionReason};
use rundbrief_core::{ApiTokenId, EmailAddress, SubscriberId, SubscriberStatus, UserId};
use time::OffsetDateTime;

use crate::StoreResult;

/// Which suppressions to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SuppressionFilter {
    pub reason: Option<SuppressionReason>,
    /// Only the suppression of this hash (`rundbrief_core::model::suppression_hash` of an
    /// address): a search by address never needs the address stored.
    pub email_hash: Option<String>,
}

/// Where a page of suppressions continues: after the last one shown, in the list's order
/// (newest first, then by hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuppressionCursor {
    pub created_at: OffsetDateTime,
    pub email_hash: String,
}

/// The subscriber whose row still holds a suppressed address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuppressedSubscriber {
    pub id: SubscriberId,
    pub email: EmailAddress,
    pub status: SubscriberStatus,
}

/// One suppressed address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuppressedAddress {
    pub email_hash: String,
    pub reason: SuppressionReason,
    pub created_at: OffsetDateTime,
    /// `None` when no subscriber row keeps the address (erased, or never a subscriber).
    pub subscriber: Option<SuppressedSubscriber>,
}

/// A page of suppressions; `next` continues it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuppressionPage {
    pub items: Vec<SuppressedAddress>,
    pub next: Option<SuppressionCursor>,
}

/// Who lifts a suppression: an editor's account or an API token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiftedBy {
    User(UserId),
    Token(ApiTokenId),
}

/// A lift to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSuppressionLift {
    pub email_hash: String,
    /// Why, in the words of whoever lifts it; required.
    pub reason: String,
    pub by: LiftedBy,
}

/// A recorded lift.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuppressionLift {
    pub id: i64,
    pub email_hash: String,
    /// What the address was suppressed for, and since when.
    pub previous_reason: SuppressionReason,
    pub suppressed_at: OffsetDateTime,
    /// The subscriber who had the address when it was lifted.
    pub subscriber_id: Option<SubscriberId>,
    pub by: LiftedBy,
    pub reason: String,
    pub lifted_at: OffsetDateTime,
}

#[async_trait]
pub trait SuppressionListStore {
    /// Suppressions matching `filter`, newest first (then by hash), at most `limit`, after
    /// `after`; each with the subscriber whose row still holds the address.
    async fn suppressions(
        &self,
        filter: &SuppressionFilter,
        after: Option<&SuppressionCursor>,
        limit: u32,
    ) -> StoreResult<SuppressionPage>;
    /// Removes the suppression of `lift.email_hash` and records the lift, in one transaction;
    /// when a subscriber has the address, their consent log gets a `suppression_lifted`
    /// event. Their status is left as it is: a bounced or complained reader comes back only
    /// through a new sign-up with double opt-in. `NotFound("suppression")` when the address
    /// is not suppressed; `Conflict` for an erasure's suppression, which only the person's own
    /// confirmed sign-up lifts; `Invalid` for a blank reason.
    async fn lift_suppression(
        &self,
        lift: &NewSuppressionLift,
        at: OffsetDateTime,
    ) -> StoreResult<SuppressionLift>;
    /// Recorded lifts, newest first, keyset-paginated by id (`before` is the previous page's
    /// `next`); of one address when `email_hash` is given.
    async fn suppression_lifts(
        &self,
        email_hash: Option<&str>,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<Page<SuppressionLift>>;
}
