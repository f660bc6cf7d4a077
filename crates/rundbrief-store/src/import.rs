//! Bringing an existing list in: one batch of imported rows per call, in one transaction.

use async_trait::async_trait;
use rundbrief_core::model::{NewConsentEvent, NewSubscriber};
use rundbrief_core::{ListId, SubscriberId};
use time::OffsetDateTime;

use crate::StoreResult;

/// One row of an import, checked and ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    pub new: NewSubscriber,
    pub lists: Vec<ListId>,
    /// Recorded for a new subscriber only (its `subscriber_id` is not used).
    pub consent: NewConsentEvent,
    /// When the consent was given according to the old system; the import's time without it.
    pub consent_at: Option<OffsetDateTime>,
    /// Double opt-in (`new.status` is then `Pending`): a new subscriber's confirmation mail is
    /// queued, due at this time, so that an import's mails go out paced by the send rate.
    pub confirmation_due: Option<OffsetDateTime>,
}

/// What an import may change on a subscriber that exists already; never the status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportUpdate {
    pub name: bool,
    pub language: bool,
    /// Adds the row's lists (never removes any).
    pub lists: bool,
}

impl ImportUpdate {
    pub fn any(self) -> bool {
        self.name || self.language || self.lists
    }
}

/// What became of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportOutcome {
    Created,
    Updated,
    /// Exists already and nothing was to be changed; a re-run of the same file ends here.
    Exists,
    /// Suppressed (erased, bounced, complained): never revived.
    Suppressed,
    /// Unsubscribed (or bounced/complained without a suppression): left as it is.
    Unsubscribed,
}

impl ImportOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Updated => "updated",
            Self::Exists => "exists",
            Self::Suppressed => "suppressed",
            Self::Unsubscribed => "unsubscribed",
        }
    }
}

/// The outcomes of one batch and the ids of the subscribers it created.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportBatch {
    /// One per row, in order.
    pub outcomes: Vec<ImportOutcome>,
    /// The new subscribers, in no particular order; empty in a dry run, which keeps nothing.
    pub created: Vec<SubscriberId>,
}

#[async_trait]
pub trait ImportStore {
    /// Stores `rows` in one transaction, one outcome per row in order. A new address becomes a
    /// subscriber with its lists and consent event together, so a batch cut off halfway (a
    /// killed process) leaves nothing of it and a re-run finds each stored row as `Exists`:
    /// nothing twice, no consent event twice. Suppressed and unsubscribed addresses are left
    /// alone; existing ones change only in the fields `update` names. With `dry_run` the
    /// transaction is rolled back, so the outcomes say what would happen.
    async fn import_batch(
        &self,
        rows: &[ImportRow],
        update: ImportUpdate,
        dry_run: bool,
        at: OffsetDateTime,
    ) -> StoreResult<Vec<ImportOutcome>> {
        Ok(self.import_batch_ids(rows, update, dry_run, at).await?.outcomes)
    }

    /// As [`ImportStore::import_batch`], with the ids of the subscribers the batch created:
    /// an import tells a second row of an address it created itself from one that existed
    /// before by them, without keeping every address it has read.
    async fn import_batch_ids(
        &self,
        rows: &[ImportRow],
        update: ImportUpdate,
        dry_run: bool,
        at: OffsetDateTime,
    ) -> StoreResult<ImportBatch>;

    /// The ids of the subscribers whose address key (`EmailAddress::key`) is one of `keys`,
    /// by key; keys no subscriber holds are left out.
    async fn subscriber_ids_by_key(
        &self,
        keys: &[String],
    ) -> StoreResult<Vec<(String, SubscriberId)>>;
}
