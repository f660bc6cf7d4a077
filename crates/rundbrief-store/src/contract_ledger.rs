//! Contract tests of what the delivery ledger keeps about each delivery; part of
//! [`crate::contract`].

use rundbrief_core::Language;
use rundbrief_core::model::{DeliveryCount, DeliveryStatus, SubscriberUpdate};
use time::Duration;

use super::{SharedStore, add_active, claim_at_t0, sent, snapshotted_issue, t0};

pub async fn progress_per_language_keeps_what_was_sent(store: SharedStore) {
    let ro = add_active(&store, "ro@example.eu", Language::Ro).await;
    let de = add_active(&store, "de@example.eu", Language::De).await;
    let pl = add_active(&store, "pl@example.eu", Language::Pl).await;
    let issue = snapshotted_issue(&store).await;
    let claimed = claim_at_t0(&store, issue, 10, "contract/worker/0#61").await;
    let id_of = |s| claimed.iter().find(|d| d.subscriber_id == s).unwrap().id;
    // The Romanian reader gets the German variant (no Romanian one was ready).
    store
        .mark_sent(&[sent(id_of(ro), "<ro@x>", t0()), sent(id_of(de), "<de@x>", t0())])
        .await
        .unwrap();
    store.mark_skipped(id_of(pl), "subscriber is unsubscribed").await.unwrap();
    let before = store.delivery_counts(issue).await.unwrap();
    let count = |counts: &[DeliveryCount], language, status| {
        counts.iter().find(|c| c.language == language && c.status == status).map(|c| c.count)
    };
    assert_eq!(count(&before, Language::Ro, DeliveryStatus::Sent), Some(1), "{before:?}");
    assert_eq!(count(&before, Language::De, DeliveryStatus::Sent), Some(1));
    assert_eq!(count(&before, Language::Pl, DeliveryStatus::Skipped), Some(1));
    assert_eq!(count(&before, Language::Pl, DeliveryStatus::Failed), None, "skipped is no failure");
    let delivered = store.delivery(issue, ro).await.unwrap();
    assert_eq!(delivered.language, Some(Language::De), "the variant that was sent");

    // Readers move on: one changes language, one is erased. The issue's results stay.
    let update = SubscriberUpdate { language: Some(Language::Hu), ..Default::default() };
    store.update_subscriber(ro, &update).await.unwrap();
    store.erase_subscriber(de, t0() + Duration::days(1)).await.unwrap();
    let after = store.delivery_counts(issue).await.unwrap();
    assert_eq!(after, before);
    // A skipped delivery is final like a failed one: a late mark does not revive it.
    assert_eq!(store.delivery(issue, pl).await.unwrap().status, DeliveryStatus::Skipped);
    assert!(!store.has_open_deliveries(issue).await.unwrap());
}
