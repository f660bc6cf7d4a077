//! Contract tests of importing batches of subscribers; part of [`crate::contract`].

use rundbrief_core::model::{ConsentAction, NewConsentEvent, NewSubscriber, SuppressionReason};
use rundbrief_core::{Language, SubscriberId, SubscriberStatus};
use time::Duration;

use super::{SharedStore, active, add_active, add_list, email, t0};
use crate::{ImportOutcome, ImportRow, ImportUpdate};

fn row(
    address: &str,
    name: &str,
    language: Language,
    lists: &[rundbrief_core::ListId],
) -> ImportRow {
    ImportRow {
        new: NewSubscriber { name: Some(name.into()), ..active(address, language) },
        lists: lists.to_vec(),
        consent: NewConsentEvent {
            subscriber_id: SubscriberId(0),
            action: ConsentAction::Import,
            text_version: Some("import".into()),
            language: Some(language),
            ip: Some("192.0.2.7".into()),
            user_agent: Some("rundbrief import by ana: Paper forms 2023".into()),
        },
        consent_at: Some(t0() - Duration::days(400)),
        confirmation_due: None,
    }
}

pub async fn an_import_batch_creates_once_and_records_consent_once(store: SharedStore) {
    let news = add_list(&store, "news").await;
    let rows = vec![
        row("a@example.pl", "Ala", Language::Pl, &[news]),
        row("b@example.de", "Bernd", Language::De, &[]),
    ];
    let none = ImportUpdate::default();
    // A dry run says what would happen and writes nothing.
    let dry = store.import_batch_ids(&rows, none, true, t0()).await.unwrap();
    assert_eq!(dry.outcomes, vec![ImportOutcome::Created, ImportOutcome::Created]);
    assert_eq!(dry.created, vec![], "a dry run creates no one");
    assert!(store.subscriber_by_email(&email("a@example.pl")).await.unwrap().is_none());
    let keys = vec!["a@example.pl".to_owned(), "b@example.de".to_owned()];
    assert_eq!(store.subscriber_ids_by_key(&keys).await.unwrap(), vec![]);
    let first = store.import_batch_ids(&rows, none, false, t0()).await.unwrap();
    assert_eq!(first.outcomes, vec![ImportOutcome::Created, ImportOutcome::Created]);
    let again = store.import_batch_ids(&rows, none, false, t0()).await.unwrap();
    assert_eq!(again.outcomes, vec![ImportOutcome::Exists, ImportOutcome::Exists]);
    assert_eq!(again.created, vec![], "existing subscribers are not created again");
    let a = store.subscriber_by_email(&email("a@example.pl")).await.unwrap().unwrap();
    let b = store.subscriber_by_email(&email("b@example.de")).await.unwrap().unwrap();
    let mut created = first.created.clone();
    created.sort_unstable_by_key(|id| id.0);
    let mut expected = vec![a.id, b.id];
    expected.sort_unstable_by_key(|id| id.0);
    assert_eq!(created, expected, "the ids of the subscribers the batch created");
    let mut by_key = store
        .subscriber_ids_by_key(&[keys[1].clone(), "nobody@example.org".into(), keys[0].clone()])
        .await
        .unwrap();
    by_key.sort();
    assert_eq!(by_key, vec![(keys[0].clone(), a.id), (keys[1].clone(), b.id)]);
    assert_eq!(a.status, SubscriberStatus::Active);
    assert_eq!(a.name.as_deref(), Some("Ala"));
    assert_eq!(store.subscriptions(a.id).await.unwrap(), vec![news]);
    let history = store.consent_history(a.id).await.unwrap();
    assert_eq!(history.len(), 1, "one consent event however often the file is imported");
    assert_eq!(history[0].action, ConsentAction::Import);
    assert_eq!(history[0].ip.as_deref(), Some("192.0.2.7"));
    assert_eq!(history[0].created_at, t0() - Duration::days(400), "the old system's opt-in time");
    a_batch_beyond_one_statement_writes_what_row_by_row_would(&store).await;
}

