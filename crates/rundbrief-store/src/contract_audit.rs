//! Contract tests of the audit log (issue 22): entries come back as appended, newest first,
//! filtered by actor, action and time and paged without gaps; part of [`crate::contract`],
//! which runs them on both backends. That the database refuses UPDATE and DELETE on the table
//! is tested with raw SQL by each backend's own `audit_append_only` test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rundbrief_core::{ApiTokenId, UserId};

use super::*;
use crate::{AuditActor, AuditFilter, NewAuditEntry};

fn entry(actor: AuditActor, action: &str, target: Option<(&str, i64)>) -> NewAuditEntry {
    NewAuditEntry {
        actor,
        action: action.to_owned(),
        target_kind: target.map(|(kind, _)| kind.to_owned()),
        target_id: target.map(|(_, id)| id),
        detail: r#"{"n":1}"#.to_owned(),
    }
}

pub async fn audit_entries_are_appended_filtered_and_paged_newest_first(store: SharedStore) {
    let admin = AuditActor::User(UserId(7));
    let token = AuditActor::Token(ApiTokenId(3));
    let appended = [
        (entry(admin, "signin.ok", Some(("account", 7))), t0()),
        (entry(AuditActor::Nobody, "signin.failed", None), t0() + Duration::minutes(1)),
        (entry(token, "issue.created", Some(("issue", 11))), t0() + Duration::hours(1)),
        (entry(AuditActor::Cli, "export.subscribers", None), t0() + Duration::hours(2)),
        (entry(admin, "issue.created", Some(("issue", 12))), t0() + Duration::days(1)),
    ];
    let mut ids = Vec::new();
    for (new, at) in &appended {
        let stored = store.append_audit(new, *at).await.unwrap();
        assert_eq!(stored.actor, new.actor);
        assert_eq!(stored.action, new.action);
        assert_eq!(
            (stored.target_kind.as_deref(), stored.target_id),
            (new.target_kind.as_deref(), new.target_id)
        );
        assert_eq!(stored.detail, r#"{"n":1}"#);
        assert_eq!(stored.at, *at);
        ids.push(stored.id);
    }
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "ids grow: {ids:?}");

    let all = store.audit_entries(&AuditFilter::default(), None, 100).await.unwrap();
    let got: Vec<i64> = all.items.iter().map(|e| e.id).collect();
    let mut newest_first = ids.clone();
    newest_first.reverse();
    assert_eq!(got, newest_first);
    assert_eq!(all.next, None);

    let actions = |page: &rundbrief_core::model::Page<crate::AuditEntry>| -> Vec<String> {
        page.items.iter().map(|e| e.action.clone()).collect()
    };
    let by_admin = AuditFilter { actor: Some(admin), ..AuditFilter::default() };
    let page = store.audit_entries(&by_admin, None, 100).await.unwrap();
    assert_eq!(actions(&page), ["issue.created", "signin.ok"]);
    let by_nobody = AuditFilter { actor: Some(AuditActor::Nobody), ..AuditFilter::default() };
    assert_eq!(
        actions(&store.audit_entries(&by_nobody, None, 100).await.unwrap()),
        ["signin.failed"]
    );
    let by_cli = AuditFilter { actor: Some(AuditActor::Cli), ..AuditFilter::default() };
    assert_eq!(
        actions(&store.audit_entries(&by_cli, None, 100).await.unwrap()),
        ["export.subscribers"]
    );
    let created = AuditFilter { action: Some("issue.created".into()), ..AuditFilter::default() };
    let page = store.audit_entries(&created, None, 100).await.unwrap();
    assert_eq!(page.items.iter().map(|e| e.actor).collect::<Vec<_>>(), [admin, token]);
    // From inclusive, until exclusive.
    let window = AuditFilter {
        from: Some(t0() + Duration::minutes(1)),
        until: Some(t0() + Duration::hours(2)),
        ..AuditFilter::default()
    };
    assert_eq!(
        actions(&store.audit_entries(&window, None, 100).await.unwrap()),
        ["issue.created", "signin.failed"]
    );
    let none = AuditFilter { actor: Some(AuditActor::User(UserId(8))), ..AuditFilter::default() };
    assert!(store.audit_entries(&none, None, 100).await.unwrap().items.is_empty());

    // Pages of two: no gaps, no overlaps.
    let mut seen = Vec::new();
    let mut before = None;
    loop {
        let page = store.audit_entries(&AuditFilter::default(), before, 2).await.unwrap();
        assert!(page.items.len() <= 2);
        seen.extend(page.items.iter().map(|e| e.id));
        match page.next {
            Some(next) => before = Some(next),
            None => break,
        }
    }
    assert_eq!(seen, newest_first);
}
