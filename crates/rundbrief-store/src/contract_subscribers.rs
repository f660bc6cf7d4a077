//! Contract tests of subscribers, lists, the consent log and erasure; part of [`crate::contract`], which runs them on both backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

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

/// Subscribes each (subscriber, list) pair, in this order.
async fn subscribe_all(store: &SharedStore, pairs: &[(SubscriberId, ListId)]) {
    for &(subscriber, list) in pairs {
        store.subscribe(subscriber, list, t0()).await.unwrap();
    }
}

pub async fn subscriptions_are_idempotent_and_removable(store: SharedStore) {
    let id = add_active(&store, "o@example.de", Language::De).await;
    let a = add_list(&store, "a").await;
    let b = add_list(&store, "b").await;
    subscribe_all(&store, &[(id, b), (id, a), (id, a)]).await;
    assert_eq!(store.subscriptions(id).await.unwrap(), vec![a, b]);
    store.unsubscribe_from_list(id, a).await.unwrap();
    store.unsubscribe_from_list(id, a).await.unwrap();
    assert_eq!(store.subscriptions(id).await.unwrap(), vec![b]);
    store.delete_list(b).await.unwrap();
    assert!(store.subscriptions(id).await.unwrap().is_empty());
}

pub async fn subscriptions_of_many_come_in_one_answer(store: SharedStore) {
    let one = add_active(&store, "one@example.de", Language::De).await;
    let two = add_active(&store, "two@example.de", Language::De).await;
    let other = add_active(&store, "other@example.de", Language::De).await;
    let a = add_list(&store, "a").await;
    let b = add_list(&store, "b").await;
    subscribe_all(&store, &[(two, b), (one, b), (one, a), (other, a)]).await;
    let got = store.subscriptions_of(&[two, one]).await.unwrap();
    assert_eq!(got, vec![(one, a), (one, b), (two, b)]);
    assert!(store.subscriptions_of(&[]).await.unwrap().is_empty());
}
