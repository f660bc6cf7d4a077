//! The behaviour every storage backend must have, as plain `async fn`s over `Arc<dyn Store>`.
//!
//! Each backend crate runs the whole suite with [`contract_tests!`](crate::contract_tests) on a
//! fresh, throwaway database per test, so SQLite and PostgreSQL are held to the same contract
//! test by test. Tests panic on failure, like any test.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use rundbrief_core::model::{
    ConsentAction, DeliveryStatus, IssueStatus, IssueUpdate, NewConsentEvent, NewIssue, NewList,
    NewSubscriber, Role, Session, SubscriberFilter, SubscriberUpdate, SuppressionReason,
    VariantInput,
};
use rundbrief_core::segment::{ListMatch, Segment};
use rundbrief_core::{
    DeliveryId, EmailAddress, IssueId, Language, ListId, SubscriberId, SubscriberStatus,
};
use time::{Duration, OffsetDateTime};

use crate::{SentDelivery, Store, StoreError};

pub type SharedStore = Arc<dyn Store>;

#[path = "contract_outbox.rs"]
mod outbox;
pub use outbox::*;
#[path = "contract_ledger.rs"]
mod ledger;
pub use ledger::*;

/// Runs every contract test against the backend that `$harness` provides. `$harness` is an
/// `async fn(test: fn(SharedStore) -> BoxFuture<'static, ()>)` that creates a fresh database,
/// runs the test on it and throws the database away.
#[macro_export]
macro_rules! contract_tests {
    ($harness:path) => {
        $crate::contract_tests!(@each $harness;
            create_and_get_round_trips,
            email_uniqueness_ignores_case,
            lookup_by_email_uses_the_normalised_address,
            missing_records_are_not_found,
            update_changes_only_the_given_fields,
            confirming_sets_confirmed_at,
            illegal_status_transitions_are_rejected_and_change_nothing,
            unsubscribing_sets_unsubscribed_at,
            suppressed_address_cannot_be_created,
            suppressed_address_cannot_be_reactivated,
            consent_log_is_append_only_and_ordered,
            consent_for_a_missing_subscriber_is_refused,
            erasing_removes_personal_data,
            erasing_keeps_anonymous_counts,
            erasing_anonymises_the_consent_history,
            erased_address_cannot_sign_up_again,
            erasing_twice_is_harmless,
            listing_pages_with_a_cursor_without_gaps_or_overlap,
            listing_filters_by_status_language_region_and_audience,
            listing_filters_by_list_and_search,
            search_treats_wildcards_literally,
            listing_filters_by_creation_time,
            growth_is_counted_per_calendar_month,
            lists_keep_localised_names,
            list_slugs_are_unique,
            subscriptions_are_idempotent_and_removable,
            issue_status_changes_are_compare_and_set,
            issues_page_newest_first,
            variants_are_upserted_per_language,
            variant_of_a_missing_issue_is_not_found,
            only_draft_issues_can_be_deleted_or_sent_ones_edited,
            scheduled_issues_become_due,
            segments_hold_only_active_unsuppressed_subscribers,
            segments_match_any_or_all_lists,
            segments_filter_region_and_audience,
            snapshot_is_idempotent,
            deliveries_are_unique_per_issue_and_subscriber,
            concurrent_claimers_never_get_the_same_row,
            expired_leases_are_reclaimed_and_live_ones_are_not,
            open_deliveries_are_those_pending_or_sending,
            retries_wait_until_due,
            delivery_outcomes_are_counted_per_language,
            starting_to_send_snapshots_the_audience_in_the_same_step,
            pausing_records_a_reason_that_the_next_change_clears,
            recipients_are_read_per_batch_with_their_suppression,
            caps_count_what_was_sent_recently,
            released_deliveries_are_due_again_without_losing_an_attempt,
            heartbeats_renew_only_their_own_live_claims,
            a_restarted_worker_releases_what_its_earlier_incarnation_held,
            progress_per_language_keeps_what_was_sent,
            a_signup_request_is_claimed_once_and_processed_once,
            a_confirmation_mail_is_claimed_once_and_counted_per_address,
            confirmation_requests_check_the_status_they_expect,
            users_are_unique_by_email,
            sessions_expire,
            api_tokens_are_found_by_hash_and_revocable,
        );
    };
    (@each $harness:path; $($name:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                $harness(|store| Box::pin($crate::contract::$name(store))).await;
            }
        )*

        /// Guards against a contract test that is written but never run.
        #[test]
        fn every_contract_test_is_listed() {
            let listed: &[&str] = &[$(stringify!($name)),*];
            let written = $crate::contract::written_tests();
            let mut missing: Vec<&str> =
                written.iter().copied().filter(|w| !listed.contains(w)).collect();
            missing.sort_unstable();
            assert!(missing.is_empty(), "contract tests not listed in contract_tests!: {missing:?}");
        }
    };
}

/// Names of the `pub async fn`s in this file, read from its source text.
pub fn written_tests() -> Vec<&'static str> {
    include_str!("contract.rs")
        .lines()
        .chain(include_str!("contract_outbox.rs").lines())
        .chain(include_str!("contract_ledger.rs").lines())
        .filter_map(|line| line.strip_prefix("pub async fn "))
        .filter_map(|rest| rest.split('(').next())
        .collect()
}

fn t0() -> OffsetDateTime {
    time::macros::datetime!(2026-11-25 12:00:00 UTC)
}

/// A German variant accepted by the server at `at`.
fn sent(id: DeliveryId, message_id: &str, at: OffsetDateTime) -> SentDelivery {
    SentDelivery { id, language: Language::De, message_id: message_id.to_owned(), at }
}

fn email(s: &str) -> EmailAddress {
    EmailAddress::parse(s).expect("valid test address")
}

fn pending(address: &str, language: Language) -> NewSubscriber {
    NewSubscriber::pending(email(address), language)
}

fn active(address: &str, language: Language) -> NewSubscriber {
    NewSubscriber { status: SubscriberStatus::Active, ..pending(address, language) }
}

async fn add_active(store: &SharedStore, address: &str, language: Language) -> SubscriberId {
    store.create_subscriber(&active(address, language), t0()).await.unwrap().id
}

async fn add_list(store: &SharedStore, slug: &str) -> ListId {
    let list = NewList { slug: slug.into(), names: BTreeMap::new(), public: true };
    store.create_list(&list, t0()).await.unwrap().id
}

async fn add_issue(store: &SharedStore, segment: Segment) -> IssueId {
    let new = NewIssue { title: "November".into(), base_language: Language::De, segment };
    store.create_issue(&new, t0()).await.unwrap().id
}

fn status_of(err: &StoreError) -> &'static str {
    match err {
        StoreError::NotFound(_) => "not found",
        StoreError::Conflict(_) => "conflict",
        StoreError::Suppressed => "suppressed",
        StoreError::InvalidTransition(_) => "invalid transition",
        StoreError::Invalid(_) => "invalid",
        StoreError::Config(_) => "config",
        StoreError::Database(_) => "database",
        StoreError::Unavailable(_) => "unavailable",
        StoreError::Corrupt { .. } => "corrupt",
    }
}

// ---------------------------------------------------------------------------------------------
// Subscribers

pub async fn create_and_get_round_trips(store: SharedStore) {
    let mut new = pending("Zoë.Kowalska@Example.PL", Language::Pl);
    new.name = Some("Zoë Kowalska".into());
    new.region = Some("Uckermark".into());
    new.audience = Some("counsellor".into());
    new.attributes.insert("org".into(), serde_json::json!("Caritas"));
    let created = store.create_subscriber(&new, t0()).await.unwrap();
    assert_eq!(created.email.as_ref().unwrap().as_str(), "Zoë.Kowalska@example.pl");
    assert_eq!(created.status, SubscriberStatus::Pending);
    assert_eq!(created.created_at, t0());
    assert_eq!(created.confirmed_at, None);
    let fetched = store.subscriber(created.id).await.unwrap();
    assert_eq!(fetched, created);
    assert_eq!(fetched.name.as_deref(), Some("Zoë Kowalska"));
    assert_eq!(fetched.attributes["org"], serde_json::json!("Caritas"));
    assert_eq!(fetched.language, Language::Pl);
}

