//! `deliver_batch` against a real SQLite store and real SMTP over loopback TCP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::*;
use mail_parser::MessageParser;
use rundbrief_core::model::{DeliveryStatus, IssueStatus};
use rundbrief_core::{
    EmailAddress, IssueId, Language, SubscriberId, SubscriberStatus, TokenPurpose, TokenSigner,
};
use rundbrief_jobs::{BatchOutcome, DeliveryConfig, DeliveryContext, NextStep, deliver_batch};

/// Runs batches until the issue is finished, moving the clock over waits; returns the outcomes.
async fn drain(env: &Env, ctx: &DeliveryContext, issue: IssueId, batch: u32) -> Vec<BatchOutcome> {
    let mut outcomes = Vec::new();
    for _ in 0..50 {
        let outcome = deliver_batch(ctx, issue, batch).await.unwrap();
        outcomes.push(outcome);
        match outcome.next {
            NextStep::Continue => {}
            NextStep::WaitFor(wait) => env.clock.advance(wait),
            NextStep::Finished | NextStep::Halted(_) => return outcomes,
        }
    }
    panic!("issue {issue} not finished after 50 batches: {outcomes:?}");
}

async fn status(env: &Env, issue: IssueId, subscriber: SubscriberId) -> DeliveryStatus {
    env.store.delivery(issue, subscriber).await.unwrap().status
}

#[tokio::test]
async fn every_recipient_gets_exactly_one_mail_in_their_language_or_the_fallback() {
    let env = env(SmtpServer::start()).await;
    let anna = env.subscriber("anna@example.org", Language::De).await;
    let piotr = env.subscriber("piotr@example.org", Language::Pl).await;
    let marie = env.subscriber("marie@example.org", Language::Fr).await;
    // English is written but not ready, Maltese not written: both fall back to German.
    let john = env.subscriber("john@example.org", Language::En).await;
    let maria = env.subscriber("maria@example.org", Language::Mt).await;
    // Leaves after the audience was snapshotted: must not be mailed.
    let leaver = env.subscriber("leaver@example.org", Language::De).await;
    let issue = env
        .sending_issue(&[
            (Language::De, true),
            (Language::Pl, true),
            (Language::Fr, true),
            (Language::En, false),
        ])
        .await;
    env.store
        .set_subscriber_status(leaver, SubscriberStatus::Unsubscribed, env.now())
        .await
        .unwrap();
    let ctx = env.context(config());

    let outcomes = drain(&env, &ctx, issue, 2).await;

    assert_eq!(outcomes.last().unwrap().next, NextStep::Finished);
    let sent: usize = outcomes.iter().map(|o| o.sent).sum();
    let skipped: usize = outcomes.iter().map(|o| o.skipped).sum();
    assert_eq!((sent, skipped), (5, 1), "{outcomes:?}");

    let counts = env.server.counts();
    assert_eq!(counts.len(), 5, "{counts:?}");
    assert!(counts.values().all(|&n| n == 1), "duplicates: {counts:?}");
    assert!(!counts.contains_key("leaver@example.org"));

    let signer = TokenSigner::new(&SIGNING_KEY).unwrap();
    let expected = [
        ("anna@example.org", anna, Language::De),
        ("piotr@example.org", piotr, Language::Pl),
        ("marie@example.org", marie, Language::Fr),
        ("john@example.org", john, Language::De),
        ("maria@example.org", maria, Language::De),
    ];
    for (address, id, language) in expected {
        let raw = mail_to(&env.server, address);
        let mail = MessageParser::default().parse(&raw).unwrap();
        let subject = mail.subject().unwrap();
        assert!(subject.starts_with(&format!("[{}]", language.code())), "{address}: {subject}");
        assert!(subject.ends_with(&format!("Name {}", address.split('@').next().unwrap())));
        let content_language = mail.header_raw("Content-Language").unwrap().trim().to_owned();
        assert_eq!(content_language, language.code(), "{address}");

        // The one-click unsubscribe link is signed for this subscriber under the public URL.
        let list_unsubscribe = mail.header_raw("List-Unsubscribe").unwrap();
        let prefix = format!("<{PUBLIC_URL}/unsubscribe/");
        let start = list_unsubscribe.find(&prefix).unwrap() + prefix.len();
        let token: String = list_unsubscribe[start..].chars().take_while(|c| *c != '>').collect();
        let token: String = token.split_whitespace().collect();
        assert_eq!(signer.verify(&token, TokenPurpose::Unsubscribe, env.now()), Ok(id.0));
        assert!(mail.header_raw("List-Unsubscribe-Post").is_some());
        let html = mail.body_html(0).unwrap();
        assert!(html.contains(&format!("{PUBLIC_URL}/preferences/")), "{address}");

        let delivery = env.store.delivery(issue, id).await.unwrap();
        assert_eq!(delivery.status, DeliveryStatus::Sent);
        assert_eq!(delivery.language, Some(language));
        assert_eq!(delivery.attempts, 1);
        let message_id = mail.message_id().unwrap();
        assert_eq!(delivery.message_id.as_deref(), Some(message_id));
    }
    assert_eq!(status(&env, issue, leaver).await, DeliveryStatus::Skipped);
    assert_eq!(env.store.issue(issue).await.unwrap().status, IssueStatus::Sent);

    // Running again after the end sends nothing more.
    let again = deliver_batch(&ctx, issue, 10).await.unwrap();
    assert_eq!(again.next, NextStep::Halted(IssueStatus::Sent));
    assert_eq!(env.server.messages().len(), 5);
}

