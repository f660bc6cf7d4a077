//! Contract tests of the welcome mail (issue 23); part of [`crate::contract`], which runs them
//! on both backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::{ConfirmationOutcome, WELCOME_MAIL_ON, WELCOME_MAIL_SETTING};

fn confirm_event(id: SubscriberId) -> NewConsentEvent {
    NewConsentEvent {
        subscriber_id: id,
        action: ConsentAction::Confirm,
        text_version: Some("subscribe-consent-v2".into()),
        language: Some(Language::Ro),
        ip: None,
        user_agent: None,
    }
}

fn welcome_text(ready: bool) -> VariantInput {
    VariantInput {
        subject: "Willkommen".into(),
        preheader: String::new(),
        body_markdown: "Hallo {{ name }}".into(),
        ready,
    }
}

async fn confirm(store: &SharedStore, address: &str, at: OffsetDateTime) -> SubscriberId {
    let pending = store.create_subscriber(&pending(address, Language::Ro), t0()).await.unwrap();
    store.confirm_subscriber(pending.id, &confirm_event(pending.id), at).await.unwrap();
    pending.id
}

pub async fn the_welcome_issue_is_one_and_never_listed_as_a_campaign(store: SharedStore) {
    assert_eq!(store.welcome_issue().await.unwrap(), None);
    let campaign = add_issue(&store, Segment::everyone()).await;
    store.set_issue_template(campaign, true).await.unwrap();
    let new = NewIssue {
        title: "Willkommen".into(),
        base_language: Language::De,
        segment: Segment::everyone(),
    };
    let welcome = store.create_welcome_issue(&new, t0()).await.unwrap();
    assert_eq!((welcome.status, welcome.title.as_str()), (IssueStatus::Draft, "Willkommen"));
    // A second start finds the first: there is one welcome mail.
    let other = NewIssue { title: "Noch eins".into(), ..new };
    let again = store.create_welcome_issue(&other, t0()).await.unwrap();
    assert_eq!(again.id, welcome.id);
    assert_eq!(again.title, "Willkommen");
    assert_eq!(store.welcome_issue().await.unwrap().map(|i| i.id), Some(welcome.id));
    // It is an issue like any other for its variants, and appears nowhere campaigns do.
    store.put_variant(welcome.id, Language::De, &welcome_text(true), t0()).await.unwrap();
    store.set_issue_template(welcome.id, true).await.unwrap();
    let listed: Vec<IssueId> =
        store.list_issues(None, 50).await.unwrap().items.into_iter().map(|i| i.id).collect();
    assert_eq!(listed, vec![campaign]);
    let templates: Vec<IssueId> =
        store.issue_templates().await.unwrap().into_iter().map(|i| i.id).collect();
    assert_eq!(templates, vec![campaign]);
    assert_eq!(store.issue(welcome.id).await.unwrap().id, welcome.id);
}

pub async fn a_confirmation_owes_one_welcome_mail_only_while_it_is_on_and_written(
    store: SharedStore,
) {
    // Off and unwritten: nothing owed.
    let first = confirm(&store, "w1@example.ro", t0()).await;
    assert!(store.welcome_mails_of(first).await.unwrap().is_empty());
    assert_eq!(store.owed_welcome(first).await.unwrap(), None);
    // On but without a ready variant: nothing owed.
    store.set_instance_setting(WELCOME_MAIL_SETTING, WELCOME_MAIL_ON, t0()).await.unwrap();
    let new = NewIssue {
        title: "Willkommen".into(),
        base_language: Language::De,
        segment: Segment::everyone(),
    };
    let welcome = store.create_welcome_issue(&new, t0()).await.unwrap();
    store.put_variant(welcome.id, Language::De, &welcome_text(false), t0()).await.unwrap();
    let second = confirm(&store, "w2@example.ro", t0()).await;
    assert!(store.welcome_mails_of(second).await.unwrap().is_empty());
    // On and ready: one owed, with the confirmation.
    store.put_variant(welcome.id, Language::De, &welcome_text(true), t0()).await.unwrap();
    let third = confirm(&store, "w3@example.ro", t0()).await;
    assert_eq!(store.welcome_mails_of(third).await.unwrap(), vec!["pending".to_owned()]);
    let owed = store.owed_welcome(third).await.unwrap().expect("a welcome mail is owed");
    // Confirming again is refused and owes nothing more.
    let err = store.confirm_subscriber(third, &confirm_event(third), t0()).await.unwrap_err();
    assert_eq!(status_of(&err), "invalid transition");
    assert_eq!(store.welcome_mails_of(third).await.unwrap().len(), 1);
    // Switched off: nothing owed again.
    store.set_instance_setting(WELCOME_MAIL_SETTING, "off", t0()).await.unwrap();
    let fourth = confirm(&store, "w4@example.ro", t0()).await;
    assert!(store.welcome_mails_of(fourth).await.unwrap().is_empty());
    assert_eq!(store.due_welcomes(t0(), 10).await.unwrap(), vec![(owed, 0)]);
}

