//! Spent proof-of-work solutions of the sign-up form (issue 23): a solution counts once,
//! whichever web process receives it, so the record lives in the database (migration 0024,
//! table `pow_spent`), not in a process's memory.

use async_trait::async_trait;
use time::OffsetDateTime;

use crate::StoreResult;

#[async_trait]
pub trait PowStore {
    /// Records the challenge `salt` as spent until `expires_at`: `true` the first time, `false`
    /// when it was spent before. Rows whose expiry lies before `now` are deleted on the way,
    /// since their challenges are refused as expired anyway.
    async fn spend_pow_salt(
        &self,
        salt: &str,
        expires_at: OffsetDateTime,
        now: OffsetDateTime,
    ) -> StoreResult<bool>;
}
