//! Getting off the list and changing what one receives: unsubscribe (including RFC 8058
//! one-click), preferences and erasure, all reached through signed links that name exactly one
//! subscriber.

use rundbrief_core::model::{ConsentAction, MailingList, Subscriber, SubscriberUpdate};
use rundbrief_core::{Language, ListId, SubscriberId, SubscriberStatus, TokenPurpose};
use rundbrief_store::StoreError;

use crate::audit::{AuditActor, Target};
use crate::validate::{self, clean_optional_text};
use crate::{App, AppError, RequestMeta, consent_event};

/// What the preferences page shows.
#[derive(Debug, Clone)]
pub struct Preferences {
    pub subscriber: Subscriber,
    /// The public lists, offered as topics.
    pub lists: Vec<MailingList>,
    pub subscribed: Vec<ListId>,
}

/// The preferences form as submitted.
#[derive(Debug, Clone, Default)]
pub struct PreferencesUpdate {
    pub name: String,
    pub language: String,
    pub topics: Vec<String>,
    pub meta: RequestMeta,
}

/// The little a page needs to know about a subscriber reached through a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubscriberView {
    pub id: SubscriberId,
    pub language: Language,
    pub status: SubscriberStatus,
}

impl From<&Subscriber> for SubscriberView {
    fn from(s: &Subscriber) -> Self {
        Self { id: s.id, language: s.language, status: s.status }
    }
}

impl App {
    async fn subscriber_for(
        &self,
        token: &str,
        purpose: TokenPurpose,
    ) -> Result<Subscriber, AppError> {
        let id = self.verify(token, purpose)?;
        match self.store().subscriber(id).await {
            Ok(s) => Ok(s),
            Err(StoreError::NotFound(_)) => Err(AppError::BadToken),
            Err(e) => Err(e.into()),
        }
    }

    /// Checks an unsubscribe link without acting on it (the page with the button).
    pub async fn unsubscribe_target(&self, token: &str) -> Result<SubscriberView, AppError> {
        Ok(SubscriberView::from(&self.subscriber_for(token, TokenPurpose::Unsubscribe).await?))
    }

    /// Unsubscribes the link's subscriber. Idempotent: an unsubscribed, bounced or erased
    /// subscriber stays as they are and the call still succeeds, because a mail client's
    /// one-click request may come more than once.
    pub async fn unsubscribe(
        &self,
        token: &str,
        meta: RequestMeta,
    ) -> Result<SubscriberView, AppError> {
        let subscriber = self.subscriber_for(token, TokenPurpose::Unsubscribe).await?;
        self.unsubscribe_subscriber(subscriber, meta).await
    }

    /// Unsubscribes subscriber `id` (API, editors, a `mailto:` unsubscribe); idempotent like
    /// [`App::unsubscribe`]. Audited as `subscriber.unsubscribed` by `actor` when it changed
    /// the status; `None` for the reader's own request, which staff did not make.
    pub async fn unsubscribe_by_id(
        &self,
        actor: Option<AuditActor>,
        id: SubscriberId,
        meta: RequestMeta,
    ) -> Result<SubscriberView, AppError> {
        let subscriber = self.store().subscriber(id).await?;
        let before = subscriber.status;
        let view = self.unsubscribe_subscriber(subscriber, meta).await?;
        if let Some(actor) = actor.filter(|_| before != view.status) {
            let target = Some(Target::new("subscriber", id.0));
            self.record(actor, "subscriber.unsubscribed", target, serde_json::Value::Null).await;
        }
        Ok(view)
    }

    pub(crate) async fn unsubscribe_subscriber(
        &self,
        subscriber: Subscriber,
        meta: RequestMeta,
    ) -> Result<SubscriberView, AppError> {
        if !matches!(subscriber.status, SubscriberStatus::Active | SubscriberStatus::Pending) {
            return Ok(SubscriberView::from(&subscriber));
        }
        let now = self.now();
        let store = self.store();
        let updated = match store
            .set_subscriber_status(subscriber.id, SubscriberStatus::Unsubscribed, now)
            .await
        {
            Ok(s) => s,
            // Two clicks at once: the other one did it.
            Err(StoreError::InvalidTransition(_)) => return Ok(SubscriberView::from(&subscriber)),
            Err(e) => return Err(e.into()),
        };
        let event =
            consent_event(subscriber.id, ConsentAction::Unsubscribe, None, updated.language, meta);
        store.record_consent(&event, now).await?;
        tracing::info!(subscriber = %subscriber.id, "unsubscribed");
        Ok(SubscriberView::from(&updated))
    }

