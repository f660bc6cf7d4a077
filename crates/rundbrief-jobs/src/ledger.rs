//! What a batch does with the ledger around its sends: how many the sending caps still allow,
//! whether anything of the issue is left (and marking it `sent` when not), and handing the
//! claims of a failed batch back.

use std::sync::Arc;
use std::time::Duration;

use rundbrief_core::model::IssueStatus;
use rundbrief_core::{DeliveryId, IssueId};
use rundbrief_store::StoreError;
use time::OffsetDateTime;

use crate::deliver::{DeliveryContext, NextStep};
use crate::error::JobError;

/// How long a batch that hit a sending cap waits before looking again.
pub(crate) const CAP_RECHECK: Duration = Duration::from_secs(60);

/// How many more messages the hourly and daily caps allow right now; `None` without caps.
/// What other lanes and workers hold claimed counts as sent: every lane of every worker
/// sends every campaign, and without it each would take the same remainder at once.
pub(crate) async fn cap_allowance(
    ctx: &DeliveryContext,
    now: OffsetDateTime,
) -> Result<Option<u32>, JobError> {
    let mut allowance: Option<u32> = None;
    let mut in_flight = None;
    for (cap, window) in [
        (ctx.config().hourly_cap, time::Duration::hours(1)),
        (ctx.config().daily_cap, time::Duration::days(1)),
    ] {
        let Some(cap) = cap else { continue };
        let in_flight = match in_flight {
            Some(count) => count,
            None => *in_flight.insert(ctx.store().deliveries_in_flight(now).await?),
        };
        let sent = ctx.store().sent_since(None, now - window).await? + in_flight;
        let left = u32::try_from(i64::from(cap) - sent).unwrap_or(0);
        allowance = Some(allowance.map_or(left, |a| a.min(left)));
    }
    Ok(allowance)
}

/// Whether anything of the issue is left, and marks the issue `sent` when nothing is.
pub(crate) async fn remaining_work(
    ctx: &DeliveryContext,
    issue: IssueId,
) -> Result<NextStep, JobError> {
    if ctx.store().has_open_deliveries(issue).await? {
        // Not due yet: either retries wait for their time or another worker holds the lease.
        // Polling this often costs one small query and bounds how late a retry goes out.
        let poll = ctx
            .config()
            .retry
            .base
            .min(ctx.config().lease)
            .clamp(Duration::from_secs(1), Duration::from_secs(60));
        return Ok(NextStep::WaitFor(poll));
    }
    match ctx
        .store()
        .transition_issue(issue, IssueStatus::Sending, IssueStatus::Sent, None, ctx.now())
        .await
    {
        Ok(_) => tracing::info!(issue_id = %issue, "issue sent"),
        // Another worker finished it first, or an editor cancelled it meanwhile.
        Err(StoreError::Conflict(_)) => {}
        Err(e) => return Err(e.into()),
    }
    ctx.forget_issue(issue);
    Ok(NextStep::Finished)
}

/// Gives the unsettled claims of a batch that failed back to the ledger, so that they are due
/// again at once instead of after the lease. The database is usually what failed, so this
/// keeps trying in the background, once a second, until it answers or the lease is over.
/// Rows the batch settled (sent, retried, failed) or that someone else holds by now are left
/// alone: the release matches only `sending` rows under this batch's claim token (not its
/// lease, which the heartbeat may have renewed).
pub(crate) fn hand_back(ctx: &DeliveryContext, claim: &str, claims: Vec<DeliveryId>) {
    if claims.is_empty() {
        return;
    }
    let store = Arc::clone(ctx.store());
    let lease = ctx.config().lease;
    let claim = claim.to_owned();
    tokio::spawn(async move {
        let started = tokio::time::Instant::now();
        let mut left = claims;
        while !left.is_empty() && started.elapsed() < lease {
            // One failure means the database is still away: the rest waits for the next round
            // instead of each row waiting out its own connection timeout.
            let mut released = 0;
            for id in &left {
                if store.release_delivery(*id, &claim).await.is_err() {
                    break;
                }
                released += 1;
            }
            left.drain(..released);
            if !left.is_empty() {
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
        if left.is_empty() {
            tracing::info!("claims of a failed batch handed back");
        }
    });
}
