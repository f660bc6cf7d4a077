//! Contract tests of the suppression list and of lifting a suppression (issue 20); part of
//! [`crate::contract`], which runs them on both backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rundbrief_core::model::{BounceKind, suppression_hash};

use super::*;
use crate::{
    BounceSource, LiftedBy, NewBounce, NewSuppressionLift, SoftBounceRule, SuppressionFilter,
};

fn hash(address: &str) -> String {
    suppression_hash(&email(address))
}

async fn report(store: &SharedStore, id: SubscriberId, kind: BounceKind, at: OffsetDateTime) {
    let bounce = NewBounce {
        kind,
        subscriber: Some(id),
        delivery: None,
        confirmation: None,
        issue: None,
        status_code: None,
        diagnostic: None,
        raw: None,
        source: BounceSource::Smtp,
    };
    store.record_bounce(&bounce, SoftBounceRule::default(), at).await.unwrap();
}

/// A hard bounce (t0 + 1 h), a complaint (+ 2 h), an erasure (+ 3 h) and a manual entry of an
/// address nobody has (t0); returns the bounced and the complained subscriber.
async fn four_suppressions(store: &SharedStore) -> (SubscriberId, SubscriberId) {
    let bounced = add_active(store, "weg@example.de", Language::De).await;
    let complained = add_active(store, "spam@example.de", Language::Pl).await;
    let erased = add_active(store, "fort@example.de", Language::De).await;
    report(store, bounced, BounceKind::Hard, t0() + Duration::hours(1)).await;
    report(store, complained, BounceKind::Complaint, t0() + Duration::hours(2)).await;
    store.erase_subscriber(erased, t0() + Duration::hours(3)).await.unwrap();
    store.suppress(&email("niemand@example.de"), SuppressionReason::Manual, t0()).await.unwrap();
    (bounced, complained)
}

pub async fn suppressions_are_listed_newest_first_filtered_and_paged(store: SharedStore) {
    let (bounced, complained) = four_suppressions(&store).await;
    let everything = SuppressionFilter::default();
    let first = store.suppressions(&everything, None, 2).await.unwrap();
    let reasons: Vec<SuppressionReason> = first.items.iter().map(|s| s.reason).collect();
    assert_eq!(reasons, [SuppressionReason::Erasure, SuppressionReason::Complaint]);
    // The erased row keeps no address: only the hash, the reason and the time are left.
    assert_eq!(first.items[0].email_hash, hash("fort@example.de"));
    assert_eq!(first.items[0].subscriber, None);
    assert_eq!(first.items[0].created_at, t0() + Duration::hours(3));
    let holder = first.items[1].subscriber.clone().expect("the complained subscriber");
    assert_eq!((holder.id, holder.status), (complained, SubscriberStatus::Complained));
    assert_eq!(holder.email, email("spam@example.de"));
    let cursor = first.next.expect("a second page");
    let second = store.suppressions(&everything, Some(&cursor), 2).await.unwrap();
    let reasons: Vec<SuppressionReason> = second.items.iter().map(|s| s.reason).collect();
    assert_eq!(reasons, [SuppressionReason::HardBounce, SuppressionReason::Manual]);
    assert_eq!(second.items[0].subscriber.as_ref().map(|s| s.id), Some(bounced));
    assert_eq!(second.items[1].subscriber, None, "nobody has that address");
    assert_eq!(second.next, None);

    let complaints = SuppressionFilter {
        reason: Some(SuppressionReason::Complaint),
        ..SuppressionFilter::default()
    };
    let found = store.suppressions(&complaints, None, 10).await.unwrap();
    assert_eq!(found.items.len(), 1);
    assert_eq!(found.items[0].email_hash, hash("spam@example.de"));
    // A search is by the hash of the address, in any case.
    let by_address =
        SuppressionFilter { email_hash: Some(hash("WEG@example.de")), ..Default::default() };
    let found = store.suppressions(&by_address, None, 10).await.unwrap();
    assert_eq!(found.items.len(), 1);
    assert_eq!(found.items[0].reason, SuppressionReason::HardBounce);
    let unknown =
        SuppressionFilter { email_hash: Some(hash("wer@example.de")), ..Default::default() };
    assert!(store.suppressions(&unknown, None, 10).await.unwrap().items.is_empty());
}

