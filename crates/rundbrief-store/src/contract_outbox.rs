//! Contract tests of the sign-up outbox ([`crate::OutboxStore`]); part of [`crate::contract`].

use rundbrief_core::model::{
    ConsentAction, NewConsentEvent, Subscriber, SuppressionReason, suppression_hash,
};
use rundbrief_core::{Language, SubscriberId, SubscriberStatus};
use time::Duration;

use super::{SharedStore, add_list, email, pending, status_of, t0};
use crate::{ConfirmationOutcome, OwedMailKind, StoreResult};

fn signup_event() -> NewConsentEvent {
    NewConsentEvent {
        subscriber_id: SubscriberId(0),
        action: ConsentAction::Signup,
        text_version: Some("subscribe-consent-v1".into()),
        language: Some(Language::De),
        ip: Some("192.0.2.1".into()),
        user_agent: Some("contract".into()),
    }
}

/// A sign-up of `address` to no lists that did not come through the outbox: the subscriber
/// and the id of the confirmation mail it is owed.
async fn sign_up(
    store: &SharedStore,
    address: &str,
    language: Language,
) -> StoreResult<(Subscriber, Option<i64>)> {
    let new = pending(address, language);
    store.create_subscriber_with_consent(&new, &[], &signup_event(), None, t0()).await
}