pub async fn email_uniqueness_ignores_case(store: SharedStore) {
    store.create_subscriber(&pending("Anna@Example.org", Language::De), t0()).await.unwrap();
    let err = store
        .create_subscriber(&pending("  anna@EXAMPLE.org ", Language::En), t0())
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), "conflict", "{err}");
    store.create_subscriber(&pending("anna2@example.org", Language::De), t0()).await.unwrap();
    let page = store.list_subscribers(&SubscriberFilter::default(), None, 10).await.unwrap();
    assert_eq!(page.items.len(), 2);
}

pub async fn lookup_by_email_uses_the_normalised_address(store: SharedStore) {
    let created = store.create_subscriber(&pending("Ion@Exemplu.RO", Language::Ro), t0()).await;
    let created = created.unwrap();
    let found = store.subscriber_by_email(&email("ion@exemplu.ro")).await.unwrap();
    assert_eq!(found.map(|s| s.id), Some(created.id));
    let none = store.subscriber_by_email(&email("ion2@exemplu.ro")).await.unwrap();
    assert!(none.is_none());
}

pub async fn missing_records_are_not_found(store: SharedStore) {
    let missing = SubscriberId(987_654);
    assert_eq!(status_of(&store.subscriber(missing).await.unwrap_err()), "not found");
    assert_eq!(
        status_of(
            &store
                .set_subscriber_status(missing, SubscriberStatus::Active, t0())
                .await
                .unwrap_err()
        ),
        "not found"
    );
    assert_eq!(status_of(&store.erase_subscriber(missing, t0()).await.unwrap_err()), "not found");
    assert_eq!(status_of(&store.issue(IssueId(5)).await.unwrap_err()), "not found");
    assert_eq!(status_of(&store.list(ListId(5)).await.unwrap_err()), "not found");
    assert_eq!(status_of(&store.delete_list(ListId(5)).await.unwrap_err()), "not found");
    assert_eq!(
        status_of(&store.subscribe(missing, ListId(5), t0()).await.unwrap_err()),
        "not found"
    );
}

pub async fn update_changes_only_the_given_fields(store: SharedStore) {
    let mut new = pending("maria@example.es", Language::Es);
    new.name = Some("María".into());
    new.region = Some("Barnim".into());
    let created = store.create_subscriber(&new, t0()).await.unwrap();
    let update = SubscriberUpdate {
        language: Some(Language::Pt),
        region: Some(None),
        ..SubscriberUpdate::default()
    };
    let updated = store.update_subscriber(created.id, &update).await.unwrap();
    assert_eq!(updated.language, Language::Pt);
    assert_eq!(updated.region, None);
    assert_eq!(updated.name.as_deref(), Some("María"));
    assert_eq!(updated.email, created.email);
    assert_eq!(store.subscriber(created.id).await.unwrap(), updated);
}

pub async fn growth_is_counted_per_calendar_month(store: SharedStore) {
    use time::macros::datetime;
    // Before the window: neither its sign-up nor its confirmation counts.
    let old = store
        .create_subscriber(
            &pending("old@example.de", Language::De),
            datetime!(2025-11-20 10:00 UTC),
        )
        .await
        .unwrap();
    store
        .set_subscriber_status(old.id, SubscriberStatus::Active, datetime!(2025-11-30 23:59:59 UTC))
        .await
        .unwrap();
    let a = store
        .create_subscriber(
            &pending("a@example.de", Language::De),
            datetime!(2026-01-31 23:59:59 UTC),
        )
        .await
        .unwrap();
    store
        .set_subscriber_status(a.id, SubscriberStatus::Active, datetime!(2026-02-01 00:00 UTC))
        .await
        .unwrap();
    let b = add_active(&store, "b@example.de", Language::Pl).await;
    store
        .set_subscriber_status(b, SubscriberStatus::Unsubscribed, t0() + Duration::days(10))
        .await
        .unwrap();
    let c = store
        .create_subscriber(&active("c@example.de", Language::De), datetime!(2026-02-10 08:00 UTC))
        .await
        .unwrap();
    store.erase_subscriber(c.id, datetime!(2026-03-05 09:00 UTC)).await.unwrap();
    // Departures of the old subscriber inside the window do count.
    store
        .set_subscriber_status(
            old.id,
            SubscriberStatus::Unsubscribed,
            datetime!(2026-03-01 00:00 UTC),
        )
        .await
        .unwrap();

    let growth = store.subscriber_growth(datetime!(2026-01-01 00:00 UTC)).await.unwrap();
    let got: Vec<(i32, u8, i64, i64, i64)> =
        growth.iter().map(|m| (m.year, m.month, m.new, m.confirmed, m.left)).collect();
    assert_eq!(
        got,
        [
            (2026, 1, 1, 0, 0),
            (2026, 2, 1, 2, 0),
            (2026, 3, 0, 0, 2),
            (2026, 11, 1, 1, 0),
            (2026, 12, 0, 0, 1),
        ]
    );
    assert!(store.subscriber_growth(datetime!(2027-01-01 00:00 UTC)).await.unwrap().is_empty());
}

pub async fn confirming_sets_confirmed_at(store: SharedStore) {
    let created = store.create_subscriber(&pending("a@example.de", Language::De), t0()).await;
    let created = created.unwrap();
    let later = t0() + Duration::minutes(5);
    let confirmed =
        store.set_subscriber_status(created.id, SubscriberStatus::Active, later).await.unwrap();
    assert_eq!(confirmed.status, SubscriberStatus::Active);
    assert_eq!(confirmed.confirmed_at, Some(later));
    assert_eq!(store.subscriber(created.id).await.unwrap().status, SubscriberStatus::Active);
}

pub async fn illegal_status_transitions_are_rejected_and_change_nothing(store: SharedStore) {
    let created = store.create_subscriber(&pending("b@example.de", Language::De), t0()).await;
    let id = created.unwrap().id;
    for illegal in
        [SubscriberStatus::Bounced, SubscriberStatus::Complained, SubscriberStatus::Pending]
    {
        let err = store.set_subscriber_status(id, illegal, t0()).await.unwrap_err();
        assert_eq!(status_of(&err), "invalid transition", "pending -> {illegal:?}: {err}");
    }
    assert_eq!(store.subscriber(id).await.unwrap().status, SubscriberStatus::Pending);
    store.set_subscriber_status(id, SubscriberStatus::Active, t0()).await.unwrap();
    store.set_subscriber_status(id, SubscriberStatus::Bounced, t0()).await.unwrap();
    let err = store.set_subscriber_status(id, SubscriberStatus::Active, t0()).await.unwrap_err();
    assert_eq!(status_of(&err), "invalid transition");
    assert_eq!(store.subscriber(id).await.unwrap().status, SubscriberStatus::Bounced);
}

pub async fn unsubscribing_sets_unsubscribed_at(store: SharedStore) {
    let id = add_active(&store, "c@example.de", Language::De).await;
    let later = t0() + Duration::days(3);
    let s = store.set_subscriber_status(id, SubscriberStatus::Unsubscribed, later).await.unwrap();
    assert_eq!(s.status, SubscriberStatus::Unsubscribed);
    assert_eq!(s.unsubscribed_at, Some(later));
    assert_eq!(s.confirmed_at, Some(t0()), "confirmation time is kept as proof");
}

pub async fn suppressed_address_cannot_be_created(store: SharedStore) {
    store.suppress(&email("Gone@Example.org"), SuppressionReason::HardBounce, t0()).await.unwrap();
    assert!(store.is_suppressed(&email("gone@example.org")).await.unwrap());
    let err = store
        .create_subscriber(&pending("gone@example.org", Language::De), t0())
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), "suppressed");
    assert!(store.subscriber_by_email(&email("gone@example.org")).await.unwrap().is_none());
}

