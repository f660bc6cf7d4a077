//! Contract tests of bounces and complaints (issue 20); part of [`crate::contract`], which runs
//! them on both backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rundbrief_core::model::BounceKind;

use super::*;
use crate::{BounceEffect, BounceSource, NewBounce, SoftBounceRule};

fn report(kind: BounceKind, subscriber: Option<SubscriberId>) -> NewBounce {
    NewBounce {
        kind,
        subscriber,
        delivery: None,
        confirmation: None,
        issue: None,
        status_code: Some("5.1.1".into()),
        diagnostic: Some("550 5.1.1 user unknown".into()),
        raw: Some(b"From: MAILER-DAEMON\r\n\r\nundeliverable".to_vec()),
        source: BounceSource::Smtp,
    }
}

fn soft(subscriber: SubscriberId) -> NewBounce {
    NewBounce { status_code: Some("4.2.2".into()), ..report(BounceKind::Soft, Some(subscriber)) }
}

async fn actions(store: &SharedStore, id: SubscriberId) -> Vec<ConsentAction> {
    store.consent_history(id).await.unwrap().into_iter().map(|e| e.action).collect()
}

pub async fn a_hard_bounce_suppresses_bounces_and_is_in_the_consent_log(store: SharedStore) {
    let id = add_active(&store, "weg@example.de", Language::De).await;
    let issue = snapshotted_issue(&store).await;
    let claimed = claim_at_t0(&store, issue, 10, "contract/worker/0#1").await;
    store.mark_sent(&[sent(claimed[0].id, "<m@example>", t0())]).await.unwrap();
    let at = t0() + Duration::hours(2);

    // The delivery names subscriber and issue; the fields given beside it do not count.
    let bounce = NewBounce { delivery: Some(claimed[0].id), ..report(BounceKind::Hard, None) };
    let outcome = store.record_bounce(&bounce, SoftBounceRule::default(), at).await.unwrap();
    assert_eq!(outcome.effect, BounceEffect::Bounced);
    assert_eq!((outcome.subscriber, outcome.issue), (Some(id), Some(issue)));
    assert_eq!(store.subscriber(id).await.unwrap().status, SubscriberStatus::Bounced);
    assert!(store.is_suppressed(&email("weg@example.de")).await.unwrap());
    assert_eq!(store.delivery(issue, id).await.unwrap().status, DeliveryStatus::Bounced);
    let history = store.consent_history(id).await.unwrap();
    assert_eq!(history.last().map(|e| (e.action, e.created_at)), Some((ConsentAction::Bounce, at)));

    let stored = store.bounces_of(id, 10).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].id, outcome.id);
    assert_eq!(stored[0].kind, BounceKind::Hard);
    assert_eq!((stored[0].issue_id, stored[0].delivery_id), (Some(issue), Some(claimed[0].id)));
    assert_eq!(stored[0].status_code.as_deref(), Some("5.1.1"));
    assert_eq!(stored[0].diagnostic.as_deref(), Some("550 5.1.1 user unknown"));
    assert_eq!((stored[0].received_at, stored[0].source), (at, BounceSource::Smtp));
    assert!(stored[0].has_raw);

    // A second report is stored, but the proof of consent gets no second event.
    let again = store.record_bounce(&bounce, SoftBounceRule::default(), at).await.unwrap();
    assert_eq!(again.effect, BounceEffect::Recorded);
    assert_eq!(store.bounces_of(id, 10).await.unwrap().len(), 2);
    let bounces = actions(&store, id).await.into_iter().filter(|a| *a == ConsentAction::Bounce);
    assert_eq!(bounces.count(), 1);

    // A delivery that does not exist is not guessed at; nothing is stored.
    let unknown = NewBounce { delivery: Some(DeliveryId(9_999)), ..report(BounceKind::Hard, None) };
    let err = store.record_bounce(&unknown, SoftBounceRule::default(), at).await.unwrap_err();
    assert_eq!(status_of(&err), "not found", "{err}");
    // Neither is a mail that is no report at all.
    let reply = report(BounceKind::AutoReply, Some(id));
    let err = store.record_bounce(&reply, SoftBounceRule::default(), at).await.unwrap_err();
    assert_eq!(status_of(&err), "invalid", "{err}");
    assert_eq!(store.bounces_of(id, 10).await.unwrap().len(), 2);
}

