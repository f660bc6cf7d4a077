//! The job side of a sign-up: turning a stored request into a subscriber, a consent event and
//! an owed confirmation mail, by the address's state, in one transaction per outcome.
//!
//! The request answered "check your inbox" after writing only the request row; everything
//! that depends on whether the address is new, pending, active or suppressed happens here, so
//! the answer neither waits for it nor reveals it. A request is claimed before it is worked
//! on and marked processed in the same transaction as what it wrote, so a job that runs twice
//! (a crash, a sweep) writes once.

use rundbrief_core::model::{ConsentAction, NewConsentEvent, NewSubscriber};
use rundbrief_core::{EmailAddress, ListId, SubscriberId, SubscriberStatus};
use rundbrief_store::StoreError;

use crate::{ConfirmationError, ConfirmationMailer, SignupRequest, profile_update};

/// How long a job holds a sign-up request.
const REQUEST_LEASE: time::Duration = time::Duration::seconds(20);

/// A concurrent request for the same address can change its state between the read and the
/// write; each such race costs one more round, and more than a few means something is wrong.
const ROUNDS: usize = 4;

impl ConfirmationMailer {
    /// Processes sign-up request `id`; returns the confirmation mail it owes, if any.
    pub async fn process_signup(&self, id: i64) -> Result<Option<i64>, ConfirmationError> {
        let now = self.clock.now();
        let Some(claim) = self.store.claim_signup(id, now, now + REQUEST_LEASE).await? else {
            return Ok(None);
        };
        let request = match serde_json::from_str::<SignupRequest>(&claim.payload)
            .ok()
            .and_then(|r| EmailAddress::parse(&r.email).ok().map(|e| (r, e)))
        {
            Some(parsed) => parsed,
            None => {
                tracing::error!(request = id, "sign-up request unreadable; dropped");
                self.store.finish_signup(id, now).await?;
                return Ok(None);
            }
        };
        // The consent was given when the form was sent, not when the job ran.
        let at = claim.created_at;
        for _ in 0..ROUNDS {
            match self.apply(id, &request, at).await {
                Err(ConfirmationError::Store(StoreError::Conflict(_))) => continue,
                outcome => return outcome,
            }
        }
        Err(StoreError::Conflict(format!("sign-up request {id}: the address kept changing")).into())
    }

    async fn apply(
        &self,
        id: i64,
        (request, email): &(SignupRequest, EmailAddress),
        at: time::OffsetDateTime,
    ) -> Result<Option<i64>, ConfirmationError> {
        let store = &self.store;
        let topics: Vec<ListId> = request.topics.iter().copied().map(ListId).collect();
        let event = NewConsentEvent {
            subscriber_id: SubscriberId(0),
            action: ConsentAction::Signup,
            text_version: Some(request.consent_version.clone()),
            language: Some(request.page_language),
            ip: request.ip.clone(),
            user_agent: request.user_agent.clone(),
        };
        let written = match store.subscriber_by_email(email).await? {
            None => {
                let new = NewSubscriber {
                    name: request.name.clone(),
                    region: request.region.clone(),
                    audience: request.audience.clone(),
                    ..NewSubscriber::pending(email.clone(), request.language)
                };
                store
                    .create_subscriber_with_consent(&new, &topics, &event, Some(id), at)
                    .await
                    .map(|(subscriber, mail)| (subscriber.id, mail))
            }
            // Pending: the data it was signed up with stays until someone confirms (this
            // request may be a stranger's); the consent event and a new mail are recorded.
            Some(existing) if existing.status == SubscriberStatus::Pending => store
                .request_confirmation(existing.id, existing.status, &[], Some(&event), Some(id), at)
                .await
                .map(|mail| (existing.id, Some(mail))),
            // Unsubscribed and back: pending again with the new choices, confirmed by mail.
            // So is a bounced or complained reader whose suppression an editor lifted; while
            // it holds, the store refuses (`Suppressed`) and nothing is sent.
            Some(existing)
                if matches!(
                    existing.status,
                    SubscriberStatus::Unsubscribed
                        | SubscriberStatus::Bounced
                        | SubscriberStatus::Complained
                ) =>
            {
                let mail = store
                    .request_confirmation(
                        existing.id,
                        existing.status,
                        &topics,
                        Some(&event),
                        Some(id),
                        at,
                    )
                    .await;
                if mail.is_ok() {
                    let update = profile_update(
                        request.name.clone(),
                        request.language,
                        request.region.clone(),
                        request.audience.clone(),
                    );
                    store.update_subscriber(existing.id, &update).await?;
                }
                mail.map(|mail| (existing.id, Some(mail)))
            }
            // Active: nothing to confirm. (An erased row keeps no address, so an erased person
            // signing up again is a new address.)
            Some(existing) => {
                tracing::info!(request = id, subscriber = %existing.id, status = %existing.status, "sign-up of a known address; nothing sent");
                store.finish_signup(id, at).await?;
                return Ok(None);
            }
        };
        match written {
            Ok((subscriber, mail)) => {
                tracing::info!(request = id, subscriber = %subscriber, "sign-up recorded; confirmation mail owed");
                Ok(mail)
            }
            Err(StoreError::Suppressed) => {
                tracing::info!(request = id, "sign-up of a suppressed address dropped");
                store.finish_signup(id, at).await?;
                Ok(None)
            }
            Err(e) => Err(e.into()),
        }
    }
}