#[tokio::test]
async fn greylisted_recipients_are_retried_later_and_delivered_once() {
    let server = SmtpServer::start();
    server.reply_to_rcpt("grey1@example.org", "451 4.7.1 Greylisted, try again later", 1);
    server.reply_to_rcpt("grey2@example.org", "451 4.7.1 Greylisted, try again later", 2);
    let env = env(server).await;
    let fine = env.subscriber("fine@example.org", Language::De).await;
    let grey1 = env.subscriber("grey1@example.org", Language::De).await;
    let grey2 = env.subscriber("grey2@example.org", Language::Pl).await;
    let issue = env.sending_issue(&[(Language::De, true), (Language::Pl, true)]).await;
    let ctx = env.context(config());

    let first = deliver_batch(&ctx, issue, 10).await.unwrap();
    assert_eq!((first.sent, first.retried), (1, 2), "{first:?}");
    assert!(matches!(first.next, NextStep::WaitFor(_)), "{first:?}");
    let waiting = env.store.delivery(issue, grey1).await.unwrap();
    assert_eq!(waiting.status, DeliveryStatus::Pending);
    let retry_at = waiting.next_attempt_at.unwrap();
    // Backoff with jitter: between half and all of the 10 s base after the first attempt.
    assert!(retry_at >= env.now() + Duration::from_secs(4), "{retry_at}");
    assert!(retry_at <= env.now() + Duration::from_secs(10), "{retry_at}");
    assert!(waiting.last_error.unwrap().contains("451"));

    // Not due yet: nothing is claimed.
    let early = deliver_batch(&ctx, issue, 10).await.unwrap();
    assert_eq!(early.claimed, 0);

    let rest = drain(&env, &ctx, issue, 10).await;
    assert_eq!(rest.last().unwrap().next, NextStep::Finished, "{rest:?}");

    let counts = env.server.counts();
    for address in ["fine@example.org", "grey1@example.org", "grey2@example.org"] {
        assert_eq!(counts.get(address), Some(&1), "{address}: {counts:?}");
    }
    assert_eq!(env.server.rejected().len(), 3);
    for (id, attempts) in [(fine, 1), (grey1, 2), (grey2, 3)] {
        let delivery = env.store.delivery(issue, id).await.unwrap();
        assert_eq!(delivery.status, DeliveryStatus::Sent);
        assert_eq!(delivery.attempts, attempts);
    }
}

