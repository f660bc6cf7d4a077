//! Contract tests of the public archive (issue 23): only public issues that went out, newest
//! first, with their ready variants; part of [`crate::contract`], which runs them on both
//! backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

async fn issue_with(store: &SharedStore, variants: &[(Language, &str, bool)]) -> IssueId {
    let id = add_issue(store, Segment::everyone()).await;
    for (language, subject, ready) in variants {
        store.put_variant(id, *language, &variant_input(subject, *ready), t0()).await.unwrap();
    }
    id
}

async fn send(store: &SharedStore, id: IssueId, to: IssueStatus) {
    store.transition_issue(id, IssueStatus::Draft, IssueStatus::Sending, None, t0()).await.unwrap();
    if to != IssueStatus::Sending {
        store.transition_issue(id, IssueStatus::Sending, to, None, t0()).await.unwrap();
    }
}

pub async fn the_archive_lists_public_issues_that_went_out_newest_first(store: SharedStore) {
    let old =
        issue_with(&store, &[(Language::De, "Alt", true), (Language::Pl, "Stary", true)]).await;
    send(&store, old, IssueStatus::Sent).await;
    let draft = issue_with(&store, &[(Language::De, "Entwurf", true)]).await;
    let hidden = issue_with(&store, &[(Language::De, "Intern", true)]).await;
    send(&store, hidden, IssueStatus::Sent).await;
    let sending =
        issue_with(&store, &[(Language::De, "Neu", true), (Language::Hu, "Új", false)]).await;
    send(&store, sending, IssueStatus::Sending).await;

    assert!(store.issue_is_public(hidden).await.unwrap(), "public by default");
    store.set_issue_public(hidden, false).await.unwrap();
    assert!(!store.issue_is_public(hidden).await.unwrap());
    let missing = store.set_issue_public(IssueId(9999), false).await.unwrap_err();
    assert_eq!(status_of(&missing), "not found");

    let listed = store.archived_issues(50).await.unwrap();
    let ids: Vec<IssueId> = listed.iter().map(|a| a.issue.id).collect();
    assert_eq!(ids, vec![sending, old], "newest first; no draft, nothing hidden");
    assert_eq!(listed[0].variants, vec![(Language::De, "Neu".to_owned())], "ready ones only");
    assert_eq!(
        listed[1].variants,
        vec![(Language::De, "Alt".to_owned()), (Language::Pl, "Stary".to_owned())]
    );
    assert_eq!(store.archived_issues(1).await.unwrap().len(), 1, "the limit holds");

    assert_eq!(store.archived_issue(old).await.unwrap().issue.id, old);
    for absent in [draft, hidden, IssueId(9999)] {
        let err = store.archived_issue(absent).await.unwrap_err();
        assert_eq!(status_of(&err), "not found", "{absent}");
    }
    store.set_issue_public(hidden, true).await.unwrap();
    assert_eq!(store.archived_issue(hidden).await.unwrap().variants.len(), 1);
}