pub async fn a_lift_is_recorded_keeps_the_status_and_opens_the_sign_up(store: SharedStore) {
    let (bounced, complained) = four_suppressions(&store).await;
    let editor = store
        .create_user(&email("editor@example.de"), "$argon2id$stub", Role::Editor, t0())
        .await
        .unwrap();
    let lift = |address: &str, reason: &str, by: LiftedBy| NewSuppressionLift {
        email_hash: hash(address),
        reason: reason.into(),
        by,
    };
    let at = t0() + Duration::days(1);

    // Without a reason, of an address that is not suppressed, or of an erasure: refused,
    // and nothing changes.
    let blank = lift("weg@example.de", "  ", LiftedBy::User(editor.id));
    assert_eq!(status_of(&store.lift_suppression(&blank, at).await.unwrap_err()), "invalid");
    let unknown = lift("wer@example.de", "typo", LiftedBy::User(editor.id));
    assert_eq!(status_of(&store.lift_suppression(&unknown, at).await.unwrap_err()), "not found");
    let erasure = lift("fort@example.de", "asked", LiftedBy::User(editor.id));
    assert_eq!(status_of(&store.lift_suppression(&erasure, at).await.unwrap_err()), "conflict");
    assert!(store.is_suppressed(&email("weg@example.de")).await.unwrap());
    assert!(store.suppression_lifts(None, None, 10).await.unwrap().items.is_empty());

    let done = store
        .lift_suppression(
            &lift("weg@example.de", " mailbox exists again ", LiftedBy::User(editor.id)),
            at,
        )
        .await
        .unwrap();
    assert_eq!(done.previous_reason, SuppressionReason::HardBounce);
    assert_eq!(done.suppressed_at, t0() + Duration::hours(1));
    assert_eq!(done.subscriber_id, Some(bounced));
    assert_eq!(
        (done.by, done.reason.as_str(), done.lifted_at),
        (LiftedBy::User(editor.id), "mailbox exists again", at)
    );
    assert!(!store.is_suppressed(&email("weg@example.de")).await.unwrap());
    // The status stays; the consent log says what happened.
    assert_eq!(store.subscriber(bounced).await.unwrap().status, SubscriberStatus::Bounced);
    let history = store.consent_history(bounced).await.unwrap();
    let last = history.last().map(|e| (e.action, e.created_at));
    assert_eq!(last, Some((ConsentAction::SuppressionLifted, at)));
    // Lifted once; a second lift finds nothing.
    let again = lift("weg@example.de", "again", LiftedBy::User(editor.id));
    assert_eq!(status_of(&store.lift_suppression(&again, at).await.unwrap_err()), "not found");

    // An address nobody has: recorded, without a consent event. (Lifts by an API token are
    // checked through the API, tests/suppressions.rs.)
    let later = at + Duration::hours(1);
    let manual = store
        .lift_suppression(
            &lift("niemand@example.de", "test entry", LiftedBy::User(editor.id)),
            later,
        )
        .await
        .unwrap();
    assert_eq!((manual.subscriber_id, manual.previous_reason), (None, SuppressionReason::Manual));
    assert!(store.consent_history(bounced).await.unwrap().len() == history.len());
    let first = store.suppression_lifts(None, None, 1).await.unwrap();
    assert_eq!(first.items.iter().map(|l| l.id).collect::<Vec<_>>(), [manual.id]);
    let second = store.suppression_lifts(None, first.next, 1).await.unwrap();
    assert_eq!(second.items, std::slice::from_ref(&done));
    assert_eq!(second.next, None);
    let of_one = store.suppression_lifts(Some(&hash("weg@example.de")), None, 10).await.unwrap();
    assert_eq!(of_one.items, [done]);

    // The lifted reader signs up again through the form: pending, with a mail to confirm;
    // confirming makes them active. The complained one, still suppressed, stays as they are.
    let request = store.queue_signup("{}", later).await.unwrap();
    let signup = NewConsentEvent {
        subscriber_id: bounced,
        action: ConsentAction::Signup,
        text_version: Some("subscribe-consent-v2".into()),
        language: Some(Language::De),
        ip: None,
        user_agent: None,
    };
    let expected = SubscriberStatus::Bounced;
    // Without a request (the API, an import) a bounced reader does not come back.
    let err = store.request_confirmation(bounced, expected, &[], Some(&signup), None, later).await;
    assert!(err.is_err(), "{err:?}");
    store
        .request_confirmation(bounced, expected, &[], Some(&signup), Some(request), later)
        .await
        .unwrap();
    assert_eq!(store.subscriber(bounced).await.unwrap().status, SubscriberStatus::Pending);
    let confirm = NewConsentEvent { action: ConsentAction::Confirm, ..signup.clone() };
    let active = store.confirm_subscriber(bounced, &confirm, later).await.unwrap();
    assert_eq!(active.status, SubscriberStatus::Active);
    let request = store.queue_signup("{}", later).await.unwrap();
    let err = store
        .request_confirmation(
            complained,
            SubscriberStatus::Complained,
            &[],
            Some(&signup),
            Some(request),
            later,
        )
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), "suppressed");
    assert_eq!(store.subscriber(complained).await.unwrap().status, SubscriberStatus::Complained);
}

pub async fn a_suppression_names_its_subscriber_until_they_are_erased(store: SharedStore) {
    let by = |address: &str| SuppressionFilter {
        email_hash: Some(hash(address)),
        ..SuppressionFilter::default()
    };
    // A manual entry for an address a subscriber holds names them (in any case of the address).
    let held = add_active(&store, "halt@example.de", Language::De).await;
    store.suppress(&email("Halt@Example.de"), SuppressionReason::Manual, t0()).await.unwrap();
    let found = store.suppressions(&by("halt@example.de"), None, 10).await.unwrap();
    assert_eq!(found.items[0].subscriber.as_ref().map(|s| s.id), Some(held));
    // A bounced subscriber erased afterwards: the bounce's suppression stays, without them.
    let bounced = add_active(&store, "prall@example.de", Language::Pl).await;
    report(&store, bounced, BounceKind::Hard, t0() + Duration::hours(1)).await;
    store.erase_subscriber(bounced, t0() + Duration::hours(2)).await.unwrap();
    let found = store.suppressions(&by("prall@example.de"), None, 10).await.unwrap();
    assert_eq!(found.items.len(), 1);
    assert_eq!(found.items[0].reason, SuppressionReason::HardBounce);
    assert_eq!(found.items[0].subscriber, None, "an erased row is not named");
}