pub async fn suppressed_address_cannot_be_reactivated(store: SharedStore) {
    let id = add_active(&store, "d@example.de", Language::De).await;
    store.set_subscriber_status(id, SubscriberStatus::Unsubscribed, t0()).await.unwrap();
    store.suppress(&email("d@example.de"), SuppressionReason::Complaint, t0()).await.unwrap();
    for again in [SubscriberStatus::Active, SubscriberStatus::Pending] {
        let err = store.set_subscriber_status(id, again, t0()).await.unwrap_err();
        assert_eq!(status_of(&err), "suppressed", "{again:?}");
    }
    assert_eq!(store.subscriber(id).await.unwrap().status, SubscriberStatus::Unsubscribed);
}

fn consent(id: SubscriberId, action: ConsentAction) -> NewConsentEvent {
    NewConsentEvent {
        subscriber_id: id,
        action,
        text_version: Some("2026-11".into()),
        language: Some(Language::De),
        ip: Some("203.0.113.7".into()),
        user_agent: Some("Mozilla/5.0".into()),
    }
}

pub async fn consent_log_is_append_only_and_ordered(store: SharedStore) {
    let created = store.create_subscriber(&pending("e@example.de", Language::De), t0()).await;
    let id = created.unwrap().id;
    let actions = [ConsentAction::Signup, ConsentAction::Confirm, ConsentAction::Preferences];
    for (i, action) in actions.iter().enumerate() {
        store
            .record_consent(&consent(id, *action), t0() + Duration::minutes(i as i64))
            .await
            .unwrap();
    }
    // Recording the same kind of event again adds a row; nothing is overwritten.
    store.record_consent(&consent(id, ConsentAction::Signup), t0()).await.unwrap();
    let history = store.consent_history(id).await.unwrap();
    let got: Vec<ConsentAction> = history.iter().map(|e| e.action).collect();
    assert_eq!(
        got,
        vec![
            ConsentAction::Signup,
            ConsentAction::Confirm,
            ConsentAction::Preferences,
            ConsentAction::Signup
        ]
    );
    assert!(history.windows(2).all(|w| w[0].id < w[1].id));
    assert_eq!(history[1].created_at, t0() + Duration::minutes(1));
    assert_eq!(history[0].ip.as_deref(), Some("203.0.113.7"));
    assert_eq!(history[0].text_version.as_deref(), Some("2026-11"));
}

pub async fn consent_for_a_missing_subscriber_is_refused(store: SharedStore) {
    let err = store
        .record_consent(&consent(SubscriberId(424_242), ConsentAction::Signup), t0())
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), "not found", "{err}");
}

pub async fn erasing_removes_personal_data(store: SharedStore) {
    let mut new = active("f@example.de", Language::Fi);
    new.name = Some("Aino".into());
    new.attributes.insert("phone".into(), serde_json::json!("+49 1234"));
    let id = store.create_subscriber(&new, t0()).await.unwrap().id;
    let list = add_list(&store, "news").await;
    store.subscribe(id, list, t0()).await.unwrap();
    store.erase_subscriber(id, t0()).await.unwrap();
    let erased = store.subscriber(id).await.unwrap();
    assert_eq!(erased.status, SubscriberStatus::Erased);
    assert_eq!(erased.email, None);
    assert_eq!(erased.name, None);
    assert!(erased.attributes.is_empty());
    assert!(store.subscriber_by_email(&email("f@example.de")).await.unwrap().is_none());
    assert!(store.subscriptions(id).await.unwrap().is_empty());
    let search = SubscriberFilter { search: Some("aino".into()), ..SubscriberFilter::default() };
    assert!(store.list_subscribers(&search, None, 10).await.unwrap().items.is_empty());
    let err = store.update_subscriber(id, &SubscriberUpdate::default()).await.unwrap_err();
    assert_eq!(status_of(&err), "conflict");
}

pub async fn erasing_keeps_anonymous_counts(store: SharedStore) {
    let a = add_active(&store, "g1@example.de", Language::Hu).await;
    add_active(&store, "g2@example.de", Language::Hu).await;
    let issue = add_issue(&store, Segment::everyone()).await;
    store.snapshot_deliveries(issue, &Segment::everyone(), t0()).await.unwrap();
    store.erase_subscriber(a, t0()).await.unwrap();
    let counts = store.count_subscribers().await.unwrap();
    let count = |status| {
        counts
            .iter()
            .filter(|c| c.status == status && c.language == Language::Hu)
            .map(|c| c.count)
            .sum::<i64>()
    };
    assert_eq!(count(SubscriberStatus::Erased), 1);
    assert_eq!(count(SubscriberStatus::Active), 1);
    let deliveries = store.delivery_counts(issue).await.unwrap();
    assert_eq!(deliveries.iter().map(|c| c.count).sum::<i64>(), 2);
}

pub async fn erasing_anonymises_the_consent_history(store: SharedStore) {
    let id = add_active(&store, "h@example.de", Language::De).await;
    store.record_consent(&consent(id, ConsentAction::Signup), t0()).await.unwrap();
    store.record_consent(&consent(id, ConsentAction::Confirm), t0()).await.unwrap();
    store.erase_subscriber(id, t0() + Duration::days(1)).await.unwrap();
    let history = store.consent_history(id).await.unwrap();
    assert_eq!(history.len(), 3);
    assert!(history.iter().all(|e| e.ip.is_none() && e.user_agent.is_none()));
    assert_eq!(history[0].text_version.as_deref(), Some("2026-11"));
    assert_eq!(history[2].action, ConsentAction::Erase);
}

pub async fn erased_address_cannot_sign_up_again(store: SharedStore) {
    let id = add_active(&store, "I@Example.de", Language::It).await;
    store.erase_subscriber(id, t0()).await.unwrap();
    assert!(store.is_suppressed(&email("i@example.de")).await.unwrap());
    let err = store.create_subscriber(&pending("i@example.de", Language::It), t0()).await;
    assert_eq!(status_of(&err.unwrap_err()), "suppressed");
}

pub async fn erasing_twice_is_harmless(store: SharedStore) {
    let id = add_active(&store, "j@example.de", Language::De).await;
    store.erase_subscriber(id, t0()).await.unwrap();
    store.erase_subscriber(id, t0()).await.unwrap();
    let erase_events = store
        .consent_history(id)
        .await
        .unwrap()
        .iter()
        .filter(|e| e.action == ConsentAction::Erase)
        .count();
    assert_eq!(erase_events, 1);
}

pub async fn listing_pages_with_a_cursor_without_gaps_or_overlap(store: SharedStore) {
    for i in 0..57 {
        add_active(&store, &format!("page{i}@example.de"), Language::De).await;
    }
    let mut seen = Vec::new();
    let mut cursor = None;
    let mut pages = 0;
    loop {
        let page = store.list_subscribers(&SubscriberFilter::default(), cursor, 10).await.unwrap();
        assert!(page.items.len() <= 10);
        seen.extend(page.items.iter().map(|s| s.id));
        pages += 1;
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(pages, 6);
    assert_eq!(seen.len(), 57);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 57);
    assert!(seen.windows(2).all(|w| w[0] < w[1]));
}

