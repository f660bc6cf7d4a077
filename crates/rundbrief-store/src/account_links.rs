//! Invitations and password resets by mail (issue 22, migration 0020): one row per link an
//! administrator had sent. The link is a signed token naming the row; the row is what makes
//! it single-use (`used_at`, set in the transaction that creates the account or sets the
//! password) and what owes the mail (claimed with a lease and settled, as confirmation mails
//! are, so a mail goes out once).

use async_trait::async_trait;
use rundbrief_core::model::{Role, User};
use rundbrief_core::{EmailAddress, Language, UserId};
use time::OffsetDateTime;

use crate::{ConfirmationOutcome, StoreResult};

/// What a link does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountLinkKind {
    /// Creates an account with the invitation's address and role.
    Invitation,
    /// Sets a new password of an existing account.
    Reset,
}

impl AccountLinkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invitation => "invitation",
            Self::Reset => "reset",
        }
    }
}

/// An invitation to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInvitation {
    pub email: EmailAddress,
    pub role: Role,
    /// A translator's languages; empty for every other role.
    pub languages: Vec<Language>,
    /// The mail's language and the new account's editor UI language.
    pub language: Language,
    pub created_by: UserId,
    pub expires_at: OffsetDateTime,
}

/// A stored link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountLink {
    pub id: i64,
    pub kind: AccountLinkKind,
    /// The invited address; `None` for a reset.
    pub email: Option<EmailAddress>,
    /// A reset's account, or the account an invitation created once used.
    pub user_id: Option<UserId>,
    /// The invited role; `None` for a reset.
    pub role: Option<Role>,
    pub languages: Vec<Language>,
    pub language: Language,
    pub created_by: Option<UserId>,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub used_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
    /// `pending`, `sent`, `skipped` or `failed`.
    pub mail_status: String,
}

impl AccountLink {
    /// Neither used nor revoked nor expired at `now`.
    pub fn is_open(&self, now: OffsetDateTime) -> bool {
        self.used_at.is_none() && self.revoked_at.is_none() && now < self.expires_at
    }
}

/// Why a link could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkRefusal {
    /// No such row (or one of the other kind).
    Unknown,
    Used,
    Revoked,
    Expired,
}

#[async_trait]
pub trait AccountLinkStore {
    /// Writes an invitation whose mail is owed from `at`.
    async fn create_invitation(
        &self,
        new: &NewInvitation,
        at: OffsetDateTime,
    ) -> StoreResult<AccountLink>;
    /// Writes a password reset of `user` whose mail is owed from `at`, and revokes the
    /// account's earlier open resets in the same transaction, so only the newest link works.
    /// `NotFound` for an unknown account.
    async fn create_password_reset(
        &self,
        user: UserId,
        language: Language,
        created_by: UserId,
        expires_at: OffsetDateTime,
        at: OffsetDateTime,
    ) -> StoreResult<AccountLink>;
    /// `NotFound` for an unknown id.
    async fn account_link(&self, id: i64) -> StoreResult<AccountLink>;
    /// Invitations neither used nor revoked nor expired at `now`, newest first.
    async fn open_invitations(&self, now: OffsetDateTime) -> StoreResult<Vec<AccountLink>>;
    /// Revokes an open link of `kind` at `at`; `false` when it was used, revoked or unknown.
    /// An unsent mail of it is not sent any more.
    async fn revoke_account_link(
        &self,
        id: i64,
        kind: AccountLinkKind,
        at: OffsetDateTime,
    ) -> StoreResult<bool>;
    /// In one transaction: marks the open invitation used and creates its account with
    /// `password_hash`, the invitation's role, languages and UI language. `Err(refusal)` when
    /// the link cannot be used (nothing written); a store error `Conflict` when an account
    /// with the address exists (nothing written either).
    async fn accept_invitation(
        &self,
        id: i64,
        password_hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Result<User, LinkRefusal>>;
    /// In one transaction: marks the open reset used, sets the account's password hash and
    /// ends every session of the account. Returns the account. `Revoked` (and nothing
    /// changes) while the account is disabled.
    async fn complete_password_reset(
        &self,
        id: i64,
        password_hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Result<UserId, LinkRefusal>>;
    /// Claims the owed mail of link `id` until `lease_until` and counts the attempt; `None`
    /// when it is settled or another worker holds it. Returns the link and the attempts.
    async fn claim_account_mail(
        &self,
        id: i64,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
    ) -> StoreResult<Option<(AccountLink, u32)>>;
    /// Links whose mail is owed, due at `now` and not held, oldest first.
    async fn due_account_mails(&self, now: OffsetDateTime, limit: u32) -> StoreResult<Vec<i64>>;
    /// Records what became of a claimed mail and ends the claim.
    /// Only while the job still holds the claim: `claimed_attempts` is what its claim
    /// returned, and the mail is pending. `false` when it does not (its lease ran out and
    /// another job claimed the mail, or it was settled); then nothing changes.
    async fn settle_account_mail(
        &self,
        id: i64,
        claimed_attempts: u32,
        outcome: ConfirmationOutcome,
        at: OffsetDateTime,
    ) -> StoreResult<bool>;
}
