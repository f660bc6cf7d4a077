//! Contract test of copying an issue (issue 23); part of [`crate::contract`], which runs it on
//! both backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::RevisionAuthor;

fn text(subject: &str, body: &str, ready: bool) -> VariantInput {
    VariantInput {
        subject: subject.into(),
        preheader: format!("{subject} kurz"),
        body_markdown: body.into(),
        ready,
    }
}

pub async fn a_copy_is_a_draft_with_the_variants_and_segment_and_no_history(store: SharedStore) {
    add_active(&store, "c1@example.de", Language::De).await;
    add_active(&store, "c2@example.de", Language::Pl).await;
    let segment = Segment { languages: vec![Language::De, Language::Pl], ..Segment::everyone() };
    let id = add_issue(&store, segment.clone()).await;
    let by = RevisionAuthor::default();
    let de = text("Neuigkeiten", "Erster Absatz.", true);
    store.save_variant(id, Language::De, &de, by, None, t0()).await.unwrap();
    let pl = text("Aktualności", "Pierwszy akapit.", false);
    store.save_variant(id, Language::Pl, &pl, by, None, t0()).await.unwrap();
    // The base text changes, so the original's base is at revision 2.
    let de = text("Neuigkeiten", "Erster Absatz, geändert.", true);
    store.save_variant(id, Language::De, &de, by, None, t0()).await.unwrap();
    store.start_sending(id, IssueStatus::Draft, t0()).await.unwrap();
    let original = store.issue(id).await.unwrap();
    let original_counts = store.delivery_counts(id).await.unwrap();
    assert_eq!(original_counts.iter().map(|c| c.count).sum::<i64>(), 2);

    let later = t0() + Duration::hours(2);
    let copy = store.copy_issue(id, "Kopie von November", by, later).await.unwrap();
    assert_ne!(copy.id, id);
    assert_eq!(copy.title, "Kopie von November");
    assert_eq!(copy.status, IssueStatus::Draft);
    assert_eq!((copy.scheduled_at, copy.status_reason.as_deref()), (None, None));
    assert_eq!((copy.base_language, &copy.segment), (Language::De, &segment));
    assert_eq!((copy.created_at, copy.updated_at), (later, later));

    let variants = store.variants(copy.id).await.unwrap();
    let texts: Vec<_> = variants
        .iter()
        .map(|v| {
            (
                v.language,
                v.subject.as_str(),
                v.preheader.as_str(),
                v.body_markdown.as_str(),
                v.ready,
            )
        })
        .collect();
    assert_eq!(
        texts,
        vec![
            (Language::De, "Neuigkeiten", "Neuigkeiten kurz", "Erster Absatz, geändert.", true),
            (Language::Pl, "Aktualności", "Aktualności kurz", "Pierwszy akapit.", false),
        ]
    );
    // Each variant starts at revision 1; the translation is made from the copied base text.
    let mut heads = store.revision_heads(copy.id).await.unwrap();
    heads.sort_by_key(|h| h.language.code());
    let heads: Vec<_> = heads.iter().map(|h| (h.language, h.revision, h.source_revision)).collect();
    assert_eq!(heads, vec![(Language::De, 1, None), (Language::Pl, 1, Some(1))]);
    let history = store.variant_revisions(copy.id, Language::De).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].body_markdown, "Erster Absatz, geändert.");

    // No sending history, and the original is as it was.
    assert!(store.delivery_counts(copy.id).await.unwrap().iter().all(|c| c.count == 0));
    assert!(!store.has_open_deliveries(copy.id).await.unwrap());
    assert_eq!(store.issue(id).await.unwrap(), original);
    assert_eq!(store.delivery_counts(id).await.unwrap(), original_counts);
    assert_eq!(store.variant_revisions(id, Language::De).await.unwrap().len(), 2);

    // An issue without variants copies to one without variants.
    let empty = add_issue(&store, Segment::everyone()).await;
    let copy = store.copy_issue(empty, "Copy", by, later).await.unwrap();
    assert_eq!(copy.segment, Segment::everyone());
    assert!(store.variants(copy.id).await.unwrap().is_empty());

    let err = store.copy_issue(IssueId(9_999), "x", by, later).await.unwrap_err();
    assert_eq!(status_of(&err), "not found", "{err}");
}

pub async fn issues_are_marked_as_templates_and_their_copies_are_not(store: SharedStore) {
    assert!(store.issue_templates().await.unwrap().is_empty());
    let by = RevisionAuthor::default();
    let plain = add_issue(&store, Segment::everyone()).await;
    let template = add_issue(&store, Segment::everyone()).await;
    store.set_issue_template(template, true).await.unwrap();
    let ids = |issues: Vec<rundbrief_core::model::Issue>| -> Vec<IssueId> {
        issues.into_iter().map(|i| i.id).collect()
    };
    assert_eq!(ids(store.issue_templates().await.unwrap()), vec![template]);
    let copy = store.copy_issue(template, "Aus Vorlage", by, t0()).await.unwrap();
    assert_eq!(ids(store.issue_templates().await.unwrap()), vec![template], "the copy is none");
    store.set_issue_template(copy.id, true).await.unwrap();
    // By title: "Aus Vorlage" before "November".
    assert_eq!(ids(store.issue_templates().await.unwrap()), vec![copy.id, template]);
    store.set_issue_template(template, false).await.unwrap();
    store.set_issue_template(copy.id, false).await.unwrap();
    assert!(store.issue_templates().await.unwrap().is_empty());
    assert_ne!(plain, template);
    let err = store.set_issue_template(IssueId(9_999), true).await.unwrap_err();
    assert_eq!(status_of(&err), "not found", "{err}");
}