pub async fn listing_filters_by_status_language_region_and_audience(store: SharedStore) {
    let mut a = active("k1@example.de", Language::Pl);
    a.region = Some("Prignitz".into());
    a.audience = Some("counsellor".into());
    let a = store.create_subscriber(&a, t0()).await.unwrap().id;
    add_active(&store, "k2@example.de", Language::De).await;
    store.create_subscriber(&pending("k3@example.de", Language::Pl), t0()).await.unwrap();
    let ids = |filter: SubscriberFilter| {
        let store = store.clone();
        async move {
            let page = store.list_subscribers(&filter, None, 100).await.unwrap();
            page.items.into_iter().map(|s| s.id).collect::<Vec<_>>()
        }
    };
    let by_language = SubscriberFilter { language: Some(Language::Pl), ..Default::default() };
    assert_eq!(ids(by_language).await.len(), 2);
    let active_polish = SubscriberFilter {
        language: Some(Language::Pl),
        status: Some(SubscriberStatus::Active),
        ..Default::default()
    };
    assert_eq!(ids(active_polish).await, vec![a]);
    let region = SubscriberFilter { region: Some("Prignitz".into()), ..Default::default() };
    assert_eq!(ids(region).await, vec![a]);
    let audience = SubscriberFilter { audience: Some("counsellor".into()), ..Default::default() };
    assert_eq!(ids(audience).await, vec![a]);
    let nobody = SubscriberFilter { audience: Some("press".into()), ..Default::default() };
    assert!(ids(nobody).await.is_empty());
}

pub async fn listing_filters_by_list_and_search(store: SharedStore) {
    let mut named = active("l1@example.de", Language::De);
    named.name = Some("Jan Novák".into());
    let named = store.create_subscriber(&named, t0()).await.unwrap().id;
    let other = add_active(&store, "Other.Person@Example.cz", Language::Cs).await;
    let list = add_list(&store, "events").await;
    store.subscribe(other, list, t0()).await.unwrap();
    let by_list = SubscriberFilter { list: Some(list), ..Default::default() };
    let page = store.list_subscribers(&by_list, None, 100).await.unwrap();
    assert_eq!(page.items.iter().map(|s| s.id).collect::<Vec<_>>(), vec![other]);
    let by_name = SubscriberFilter { search: Some("JAN nov".into()), ..Default::default() };
    let page = store.list_subscribers(&by_name, None, 100).await.unwrap();
    assert_eq!(page.items.iter().map(|s| s.id).collect::<Vec<_>>(), vec![named]);
    let by_email = SubscriberFilter { search: Some("other.person".into()), ..Default::default() };
    let page = store.list_subscribers(&by_email, None, 100).await.unwrap();
    assert_eq!(page.items.iter().map(|s| s.id).collect::<Vec<_>>(), vec![other]);
}

pub async fn search_treats_wildcards_literally(store: SharedStore) {
    let mut a = active("m1@example.de", Language::De);
    a.name = Some("100% Hilfe".into());
    let a = store.create_subscriber(&a, t0()).await.unwrap().id;
    let mut b = active("m2@example.de", Language::De);
    b.name = Some("100 Hilfen".into());
    store.create_subscriber(&b, t0()).await.unwrap();
    for needle in ["100%", "0% h"] {
        let filter = SubscriberFilter { search: Some(needle.into()), ..Default::default() };
        let page = store.list_subscribers(&filter, None, 100).await.unwrap();
        assert_eq!(page.items.iter().map(|s| s.id).collect::<Vec<_>>(), vec![a], "{needle}");
    }
    let underscore = SubscriberFilter { search: Some("m_@".into()), ..Default::default() };
    assert!(store.list_subscribers(&underscore, None, 100).await.unwrap().items.is_empty());
}

pub async fn listing_filters_by_creation_time(store: SharedStore) {
    for day in 0..5 {
        let new = active(&format!("n{day}@example.de"), Language::De);
        store.create_subscriber(&new, t0() + Duration::days(day)).await.unwrap();
    }
    let filter = SubscriberFilter {
        created_from: Some(t0() + Duration::days(1)),
        created_before: Some(t0() + Duration::days(3)),
        ..Default::default()
    };
    let page = store.list_subscribers(&filter, None, 100).await.unwrap();
    let created: Vec<OffsetDateTime> = page.items.iter().map(|s| s.created_at).collect();
    assert_eq!(created, vec![t0() + Duration::days(1), t0() + Duration::days(2)]);
}

pub async fn lists_keep_localised_names(store: SharedStore) {
    let names = BTreeMap::from([
        (Language::De, "Veranstaltungen".to_owned()),
        (Language::El, "Εκδηλώσεις".to_owned()),
        (Language::Bg, "Събития".to_owned()),
    ]);
    let new = NewList { slug: "events".into(), names: names.clone(), public: true };
    let created = store.create_list(&new, t0()).await.unwrap();
    assert_eq!(created.names, names);
    assert_eq!(store.list(created.id).await.unwrap(), created);
    let renamed = NewList { public: false, ..new };
    let updated = store.update_list(created.id, &renamed).await.unwrap();
    assert!(!updated.public);
    assert_eq!(store.lists().await.unwrap(), vec![updated]);
    store.delete_list(created.id).await.unwrap();
    assert!(store.lists().await.unwrap().is_empty());
}

pub async fn list_slugs_are_unique(store: SharedStore) {
    add_list(&store, "jobs").await;
    let again = NewList { slug: "jobs".into(), names: BTreeMap::new(), public: false };
    let err = store.create_list(&again, t0()).await.unwrap_err();
    assert_eq!(status_of(&err), "conflict");
}

pub async fn subscriptions_are_idempotent_and_removable(store: SharedStore) {
    let id = add_active(&store, "o@example.de", Language::De).await;
    let a = add_list(&store, "a").await;
    let b = add_list(&store, "b").await;
    store.subscribe(id, b, t0()).await.unwrap();
    store.subscribe(id, a, t0()).await.unwrap();
    store.subscribe(id, a, t0()).await.unwrap();
    assert_eq!(store.subscriptions(id).await.unwrap(), vec![a, b]);
    store.unsubscribe_from_list(id, a).await.unwrap();
    store.unsubscribe_from_list(id, a).await.unwrap();
    assert_eq!(store.subscriptions(id).await.unwrap(), vec![b]);
    store.delete_list(b).await.unwrap();
    assert!(store.subscriptions(id).await.unwrap().is_empty());
}

// ---------------------------------------------------------------------------------------------
// Issues and variants

pub async fn issue_status_changes_are_compare_and_set(store: SharedStore) {
    let id = add_issue(&store, Segment::everyone()).await;
    let issue = store.issue(id).await.unwrap();
    assert_eq!(issue.status, IssueStatus::Draft);
    let later = t0() + Duration::hours(1);
    let sending = store
        .transition_issue(id, IssueStatus::Draft, IssueStatus::Sending, None, later)
        .await
        .unwrap();
    assert_eq!(sending.status, IssueStatus::Sending);
    assert_eq!(sending.updated_at, later);
    // A second "send" racing the first finds the issue no longer a draft.
    let err = store
        .transition_issue(id, IssueStatus::Draft, IssueStatus::Sending, None, later)
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), "conflict", "{err}");
    assert_eq!(store.issue(id).await.unwrap().status, IssueStatus::Sending);
}

pub async fn issues_page_newest_first(store: SharedStore) {
    let mut ids = Vec::new();
    for _ in 0..5 {
        ids.push(add_issue(&store, Segment::everyone()).await);
    }
    let first = store.list_issues(None, 3).await.unwrap();
    let second = store.list_issues(first.next, 3).await.unwrap();
    let got: Vec<IssueId> = first.items.iter().chain(&second.items).map(|i| i.id).collect();
    ids.reverse();
    assert_eq!(got, ids);
    assert_eq!(second.next, None);
}

fn variant_input(subject: &str, ready: bool) -> VariantInput {
    VariantInput {
        subject: subject.into(),
        preheader: "Kurz gesagt".into(),
        body_markdown: "# Hallo {{ name }}\n\nText.".into(),
        ready,
    }
}