pub async fn a_signup_request_is_claimed_once_and_processed_once(store: SharedStore) {
    let id = store.queue_signup(r#"{"email":"a@example.org"}"#, t0()).await.unwrap();
    let lease = t0() + Duration::seconds(60);
    let claim = store.claim_signup(id, t0(), lease).await.unwrap().expect("claimed");
    assert_eq!((claim.id, claim.payload.as_str()), (id, r#"{"email":"a@example.org"}"#));
    assert_eq!(claim.created_at, t0());
    assert!(store.claim_signup(id, t0(), lease).await.unwrap().is_none(), "held by the first");
    assert!(store.open_signups(t0(), 10).await.unwrap().is_empty(), "held rows are not open");
    assert_eq!(
        store.open_signups(lease, 10).await.unwrap(),
        vec![id],
        "open once the lease ran out"
    );

    let list = add_list(&store, "news").await;
    let (subscriber, mail) = store
        .create_subscriber_with_consent(
            &pending("a@example.org", Language::De),
            &[list],
            &signup_event(),
            Some(id),
            t0(),
        )
        .await
        .unwrap();
    assert!(mail.is_some(), "a pending subscriber is owed a mail");
    assert_eq!(store.subscriptions(subscriber.id).await.unwrap(), vec![list]);
    let history = store.consent_history(subscriber.id).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].subscriber_id, subscriber.id);
    assert_eq!(history[0].ip.as_deref(), Some("192.0.2.1"));

    // Processed: nobody claims it again, and a second job's writes are refused whole.
    assert!(store.claim_signup(id, lease, lease + Duration::seconds(60)).await.unwrap().is_none());
    assert!(store.open_signups(lease, 10).await.unwrap().is_empty());
    let again = store
        .create_subscriber_with_consent(
            &pending("b@example.org", Language::De),
            &[],
            &signup_event(),
            Some(id),
            t0(),
        )
        .await
        .unwrap_err();
    assert_eq!(status_of(&again), "conflict");
    assert!(store.subscriber_by_email(&email("b@example.org")).await.unwrap().is_none());
    assert_eq!(status_of(&store.finish_signup(id, t0()).await.unwrap_err()), "conflict");

    let other = store.queue_signup("{}", t0()).await.unwrap();
    store.finish_signup(other, t0()).await.unwrap();
    assert!(store.claim_signup(other, t0(), lease).await.unwrap().is_none());
}

pub async fn a_confirmation_mail_is_claimed_once_and_counted_per_address(store: SharedStore) {
    let (subscriber, mail) = sign_up(&store, "c@example.org", Language::Pl).await.unwrap();
    let mail = mail.unwrap();
    let hash = suppression_hash(&email("c@example.org"));
    assert_eq!(store.due_confirmations(t0(), 10).await.unwrap(), vec![(mail, 0)]);
    let lease = t0() + Duration::seconds(60);
    let claim = store.claim_confirmation(mail, t0(), lease).await.unwrap().expect("claimed");
    assert_eq!((claim.subscriber_id, claim.attempts), (subscriber.id, 1));
    assert_eq!(claim.email_hash, hash);
    assert!(store.claim_confirmation(mail, t0(), lease).await.unwrap().is_none());
    assert!(store.due_confirmations(t0(), 10).await.unwrap().is_empty());

    // A second mail to the same address while the first is on its way counts the first.
    let second = store
        .request_confirmation(subscriber.id, SubscriberStatus::Pending, &[], None, None, t0())
        .await
        .unwrap();
    assert_eq!(store.confirmations_sent_since(&hash, t0(), second, t0()).await.unwrap(), 1);
    assert!(store.settle_confirmation(mail, 1, ConfirmationOutcome::Sent, t0()).await.unwrap());
    assert_eq!(store.confirmations_sent_since(&hash, t0(), second, t0()).await.unwrap(), 1);
    let day_later = t0() + Duration::days(1) + Duration::seconds(1);
    assert_eq!(store.confirmations_sent_since(&hash, day_later, second, t0()).await.unwrap(), 0);

    // A retry waits for its time; a settled mail is never claimed again.
    store.claim_confirmation(second, t0(), lease).await.unwrap().expect("claimed");
    let retry = t0() + Duration::minutes(5);
    let settled = store.settle_confirmation(second, 1, ConfirmationOutcome::RetryAt(retry), t0());
    assert!(settled.await.unwrap());
    assert!(store.due_confirmations(t0() + Duration::minutes(4), 10).await.unwrap().is_empty());
    assert_eq!(store.due_confirmations(retry, 10).await.unwrap(), vec![(second, 1)]);
    let claim = store.claim_confirmation(second, retry, retry + Duration::seconds(60)).await;
    assert_eq!(claim.unwrap().expect("due again").attempts, 2);
    // The job of the first attempt, whose claim is over, settles nothing any more.
    let stale = store.settle_confirmation(second, 1, ConfirmationOutcome::Sent, retry).await;
    assert!(!stale.unwrap(), "a taken-over claim settles nothing");
    assert_eq!(store.confirmations_sent_since(&hash, t0(), second, retry).await.unwrap(), 1);
    assert!(
        store.settle_confirmation(second, 2, ConfirmationOutcome::Skipped, retry).await.unwrap()
    );
    assert!(store.claim_confirmation(mail, day_later, day_later).await.unwrap().is_none());
    assert!(store.claim_confirmation(second, day_later, day_later).await.unwrap().is_none());
}

/// A job that sent nothing gives its claim back: the attempt is taken back and the mail is
/// due at the time given; a job whose claim was taken over meanwhile changes nothing.
pub async fn a_claim_whose_job_sent_nothing_is_given_back_without_an_attempt(store: SharedStore) {
    let (_, mail) = sign_up(&store, "r@example.org", Language::De).await.unwrap();
    let mail = mail.unwrap();
    let lease = t0() + Duration::seconds(135);
    let claim = store.claim_confirmation(mail, t0(), lease).await.unwrap().expect("claimed");
    assert_eq!(claim.attempts, 1);
    let soon = t0() + Duration::seconds(5);
    let released = store.release_owed_mail(OwedMailKind::Confirmation, mail, 1, soon).await;
    assert!(released.unwrap(), "released while held");
    assert!(store.due_confirmations(t0(), 10).await.unwrap().is_empty(), "due at `soon`");
    assert_eq!(store.due_confirmations(soon, 10).await.unwrap(), vec![(mail, 0)]);
    // Released twice, or by a job whose claim ran out and was claimed again: nothing changes.
    let again = store.release_owed_mail(OwedMailKind::Confirmation, mail, 1, soon).await;
    assert!(!again.unwrap(), "a second release takes back no second attempt");
    let first = store.claim_confirmation(mail, soon, soon + Duration::seconds(1)).await;
    assert_eq!(first.unwrap().expect("claimed again").attempts, 1);
    let late = soon + Duration::seconds(1);
    let second = store.claim_confirmation(mail, late, late + Duration::seconds(135)).await;
    assert_eq!(second.unwrap().expect("taken over").attempts, 2);
    let stale = store.release_owed_mail(OwedMailKind::Confirmation, mail, 1, late).await;
    assert!(!stale.unwrap(), "the first job's claim is over");
    assert!(store.due_confirmations(late, 10).await.unwrap().is_empty(), "still held");
    // A settled mail is not released.
    assert!(store.settle_confirmation(mail, 2, ConfirmationOutcome::Sent, late).await.unwrap());
    let settled = store.release_owed_mail(OwedMailKind::Confirmation, mail, 2, late).await;
    assert!(!settled.unwrap());
}

pub async fn confirmation_requests_check_the_status_they_expect(store: SharedStore) {
    let (subscriber, _) = sign_up(&store, "d@example.org", Language::De).await.unwrap();
    let id = subscriber.id;
    store.set_subscriber_status(id, SubscriberStatus::Active, t0()).await.unwrap();
    let refused = store
        .request_confirmation(id, SubscriberStatus::Pending, &[], None, None, t0())
        .await
        .unwrap_err();
    assert_eq!(status_of(&refused), "conflict");
    store.set_subscriber_status(id, SubscriberStatus::Unsubscribed, t0()).await.unwrap();
    let list = add_list(&store, "topics").await;
    let mut event = signup_event();
    event.language = Some(Language::Ro);
    store
        .request_confirmation(id, SubscriberStatus::Unsubscribed, &[list], Some(&event), None, t0())
        .await
        .unwrap();
    assert_eq!(store.subscriber(id).await.unwrap().status, SubscriberStatus::Pending);
    assert_eq!(store.subscriptions(id).await.unwrap(), vec![list]);
    assert_eq!(store.consent_history(id).await.unwrap().len(), 2);

    // A suppressed address gets nothing, and nothing is written.
    let (bounced, _) = sign_up(&store, "e@example.org", Language::De).await.unwrap();
    store.suppress(&email("e@example.org"), SuppressionReason::HardBounce, t0()).await.unwrap();
    let refused = store
        .request_confirmation(bounced.id, SubscriberStatus::Pending, &[], None, None, t0())
        .await
        .unwrap_err();
    assert_eq!(status_of(&refused), "suppressed");
    assert_eq!(store.consent_history(bounced.id).await.unwrap().len(), 1);
    let new = sign_up(&store, "E@example.org", Language::De).await.unwrap_err();
    assert_eq!(status_of(&new), "suppressed");
}
