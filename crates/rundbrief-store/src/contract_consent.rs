//! Contract tests of the consent log export, of signing up again after erasure, and of what a
//! subscriber's own data export reads; part of [`crate::contract`].

use rundbrief_core::model::{ConsentAction, NewConsentEvent, SubscriberFilter, SuppressionReason};
use rundbrief_core::segment::Segment;
use rundbrief_core::{Language, SubscriberId, SubscriberStatus};
use time::Duration;

use super::{SharedStore, add_active, add_issue, email, pending, sent, status_of, t0};

fn event(id: SubscriberId, action: ConsentAction, version: &str) -> NewConsentEvent {
    NewConsentEvent {
        subscriber_id: id,
        action,
        text_version: Some(version.into()),
        language: Some(Language::Pl),
        ip: Some("198.51.100.4".into()),
        user_agent: Some("Firefox, \"quoted\"".into()),
    }
}

pub async fn consent_log_pages_per_subscriber_filter_or_everyone(store: SharedStore) {
    let de = add_active(&store, "log-de@example.de", Language::De).await;
    let pl = add_active(&store, "log-pl@example.pl", Language::Pl).await;
    for (i, id) in [de, pl, de, pl, pl].into_iter().enumerate() {
        let at = t0() + Duration::minutes(i as i64);
        store.record_consent(&event(id, ConsentAction::Signup, "v2"), at).await.unwrap();
    }
    let everyone = SubscriberFilter::default();
    // Everyone, two per page, in event order and without gaps.
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = store.consent_log(None, &everyone, after, 2).await.unwrap();
        assert!(page.items.len() <= 2);
        seen.extend(page.items.iter().map(|e| (e.id, e.subscriber_id)));
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    let owners: Vec<SubscriberId> = seen.iter().map(|(_, s)| *s).collect();
    assert_eq!(owners, vec![de, pl, de, pl, pl]);
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0), "ordered by event id");
    // One subscriber.
    let one = store.consent_log(Some(de), &everyone, None, 100).await.unwrap();
    assert_eq!(one.items.len(), 2);
    assert!(one.items.iter().all(|e| e.subscriber_id == de));
    let first = &one.items[0];
    assert_eq!(first.text_version.as_deref(), Some("v2"));
    assert_eq!(first.language, Some(Language::Pl));
    assert_eq!(first.ip.as_deref(), Some("198.51.100.4"));
    assert_eq!(first.user_agent.as_deref(), Some("Firefox, \"quoted\""));
    assert_eq!(first.created_at, t0());
    // The subscriber list's filters.
    let polish = SubscriberFilter { language: Some(Language::Pl), ..Default::default() };
    let filtered = store.consent_log(None, &polish, None, 100).await.unwrap();
    assert_eq!(filtered.items.len(), 3);
    assert!(filtered.items.iter().all(|e| e.subscriber_id == pl));
    // Both at once: nothing outside the filter, even for a named subscriber.
    let none = store.consent_log(Some(de), &polish, None, 100).await.unwrap();
    assert!(none.items.is_empty());
}