pub async fn variants_are_upserted_per_language(store: SharedStore) {
    let id = add_issue(&store, Segment::everyone()).await;
    store.put_variant(id, Language::De, &variant_input("Neuigkeiten", false), t0()).await.unwrap();
    store.put_variant(id, Language::El, &variant_input("Νέα του μήνα", true), t0()).await.unwrap();
    let later = t0() + Duration::minutes(9);
    let input = variant_input("Neuigkeiten im November", true);
    let updated = store.put_variant(id, Language::De, &input, later).await.unwrap();
    assert_eq!(updated.subject, "Neuigkeiten im November");
    assert!(updated.ready);
    assert_eq!(updated.updated_at, later);
    let all = store.variants(id).await.unwrap();
    assert_eq!(
        all.iter().map(|v| v.language).collect::<Vec<_>>(),
        vec![Language::De, Language::El]
    );
    assert_eq!(store.variant(id, Language::El).await.unwrap().subject, "Νέα του μήνα");
    store.delete_variant(id, Language::El).await.unwrap();
    assert_eq!(status_of(&store.variant(id, Language::El).await.unwrap_err()), "not found");
    assert_eq!(status_of(&store.delete_variant(id, Language::El).await.unwrap_err()), "not found");
}

pub async fn variant_of_a_missing_issue_is_not_found(store: SharedStore) {
    let err = store
        .put_variant(IssueId(777), Language::De, &variant_input("x", true), t0())
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), "not found", "{err}");
}

pub async fn only_draft_issues_can_be_deleted_or_sent_ones_edited(store: SharedStore) {
    let draft = add_issue(&store, Segment::everyone()).await;
    let update = IssueUpdate { title: Some("Dezember".into()), ..Default::default() };
    assert_eq!(store.update_issue(draft, &update, t0()).await.unwrap().title, "Dezember");
    store.delete_issue(draft).await.unwrap();
    assert_eq!(status_of(&store.issue(draft).await.unwrap_err()), "not found");
    let sent = add_issue(&store, Segment::everyone()).await;
    store
        .transition_issue(sent, IssueStatus::Draft, IssueStatus::Sending, None, t0())
        .await
        .unwrap();
    store
        .transition_issue(sent, IssueStatus::Sending, IssueStatus::Sent, None, t0())
        .await
        .unwrap();
    assert_eq!(status_of(&store.delete_issue(sent).await.unwrap_err()), "conflict");
    assert_eq!(status_of(&store.update_issue(sent, &update, t0()).await.unwrap_err()), "conflict");
    assert_eq!(store.issue(sent).await.unwrap().title, "November");
}

pub async fn scheduled_issues_become_due(store: SharedStore) {
    let soon = add_issue(&store, Segment::everyone()).await;
    let later = add_issue(&store, Segment::everyone()).await;
    let at = |h| Some(t0() + Duration::hours(h));
    store
        .transition_issue(soon, IssueStatus::Draft, IssueStatus::Scheduled, at(1), t0())
        .await
        .unwrap();
    store
        .transition_issue(later, IssueStatus::Draft, IssueStatus::Scheduled, at(5), t0())
        .await
        .unwrap();
    assert!(store.due_scheduled_issues(t0()).await.unwrap().is_empty());
    let due = store.due_scheduled_issues(t0() + Duration::hours(2)).await.unwrap();
    assert_eq!(due.iter().map(|i| i.id).collect::<Vec<_>>(), vec![soon]);
    assert_eq!(due[0].scheduled_at, at(1));
    let due = store.due_scheduled_issues(t0() + Duration::hours(5)).await.unwrap();
    assert_eq!(due.iter().map(|i| i.id).collect::<Vec<_>>(), vec![soon, later]);
}

// ---------------------------------------------------------------------------------------------
// Segments and deliveries

pub async fn segments_hold_only_active_unsuppressed_subscribers(store: SharedStore) {
    add_active(&store, "p1@example.de", Language::De).await;
    add_active(&store, "p2@example.de", Language::Pl).await;
    add_active(&store, "p3@example.de", Language::Pl).await;
    store.create_subscriber(&pending("p4@example.de", Language::Pl), t0()).await.unwrap();
    let gone = add_active(&store, "p5@example.de", Language::De).await;
    store.set_subscriber_status(gone, SubscriberStatus::Unsubscribed, t0()).await.unwrap();
    // Suppressed while still active, e.g. a complaint that arrived before the status update.
    add_active(&store, "p6@example.de", Language::Pl).await;
    store.suppress(&email("p6@example.de"), SuppressionReason::Complaint, t0()).await.unwrap();
    let counts = store.segment_counts(&Segment::everyone()).await.unwrap();
    assert_eq!(counts, vec![(Language::De, 1), (Language::Pl, 2)]);
    let polish = Segment { languages: vec![Language::Pl], ..Segment::everyone() };
    assert_eq!(store.segment_counts(&polish).await.unwrap(), vec![(Language::Pl, 2)]);
}

pub async fn segments_match_any_or_all_lists(store: SharedStore) {
    let a = add_list(&store, "a").await;
    let b = add_list(&store, "b").await;
    let both = add_active(&store, "q1@example.de", Language::De).await;
    let only_a = add_active(&store, "q2@example.de", Language::De).await;
    add_active(&store, "q3@example.de", Language::De).await;
    for (s, l) in [(both, a), (both, b), (only_a, a)] {
        store.subscribe(s, l, t0()).await.unwrap();
    }
    let any = Segment { lists: vec![a, b], list_match: ListMatch::Any, ..Segment::everyone() };
    assert_eq!(store.segment_counts(&any).await.unwrap(), vec![(Language::De, 2)]);
    let all = Segment { lists: vec![a, b, b], list_match: ListMatch::All, ..Segment::everyone() };
    assert_eq!(store.segment_counts(&all).await.unwrap(), vec![(Language::De, 1)]);
    let issue = add_issue(&store, all.clone()).await;
    store.snapshot_deliveries(issue, &all, t0()).await.unwrap();
    assert!(store.delivery(issue, both).await.is_ok());
    assert_eq!(status_of(&store.delivery(issue, only_a).await.unwrap_err()), "not found");
}

pub async fn segments_filter_region_and_audience(store: SharedStore) {
    let mut a = active("r1@example.de", Language::Ro);
    a.region = Some("Oberhavel".into());
    a.audience = Some("organisation".into());
    store.create_subscriber(&a, t0()).await.unwrap();
    let mut b = active("r2@example.de", Language::Ro);
    b.region = Some("Oberhavel".into());
    store.create_subscriber(&b, t0()).await.unwrap();
    add_active(&store, "r3@example.de", Language::Ro).await;
    let region = Segment { regions: vec!["Oberhavel".into()], ..Segment::everyone() };
    assert_eq!(store.segment_counts(&region).await.unwrap(), vec![(Language::Ro, 2)]);
    let both = Segment { audiences: vec!["organisation".into()], ..region };
    assert_eq!(store.segment_counts(&both).await.unwrap(), vec![(Language::Ro, 1)]);
}

pub async fn snapshot_is_idempotent(store: SharedStore) {
    for i in 0..30 {
        add_active(&store, &format!("s{i}@example.de"), Language::ALL[i % 24]).await;
    }
    let issue = add_issue(&store, Segment::everyone()).await;
    let first = store.snapshot_deliveries(issue, &Segment::everyone(), t0()).await.unwrap();
    assert_eq!((first.inserted, first.total), (30, 30));
    let again = store.snapshot_deliveries(issue, &Segment::everyone(), t0()).await.unwrap();
    assert_eq!((again.inserted, again.total), (0, 30));
    let counts = store.delivery_counts(issue).await.unwrap();
    assert!(counts.iter().all(|c| c.status == DeliveryStatus::Pending));
    assert_eq!(counts.iter().map(|c| c.count).sum::<i64>(), 30);
    assert_eq!(counts.len(), 24, "one row per language");
}

