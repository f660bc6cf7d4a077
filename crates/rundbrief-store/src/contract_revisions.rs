//! Contract tests of variant revisions (issue 21); part of [`crate::contract`], which runs them
//! on both backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::{RevisionAuthor, RevisionHead};

fn text(subject: &str, body: &str) -> VariantInput {
    VariantInput {
        subject: subject.into(),
        preheader: String::new(),
        body_markdown: body.into(),
        ready: true,
    }
}

fn head(heads: &[RevisionHead], language: Language) -> RevisionHead {
    *heads.iter().find(|h| h.language == language).expect("a head")
}

pub async fn each_changed_save_keeps_a_revision_with_its_author_and_source(store: SharedStore) {
    let id = add_issue(&store, Segment::everyone()).await;
    let user = store
        .create_user(&email("redaktion@example.de"), "$argon2id$stub", Role::Editor, t0())
        .await
        .unwrap();
    let by = RevisionAuthor { user: Some(user.id), token: None };
    let de = text("Neuigkeiten", "Erster Absatz.");
    let saved = store.save_variant(id, Language::De, &de, by, None, t0()).await.unwrap();
    assert_eq!(
        (saved.head.revision, saved.head.source_revision, saved.new_revision),
        (1, None, true)
    );

    // The translation is made from the base text as it is: revision 1.
    let pl = text("Aktualności", "Pierwszy akapit.");
    let saved = store.save_variant(id, Language::Pl, &pl, by, None, t0()).await.unwrap();
    assert_eq!((saved.head.revision, saved.head.source_revision), (1, Some(1)));

    // The same text again, or only "ready" changed, adds nothing.
    let later = t0() + Duration::minutes(5);
    let unready = VariantInput { ready: false, ..de.clone() };
    let saved = store.save_variant(id, Language::De, &unready, by, None, later).await.unwrap();
    assert!(!saved.new_revision);
    assert!(!saved.variant.ready, "the variant itself changed");
    assert_eq!(saved.head.revision, 1);

    // A changed base text is revision 2; the translation still names 1.
    let de2 = text("Neuigkeiten", "Erster Absatz, geändert.");
    let saved = store.save_variant(id, Language::De, &de2, by, None, later).await.unwrap();
    assert_eq!(saved.head.revision, 2);
    let heads = store.revision_heads(id).await.unwrap();
    assert_eq!(head(&heads, Language::Pl).source_revision, Some(1));
    assert_eq!(head(&heads, Language::De).revision, 2);

    // Saving the unchanged translation again records that it was checked against 2.
    let saved = store.save_variant(id, Language::Pl, &pl, by, None, later).await.unwrap();
    assert!(saved.new_revision);
    assert_eq!((saved.head.revision, saved.head.source_revision), (2, Some(2)));
    // An import names the revision it was exported from.
    let tokenless = RevisionAuthor::default();
    let saved = store.save_variant(id, Language::Pl, &pl, tokenless, Some(1), later).await.unwrap();
    assert_eq!((saved.head.revision, saved.head.source_revision), (3, Some(1)));

    let all = store.variant_revisions(id, Language::Pl).await.unwrap();
    assert_eq!(all.iter().map(|r| r.number).collect::<Vec<_>>(), [3, 2, 1], "newest first");
    assert_eq!(all[2].author.user, Some(user.id));
    assert_eq!(all[2].author_name.as_deref(), Some("redaktion@example.de"));
    assert_eq!(all[0].author, RevisionAuthor::default());
    let first = store.variant_revision(id, Language::De, 1).await.unwrap();
    assert_eq!(first.body_markdown, "Erster Absatz.");
    assert_eq!(first.created_at, t0());
    let missing = store.variant_revision(id, Language::De, 9).await.unwrap_err();
    assert_eq!(status_of(&missing), "not found");
}

pub async fn revisions_count_on_after_a_variant_is_deleted(store: SharedStore) {
    let id = add_issue(&store, Segment::everyone()).await;
    let by = RevisionAuthor::default();
    store.save_variant(id, Language::De, &text("a", "eins"), by, None, t0()).await.unwrap();
    store.save_variant(id, Language::Pl, &text("b", "jeden"), by, None, t0()).await.unwrap();
    store.delete_variant(id, Language::Pl).await.unwrap();
    let heads = store.revision_heads(id).await.unwrap();
    assert_eq!(heads.iter().map(|h| h.language).collect::<Vec<_>>(), [Language::De]);
    let saved =
        store.save_variant(id, Language::Pl, &text("b", "dwa"), by, None, t0()).await.unwrap();
    assert_eq!(saved.head.revision, 2, "numbers never restart");
    // Ready alone changes without a revision.
    let variant = store.set_variant_ready(id, Language::Pl, false, t0()).await.unwrap();
    assert!(!variant.ready);
    assert_eq!(store.variant_revisions(id, Language::Pl).await.unwrap().len(), 2);
    let missing = store.set_variant_ready(id, Language::Fr, false, t0()).await.unwrap_err();
    assert_eq!(status_of(&missing), "not found");
    let missing = store
        .save_variant(IssueId(777), Language::De, &text("x", "y"), by, None, t0())
        .await
        .unwrap_err();
    assert_eq!(status_of(&missing), "not found");
}
