//! Who holds the claims of this process, and the heartbeat that keeps them.
//!
//! Every batch claims its deliveries under a token of its own, `{worker}#{incarnation}.{n}`:
//! the worker identity of the process (`identity`; a restarted process on the same machine and
//! role takes its predecessor's over and hands back what that one held), a random number per
//! process start and the batch's number. While a batch works, it is registered here; the
//! heartbeat renews the leases of every registered batch every few seconds, so a lease can be
//! short (a dead worker's claims are taken over within it) and still never run out under a
//! live batch, however long its sends take. The renewed lease is what a message checks right
//! before it goes on the wire; a batch that cannot renew (database gone) stops sending once
//! its lease is about to run out.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rundbrief_core::IssueId;
use rundbrief_store::{StoreResult, check_worker, claim_token};
use time::OffsetDateTime;

use crate::deliver::DeliveryContext;

/// The claims of the batches running in this process.
#[derive(Debug)]
pub struct Claims {
    worker: Mutex<Arc<str>>,
    incarnation: String,
    next: AtomicU64,
    held: Mutex<HashMap<u64, Arc<HeldClaim>>>,
}

impl Default for Claims {
    fn default() -> Self {
        // Until `set_worker`: unique to this process, so that nobody else releases its claims.
        let worker = format!("process-{}", std::process::id());
        Self {
            worker: Mutex::new(worker.into()),
            incarnation: format!("{:08x}", rand::random::<u32>()),
            next: AtomicU64::new(1),
            held: Mutex::new(HashMap::new()),
        }
    }
}

impl Claims {
    /// The worker identity claims are made under from now on (see `identity::acquire`).
    pub fn set_worker(&self, worker: &str) -> StoreResult<()> {
        check_worker(worker)?;
        if let Ok(mut current) = self.worker.lock() {
            *current = worker.into();
        }
        Ok(())
    }

    pub fn worker(&self) -> Arc<str> {
        self.worker.lock().map(|w| Arc::clone(&w)).unwrap_or_else(|_| "unknown".into())
    }

    /// A new claim token for a batch of `issue` leased until `lease_until`, registered for the
    /// heartbeat until the returned guard is dropped.
    pub(crate) fn begin(
        &self,
        issue: IssueId,
        lease_until: OffsetDateTime,
    ) -> StoreResult<ClaimGuard<'_>> {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let token = claim_token(&self.worker(), &format!("{}.{n}", self.incarnation))?;
        let held =
            Arc::new(HeldClaim { issue, token, lease_until: Mutex::new(whole(lease_until)) });
        if let Ok(mut all) = self.held.lock() {
            all.insert(n, Arc::clone(&held));
        }
        Ok(ClaimGuard { claims: self, key: n, held })
    }

    fn held(&self) -> Vec<Arc<HeldClaim>> {
        self.held.lock().map(|all| all.values().cloned().collect()).unwrap_or_default()
    }
}

/// One batch's claim: its token and how long its lease runs as far as this process knows (the
/// database has it at least as long).
#[derive(Debug)]
pub(crate) struct HeldClaim {
    issue: IssueId,
    token: String,
    lease_until: Mutex<OffsetDateTime>,
}

impl HeldClaim {
    pub(crate) fn token(&self) -> &str {
        &self.token
    }

    pub(crate) fn lease_until(&self) -> OffsetDateTime {
        self.lease_until.lock().map(|t| *t).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }

    fn renewed(&self, until: OffsetDateTime) {
        if let Ok(mut lease) = self.lease_until.lock() {
            *lease = (*lease).max(until);
        }
    }
}

/// Keeps a batch's claim registered for the heartbeat while the batch runs.
pub(crate) struct ClaimGuard<'a> {
    claims: &'a Claims,
    key: u64,
    held: Arc<HeldClaim>,
}

impl ClaimGuard<'_> {
    pub(crate) fn held(&self) -> &HeldClaim {
        &self.held
    }
}

impl Drop for ClaimGuard<'_> {
    fn drop(&mut self) {
        if let Ok(mut all) = self.claims.held.lock() {
            all.remove(&self.key);
        }
    }
}

/// The store keeps whole seconds; so does what a batch believes about its lease.
fn whole(t: OffsetDateTime) -> OffsetDateTime {
    t.replace_nanosecond(0).unwrap_or(t)
}

/// How often the heartbeat renews: six times per lease (at least every 10 s, at most every
/// 250 ms), so a lease has about five sixths of its length left after each renewal, far above
/// the margin a send requires.
pub fn heartbeat_interval(lease: Duration) -> Duration {
    (lease / 6).clamp(Duration::from_millis(250), Duration::from_secs(10))
}

/// Renews the lease of every batch of this process once: each to a full lease from now.
/// A failed renewal leaves that batch's lease as it was; the database watcher reports outages.
pub async fn renew_leases(ctx: &DeliveryContext) {
    for held in ctx.claims().held() {
        let until = whole(ctx.now() + ctx.config().lease);
        match ctx.store().renew_claims(held.issue, &held.token, until).await {
            Ok(_) => held.renewed(until),
            Err(error) => {
                tracing::debug!(issue_id = %held.issue, %error, "lease not renewed this time")
            }
        }
    }
}

/// Renews the leases of this process's batches every [`heartbeat_interval`], forever; run it
/// on a task of its own beside the workers and abort it when they stop.
pub async fn heartbeat(ctx: &DeliveryContext) {
    let mut tick = tokio::time::interval(heartbeat_interval(ctx.config().lease));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        renew_leases(ctx).await;
    }
}