pub async fn deliveries_are_unique_per_issue_and_subscriber(store: SharedStore) {
    let first = add_active(&store, "t1@example.de", Language::De).await;
    let issue = add_issue(&store, Segment::everyone()).await;
    let other_issue = add_issue(&store, Segment::everyone()).await;
    store.snapshot_deliveries(issue, &Segment::everyone(), t0()).await.unwrap();
    let claimed = store
        .claim_deliveries(issue, 10, t0(), t0() + Duration::minutes(5), "contract/worker/0#1")
        .await;
    let claimed = claimed.unwrap();
    store.mark_sent(&[sent(claimed[0].id, "<m1@example>", t0())]).await.unwrap();
    // A subscriber who joins later is added; the one already mailed is not reset.
    let second = add_active(&store, "t2@example.de", Language::De).await;
    let snap = store.snapshot_deliveries(issue, &Segment::everyone(), t0()).await.unwrap();
    assert_eq!((snap.inserted, snap.total), (1, 2));
    assert_eq!(store.delivery(issue, first).await.unwrap().status, DeliveryStatus::Sent);
    assert_eq!(store.delivery(issue, second).await.unwrap().status, DeliveryStatus::Pending);
    let snap = store.snapshot_deliveries(other_issue, &Segment::everyone(), t0()).await.unwrap();
    assert_eq!(snap.inserted, 2, "another issue has its own ledger");
}

pub async fn concurrent_claimers_never_get_the_same_row(store: SharedStore) {
    const RECIPIENTS: usize = 300;
    for i in 0..RECIPIENTS {
        add_active(&store, &format!("u{i}@example.de"), Language::De).await;
    }
    let issue = add_issue(&store, Segment::everyone()).await;
    store.snapshot_deliveries(issue, &Segment::everyone(), t0()).await.unwrap();
    let claimer = |store: SharedStore| async move {
        let mut mine = Vec::new();
        loop {
            let batch = store
                .claim_deliveries(
                    issue,
                    7,
                    t0(),
                    t0() + Duration::minutes(10),
                    "contract/worker/0#2",
                )
                .await
                .unwrap();
            if batch.is_empty() {
                return mine;
            }
            assert!(batch.iter().all(|d| d.status == DeliveryStatus::Sending && d.attempts == 1));
            mine.extend(batch.into_iter().map(|d| d.id));
            tokio::task::yield_now().await;
        }
    };
    let tasks: Vec<_> = (0..4).map(|_| tokio::spawn(claimer(store.clone()))).collect();
    let mut all = Vec::new();
    let mut claimers_that_got_rows = 0;
    for task in tasks {
        let mine = task.await.unwrap();
        claimers_that_got_rows += usize::from(!mine.is_empty());
        all.extend(mine);
    }
    let unique: HashSet<_> = all.iter().collect();
    assert_eq!(unique.len(), all.len(), "a delivery was handed to two claimers");
    assert_eq!(all.len(), RECIPIENTS);
    assert!(claimers_that_got_rows >= 1);
}

pub async fn expired_leases_are_reclaimed_and_live_ones_are_not(store: SharedStore) {
    add_active(&store, "v1@example.de", Language::De).await;
    let issue = add_issue(&store, Segment::everyone()).await;
    store.snapshot_deliveries(issue, &Segment::everyone(), t0()).await.unwrap();
    let lease_end = t0() + Duration::minutes(5);
    let first =
        store.claim_deliveries(issue, 10, t0(), lease_end, "contract/worker/0#3").await.unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].lease_until, Some(lease_end));
    let during = store
        .claim_deliveries(issue, 10, t0() + Duration::minutes(4), lease_end, "contract/worker/0#4")
        .await;
    assert!(during.unwrap().is_empty(), "a live lease must not be taken over");
    // The worker died: after the lease runs out, another worker takes the delivery over.
    let after = t0() + Duration::minutes(6);
    let second = store
        .claim_deliveries(issue, 10, after, after + Duration::minutes(5), "contract/worker/0#5")
        .await;
    let second = second.unwrap();
    assert_eq!(second.iter().map(|d| d.id).collect::<Vec<_>>(), vec![first[0].id]);
    assert_eq!(second[0].attempts, 2);
}

pub async fn open_deliveries_are_those_pending_or_sending(store: SharedStore) {
    add_active(&store, "o1@example.de", Language::De).await;
    add_active(&store, "o2@example.de", Language::Pl).await;
    let issue = add_issue(&store, Segment::everyone()).await;
    let other = add_issue(&store, Segment::everyone()).await;
    assert!(!store.has_open_deliveries(issue).await.unwrap(), "no ledger yet");
    store.snapshot_deliveries(issue, &Segment::everyone(), t0()).await.unwrap();
    store.snapshot_deliveries(other, &Segment::everyone(), t0()).await.unwrap();
    assert!(store.has_open_deliveries(issue).await.unwrap(), "pending");
    let claimed = store
        .claim_deliveries(issue, 10, t0(), t0() + Duration::minutes(5), "contract/worker/0#6")
        .await;
    let claimed = claimed.unwrap();
    assert_eq!(claimed.len(), 2);
    store.mark_sent(&[sent(claimed[0].id, "<o1@example>", t0())]).await.unwrap();
    assert!(store.has_open_deliveries(issue).await.unwrap(), "one is still sending");
    store.mark_failed(claimed[1].id, "550 5.1.1 no such user", true).await.unwrap();
    assert!(!store.has_open_deliveries(issue).await.unwrap(), "sent and bounced are final");
    assert!(store.has_open_deliveries(other).await.unwrap(), "each issue has its own ledger");
}

pub async fn retries_wait_until_due(store: SharedStore) {
    add_active(&store, "w1@example.de", Language::De).await;
    let issue = add_issue(&store, Segment::everyone()).await;
    store.snapshot_deliveries(issue, &Segment::everyone(), t0()).await.unwrap();
    let claimed = store
        .claim_deliveries(issue, 1, t0(), t0() + Duration::minutes(5), "contract/worker/0#7")
        .await;
    let id = claimed.unwrap()[0].id;
    let retry_at = t0() + Duration::minutes(2);
    store.mark_retry(id, "451 4.7.1 try again later", retry_at).await.unwrap();
    let early = store
        .claim_deliveries(issue, 1, t0() + Duration::minutes(1), retry_at, "contract/worker/0#8")
        .await;
    assert!(early.unwrap().is_empty());
    let due = store
        .claim_deliveries(
            issue,
            1,
            retry_at,
            retry_at + Duration::minutes(5),
            "contract/worker/0#9",
        )
        .await;
    let due = due.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].last_error.as_deref(), Some("451 4.7.1 try again later"));
    assert_eq!(due[0].attempts, 2);
}

pub async fn delivery_outcomes_are_counted_per_language(store: SharedStore) {
    let de = add_active(&store, "x1@example.de", Language::De).await;
    let pl = add_active(&store, "x2@example.de", Language::Pl).await;
    add_active(&store, "x3@example.de", Language::Pl).await;
    let issue = add_issue(&store, Segment::everyone()).await;
    store.snapshot_deliveries(issue, &Segment::everyone(), t0()).await.unwrap();
    let claimed = store
        .claim_deliveries(issue, 10, t0(), t0() + Duration::minutes(5), "contract/worker/0#10")
        .await;
    let claimed = claimed.unwrap();
    let id_of = |s: SubscriberId| claimed.iter().find(|d| d.subscriber_id == s).unwrap().id;
    store.mark_sent(&[sent(id_of(de), "<a@example>", t0())]).await.unwrap();
    store.mark_failed(id_of(pl), "550 5.1.1 no such user", true).await.unwrap();
    let counts = store.delivery_counts(issue).await.unwrap();
    let count = |language, status| {
        counts
            .iter()
            .find(|c| c.language == language && c.status == status)
            .map(|c| c.count)
            .unwrap_or(0)
    };
    assert_eq!(count(Language::De, DeliveryStatus::Sent), 1);
    assert_eq!(count(Language::Pl, DeliveryStatus::Bounced), 1);
    assert_eq!(count(Language::Pl, DeliveryStatus::Sending), 1);
    let sent = store.delivery(issue, de).await.unwrap();
    assert_eq!(sent.message_id.as_deref(), Some("<a@example>"));
    assert_eq!(sent.language, Some(Language::De));
    assert_eq!(sent.sent_at, Some(t0()));
    assert_eq!(sent.lease_until, None);
    // A sent delivery is final: a late failure report must not overwrite it.
    let err = store.mark_failed(id_of(de), "late", false).await.unwrap_err();
    assert_eq!(status_of(&err), "not found");
    assert_eq!(store.delivery(issue, de).await.unwrap().status, DeliveryStatus::Sent);
}