pub async fn an_erased_address_comes_back_only_by_its_own_confirmed_sign_up(store: SharedStore) {
    let old = add_active(&store, "back@example.de", Language::De).await;
    store.erase_subscriber(old, t0()).await.unwrap();
    let signup = event(SubscriberId(0), ConsentAction::Signup, "subscribe-consent-v2");
    let new = pending("back@example.de", Language::Pl);
    // The API and imports (no sign-up request) stay refused.
    let err = store.create_subscriber_with_consent(&new, &[], &signup, None, t0()).await;
    assert_eq!(status_of(&err.unwrap_err()), "suppressed");
    // The person at the form: pending, still suppressed until they confirm.
    let request = store.queue_signup("{}", t0()).await.unwrap();
    let (created, mail) = store
        .create_subscriber_with_consent(&new, &[], &signup, Some(request), t0())
        .await
        .unwrap();
    assert_eq!(created.status, SubscriberStatus::Pending);
    assert_ne!(created.id, old);
    assert!(mail.is_some(), "a confirmation mail is owed");
    assert!(store.is_suppressed(&email("back@example.de")).await.unwrap());
    // A new link for the same pending person is still their wish.
    store
        .request_confirmation(created.id, SubscriberStatus::Pending, &[], None, None, t0())
        .await
        .unwrap();
    let later = t0() + Duration::minutes(3);
    let confirm = event(created.id, ConsentAction::Confirm, "subscribe-consent-v2");
    let active = store.confirm_subscriber(created.id, &confirm, later).await.unwrap();
    assert_eq!(active.status, SubscriberStatus::Active);
    assert_eq!(active.confirmed_at, Some(later));
    assert!(!store.is_suppressed(&email("back@example.de")).await.unwrap(), "lifted");
    let history = store.consent_history(created.id).await.unwrap();
    let actions: Vec<ConsentAction> = history.iter().map(|e| e.action).collect();
    assert_eq!(actions, vec![ConsentAction::Signup, ConsentAction::Confirm]);
    // Confirming twice is refused and writes nothing.
    let err = store.confirm_subscriber(created.id, &confirm, later).await.unwrap_err();
    assert_eq!(status_of(&err), "invalid transition");
    assert_eq!(store.consent_history(created.id).await.unwrap().len(), 2);
    // The erased record stays erased.
    assert_eq!(store.subscriber(old).await.unwrap().status, SubscriberStatus::Erased);
}

pub async fn bounced_and_complained_addresses_stay_suppressed_for_sign_ups(store: SharedStore) {
    let pending_one =
        store.create_subscriber(&pending("bounce@example.de", Language::De), t0()).await.unwrap();
    store.suppress(&email("bounce@example.de"), SuppressionReason::HardBounce, t0()).await.unwrap();
    store
        .suppress(&email("complaint@example.de"), SuppressionReason::Complaint, t0())
        .await
        .unwrap();
    let confirm = event(pending_one.id, ConsentAction::Confirm, "subscribe-consent-v2");
    let err = store.confirm_subscriber(pending_one.id, &confirm, t0()).await.unwrap_err();
    assert_eq!(status_of(&err), "suppressed");
    assert_eq!(store.subscriber(pending_one.id).await.unwrap().status, SubscriberStatus::Pending);
    assert!(store.consent_history(pending_one.id).await.unwrap().is_empty());
    let request = store.queue_signup("{}", t0()).await.unwrap();
    let signup = event(SubscriberId(0), ConsentAction::Signup, "subscribe-consent-v2");
    let new = pending("complaint@example.de", Language::De);
    let err = store.create_subscriber_with_consent(&new, &[], &signup, Some(request), t0()).await;
    assert_eq!(status_of(&err.unwrap_err()), "suppressed");
}

pub async fn sent_issues_are_listed_per_subscriber(store: SharedStore) {
    let mine = add_active(&store, "mine@example.de", Language::De).await;
    let theirs = add_active(&store, "theirs@example.de", Language::De).await;
    let issue = add_issue(&store, Segment::everyone()).await;
    store.snapshot_deliveries(issue, &Segment::everyone(), t0()).await.unwrap();
    let claimed = store
        .claim_deliveries(issue, 10, t0(), t0() + Duration::minutes(5), "contract/worker/0#20")
        .await
        .unwrap();
    let of = |s: SubscriberId| claimed.iter().find(|d| d.subscriber_id == s).unwrap().id;
    let at = t0() + Duration::minutes(1);
    store.mark_sent(&[sent(of(mine), "<s1@example>", at)]).await.unwrap();
    let got = store.sent_to(mine).await.unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!((got[0].issue_id, got[0].title.as_str(), got[0].sent_at), (issue, "November", at));
    assert_eq!(got[0].language, Some(Language::De));
    // Claimed but not sent: not listed.
    assert!(store.sent_to(theirs).await.unwrap().is_empty());
}