#[tokio::test]
async fn unknown_user_suppresses_exactly_that_address() {
    let server = SmtpServer::start();
    server.reply_to_rcpt(
        "gone@example.org",
        "550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown",
        usize::MAX,
    );
    server.reply_to_rcpt("policy@example.org", "554 5.7.1 Rejected by policy", usize::MAX);
    let env = env(server).await;
    let gone = env.subscriber("gone@example.org", Language::De).await;
    let policy = env.subscriber("policy@example.org", Language::De).await;
    let fine = env.subscriber("fine@example.org", Language::De).await;
    let issue = env.sending_issue(&[(Language::De, true)]).await;
    let ctx = env.context(config());

    let outcome = deliver_batch(&ctx, issue, 10).await.unwrap();
    assert_eq!((outcome.sent, outcome.bounced, outcome.failed), (1, 1, 1), "{outcome:?}");
    assert_eq!(outcome.next, NextStep::Finished);

    let email = |s: &str| EmailAddress::parse(s).unwrap();
    assert!(env.store.is_suppressed(&email("gone@example.org")).await.unwrap());
    assert!(!env.store.is_suppressed(&email("policy@example.org")).await.unwrap());
    assert!(!env.store.is_suppressed(&email("fine@example.org")).await.unwrap());

    let bounced = env.store.delivery(issue, gone).await.unwrap();
    assert_eq!(bounced.status, DeliveryStatus::Bounced);
    let error = bounced.last_error.unwrap();
    assert!(error.contains("5.1.1"), "{error}");
    assert!(!error.contains("gone@example.org"), "the ledger keeps no address: {error}");
    assert_eq!(env.store.subscriber(gone).await.unwrap().status, SubscriberStatus::Bounced);
    assert_eq!(status(&env, issue, policy).await, DeliveryStatus::Failed);
    assert_eq!(env.store.subscriber(policy).await.unwrap().status, SubscriberStatus::Active);
    assert_eq!(status(&env, issue, fine).await, DeliveryStatus::Sent);
    assert_eq!(env.server.counts().len(), 1);
}

#[tokio::test]
async fn transient_failures_stop_after_max_attempts() {
    let server = SmtpServer::start();
    server.reply_to_rcpt("full@example.org", "452 4.2.2 Mailbox full", usize::MAX);
    let env = env(server).await;
    let full = env.subscriber("full@example.org", Language::De).await;
    let issue = env.sending_issue(&[(Language::De, true)]).await;
    let mut config = config();
    config.retry.max_attempts = 3;
    let ctx = env.context(config);

    let outcomes = drain(&env, &ctx, issue, 10).await;

    let retried: usize = outcomes.iter().map(|o| o.retried).sum();
    let failed: usize = outcomes.iter().map(|o| o.failed).sum();
    assert_eq!((retried, failed), (2, 1), "{outcomes:?}");
    let delivery = env.store.delivery(issue, full).await.unwrap();
    assert_eq!((delivery.status, delivery.attempts), (DeliveryStatus::Failed, 3));
    assert_eq!(env.server.rejected().len(), 3);
    assert!(env.server.messages().is_empty());
    // A full mailbox says nothing about the address existing.
    let address = EmailAddress::parse("full@example.org").unwrap();
    assert!(!env.store.is_suppressed(&address).await.unwrap());
}

#[tokio::test]
async fn a_paused_issue_sends_nothing() {
    let env = env(SmtpServer::start()).await;
    env.subscriber("anna@example.org", Language::De).await;
    let issue = env.sending_issue(&[(Language::De, true)]).await;
    env.store
        .transition_issue(issue, IssueStatus::Sending, IssueStatus::Paused, None, env.now())
        .await
        .unwrap();
    let ctx = env.context(config());

    let outcome = deliver_batch(&ctx, issue, 10).await.unwrap();

    assert_eq!(outcome.next, NextStep::Halted(IssueStatus::Paused));
    assert_eq!(outcome.claimed, 0);
    assert!(env.server.messages().is_empty());
}

#[tokio::test]
async fn deliveries_of_a_dead_worker_are_taken_over_after_their_lease_and_sent_once() {
    let (env, issue) = german_campaign(6).await;
    let config = config();
    let lease = config.lease;
    let ctx = env.context(config);

    // A worker claims half the audience and dies before sending anything.
    let now = env.now();
    let orphaned =
        env.store.claim_deliveries(issue, 3, now, now + lease, "test/worker/0#1").await.unwrap();
    assert_eq!(orphaned.len(), 3);

    // The live worker sends the rest; the orphaned rows stay untouched while their lease runs.
    let live = deliver_batch(&ctx, issue, 10).await.unwrap();
    assert_eq!(live.sent, 3, "{live:?}");
    assert!(matches!(live.next, NextStep::WaitFor(_)), "{live:?}");
    assert_eq!(env.server.messages().len(), 3);

    env.clock.advance(lease + Duration::from_secs(1));
    let rest = drain(&env, &ctx, issue, 10).await;
    assert_eq!(rest.last().unwrap().next, NextStep::Finished, "{rest:?}");

    let counts = env.server.counts();
    assert_eq!(counts.len(), 6);
    assert!(counts.values().all(|&n| n == 1), "{counts:?}");
    for delivery in orphaned {
        let now = env.store.delivery(issue, delivery.subscriber_id).await.unwrap();
        assert_eq!((now.status, now.attempts), (DeliveryStatus::Sent, 2));
    }
}