pub async fn starting_to_send_snapshots_the_audience_in_the_same_step(store: SharedStore) {
    add_active(&store, "y1@example.de", Language::De).await;
    add_active(&store, "y2@example.de", Language::Pl).await;
    let id = add_issue(&store, Segment::everyone()).await;
    let (issue, snapshot) = store.start_sending(id, IssueStatus::Draft, t0()).await.unwrap();
    assert_eq!(issue.status, IssueStatus::Sending);
    assert_eq!((snapshot.inserted, snapshot.total), (2, 2));
    assert_eq!(store.issues_in_status(IssueStatus::Sending).await.unwrap()[0].id, id);
    // A second start loses the race and leaves the ledger as it was.
    let err = store.start_sending(id, IssueStatus::Draft, t0()).await.unwrap_err();
    assert_eq!(status_of(&err), "conflict", "{err}");
    let counts = store.delivery_counts(id).await.unwrap();
    assert_eq!(counts.iter().map(|c| c.count).sum::<i64>(), 2);
    // A failed start (missing issue) writes nothing.
    let err = store.start_sending(IssueId(9_999), IssueStatus::Draft, t0()).await.unwrap_err();
    assert_eq!(status_of(&err), "not found", "{err}");
}

pub async fn pausing_records_a_reason_that_the_next_change_clears(store: SharedStore) {
    let id = add_issue(&store, Segment::everyone()).await;
    let err = store.pause_issue(id, "SMTP down", t0()).await.unwrap_err();
    assert_eq!(status_of(&err), "conflict", "only a sending issue pauses itself");
    store.start_sending(id, IssueStatus::Draft, t0()).await.unwrap();
    let paused = store.pause_issue(id, "25 failures in a row: 421 busy", t0()).await.unwrap();
    assert_eq!(paused.status, IssueStatus::Paused);
    assert_eq!(paused.status_reason.as_deref(), Some("25 failures in a row: 421 busy"));
    assert_eq!(store.issue(id).await.unwrap().status_reason, paused.status_reason);
    assert!(store.issues_in_status(IssueStatus::Sending).await.unwrap().is_empty());
    let resumed = store
        .transition_issue(id, IssueStatus::Paused, IssueStatus::Sending, None, t0())
        .await
        .unwrap();
    assert_eq!(resumed.status_reason, None);
}

pub async fn recipients_are_read_per_batch_with_their_suppression(store: SharedStore) {
    let kept = add_active(&store, "z1@example.de", Language::Pl).await;
    let suppressed = add_active(&store, "z2@example.de", Language::De).await;
    let erased = add_active(&store, "z3@example.de", Language::De).await;
    let address = EmailAddress::parse("z2@example.de").unwrap();
    store.suppress(&address, SuppressionReason::HardBounce, t0()).await.unwrap();
    store.erase_subscriber(erased, t0()).await.unwrap();
    let mut found =
        store.recipients(&[kept, suppressed, erased, SubscriberId(9_999)]).await.unwrap();
    found.sort_by_key(|r| r.id);
    assert_eq!(found.len(), 3, "unknown ids are left out");
    assert_eq!(found[0].email.as_ref().unwrap().as_str(), "z1@example.de");
    assert_eq!((found[0].language, found[0].suppressed), (Language::Pl, false));
    assert!(found[1].suppressed);
    assert_eq!((found[2].email.as_ref(), found[2].status), (None, SubscriberStatus::Erased));
    assert!(store.recipients(&[]).await.unwrap().is_empty());
}

pub async fn released_deliveries_are_due_again_without_losing_an_attempt(store: SharedStore) {
    add_active(&store, "r1@example.de", Language::De).await;
    let issue = add_issue(&store, Segment::everyone()).await;
    store.snapshot_deliveries(issue, &Segment::everyone(), t0()).await.unwrap();
    let lease_end = t0() + Duration::minutes(10);
    let claimed = store.claim_deliveries(issue, 10, t0(), lease_end, "r/worker/0#1").await.unwrap();
    store.release_delivery(claimed[0].id, "r/worker/0#1").await.unwrap();
    // Due at once, long before the lease would have run out, with the same attempt count.
    let again = store.claim_deliveries(issue, 10, t0(), lease_end, "r/worker/0#2").await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].attempts, 1);
    // Someone else's claim (another token, even with the same lease) is not released.
    store.release_delivery(again[0].id, "r/worker/0#1").await.unwrap();
    store.release_delivery(again[0].id, "r/worker/1#2").await.unwrap();
    assert!(store.claim_deliveries(issue, 10, t0(), lease_end, "x#1").await.unwrap().is_empty());
    // A renewed claim is still released by its token.
    let later = lease_end + Duration::minutes(5);
    assert_eq!(store.renew_claims(issue, "r/worker/0#2", later).await.unwrap(), 1);
    store.release_delivery(again[0].id, "r/worker/0#2").await.unwrap();
    let third = store.claim_deliveries(issue, 10, t0(), lease_end, "r/worker/0#3").await.unwrap();
    assert_eq!((third.len(), third[0].attempts), (1, 1));
    // A delivery that reached a final status is not handed back.
    store.mark_sent(&[sent(third[0].id, "<r1@example>", t0())]).await.unwrap();
    store.release_delivery(third[0].id, "r/worker/0#3").await.unwrap();
    let sent = store.delivery(issue, claimed[0].subscriber_id).await.unwrap();
    assert_eq!(sent.status, DeliveryStatus::Sent);
}

pub async fn heartbeats_renew_only_their_own_live_claims(store: SharedStore) {
    for i in 0..4 {
        add_active(&store, &format!("h{i}@example.de"), Language::De).await;
    }
    let issue = add_issue(&store, Segment::everyone()).await;
    let other = add_issue(&store, Segment::everyone()).await;
    store.snapshot_deliveries(issue, &Segment::everyone(), t0()).await.unwrap();
    store.snapshot_deliveries(other, &Segment::everyone(), t0()).await.unwrap();
    let lease_end = t0() + Duration::seconds(30);
    let mine = store.claim_deliveries(issue, 2, t0(), lease_end, "h/worker/0#1").await.unwrap();
    let theirs = store.claim_deliveries(issue, 2, t0(), lease_end, "h/worker/1#1").await.unwrap();
    let elsewhere = store.claim_deliveries(other, 4, t0(), lease_end, "h/worker/0#1").await;
    assert_eq!((mine.len(), theirs.len(), elsewhere.unwrap().len()), (2, 2, 4));
    store.mark_sent(&[sent(mine[0].id, "<h0@example>", t0())]).await.unwrap();

    // Only the row still `sending` under this token, of this issue, is renewed.
    let renewed_to = t0() + Duration::seconds(60);
    assert_eq!(store.renew_claims(issue, "h/worker/0#1", renewed_to).await.unwrap(), 1);
    assert_eq!(store.renew_claims(issue, "h/worker/0#9", renewed_to).await.unwrap(), 0);
    let renewed = store.delivery(issue, mine[1].subscriber_id).await.unwrap();
    assert_eq!((renewed.status, renewed.lease_until), (DeliveryStatus::Sending, Some(renewed_to)));
    let sent_row = store.delivery(issue, mine[0].subscriber_id).await.unwrap();
    assert_eq!((sent_row.status, sent_row.lease_until), (DeliveryStatus::Sent, None));
    let untouched = store.delivery(issue, theirs[0].subscriber_id).await.unwrap();
    assert_eq!(untouched.lease_until, Some(lease_end));

    // After the old lease, the other worker's rows are taken over; the renewed one is not.
    let after = lease_end + Duration::seconds(1);
    let taken =
        store.claim_deliveries(issue, 10, after, after + Duration::seconds(30), "h/worker/2#1");
    let mut taken: Vec<_> = taken.await.unwrap().into_iter().map(|d| d.id).collect();
    taken.sort();
    let mut expected: Vec<_> = theirs.iter().map(|d| d.id).collect();
    expected.sort();
    assert_eq!(taken, expected);
    // A claim taken over cannot be renewed by its former holder.
    assert_eq!(store.renew_claims(issue, "h/worker/1#1", renewed_to).await.unwrap(), 0);
}

