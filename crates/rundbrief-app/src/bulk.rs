//! Editor actions on a filtered subscriber list: add to a list, remove from a list, unsubscribe,
//! erase. The filter's ids are read once ([`rundbrief_store::SubscriberStore::subscriber_ids`]),
//! so an action that changes whether a row matches (unsubscribing a "status: active" filter)
//! still reaches exactly the rows the confirmation page counted. Each subscriber then goes
//! through the same path as a single change: unsubscribing records a consent event, erasing
//! suppresses the address and anonymises the consent log.

use rundbrief_core::model::SubscriberFilter;
use rundbrief_core::{ListId, SubscriberId, SubscriberStatus};
use rundbrief_store::StoreError;

use crate::audit::AuditActor;
use crate::{App, AppError, RequestMeta};

/// What to do to every subscriber of a filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkAction {
    AddToList(ListId),
    RemoveFromList(ListId),
    Unsubscribe,
    Erase,
}

impl BulkAction {
    /// The action named by a form (`add`, `remove`, `unsubscribe`, `erase`) with its list id.
    pub fn parse(action: &str, list: &str) -> Option<Self> {
        let list = || list.trim().parse().ok().map(ListId);
        match action {
            "add" => list().map(Self::AddToList),
            "remove" => list().map(Self::RemoveFromList),
            "unsubscribe" => Some(Self::Unsubscribe),
            "erase" => Some(Self::Erase),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::AddToList(_) => "add",
            Self::RemoveFromList(_) => "remove",
            Self::Unsubscribe => "unsubscribe",
            Self::Erase => "erase",
        }
    }

    pub fn list(self) -> Option<ListId> {
        match self {
            Self::AddToList(list) | Self::RemoveFromList(list) => Some(list),
            Self::Unsubscribe | Self::Erase => None,
        }
    }
}

impl App {
    /// How many subscribers `filter` matches: what a confirmation page names.
    pub async fn count_filtered(&self, filter: &SubscriberFilter) -> Result<usize, AppError> {
        Ok(self.store().subscriber_ids(filter).await?.len())
    }

    /// Applies `action` to every subscriber `filter` matches; returns how many that was.
    /// Erased subscribers are left alone (nothing remains to change); an unknown list is not
    /// found before anything is written. Audited once, as `subscriber.bulk` by `actor` with
    /// the action, the list and the count (not one entry per subscriber).
    pub async fn apply_to_filtered(
        &self,
        actor: AuditActor,
        filter: &SubscriberFilter,
        action: BulkAction,
        meta: RequestMeta,
    ) -> Result<usize, AppError> {
        if let Some(list) = action.list() {
            self.list(list).await?;
        }
        let ids = self.store().subscriber_ids(filter).await?;
        let mut done = 0;
        let mut outcome = Ok(());
        for id in &ids {
            if let Err(e) = self.apply_one(*id, action, meta.clone()).await {
                outcome = Err(e);
                break;
            }
            done += 1;
        }
        tracing::info!(count = ids.len(), action = action.as_str(), "action on a filtered list");
        // Recorded also when it broke off midway, with how many it reached: those changes
        // happened.
        let detail = serde_json::json!({
            "action": action.as_str(),
            "list": action.list().map(|l| l.0),
            "count": ids.len(),
            "done": done,
            "filter": crate::consent::filter_fields(filter),
        });
        self.record(actor, "subscriber.bulk", None, detail).await;
        outcome.map(|()| ids.len())
    }

    async fn apply_one(
        &self,
        id: SubscriberId,
        action: BulkAction,
        meta: RequestMeta,
    ) -> Result<(), AppError> {
        let store = self.store();
        let subscriber = match store.subscriber(id).await {
            Ok(s) => s,
            // Erased for good meanwhile by someone else: nothing left to do.
            Err(StoreError::NotFound(_)) => return Ok(()),
            Err(e) => return Err(e.into()),
        };
        if subscriber.status == SubscriberStatus::Erased {
            return Ok(());
        }
        match action {
            BulkAction::AddToList(list) => store.subscribe(id, list, self.now()).await?,
            BulkAction::RemoveFromList(list) => store.unsubscribe_from_list(id, list).await?,
            BulkAction::Unsubscribe => {
                self.unsubscribe_subscriber(subscriber, meta).await?;
            }
            BulkAction::Erase => {
                self.erase_subscriber(id).await?;
            }
        }
        Ok(())
    }
}