pub async fn a_welcome_mail_is_claimed_once_and_settled_once(store: SharedStore) {
    store.set_instance_setting(WELCOME_MAIL_SETTING, WELCOME_MAIL_ON, t0()).await.unwrap();
    let new = NewIssue {
        title: "Willkommen".into(),
        base_language: Language::De,
        segment: Segment::everyone(),
    };
    let welcome = store.create_welcome_issue(&new, t0()).await.unwrap();
    store.put_variant(welcome.id, Language::De, &welcome_text(true), t0()).await.unwrap();
    let subscriber = confirm(&store, "claim@example.ro", t0()).await;
    let id = store.owed_welcome(subscriber).await.unwrap().unwrap();
    let lease = t0() + Duration::seconds(45);
    let claim = store.claim_welcome(id, t0(), lease).await.unwrap().expect("claimed");
    assert_eq!((claim.id, claim.subscriber_id, claim.attempts), (id, subscriber, 1));
    // Held: neither a second job nor the sweep takes it before the lease ends.
    assert_eq!(store.claim_welcome(id, t0(), lease).await.unwrap(), None);
    assert!(store.due_welcomes(t0(), 10).await.unwrap().is_empty());
    // A crashed holder's mail is due again after its lease.
    assert_eq!(store.due_welcomes(lease, 10).await.unwrap(), vec![(id, 1)]);
    let again = store.claim_welcome(id, lease, lease + Duration::seconds(45)).await.unwrap();
    assert_eq!(again.map(|c| c.attempts), Some(2));
    // A retry waits until its time.
    let retry_at = lease + Duration::minutes(1);
    // The crashed holder's settle changes nothing: its claim was taken over.
    let stale = store.settle_welcome(id, 1, ConfirmationOutcome::Sent, lease).await.unwrap();
    assert!(!stale);
    let retry = ConfirmationOutcome::RetryAt(retry_at);
    assert!(store.settle_welcome(id, 2, retry, lease).await.unwrap());
    assert!(store.due_welcomes(lease, 10).await.unwrap().is_empty());
    assert_eq!(store.claim_welcome(id, lease, retry_at).await.unwrap(), None);
    let last = store.claim_welcome(id, retry_at, retry_at + Duration::seconds(45)).await.unwrap();
    assert!(last.is_some());
    assert!(store.settle_welcome(id, 3, ConfirmationOutcome::Sent, retry_at).await.unwrap());
    assert_eq!(store.welcome_mails_of(subscriber).await.unwrap(), vec!["sent".to_owned()]);
    assert_eq!(store.owed_welcome(subscriber).await.unwrap(), None);
    // Settled is final: another settle or claim changes nothing.
    assert!(!store.settle_welcome(id, 3, ConfirmationOutcome::Failed, retry_at).await.unwrap());
    assert_eq!(store.welcome_mails_of(subscriber).await.unwrap(), vec!["sent".to_owned()]);
    let later = retry_at + Duration::hours(1);
    assert_eq!(store.claim_welcome(id, later, later).await.unwrap(), None);
}
