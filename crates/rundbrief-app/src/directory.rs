//! Reading and changing subscribers for callers who may see all of them (the API and the
//! editor UI), the overview numbers of the dashboard, and the readiness ping. The web crate
//! reaches the store only through these and the other use cases.

use rundbrief_core::model::{
    ConsentEvent, DeliveryCount, Issue, Page, Subscriber, SubscriberCount, SubscriberFilter,
    SubscriberUpdate,
};
use rundbrief_core::segment::Segment;
use rundbrief_core::{IssueId, Language, ListId, SubscriberId, SubscriberStatus};
pub use rundbrief_store::MonthGrowth;
use time::OffsetDateTime;

use crate::{App, AppError, RequestMeta};

/// A subscriber with the ids of the lists they are on.
#[derive(Debug, Clone)]
pub struct SubscriberRecord {
    pub subscriber: Subscriber,
    pub lists: Vec<ListId>,
}

/// What an API caller may change on a subscriber; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SubscriberChanges {
    pub update: SubscriberUpdate,
    /// Unsubscribe them too (the one status an API caller may set).
    pub unsubscribe: bool,
}

impl App {
    pub async fn subscriber(&self, id: SubscriberId) -> Result<Subscriber, AppError> {
        Ok(self.store().subscriber(id).await?)
    }

    /// The ids of the lists subscriber `id` is on.
    pub async fn subscriptions(&self, id: SubscriberId) -> Result<Vec<ListId>, AppError> {
        Ok(self.store().subscriptions(id).await?)
    }

    /// Subscriber `id` and their lists.
    pub async fn subscriber_record(&self, id: SubscriberId) -> Result<SubscriberRecord, AppError> {
        let subscriber = self.subscriber(id).await?;
        let lists = self.subscriptions(id).await?;
        Ok(SubscriberRecord { subscriber, lists })
    }

    /// One page of subscribers matching `filter`, after the id `cursor`.
    pub async fn find_subscribers(
        &self,
        filter: &SubscriberFilter,
        cursor: Option<i64>,
        limit: u32,
    ) -> Result<Page<Subscriber>, AppError> {
        Ok(self.store().list_subscribers(filter, cursor, limit).await?)
    }

    /// The consent log of subscriber `id`, oldest first; an unknown id is not found.
    pub async fn consent_history(&self, id: SubscriberId) -> Result<Vec<ConsentEvent>, AppError> {
        self.store().subscriber(id).await?;
        Ok(self.store().consent_history(id).await?)
    }

    /// Applies checked changes to subscriber `id` (API); an erased subscriber cannot change.
    /// An unsubscription is audited by `actor`.
    pub async fn change_subscriber(
        &self,
        actor: crate::audit::AuditActor,
        id: SubscriberId,
        changes: SubscriberChanges,
        meta: RequestMeta,
    ) -> Result<SubscriberRecord, AppError> {
        let current = self.subscriber(id).await?;
        if current.status == SubscriberStatus::Erased {
            return Err(AppError::Conflict("the subscriber has been erased".into()));
        }
        if changes.update != SubscriberUpdate::default() {
            self.store().update_subscriber(id, &changes.update).await?;
        }
        if changes.unsubscribe {
            self.unsubscribe_by_id(Some(actor), id, meta).await?;
        }
        self.subscriber_record(id).await
    }

    /// Puts `subscriber` on `list` (`subscribed`) or takes them off; idempotent. Both must
    /// exist, and an erased subscriber counts as gone.
    pub async fn set_subscription(
        &self,
        subscriber: SubscriberId,
        list: ListId,
        subscribed: bool,
    ) -> Result<(), AppError> {
        if self.subscriber(subscriber).await?.status == SubscriberStatus::Erased {
            return Err(AppError::NotFound("subscriber"));
        }
        self.list(list).await?;
        let store = self.store();
        if subscribed {
            store.subscribe(subscriber, list, self.now()).await?;
        } else {
            store.unsubscribe_from_list(subscriber, list).await?;
        }
        Ok(())
    }

    /// Recipients a segment would reach now, per language.
    pub async fn segment_counts(
        &self,
        segment: &Segment,
    ) -> Result<Vec<(Language, i64)>, AppError> {
        Ok(self.store().segment_counts(segment).await?)
    }

    /// Subscribers per status and language.
    pub async fn subscriber_counts(&self) -> Result<Vec<SubscriberCount>, AppError> {
        Ok(self.store().count_subscribers().await?)
    }

    /// New, confirmed and departed subscribers per calendar month since `since`.
    pub async fn subscriber_growth(
        &self,
        since: OffsetDateTime,
    ) -> Result<Vec<MonthGrowth>, AppError> {
        Ok(self.store().subscriber_growth(since).await?)
    }

    /// The `limit` newest issues, each with its deliveries counted per language and status.
    pub async fn recent_issues(
        &self,
        limit: u32,
    ) -> Result<Vec<(Issue, Vec<DeliveryCount>)>, AppError> {
        let issues = self.store().list_issues(None, limit).await?.items;
        let mut recent = Vec::with_capacity(issues.len());
        for issue in issues {
            let counts = self.delivery_counts(issue.id).await?;
            recent.push((issue, counts));
        }
        Ok(recent)
    }

    async fn delivery_counts(&self, issue: IssueId) -> Result<Vec<DeliveryCount>, AppError> {
        Ok(self.store().delivery_counts(issue).await?)
    }

    /// Which database backend this instance runs on (`sqlite`, `postgres`).
    pub fn backend(&self) -> &'static str {
        self.store().backend()
    }

    /// Whether the database answers a ping within two seconds (for `/readyz`).
    pub async fn ping_database(&self) -> Result<(), String> {
        crate::health::ping(self.store().as_ref()).await
    }

    /// The binary's migrations the database has not applied, each as `0007 imports`; `Err`
    /// says why the history could not be read.
    pub async fn missing_migrations(&self) -> Result<Vec<String>, String> {
        let missing = self.store().missing_migrations().await.map_err(|e| e.to_string())?;
        Ok(missing.into_iter().map(|m| format!("{:04} {}", m.version, m.description)).collect())
    }
}
