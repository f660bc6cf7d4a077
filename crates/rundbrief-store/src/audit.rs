//! The audit log (issue 22, migration 0019): one row per staff action, who did it, when, on
//! what. Append-only: there is no method to change or remove a row, and the database refuses
//! `UPDATE` and `DELETE` on the table by triggers.

use async_trait::async_trait;
use rundbrief_core::model::Page;
use rundbrief_core::{ApiTokenId, UserId};
use time::OffsetDateTime;

use crate::StoreResult;

/// Who acted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditActor {
    /// A signed-in account (or the account a sign-in named).
    User(UserId),
    /// An API token.
    Token(ApiTokenId),
    /// The command line, run by whoever may run it on the server.
    Cli,
    /// Nobody known: a failed sign-in with a name no account has (the name is not kept).
    Nobody,
}

impl AuditActor {
    /// The stored kind: `user`, `token`, `cli`, `none`.
    pub fn kind(self) -> &'static str {
        match self {
            Self::User(_) => "user",
            Self::Token(_) => "token",
            Self::Cli => "cli",
            Self::Nobody => "none",
        }
    }

    /// The account's or token's id.
    pub fn id(self) -> Option<i64> {
        match self {
            Self::User(id) => Some(id.0),
            Self::Token(id) => Some(id.0),
            Self::Cli | Self::Nobody => None,
        }
    }

    /// The actor a stored kind and id name; `None` for a combination that cannot be stored.
    pub fn from_parts(kind: &str, id: Option<i64>) -> Option<Self> {
        match (kind, id) {
            ("user", Some(id)) => Some(Self::User(UserId(id))),
            ("token", Some(id)) => Some(Self::Token(ApiTokenId(id))),
            ("cli", None) => Some(Self::Cli),
            ("none", None) => Some(Self::Nobody),
            _ => None,
        }
    }
}

/// An entry to append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditEntry {
    pub actor: AuditActor,
    /// What was done, a dotted name such as `issue.created` or `signin.failed`.
    pub action: String,
    /// What it was done to: a kind (`issue`, `account`, `subscriber`, ...) and its id.
    pub target_kind: Option<String>,
    pub target_id: Option<i64>,
    /// A small JSON object of ids and choices; never addresses or names.
    pub detail: String,
}

/// A stored entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: OffsetDateTime,
    pub actor: AuditActor,
    pub action: String,
    pub target_kind: Option<String>,
    pub target_id: Option<i64>,
    pub detail: String,
}

/// Which entries to list; every field narrows, the default lists all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub actor: Option<AuditActor>,
    pub action: Option<String>,
    /// At or after.
    pub from: Option<OffsetDateTime>,
    /// Before.
    pub until: Option<OffsetDateTime>,
}

#[async_trait]
pub trait AuditStore {
    /// Appends one entry at `at`.
    async fn append_audit(
        &self,
        entry: &NewAuditEntry,
        at: OffsetDateTime,
    ) -> StoreResult<AuditEntry>;
    /// Entries matching `filter`, newest first, keyset-paginated by id: `before` is the
    /// previous page's `next`. A CSV export pages through all of them in flat memory.
    async fn audit_entries(
        &self,
        filter: &AuditFilter,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<Page<AuditEntry>>;
}