pub async fn soft_bounces_bounce_only_when_enough_fall_within_the_window(store: SharedStore) {
    let rule = SoftBounceRule::default();
    assert_eq!((rule.limit, rule.window), (3, Duration::days(30)));
    let old = add_active(&store, "alt@example.de", Language::De).await;
    let recent = add_active(&store, "voll@example.de", Language::De).await;

    // One 40 days ago and two now: only two within 30 days.
    let now = t0() + Duration::days(40);
    store.record_bounce(&soft(old), rule, t0()).await.unwrap();
    for _ in 0..2 {
        let outcome = store.record_bounce(&soft(old), rule, now).await.unwrap();
        assert_eq!(outcome.effect, BounceEffect::Recorded);
    }
    assert_eq!(store.record_bounce(&soft(recent), rule, now).await.unwrap().soft_in_window, 1);
    assert_eq!(store.subscriber(old).await.unwrap().status, SubscriberStatus::Active);
    assert!(!store.is_suppressed(&email("alt@example.de")).await.unwrap());
    assert!(!actions(&store, old).await.contains(&ConsentAction::Bounce));

    // Three within 30 days (the first 29 days before): bounced like a hard bounce.
    let second = store.record_bounce(&soft(recent), rule, now + Duration::days(1)).await.unwrap();
    assert_eq!((second.effect, second.soft_in_window), (BounceEffect::Recorded, 2));
    let third = store.record_bounce(&soft(recent), rule, now + Duration::days(29)).await.unwrap();
    assert_eq!((third.effect, third.soft_in_window), (BounceEffect::Bounced, 3));
    assert_eq!(store.subscriber(recent).await.unwrap().status, SubscriberStatus::Bounced);
    assert!(store.is_suppressed(&email("voll@example.de")).await.unwrap());
    assert_eq!(actions(&store, recent).await.last(), Some(&ConsentAction::Bounce));
    // The old one's third, now within the window with the other two, tips it over too.
    let tipped = store.record_bounce(&soft(old), rule, now + Duration::days(1)).await.unwrap();
    assert_eq!((tipped.effect, tipped.soft_in_window), (BounceEffect::Bounced, 3));
}

pub async fn a_complaint_suppresses_and_marks_the_subscriber_complained(store: SharedStore) {
    let id = add_active(&store, "spam@example.de", Language::De).await;
    let new = pending("neu@example.de", Language::De);
    let pending_one = store.create_subscriber(&new, t0()).await.unwrap().id;
    let complaint = report(BounceKind::Complaint, Some(id));
    let outcome = store.record_bounce(&complaint, SoftBounceRule::default(), t0()).await.unwrap();
    assert_eq!(outcome.effect, BounceEffect::Complained);
    assert_eq!(store.subscriber(id).await.unwrap().status, SubscriberStatus::Complained);
    assert!(store.is_suppressed(&email("spam@example.de")).await.unwrap());
    assert_eq!(actions(&store, id).await.last(), Some(&ConsentAction::Complaint));
    // Complained is final: a later hard bounce is stored, the status stays.
    let hard = report(BounceKind::Hard, Some(id));
    let later = store.record_bounce(&hard, SoftBounceRule::default(), t0()).await.unwrap();
    assert_eq!(later.effect, BounceEffect::Recorded);
    assert_eq!(store.subscriber(id).await.unwrap().status, SubscriberStatus::Complained);

    // A confirmation mail that bounces names its pending subscriber, who stays pending but
    // can no longer be confirmed.
    let mail = store
        .request_confirmation(pending_one, SubscriberStatus::Pending, &[], None, None, t0())
        .await
        .unwrap();
    let bounce = NewBounce { confirmation: Some(mail), ..report(BounceKind::Hard, None) };
    let outcome = store.record_bounce(&bounce, SoftBounceRule::default(), t0()).await.unwrap();
    assert_eq!((outcome.effect, outcome.subscriber), (BounceEffect::Bounced, Some(pending_one)));
    assert_eq!(store.subscriber(pending_one).await.unwrap().status, SubscriberStatus::Pending);
    let err =
        store.set_subscriber_status(pending_one, SubscriberStatus::Active, t0()).await.unwrap_err();
    assert_eq!(status_of(&err), "suppressed", "{err}");
}

