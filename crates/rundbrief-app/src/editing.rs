//! What editors change about a subscriber in the editor UI: profile, lists and status.
//!
//! Status changes follow the life cycle of `rundbrief_core::status`, narrowed to what an editor
//! may decide on someone else's behalf: making a person active needs the editor's statement that
//! consent was obtained elsewhere (recorded like an import), a fresh sign-up (back to pending)
//! is left to the person and the public form, and erasure has its own, confirmed step.

use rundbrief_core::model::{ConsentAction, Subscriber, SuppressionReason};
use rundbrief_core::{SubscriberId, SubscriberStatus};

use crate::validate::{self, clean_optional_text, collect};
use crate::{
    App, AppError, CONSENT_ELSEWHERE_VERSION, FieldError, RequestMeta, consent_event,
    profile_update,
};

/// The edit form as submitted, every field still raw.
#[derive(Debug, Clone, Default)]
pub struct SubscriberEdit {
    pub name: String,
    pub language: String,
    pub region: String,
    pub audience: String,
    /// Ids of every list the subscriber should be on; lists not named are left.
    pub lists: Vec<String>,
    /// The status wanted; the current one changes nothing.
    pub status: String,
    /// The editor states that consent was obtained elsewhere; required to make someone active.
    pub consent_elsewhere: bool,
    pub meta: RequestMeta,
}

/// The statuses an editor may move a subscriber to from `from`, besides keeping it.
pub fn editor_status_targets(from: SubscriberStatus) -> Vec<SubscriberStatus> {
    SubscriberStatus::ALL
        .into_iter()
        .filter(|to| {
            from.can_transition_to(*to)
                && !matches!(to, SubscriberStatus::Pending | SubscriberStatus::Erased)
        })
        .collect()
}

impl App {
    /// Saves an editor's changes; every field problem is reported at once and nothing is
    /// written while there is one. An unsubscription is audited by `actor`.
    pub async fn edit_subscriber(
        &self,
        actor: crate::audit::AuditActor,
        id: SubscriberId,
        edit: SubscriberEdit,
    ) -> Result<Subscriber, AppError> {
        let store = self.store();
        let current = store.subscriber(id).await?;
        if current.status == SubscriberStatus::Erased {
            return Err(AppError::Conflict("the subscriber has been erased".into()));
        }
        let mut errors = Vec::new();
        let name = collect(clean_optional_text("name", &edit.name), &mut errors);
        let language = collect(validate::language("language", &edit.language), &mut errors);
        let region = collect(clean_optional_text("region", &edit.region), &mut errors);
        let audience = collect(validate::audience("audience", &edit.audience), &mut errors);
        let mut ids = Vec::new();
        for raw in edit.lists.iter().take(1001) {
            match raw.trim().parse::<i64>() {
                Ok(id) => ids.push(id),
                Err(_) => {
                    errors.push(FieldError::new("lists", "must be list ids", "admin-error-lists"));
                    break;
                }
            }
        }
        let lists = match self.existing_lists("lists", &ids).await? {
            Ok(lists) => Some(lists),
            Err(_) => {
                errors.push(FieldError::new("lists", "names a missing list", "admin-error-lists"));
                None
            }
        };
        let status = self.status_change(&current, &edit, &mut errors).await?;
        let (Some(name), Some(language), Some(region), Some(audience), Some(lists), true) =
            (name, language, region, audience, lists, errors.is_empty())
        else {
            return Err(AppError::Invalid(errors));
        };

        // The status first: it is the step that can still be refused (a concurrent change),
        // and then nothing else has been written.
        if let Some(status) = status {
            self.apply_status(actor, &current, status, edit.meta).await?;
        }
        let update = profile_update(name, language, region, audience);
        store.update_subscriber(id, &update).await?;
        let now = self.now();
        let had = store.subscriptions(id).await?;
        for list in &lists {
            if !had.contains(list) {
                store.subscribe(id, *list, now).await?;
            }
        }
        for list in had.iter().filter(|l| !lists.contains(l)) {
            store.unsubscribe_from_list(id, *list).await?;
        }
        tracing::info!(subscriber = %id, "subscriber edited in the editor UI");
        Ok(store.subscriber(id).await?)
    }

    /// The status the edit asks for, if it is a change an editor may make.
    async fn status_change(
        &self,
        current: &Subscriber,
        edit: &SubscriberEdit,
        errors: &mut Vec<FieldError>,
    ) -> Result<Option<SubscriberStatus>, AppError> {
        let raw = edit.status.trim();
        if raw.is_empty() || raw == current.status.as_str() {
            return Ok(None);
        }
        let wanted = match raw.parse::<SubscriberStatus>() {
            Ok(s) if editor_status_targets(current.status).contains(&s) => s,
            _ => {
                errors.push(FieldError::new(
                    "status",
                    "is not a change allowed from the current status",
                    "admin-error-status",
                ));
                return Ok(None);
            }
        };
        if wanted == SubscriberStatus::Active {
            if !edit.consent_elsewhere {
                errors.push(FieldError::new(
                    "consent_elsewhere",
                    "must be confirmed to make a subscriber active",
                    "admin-error-consent-needed",
                ));
                return Ok(None);
            }
            let suppressed = match &current.email {
                Some(email) => self.store().is_suppressed(email).await?,
                None => true,
            };
            if suppressed {
                errors.push(FieldError::new(
                    "status",
                    "the address is suppressed",
                    "admin-error-suppressed",
                ));
                return Ok(None);
            }
        }
        Ok(Some(wanted))
    }

    async fn apply_status(
        &self,
        actor: crate::audit::AuditActor,
        current: &Subscriber,
        status: SubscriberStatus,
        meta: RequestMeta,
    ) -> Result<(), AppError> {
        let store = self.store();
        let now = self.now();
        let id = current.id;
        match status {
            // Recorded in the consent log like an unsubscribe link, so the proof is complete.
            SubscriberStatus::Unsubscribed => {
                self.unsubscribe_by_id(Some(actor), id, meta).await?;
            }
            SubscriberStatus::Active => {
                let active = store.set_subscriber_status(id, status, now).await?;
                let event = consent_event(
                    id,
                    ConsentAction::Import,
                    Some(CONSENT_ELSEWHERE_VERSION),
                    active.language,
                    meta,
                );
                store.record_consent(&event, now).await?;
            }
            // As when the mail server reports them: the address is never mailed again, even
            // if it signs up anew.
            SubscriberStatus::Bounced | SubscriberStatus::Complained => {
                let reason = if status == SubscriberStatus::Bounced {
                    SuppressionReason::HardBounce
                } else {
                    SuppressionReason::Complaint
                };
                if let Some(email) = &current.email {
                    store.suppress(email, reason, now).await?;
                }
                store.set_subscriber_status(id, status, now).await?;
            }
            SubscriberStatus::Pending | SubscriberStatus::Erased => {
                return Err(AppError::Conflict("not a change an editor can make".into()));
            }
        }
        tracing::info!(subscriber = %id, %status, "status changed in the editor UI");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SubscriberStatus::*;

    #[test]
    fn editors_neither_reopen_sign_up_nor_erase_through_the_status() {
        assert_eq!(editor_status_targets(Pending), [Active, Unsubscribed]);
        assert_eq!(editor_status_targets(Active), [Unsubscribed, Bounced, Complained]);
        assert_eq!(editor_status_targets(Unsubscribed), [Active]);
        assert!(editor_status_targets(Bounced).is_empty());
        assert!(editor_status_targets(Erased).is_empty());
    }
}