#[tokio::test]
async fn a_daily_cap_holds_the_rest_until_the_window_has_moved() {
    let (env, issue) = german_campaign(8).await;
    let ctx = env.context(DeliveryConfig { daily_cap: Some(5), ..config() });

    let first = deliver_batch(&ctx, issue, 3).await.unwrap();
    let second = deliver_batch(&ctx, issue, 3).await.unwrap();
    assert_eq!((first.sent, second.sent), (3, 2), "the second batch is cut to the cap");
    let held = deliver_batch(&ctx, issue, 3).await.unwrap();
    assert_eq!(held.claimed, 0);
    assert!(matches!(held.next, NextStep::WaitFor(_)), "{held:?}");
    assert_eq!(env.server.messages().len(), 5);

    // A day later the window has moved past the first five.
    env.clock.advance(Duration::from_secs(24 * 3600 + 1));
    let outcomes = drain(&env, &ctx, issue, 3).await;
    assert_eq!(outcomes.iter().map(|o| o.sent).sum::<usize>(), 3);
    assert_eq!(env.server.counts().len(), 8);
    assert!(env.server.counts().values().all(|&n| n == 1));
}

#[tokio::test]
async fn the_send_rate_spaces_messages_evenly() {
    let (env, issue) = german_campaign(6).await;
    let ctx = env.context(DeliveryConfig { rate: Some(10.0), ..config() });

    let started = std::time::Instant::now();
    let outcome = deliver_batch(&ctx, issue, 10).await.unwrap();
    let elapsed = started.elapsed();

    assert_eq!(outcome.sent, 6);
    // Six sends at ten per second: the sixth waits for its slot at 0.5 s, however many
    // sends run concurrently.
    assert!(elapsed >= Duration::from_millis(500), "{elapsed:?}");
}

