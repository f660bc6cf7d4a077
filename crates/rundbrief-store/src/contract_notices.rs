//! Contract tests of translator notices (issue 21); part of [`crate::contract`], which runs
//! them on both backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::{ConfirmationOutcome, RevisionAuthor};

fn text(subject: &str, body: &str) -> VariantInput {
    VariantInput {
        subject: subject.into(),
        preheader: String::new(),
        body_markdown: body.into(),
        ready: false,
    }
}

/// The notices due an hour after `t0()`, as (translator, base revision) after claiming each.
async fn claim_due(store: &SharedStore) -> Vec<(rundbrief_core::UserId, u32)> {
    let now = t0() + Duration::hours(1);
    let mut claimed = Vec::new();
    for (id, attempts) in store.due_translator_notices(now, now, 100).await.unwrap() {
        assert_eq!(attempts, 0);
        let claim = store
            .claim_translator_notice(id, now, now + Duration::seconds(45))
            .await
            .unwrap()
            .expect("a due notice can be claimed");
        assert_eq!(claim.attempts, 1);
        // Held: neither due nor claimable again until the lease ends or it is settled.
        assert!(store.claim_translator_notice(id, now, now).await.unwrap().is_none());
        claimed.push((claim.user, claim.base_revision));
        assert!(
            store.settle_translator_notice(id, 1, ConfirmationOutcome::Sent, now).await.unwrap()
        );
    }
    claimed.sort();
    claimed
}

pub async fn a_new_base_revision_owes_each_active_translator_of_another_language_one_notice(
    store: SharedStore,
) {
    let id = add_issue(&store, Segment::everyone()).await;
    let hash = "$argon2id$stub";
    let user = |address: &str, role: Role, languages: &'static [Language]| {
        let store = Arc::clone(&store);
        let address = email(address);
        async move {
            store.create_user_with_languages(&address, hash, role, languages, t0()).await.unwrap()
        }
    };
    let pl = user("pl@example.org", Role::Translator, &[Language::Pl, Language::Ro]).await;
    let de_only = user("de@example.org", Role::Translator, &[Language::De]).await;
    let de_and_fr = user("defr@example.org", Role::Translator, &[Language::De, Language::Fr]).await;
    let gone = user("gone@example.org", Role::Translator, &[Language::Pl]).await;
    store.set_user_disabled(gone.id, Some(t0())).await.unwrap();
    let editor = user("ed@example.org", Role::Editor, &[]).await;
    let by = RevisionAuthor { user: Some(editor.id), token: None };

    store.save_variant(id, Language::De, &text("A", "eins"), by, None, t0()).await.unwrap();
    // Nothing is due before it was written.
    let before = t0() - Duration::seconds(1);
    assert!(store.due_translator_notices(before, t0(), 10).await.unwrap().is_empty());
    let mut expected = vec![(pl.id, 1), (de_and_fr.id, 1)];
    expected.sort();
    assert_eq!(claim_due(&store).await, expected);
    assert!(!expected.iter().any(|(u, _)| *u == de_only.id || *u == gone.id));

    // The same text again adds no revision and so no notice; a translation adds none either.
    store.save_variant(id, Language::De, &text("A", "eins"), by, None, t0()).await.unwrap();
    store.save_variant(id, Language::Pl, &text("A", "jeden"), by, None, t0()).await.unwrap();
    assert!(claim_due(&store).await.is_empty());

    // A changed base text is revision 2: a notice each again.
    store.save_variant(id, Language::De, &text("A", "zwei"), by, None, t0()).await.unwrap();
    let mut expected = vec![(pl.id, 2), (de_and_fr.id, 2)];
    expected.sort();
    assert_eq!(claim_due(&store).await, expected);

    // A retry waits until its time and counts its attempts.
    store.save_variant(id, Language::De, &text("A", "drei"), by, None, t0()).await.unwrap();
    let now = t0() + Duration::hours(1);
    let due = store.due_translator_notices(now, now, 100).await.unwrap();
    assert_eq!(due.len(), 2);
    let (first, _) = due[0];
    store.claim_translator_notice(first, now, now + Duration::seconds(45)).await.unwrap().unwrap();
    let later = now + Duration::minutes(1);
    let retry = ConfirmationOutcome::RetryAt(later);
    assert!(store.settle_translator_notice(first, 1, retry, now).await.unwrap());
    let due_now: Vec<i64> = store
        .due_translator_notices(now, now, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.0)
        .collect();
    assert!(!due_now.contains(&first));
    let due_later = store.due_translator_notices(now, later, 100).await.unwrap();
    assert!(due_later.contains(&(first, 1)), "{due_later:?}");
}

pub async fn a_machine_draft_is_marked_until_a_person_saves_it(store: SharedStore) {
    let id = add_issue(&store, Segment::everyone()).await;
    let by = RevisionAuthor::default();
    store.save_variant(id, Language::De, &text("A", "eins"), by, None, t0()).await.unwrap();
    let draft = text("A", "jeden");
    let saved = store.save_machine_draft(id, Language::Pl, &draft, by, t0()).await.unwrap();
    assert!(saved.new_revision && saved.head.machine_drafted, "{saved:?}");
    assert_eq!((saved.head.revision, saved.head.source_revision), (1, Some(1)));
    let heads = store.revision_heads(id).await.unwrap();
    let pl = heads.iter().find(|h| h.language == Language::Pl).unwrap();
    assert!(pl.machine_drafted);
    assert!(!heads.iter().find(|h| h.language == Language::De).unwrap().machine_drafted);
    // The same draft again adds nothing.
    let again = store.save_machine_draft(id, Language::Pl, &draft, by, t0()).await.unwrap();
    assert!(!again.new_revision && again.head.machine_drafted);
    // A person saving the same text makes it theirs: a new revision, not marked.
    let ready = VariantInput { ready: true, ..draft };
    let saved = store.save_variant(id, Language::Pl, &ready, by, None, t0()).await.unwrap();
    assert!(saved.new_revision && !saved.head.machine_drafted);
    assert_eq!(saved.head.revision, 2);
    let heads = store.revision_heads(id).await.unwrap();
    assert!(!heads.iter().find(|h| h.language == Language::Pl).unwrap().machine_drafted);
}
