//! Two-factor sign-in (issue 22): each account's TOTP secret (encrypted by the caller; the
//! store only keeps the text), the step of the last code accepted, one-time recovery codes by
//! their hash, and the instance setting that requires two factors for every account.

use async_trait::async_trait;
use rundbrief_core::UserId;
use time::OffsetDateTime;

use crate::StoreResult;

/// The instance setting key: "true" when every account must use two-factor sign-in.
pub const REQUIRE_TWO_FACTOR: &str = "require_two_factor";

/// An account's TOTP state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TwoFactor {
    pub user_id: UserId,
    /// The encrypted secret, as the caller stored it.
    pub secret: String,
    /// `None` while set-up has started but no code confirmed it.
    pub enabled_at: Option<OffsetDateTime>,
    /// The 30-second step of the last accepted code.
    pub last_used_step: Option<i64>,
}

#[async_trait]
pub trait TwoFactorStore {
    /// The account's TOTP state, if it has started or finished setting it up.
    async fn two_factor(&self, user: UserId) -> StoreResult<Option<TwoFactor>>;
    /// Starts (or restarts) setting up: stores `secret`, not enabled. Refused with `Conflict`
    /// when the account has two factors enabled already; `NotFound` for an unknown account.
    async fn begin_two_factor(
        &self,
        user: UserId,
        secret: &str,
        at: OffsetDateTime,
    ) -> StoreResult<()>;
    /// Finishes setting up with the code of `step`: enables two factors, records the step,
    /// and replaces the recovery codes by `code_hashes`, in one transaction. `false` (nothing
    /// changed) when set-up was not started, is done already, or the secret has changed
    /// since it was read (`secret` must be the one the code was checked against).
    async fn enable_two_factor(
        &self,
        user: UserId,
        secret: &str,
        step: i64,
        code_hashes: &[String],
        at: OffsetDateTime,
    ) -> StoreResult<bool>;
    /// Records that a code of `step` was accepted, only if two factors are enabled and the
    /// last accepted step is earlier: `false` means a replayed (or older) code.
    async fn use_totp_step(&self, user: UserId, step: i64) -> StoreResult<bool>;
    /// Marks the unused recovery code with this hash used: `false` if there is none.
    async fn use_recovery_code(
        &self,
        user: UserId,
        code_hash: &str,
        at: OffsetDateTime,
    ) -> StoreResult<bool>;
    /// Recovery codes of the account not used yet.
    async fn unused_recovery_codes(&self, user: UserId) -> StoreResult<i64>;
    /// Removes the account's TOTP secret and recovery codes (turning two factors off, or an
    /// administrator's reset for a locked-out account). Harmless when there are none.
    async fn remove_two_factor(&self, user: UserId) -> StoreResult<()>;
    /// Ends every session of an account without enabled two factors (when an administrator
    /// starts requiring them); returns how many ended.
    async fn end_sessions_without_two_factor(&self) -> StoreResult<u64>;
    async fn instance_setting(&self, key: &str) -> StoreResult<Option<String>>;
    async fn set_instance_setting(
        &self,
        key: &str,
        value: &str,
        at: OffsetDateTime,
    ) -> StoreResult<()>;
}