#[tokio::test]
async fn an_issue_paused_mid_batch_hands_the_rest_back_at_once() {
    let (env, issue) = german_campaign(6).await;
    let config = DeliveryConfig { rate: Some(4.0), send_concurrency: 1, ..config() };
    let ctx = std::sync::Arc::new(env.context(config));

    let batch = {
        let ctx = std::sync::Arc::clone(&ctx);
        tokio::spawn(async move { deliver_batch(&ctx, issue, 10).await })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    env.store
        .transition_issue(issue, IssueStatus::Sending, IssueStatus::Paused, None, env.now())
        .await
        .unwrap();
    let outcome = batch.await.unwrap().unwrap();

    assert!(outcome.sent < 6, "{outcome:?}");
    assert_eq!(outcome.sent + outcome.deferred, 6, "{outcome:?}");
    // Handed back: due again at once after a resume, with no attempt used up.
    env.store
        .transition_issue(issue, IssueStatus::Paused, IssueStatus::Sending, None, env.now())
        .await
        .unwrap();
    let claimed = env
        .store
        .claim_deliveries(issue, 10, env.now(), env.now(), "test/worker/0#2")
        .await
        .unwrap();
    assert_eq!(claimed.len(), outcome.deferred);
    assert!(claimed.iter().all(|d| d.attempts == 1), "{claimed:?}");
}

/// Once the pool has seen the server offer 8BITMIME, campaign mails go with 8-bit parts and
/// `BODY=8BITMIME`; to a server without it, every mail stays 7-bit clean. Readers get the same
/// text either way.
#[tokio::test]
async fn campaigns_use_8bitmime_only_where_the_server_offers_it() {
    for offers_8bit in [true, false] {
        let server = SmtpServer::start();
        if !offers_8bit {
            server.without_8bitmime();
        }
        let env = env(server).await;
        let mut addresses = Vec::new();
        for i in 0..4 {
            let address = format!("reader{i}@example.org");
            env.subscriber(&address, Language::De).await;
            addresses.push(address);
        }
        let issue = env.sending_issue(&[(Language::De, true)]).await;
        let ctx = env.context(config());
        drain(&env, &ctx, issue, 1).await;

        let received = env.server.messages();
        assert_eq!(received.len(), 4);
        for (index, message) in received.iter().enumerate() {
            let raw = &message.data;
            let eight_bit_parts = String::from_utf8_lossy(raw)
                .split("\r\n")
                .filter(|line| *line == "Content-Transfer-Encoding: 8bit")
                .count();
            if offers_8bit && index > 0 {
                // The first mail may be written before the pool has spoken to the server.
                assert!(message.declared_8bit, "mail {index}");
                assert!(eight_bit_parts > 0, "mail {index}");
            }
            if !offers_8bit {
                assert!(!message.declared_8bit && raw.is_ascii(), "mail {index}");
            }
            assert!(message.html().contains("Was sich ändert"), "mail {index}");
        }
    }
}

/// Sends through the test server, but from the first message on holds SQLite's write lock
/// (so no `sent` mark can commit) until no further message has been handed over for a while,
/// and records how many were handed over by then.
struct MarksHeldBack {
    smtp: rundbrief_mail::SmtpTransport,
    db_url: String,
    handed_over: Arc<AtomicUsize>,
    while_held: Arc<AtomicUsize>,
    lock_taken: tokio::sync::OnceCell<()>,
}

impl MarksHeldBack {
    async fn hold_the_write_lock(&self) {
        use sqlx::Connection as _;
        let mut holder = sqlx::SqliteConnection::connect(&self.db_url).await.unwrap();
        sqlx::query("BEGIN IMMEDIATE").execute(&mut holder).await.unwrap();
        let handed_over = Arc::clone(&self.handed_over);
        let while_held = Arc::clone(&self.while_held);
        tokio::spawn(async move {
            let mut seen = usize::MAX;
            loop {
                tokio::time::sleep(Duration::from_millis(300)).await;
                let now = handed_over.load(Ordering::SeqCst);
                if now == seen {
                    break;
                }
                seen = now;
            }
            while_held.store(seen, Ordering::SeqCst);
            sqlx::query("ROLLBACK").execute(&mut holder).await.unwrap();
        });
    }
}

impl rundbrief_mail::Transport for MarksHeldBack {
    async fn send(
        &self,
        envelope: rundbrief_mail::Envelope<'_>,
        message: &[u8],
    ) -> Result<(), rundbrief_mail::SendError> {
        // Every send waits for the lock, so none can be marked before it is held.
        self.lock_taken.get_or_init(|| self.hold_the_write_lock()).await;
        self.handed_over.fetch_add(1, Ordering::SeqCst);
        rundbrief_mail::Transport::send(&self.smtp, envelope, message).await
    }
}

#[tokio::test]
async fn while_marks_cannot_commit_at_most_twice_the_send_slots_go_out() {
    let (env, issue) = german_campaign(30).await;
    let config = config();
    let in_flight_bound = 2 * config.send_concurrency;
    let transport = Arc::new(MarksHeldBack {
        smtp: env.smtp.clone(),
        db_url: env.db_url.clone(),
        handed_over: Arc::new(AtomicUsize::new(0)),
        while_held: Arc::new(AtomicUsize::new(0)),
        lock_taken: tokio::sync::OnceCell::new(),
    });
    let ctx = env.context_with(config, transport.clone());

    let outcome = deliver_batch(&ctx, issue, 30).await.unwrap();

    let while_held = transport.while_held.load(Ordering::SeqCst);
    assert!(
        (1..=in_flight_bound).contains(&while_held),
        "{while_held} messages went out while no mark could commit; the bound is {in_flight_bound}"
    );
    assert_eq!(outcome.sent, 30, "{outcome:?}");
    let counts = env.server.counts();
    assert_eq!(counts.len(), 30);
    assert!(counts.values().all(|&n| n == 1), "{counts:?}");
}