/// A batch of more rows than one statement of the backends takes, pending rows owed a
/// confirmation mail among them and one address twice: every subscriber once, with the columns
/// `create_subscriber` writes, its lists, consent event and mail. Part of the test above
/// (the store writes a batch in a few multi-row statements, not row by row).
async fn a_batch_beyond_one_statement_writes_what_row_by_row_would(store: &SharedStore) {
    let weekly = add_list(store, "weekly").await;
    let events = add_list(store, "events").await;
    let at = t0() + Duration::days(1);
    let mut rows: Vec<ImportRow> = (0..2_500_i64)
        .map(|n| {
            let mut row = row(
                &format!("Person.{n}@Example.EU"),
                &format!("Žofie Dvořáková {n}"),
                Language::Cs,
                &[weekly, events],
            );
            row.new.region = Some("Morava".into());
            row.new.audience = Some("teachers".into());
            row.new.attributes.insert("city".into(), "Brno".into());
            if n % 2 == 1 {
                row.new.status = SubscriberStatus::Pending;
                row.confirmation_due = Some(at + Duration::seconds(n));
            }
            row
        })
        .collect();
    // The same address again, in other letters: it finds the subscriber its batch creates.
    rows.push(row("PERSON.7@example.eu", "Other", Language::De, &[]));
    let outcomes = store.import_batch(&rows, ImportUpdate::default(), false, at).await.unwrap();
    assert!(outcomes[..2_500].iter().all(|o| *o == ImportOutcome::Created), "{outcomes:?}");
    assert_eq!(outcomes[2_500], ImportOutcome::Exists);
    for n in [0, 7, 1_999, 2_499] {
        let imported = store
            .subscriber_by_email(&email(&format!("person.{n}@example.eu")))
            .await
            .unwrap()
            .expect("imported");
        let mut reference = rows[n].new.clone();
        reference.email = email(&format!("reference.{n}@example.eu"));
        let reference = store.create_subscriber(&reference, at).await.unwrap();
        assert_eq!(imported.email, Some(rows[n].new.email.clone()), "kept as written");
        assert_eq!(
            (imported.name, imported.language, imported.status, imported.region),
            (reference.name, reference.language, reference.status, reference.region)
        );
        assert_eq!(
            (imported.audience, imported.attributes, imported.created_at),
            (reference.audience, reference.attributes, reference.created_at)
        );
        assert_eq!(
            (imported.confirmed_at, imported.unsubscribed_at),
            (reference.confirmed_at, reference.unsubscribed_at)
        );
        assert_eq!(store.subscriptions(imported.id).await.unwrap(), vec![weekly, events]);
        let history = store.consent_history(imported.id).await.unwrap();
        assert_eq!(history.len(), 1, "one consent event");
        assert_eq!(history[0].created_at, t0() - Duration::days(400));
        assert_eq!(history[0].user_agent, rows[n].consent.user_agent);
    }
    let due = store.due_confirmations(at + Duration::seconds(2_500), 5_000).await.unwrap();
    assert_eq!(due.len(), 1_250, "one mail for each pending row");
    let not_yet = store.due_confirmations(at + Duration::seconds(1_000), 5_000).await.unwrap();
    assert_eq!(not_yet.len(), 500, "each due at its own time");
    let again = store.import_batch(&rows, ImportUpdate::default(), false, at).await.unwrap();
    assert!(again.iter().all(|o| *o == ImportOutcome::Exists));
}

pub async fn an_import_never_revives_and_updates_only_what_it_is_told(store: SharedStore) {
    let news = add_list(&store, "news").await;
    let gone = add_active(&store, "gone@example.de", Language::De).await;
    store.erase_subscriber(gone, t0()).await.unwrap();
    store
        .suppress(&email("bounced@example.de"), SuppressionReason::HardBounce, t0())
        .await
        .unwrap();
    let left = add_active(&store, "left@example.de", Language::De).await;
    store.set_subscriber_status(left, SubscriberStatus::Unsubscribed, t0()).await.unwrap();
    let stays = add_active(&store, "stays@example.de", Language::De).await;
    let rows = vec![
        row("gone@example.de", "G", Language::Pl, &[news]),
        row("bounced@example.de", "B", Language::Pl, &[news]),
        row("left@example.de", "L", Language::Pl, &[news]),
        row("stays@example.de", "Stefanie", Language::Pl, &[news]),
    ];
    let all = ImportUpdate { name: true, language: true, lists: true };
    let outcomes = store.import_batch(&rows, all, false, t0()).await.unwrap();
    use ImportOutcome::*;
    assert_eq!(outcomes, vec![Suppressed, Suppressed, Unsubscribed, Updated]);
    assert!(store.subscriber_by_email(&email("gone@example.de")).await.unwrap().is_none());
    assert!(store.subscriber_by_email(&email("bounced@example.de")).await.unwrap().is_none());
    let left = store.subscriber(left).await.unwrap();
    assert_eq!(left.status, SubscriberStatus::Unsubscribed);
    assert_eq!(left.language, Language::De, "an unsubscribed subscriber is not touched");
    let stays = store.subscriber(stays).await.unwrap();
    assert_eq!(stays.status, SubscriberStatus::Active);
    assert_eq!((stays.name.as_deref(), stays.language), (Some("Stefanie"), Language::Pl));
    assert_eq!(store.subscriptions(stays.id).await.unwrap(), vec![news]);
    assert!(store.consent_history(stays.id).await.unwrap().is_empty(), "no new consent");
    // Only the language asked for; the same again changes nothing.
    let language = ImportUpdate { language: true, ..Default::default() };
    let other = vec![row("stays@example.de", "Other", Language::Pl, &[])];
    let outcomes = store.import_batch(&other, language, false, t0()).await.unwrap();
    assert_eq!(outcomes, vec![Exists]);
    assert_eq!(store.subscriber(stays.id).await.unwrap().name.as_deref(), Some("Stefanie"));
}
