//! Leases renewed by the heartbeat: a batch that outlives its first lease keeps sending while
//! its lease is renewed, and without renewal stops before the lease ends and hands the rest back
//! (matched on its claim token).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use common::*;
use rundbrief_core::Language;
use rundbrief_jobs::claims::renew_leases;
use rundbrief_jobs::transport::SendFuture;
use rundbrief_jobs::{DeliveryContext, DynTransport, deliver_batch};
use rundbrief_mail::Envelope;

/// Every message takes `step` of the test clock (and a little real time, so that a heartbeat
/// task gets its turn between two messages).
struct SlowTransport {
    clock: Arc<ManualClock>,
    step: Duration,
}

impl DynTransport for SlowTransport {
    fn send_boxed<'a>(&'a self, _: Envelope<'a>, _message: &'a [u8]) -> SendFuture<'a> {
        Box::pin(async move {
            self.clock.advance(self.step);
            tokio::time::sleep(Duration::from_millis(20)).await;
            Ok(())
        })
    }

    fn accepts_8bit(&self) -> bool {
        true
    }
}

/// Six messages of 3 s each, one at a time, under a 10 s lease: without renewal the fourth
/// would start within the last second of the lease.
async fn slow_batch(env: &Env) -> DeliveryContext {
    env.german_readers(6).await;
    let mut config = config();
    config.lease = Duration::from_secs(10);
    config.send_concurrency = 1;
    let transport =
        Arc::new(SlowTransport { clock: env.clock.clone(), step: Duration::from_secs(3) });
    env.context_with(config, transport)
}

#[tokio::test]
async fn a_batch_whose_lease_is_renewed_sends_past_its_first_lease() {
    let env = env(SmtpServer::start()).await;
    let ctx = Arc::new(slow_batch(&env).await);
    let issue = env.sending_issue(&[(Language::De, true)]).await;
    let done = Arc::new(AtomicBool::new(false));
    let heartbeat = {
        let (ctx, done) = (Arc::clone(&ctx), Arc::clone(&done));
        tokio::spawn(async move {
            while !done.load(Ordering::Acquire) {
                renew_leases(&ctx).await;
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
        })
    };
    let outcome = deliver_batch(&ctx, issue, 10).await.unwrap();
    done.store(true, Ordering::Release);
    heartbeat.await.unwrap();
    assert_eq!((outcome.sent, outcome.deferred), (6, 0), "{outcome:?}");
}

#[tokio::test]
async fn without_renewal_a_batch_stops_before_its_lease_ends_and_hands_the_rest_back() {
    let env = env(SmtpServer::start()).await;
    let ctx = slow_batch(&env).await;
    let issue = env.sending_issue(&[(Language::De, true)]).await;
    let outcome = deliver_batch(&ctx, issue, 10).await.unwrap();
    assert_eq!((outcome.sent, outcome.deferred), (3, 3), "{outcome:?}");
    // Handed back by claim token: due again at once, no attempt used up.
    let again = env.store.claim_deliveries(issue, 10, env.now(), env.now(), "t#1").await.unwrap();
    assert_eq!(again.len(), 3);
    assert!(again.iter().all(|d| d.attempts == 1), "{again:?}");
}