pub async fn bounces_are_counted_per_issue_and_language(store: SharedStore) {
    let de = add_active(&store, "de@example.de", Language::De).await;
    let pl = add_active(&store, "pl@example.pl", Language::Pl).await;
    let pl_two = add_active(&store, "pl2@example.pl", Language::Pl).await;
    let issue = snapshotted_issue(&store).await;
    let other = snapshotted_issue(&store).await;
    let claimed = claim_at_t0(&store, issue, 10, "contract/worker/0#2").await;
    let id_of = |s: SubscriberId| claimed.iter().find(|d| d.subscriber_id == s).unwrap().id;
    // The Polish readers got the German variant: counts follow the variant sent.
    let sent_in = |s, language| SentDelivery {
        id: id_of(s),
        language,
        message_id: format!("<{}@example>", s),
        at: t0(),
    };
    let marks =
        [sent_in(de, Language::De), sent_in(pl, Language::De), sent_in(pl_two, Language::Pl)];
    store.mark_sent(&marks).await.unwrap();
    let rule = SoftBounceRule::default();
    let of = |s, kind| NewBounce { delivery: Some(id_of(s)), ..report(kind, None) };
    store.record_bounce(&of(de, BounceKind::Hard), rule, t0()).await.unwrap();
    store.record_bounce(&of(pl, BounceKind::Soft), rule, t0()).await.unwrap();
    store.record_bounce(&of(pl, BounceKind::Soft), rule, t0()).await.unwrap();
    store.record_bounce(&of(pl_two, BounceKind::Complaint), rule, t0()).await.unwrap();
    // Of this issue, but no delivery known: counted without a language.
    let loose = NewBounce { issue: Some(issue), ..report(BounceKind::Hard, None) };
    store.record_bounce(&loose, rule, t0()).await.unwrap();

    let counts = store.bounce_counts(issue).await.unwrap();
    let row = |c: &crate::BounceCount| (c.language, c.hard, c.soft, c.complaint);
    assert_eq!(
        counts.iter().map(row).collect::<Vec<_>>(),
        vec![(Some(Language::De), 1, 2, 0), (Some(Language::Pl), 0, 0, 1), (None, 1, 0, 0)]
    );
    assert!(store.bounce_counts(other).await.unwrap().is_empty());
    // A soft bounce leaves the delivery as it was; a complaint is about a mail that arrived.
    assert_eq!(store.delivery(issue, pl).await.unwrap().status, DeliveryStatus::Sent);
    assert_eq!(store.delivery(issue, pl_two).await.unwrap().status, DeliveryStatus::Sent);
}

pub async fn purging_removes_old_raw_mails_and_keeps_the_rows(store: SharedStore) {
    let id = add_active(&store, "alt@example.de", Language::De).await;
    let rule = SoftBounceRule::default();
    let old = store.record_bounce(&soft(id), rule, t0()).await.unwrap();
    let young = store.record_bounce(&soft(id), rule, t0() + Duration::days(20)).await.unwrap();
    let raw = b"From: MAILER-DAEMON\r\n\r\nundeliverable".to_vec();
    assert_eq!(store.bounce_mail(old.id).await.unwrap(), Some(raw.clone()));

    let purged = store.purge_bounce_mails(t0() + Duration::days(10)).await.unwrap();
    assert_eq!(purged, 1);
    assert_eq!(store.bounce_mail(old.id).await.unwrap(), None);
    assert_eq!(store.bounce_mail(young.id).await.unwrap(), Some(raw));
    let kept = store.bounces_of(id, 10).await.unwrap();
    assert_eq!(
        kept.iter().map(|b| (b.id, b.has_raw)).collect::<Vec<_>>(),
        [(young.id, true), (old.id, false)]
    );
    // The row still counts towards the rule after its mail is gone.
    let third = store.record_bounce(&soft(id), rule, t0() + Duration::days(25)).await.unwrap();
    assert_eq!(third.effect, BounceEffect::Bounced);
    // Purging again finds nothing.
    assert_eq!(store.purge_bounce_mails(t0() + Duration::days(10)).await.unwrap(), 0);
    let err = store.bounce_mail(9_999).await.unwrap_err();
    assert_eq!(status_of(&err), "not found", "{err}");
}