    pub async fn preferences(&self, token: &str) -> Result<Preferences, AppError> {
        let subscriber = self.subscriber_for(token, TokenPurpose::Preferences).await?;
        self.preferences_of(subscriber).await
    }

    async fn preferences_of(&self, subscriber: Subscriber) -> Result<Preferences, AppError> {
        if subscriber.status == SubscriberStatus::Erased {
            return Err(AppError::BadToken);
        }
        let store = self.store();
        let lists = store.lists().await?.into_iter().filter(|l| l.public).collect();
        let subscribed = store.subscriptions(subscriber.id).await?;
        Ok(Preferences { subscriber, lists, subscribed })
    }

    /// Saves language, name and topics. Only public lists can be chosen or dropped here;
    /// subscriptions to internal lists are left alone.
    pub async fn update_preferences(
        &self,
        token: &str,
        update: PreferencesUpdate,
    ) -> Result<Preferences, AppError> {
        let current = self.preferences(token).await?;
        let mut errors = Vec::new();
        let language =
            validate::language("language", &update.language).map_err(|e| errors.push(e)).ok();
        let name = clean_optional_text("name", &update.name).map_err(|e| errors.push(e)).ok();
        let mut chosen = Vec::new();
        for raw in update.topics.iter().take(101) {
            match raw
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|id| current.lists.iter().find(|l| l.id.0 == id))
            {
                Some(list) => chosen.push(list.id),
                None => {
                    errors.push(crate::FieldError::new(
                        "topics",
                        "is not one of the offered topics",
                        "error-form-summary",
                    ));
                    break;
                }
            }
        }
        let (Some(language), Some(name), true) = (language, name, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let id = current.subscriber.id;
        let store = self.store();
        let now = self.now();
        let changes =
            SubscriberUpdate { name: Some(name), language: Some(language), ..Default::default() };
        let subscriber = store.update_subscriber(id, &changes).await?;
        for list in &current.lists {
            let wanted = chosen.contains(&list.id);
            let has = current.subscribed.contains(&list.id);
            if wanted && !has {
                store.subscribe(id, list.id, now).await?;
            } else if !wanted && has {
                store.unsubscribe_from_list(id, list.id).await?;
            }
        }
        let event = consent_event(id, ConsentAction::Preferences, None, language, update.meta);
        store.record_consent(&event, now).await?;
        tracing::info!(subscriber = %id, "preferences saved");
        self.preferences_of(subscriber).await
    }

    /// "Delete all my data" from the preferences page: the person's own act, not audited.
    pub async fn erase_by_token(&self, token: &str, _meta: RequestMeta) -> Result<(), AppError> {
        let subscriber = self.subscriber_for(token, TokenPurpose::Preferences).await?;
        self.erase_subscriber(subscriber.id).await.map(|_| ())
    }

    /// An erasure by staff (the API, the editor UI, a bulk action), audited as
    /// `subscriber.erased` by `actor` when there was something to erase.
    pub async fn erase(
        &self,
        actor: AuditActor,
        id: SubscriberId,
        _meta: RequestMeta,
    ) -> Result<(), AppError> {
        if self.erase_subscriber(id).await? {
            let target = Some(Target::new("subscriber", id.0));
            self.record(actor, "subscriber.erased", target, serde_json::Value::Null).await;
        }
        Ok(())
    }

    /// Erases personal data, suppresses the address by its hash, keeps the anonymised consent
    /// history. The store appends the erase event itself, in the same transaction; who asked is
    /// deliberately not kept, since it would be personal data of the erased person.
    /// `false` when the subscriber was erased already.
    pub(crate) async fn erase_subscriber(&self, id: SubscriberId) -> Result<bool, AppError> {
        let store = self.store();
        let subscriber = store.subscriber(id).await?;
        if subscriber.status == SubscriberStatus::Erased {
            return Ok(false);
        }
        store.erase_subscriber(id, self.now()).await?;
        tracing::info!(subscriber = %id, "subscriber erased");
        Ok(true)
    }
}
