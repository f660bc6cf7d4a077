//! Who holds a claim on deliveries. Every claim carries a token, `{worker}#{claim}`: the
//! identity of the worker process that made it (which a restarted process on the same machine
//! and role takes over) and what tells its batches apart. The token lets a worker renew the
//! leases of the batches it is working on (a heartbeat, so that leases can be short), hand a
//! claim back however often it was renewed, and let a restarted worker hand back at once what
//! its earlier incarnation held instead of waiting for the lease.

use async_trait::async_trait;
use rundbrief_core::IssueId;
use time::OffsetDateTime;

use crate::{StoreError, StoreResult};

/// Separates the worker's identity from the rest of a claim token; identities must not
/// contain it.
pub const CLAIM_SEPARATOR: char = '#';

/// The token of claim `claim` (e.g. a batch number) of worker `worker`. `Invalid` when the
/// identity is empty or contains [`CLAIM_SEPARATOR`]: releasing the claims of `a` would then
/// also release those of `a#b`.
pub fn claim_token(worker: &str, claim: &str) -> StoreResult<String> {
    check_worker(worker)?;
    Ok(format!("{worker}{CLAIM_SEPARATOR}{claim}"))
}

/// `Ok` when `worker` can be a worker identity: not empty, without [`CLAIM_SEPARATOR`].
pub fn check_worker(worker: &str) -> StoreResult<()> {
    if worker.is_empty() || worker.contains(CLAIM_SEPARATOR) {
        return Err(StoreError::Invalid(format!(
            "a worker identity must be non-empty and without '{CLAIM_SEPARATOR}': '{worker}'"
        )));
    }
    Ok(())
}

#[async_trait]
pub trait ClaimStore {
    /// Extends to `lease_until` the lease of every delivery of `issue` that is still `sending`
    /// under `claim` (the token given to `claim_deliveries`); rows settled or claimed by
    /// someone else since are left alone. Returns how many were renewed.
    async fn renew_claims(
        &self,
        issue: IssueId,
        claim: &str,
        lease_until: OffsetDateTime,
    ) -> StoreResult<u64>;
    /// Hands back every delivery still `sending` under a claim of `worker` (any issue, any
    /// batch): due again at once, the attempt it was claimed for still counted, since the
    /// message may have gone out before that worker died. For a process that has just taken
    /// over the identity `worker`, before it claims anything itself. Returns how many.
    async fn release_claims_of(&self, worker: &str) -> StoreResult<u64>;
}