pub async fn a_restarted_worker_releases_what_its_earlier_incarnation_held(store: SharedStore) {
    for i in 0..4 {
        add_active(&store, &format!("k{i}@example.de"), Language::De).await;
    }
    let issue = add_issue(&store, Segment::everyone()).await;
    let other = add_issue(&store, Segment::everyone()).await;
    store.snapshot_deliveries(issue, &Segment::everyone(), t0()).await.unwrap();
    store.snapshot_deliveries(other, &Segment::everyone(), t0()).await.unwrap();
    let lease_end = t0() + Duration::seconds(30);
    let claim = |issue, limit, token: &'static str| {
        let store = store.clone();
        async move { store.claim_deliveries(issue, limit, t0(), lease_end, token).await.unwrap() }
    };
    let dead = claim(issue, 2, "host/worker/1#7.1").await;
    let dead_elsewhere = claim(other, 1, "host/worker/1#7.2").await;
    let similar = claim(issue, 1, "host/worker/10#3.1").await;
    let alive = claim(issue, 1, "host/serve/1#4.1").await;
    store.mark_sent(&[sent(dead[0].id, "<k0@example>", t0())]).await.unwrap();

    // Every row still `sending` under the identity, in every issue; nothing of the others.
    assert_eq!(store.release_claims_of("host/worker/1").await.unwrap(), 2);
    assert_eq!(store.release_claims_of("host/worker/1").await.unwrap(), 0, "idempotent");
    let released = store.delivery(issue, dead[1].subscriber_id).await.unwrap();
    assert_eq!((released.status, released.lease_until), (DeliveryStatus::Pending, None));
    assert_eq!(released.attempts, 1, "the attempt may have gone out; it stays counted");
    let released = store.delivery(other, dead_elsewhere[0].subscriber_id).await.unwrap();
    assert_eq!(released.status, DeliveryStatus::Pending);
    for kept in [&similar[0], &alive[0]] {
        let row = store.delivery(issue, kept.subscriber_id).await.unwrap();
        assert_eq!(row.status, DeliveryStatus::Sending);
    }
    let sent_row = store.delivery(issue, dead[0].subscriber_id).await.unwrap();
    assert_eq!(sent_row.status, DeliveryStatus::Sent);
    // Due at once, long before the lease would have run out.
    let again = store.claim_deliveries(issue, 10, t0(), lease_end, "host/worker/1#8.1").await;
    let again = again.unwrap();
    assert_eq!(again.iter().map(|d| d.id).collect::<Vec<_>>(), vec![dead[1].id]);
    assert_eq!(again[0].attempts, 2);
    // Identities that could release someone else's claims are refused.
    for bad in ["", "host/worker/1#7"] {
        let err = store.release_claims_of(bad).await.unwrap_err();
        assert_eq!(status_of(&err), "invalid", "{bad}");
    }
}

pub async fn caps_count_what_was_sent_recently(store: SharedStore) {
    for i in 0..3 {
        add_active(&store, &format!("c{i}@example.de"), Language::De).await;
    }
    let issue = add_issue(&store, Segment::everyone()).await;
    store.snapshot_deliveries(issue, &Segment::everyone(), t0()).await.unwrap();
    let claimed = store
        .claim_deliveries(issue, 10, t0(), t0() + Duration::minutes(5), "contract/worker/0#14")
        .await;
    let claimed = claimed.unwrap();
    let hour_ago = t0() - Duration::hours(1);
    // One call marks several, each with its own time and Message-ID; an id that does not
    // exist is left out without failing the others.
    let marks = [
        sent(claimed[0].id, "<c0@example>", hour_ago),
        sent(DeliveryId(i64::MAX), "<nobody@example>", t0()),
        sent(claimed[1].id, "<c1@example>", t0()),
    ];
    assert_eq!(store.mark_sent(&marks).await.unwrap(), 2);
    let first = store.delivery(issue, claimed[0].subscriber_id).await.unwrap();
    assert_eq!(first.status, DeliveryStatus::Sent);
    assert_eq!(first.message_id.as_deref(), Some("<c0@example>"));
    assert_eq!(first.sent_at, Some(hour_ago));
    assert_eq!(first.lease_until, None);
    let third = store.delivery(issue, claimed[2].subscriber_id).await.unwrap();
    assert_eq!(third.status, DeliveryStatus::Sending, "not in the call, not marked");
    assert_eq!(store.mark_sent(&[]).await.unwrap(), 0);
    assert_eq!(store.sent_since(None, t0() - Duration::minutes(30)).await.unwrap(), 1);
    assert_eq!(store.sent_since(None, hour_ago).await.unwrap(), 2);
    assert_eq!(store.sent_since(None, t0() + Duration::seconds(1)).await.unwrap(), 0);
    assert_eq!(store.sent_since(Some(issue), hour_ago).await.unwrap(), 2);
    let other = add_issue(&store, Segment::everyone()).await;
    assert_eq!(store.sent_since(Some(other), hour_ago).await.unwrap(), 0);
}

// ---------------------------------------------------------------------------------------------
// Editors and API tokens

pub async fn users_are_unique_by_email(store: SharedStore) {
    let user = store
        .create_user(&email("Editor@Example.de"), "$argon2id$stub", Role::Editor, t0())
        .await
        .unwrap();
    assert_eq!(store.count_users().await.unwrap(), 1);
    let err = store
        .create_user(&email("editor@example.de"), "$argon2id$x", Role::Admin, t0())
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), "conflict");
    let found = store.user_by_email(&email("EDITOR@example.de")).await.unwrap().unwrap();
    assert_eq!(found, user);
    assert_eq!(found.role, Role::Editor);
    assert_eq!(store.user(user.id).await.unwrap().password_hash, "$argon2id$stub");
}

pub async fn sessions_expire(store: SharedStore) {
    let user = store
        .create_user(&email("admin@example.de"), "$argon2id$stub", Role::Admin, t0())
        .await
        .unwrap();
    let session = Session {
        token_hash: "a".repeat(64),
        user_id: user.id,
        csrf_token: "csrf".into(),
        created_at: t0(),
        expires_at: t0() + Duration::hours(8),
    };
    store.create_session(&session).await.unwrap();
    let live = store.session(&session.token_hash, t0() + Duration::hours(1)).await.unwrap();
    assert_eq!(live, Some(session.clone()));
    assert!(store.session(&session.token_hash, t0() + Duration::hours(9)).await.unwrap().is_none());
    assert!(store.session(&"b".repeat(64), t0()).await.unwrap().is_none());
    store.delete_session(&session.token_hash).await.unwrap();
    assert!(store.session(&session.token_hash, t0()).await.unwrap().is_none());
}

pub async fn api_tokens_are_found_by_hash_and_revocable(store: SharedStore) {
    let token = store.create_api_token("crm-sync", &"c".repeat(64), t0()).await.unwrap();
    assert_eq!(token.last_used_at, None);
    let later = t0() + Duration::minutes(1);
    let used = store.use_api_token(&"c".repeat(64), later).await.unwrap().unwrap();
    assert_eq!(used.id, token.id);
    assert_eq!(used.name, "crm-sync");
    assert_eq!(used.last_used_at, Some(later));
    assert!(store.use_api_token(&"d".repeat(64), later).await.unwrap().is_none());
    let dup = store.create_api_token("again", &"c".repeat(64), t0()).await.unwrap_err();
    assert_eq!(status_of(&dup), "conflict");
    store.revoke_api_token(token.id).await.unwrap();
    assert!(store.use_api_token(&"c".repeat(64), later).await.unwrap().is_none());
}
