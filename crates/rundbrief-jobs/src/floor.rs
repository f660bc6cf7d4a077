//! Where a process's claims of an issue start in the ledger.
//!
//! The claim index keeps an entry for every row that was claimed or sent until a vacuum
//! removes it, and both parts of a claim read it in id order from the issue's first row: a
//! claim from the start walks all of those entries before it finds a row to take. On
//! PostgreSQL that made the claims of a campaign of a million subscribers grow from 3 ms to
//! 25 ms by its end (docs/benchmarks.md). So a process claims from the lowest id of its most
//! recent batch on (`Store::claim_deliveries_from`).
//!
//! Rows below that point can become claimable again: a retry comes due, a row is handed back,
//! a dead worker's lease runs out. A claim from the start takes them: every
//! [`FULL_CLAIM_EVERY`], and whenever the rows from the floor on do not fill a batch, so that
//! the end of a campaign is still found by a claim that saw every row. What this changes is
//! only how soon such a row is taken (within `FULL_CLAIM_EVERY` of being due), never whether.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use rundbrief_core::model::Delivery;
use rundbrief_core::{DeliveryId, IssueId};
use tokio::time::Instant;

use crate::deliver::DeliveryContext;
use crate::error::JobError;
use crate::ledger::hand_back;

/// How long a process claims from its floor before it claims from the start again: the
/// longest a row below the floor waits after it came due. Well inside the time the fair-sharing
/// promise gives the others to take over a dead worker's rows (lease + 10 s).
pub(crate) const FULL_CLAIM_EVERY: Duration = Duration::from_secs(2);

#[derive(Default)]
pub(crate) struct ClaimFloors {
    floors: Mutex<HashMap<IssueId, Floor>>,
}

#[derive(Clone, Copy)]
struct Floor {
    from: DeliveryId,
    /// When this process last claimed the issue from the start.
    full_at: Instant,
}

impl ClaimFloors {
    /// The id to claim from: the floor, or the start when a claim from there is due.
    fn start(&self, issue: IssueId) -> DeliveryId {
        let floors = self.floors.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match floors.get(&issue) {
            Some(floor) if floor.full_at.elapsed() < FULL_CLAIM_EVERY => floor.from,
            _ => DeliveryId(0),
        }
    }

    /// Raises the floor to the lowest id of `claimed` (never lowers it: another lane's
    /// batch may already start further on), and notes a claim from the start.
    fn claimed(&self, issue: IssueId, from_start: bool, claimed: &[Delivery]) {
        let mut floors = self.floors.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = Instant::now();
        let floor = floors.entry(issue).or_insert(Floor { from: DeliveryId(0), full_at: now });
        if from_start {
            floor.full_at = now;
        }
        if let Some(lowest) = claimed.iter().map(|d| d.id).min() {
            floor.from = floor.from.max(lowest);
        }
    }

    pub(crate) fn forget(&self, issue: IssueId) {
        let mut floors = self.floors.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        floors.remove(&issue);
    }
}

/// Claims up to `batch` rows of `issue` under `token`: from the floor, topped up by a claim
/// from the start when that comes up short. Sorted by id.
pub(crate) async fn claim_batch(
    ctx: &DeliveryContext,
    issue: IssueId,
    batch: u32,
    now: time::OffsetDateTime,
    lease_until: time::OffsetDateTime,
    token: &str,
) -> Result<Vec<Delivery>, JobError> {
    let store = ctx.store();
    let floors = ctx.floors();
    let from = floors.start(issue);
    let mut claimed =
        store.claim_deliveries_from(issue, from, batch, now, lease_until, token).await?;
    let short = u32::try_from(claimed.len()).map_or(0, |n| batch.saturating_sub(n));
    let from_start = from.0 <= 0 || short > 0;
    if from.0 > 0 && short > 0 {
        // The rows just claimed are leased now and not taken twice.
        match store
            .claim_deliveries_from(issue, DeliveryId(0), short, now, lease_until, token)
            .await
        {
            Ok(more) => claimed.extend(more),
            Err(error) => {
                hand_back(ctx, token, claimed.iter().map(|d| d.id).collect());
                return Err(error.into());
            }
        }
        claimed.sort_by_key(|d| d.id);
    }
    floors.claimed(issue, from_start, &claimed);
    Ok(claimed)
}

#[cfg(test)]
mod tests {
    use rundbrief_core::SubscriberId;
    use rundbrief_core::model::DeliveryStatus;

    use super::*;

    fn rows(ids: &[i64]) -> Vec<Delivery> {
        ids.iter()
            .map(|&id| Delivery {
                id: DeliveryId(id),
                issue_id: IssueId(1),
                subscriber_id: SubscriberId(id),
                language: None,
                status: DeliveryStatus::Sending,
                attempts: 1,
                last_error: None,
                message_id: None,
                sent_at: None,
                next_attempt_at: None,
                lease_until: None,
            })
            .collect()
    }

    #[tokio::test(start_paused = true)]
    async fn the_floor_rises_with_the_batches_and_a_claim_from_the_start_comes_every_interval() {
        let floors = ClaimFloors::default();
        let issue = IssueId(1);
        assert_eq!(floors.start(issue), DeliveryId(0), "a new issue is claimed from the start");
        floors.claimed(issue, true, &rows(&[101, 102, 150]));
        assert_eq!(floors.start(issue), DeliveryId(101), "from the lowest id of the batch");
        // Another lane's batch further on raises it; one further back does not lower it.
        floors.claimed(issue, false, &rows(&[201, 250]));
        floors.claimed(issue, false, &rows(&[160, 170]));
        assert_eq!(floors.start(issue), DeliveryId(201));
        // An empty claim leaves it.
        floors.claimed(issue, false, &[]);
        assert_eq!(floors.start(issue), DeliveryId(201));
        // After the interval, the next claim starts from the start; a claim from the start
        // (even one that only took rows far below) starts the interval again.
        tokio::time::advance(FULL_CLAIM_EVERY).await;
        assert_eq!(floors.start(issue), DeliveryId(0));
        floors.claimed(issue, true, &rows(&[5]));
        assert_eq!(floors.start(issue), DeliveryId(201));
        // Issues have floors of their own, and a finished one is forgotten.
        assert_eq!(floors.start(IssueId(2)), DeliveryId(0));
        floors.forget(issue);
        assert_eq!(floors.start(issue), DeliveryId(0));
    }
}
