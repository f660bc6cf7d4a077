//! Refusals while sending are stored as bounces (issue 20): an unknown recipient as a hard one,
//! a full mailbox as a soft one that fails only its delivery until enough of them come
//! together. Real SQLite store, real SMTP over loopback TCP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use rundbrief_core::model::{BounceKind, ConsentAction, DeliveryStatus};
use rundbrief_core::{EmailAddress, Language, SubscriberStatus};
use rundbrief_jobs::deliver_batch;
use rundbrief_store::{BounceSource, SoftBounceRule};

#[tokio::test]
async fn an_unknown_recipient_is_stored_as_a_hard_bounce_with_its_consent_event() {
    let server = SmtpServer::start();
    server.reply_to_rcpt("gone@example.org", "550 5.1.1 <gone@example.org>: User unknown", 9);
    let env = env(server).await;
    let gone = env.subscriber("gone@example.org", Language::De).await;
    let issue = env.sending_issue(&[(Language::De, true)]).await;
    let outcome = deliver_batch(&env.context(config()), issue, 10).await.unwrap();
    assert_eq!(outcome.bounced, 1, "{outcome:?}");

    let stored = env.store.bounces_of(gone, 10).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!((stored[0].kind, stored[0].source), (BounceKind::Hard, BounceSource::Send));
    assert_eq!(stored[0].issue_id, Some(issue));
    assert_eq!(stored[0].status_code.as_deref(), Some("550 5.1.1"));
    let diagnostic = stored[0].diagnostic.clone().unwrap();
    assert!(!diagnostic.contains("gone@example.org"), "no address kept: {diagnostic}");
    assert!(!stored[0].has_raw);
    let history = env.store.consent_history(gone).await.unwrap();
    assert_eq!(history.last().map(|e| e.action), Some(ConsentAction::Bounce));
    assert_eq!(env.store.subscriber(gone).await.unwrap().status, SubscriberStatus::Bounced);
    assert_eq!(env.store.delivery(issue, gone).await.unwrap().status, DeliveryStatus::Bounced);
    let counts = env.store.bounce_counts(issue).await.unwrap();
    assert_eq!(
        counts.iter().map(|c| (c.language, c.hard)).collect::<Vec<_>>(),
        [(Some(Language::De), 1)]
    );
}

#[tokio::test]
async fn a_full_mailbox_fails_the_delivery_and_counts_as_a_soft_bounce() {
    let server = SmtpServer::start();
    server.reply_to_rcpt("full@example.org", "552 5.2.2 Mailbox full", usize::MAX);
    let env = env(server).await;
    let full = env.subscriber("full@example.org", Language::De).await;
    let address = EmailAddress::parse("full@example.org").unwrap();

    // The first full mailbox fails its delivery and is counted; the reader stays a reader.
    let first = env.sending_issue(&[(Language::De, true)]).await;
    let outcome = deliver_batch(&env.context(config()), first, 10).await.unwrap();
    assert_eq!((outcome.failed, outcome.bounced), (1, 0), "{outcome:?}");
    assert_eq!(env.store.delivery(first, full).await.unwrap().status, DeliveryStatus::Failed);
    assert_eq!(env.store.subscriber(full).await.unwrap().status, SubscriberStatus::Active);
    assert!(!env.store.is_suppressed(&address).await.unwrap());
    let stored = env.store.bounces_of(full, 10).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!((stored[0].kind, stored[0].source), (BounceKind::Soft, BounceSource::Send));
    assert_eq!(stored[0].status_code.as_deref(), Some("552 5.2.2"));

    // With a rule of two, the second issue's refusal makes the address bounced.
    let mut two = config();
    two.soft_bounces = SoftBounceRule { limit: 2, ..SoftBounceRule::default() };
    let second = env.sending_issue(&[(Language::De, true)]).await;
    deliver_batch(&env.context(two), second, 10).await.unwrap();
    assert_eq!(env.store.delivery(second, full).await.unwrap().status, DeliveryStatus::Failed);
    assert_eq!(env.store.subscriber(full).await.unwrap().status, SubscriberStatus::Bounced);
    assert!(env.store.is_suppressed(&address).await.unwrap());
    assert_eq!(env.store.bounces_of(full, 10).await.unwrap().len(), 2);
}
