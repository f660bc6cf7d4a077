//! The audit log (issue 22): who did what, when, on what, for every staff action: sign-ins
//! and failed ones, account and token changes, issue and variant edits, sends, pauses,
//! resumes, cancels, imports, exports, erasures and unsubscriptions by staff, bulk actions
//! and suppression lifts. Administrators read it at `/admin/audit` and download it as CSV.
//!
//! The use cases call [`record`] right after their change has committed. The store's methods
//! are units of work with their own transactions (see `rundbrief_store`), so the entry cannot
//! share the action's transaction; recording after success means an entry never claims an
//! action that failed, and the one gap, a crash or database outage between the two writes,
//! loses an entry that the action's own rows (revisions, consent log, lifts, ledger) still
//! show. A failed audit write is logged with ids and does not turn the finished action into
//! an error, which would only make the caller repeat it.
//!
//! The detail holds ids and choices only: never a subscriber's address or name, never a
//! search text (it may be an address), never a secret.

use std::collections::HashMap;

use rundbrief_core::model::Page;
use rundbrief_store::{NewAuditEntry, RevisionAuthor, Store};
use serde_json::Value;
use time::OffsetDateTime;

pub use rundbrief_store::{AuditActor, AuditEntry, AuditFilter};

use crate::consent::{CsvChunk, CsvExport, csv_rows, rfc3339_utc};
use crate::{App, AppError};

/// Entries per page read for a CSV export.
const PAGE: u32 = 500;

/// The columns of the audit export, in order.
pub const AUDIT_CSV_COLUMNS: [&str; 9] = [
    "id",
    "time",
    "actor_kind",
    "actor_id",
    "actor",
    "action",
    "target_kind",
    "target_id",
    "detail",
];

/// Every action the use cases record: the one list the audit page's filter offers and its
/// tests check for a German and an English label ([`action_message_id`]). A new action is
/// added here. The codes themselves are stable and stay in the store and the CSV export.
pub const ACTIONS: &[&str] = &[
    "signin.ok",
    "signin.failed",
    "signout",
    "account.created",
    "account.invited",
    "account.invitation_revoked",
    "account.invitation_accepted",
    "account.password_reset_requested",
    "account.password_reset",
    "account.role_changed",
    "account.disabled",
    "account.enabled",
    "account.ui_language",
    "account.two_factor_on",
    "account.two_factor_off",
    "account.two_factor_reset",
    "settings.two_factor_required",
    "token.created",
    "token.revoked",
    "issue.created",
    "issue.edited",
    "issue.copied",
    "issue.deleted",
    "variant.saved",
    "variant.imported",
    "variant.deleted",
    "send.started",
    "send.scheduled",
    "send.paused",
    "send.resumed",
    "send.cancelled",
    "import.previewed",
    "import.started",
    "export.subscribers",
    "export.consent_log",
    "export.audit",
    "subscriber.erased",
    "subscriber.unsubscribed",
    "subscriber.bulk",
    "suppression.lifted",
];

/// Every kind of [`Target`] the use cases record, each with a label ([`target_message_id`]).
pub const TARGET_KINDS: &[&str] =
    &["account", "import", "invitation", "issue", "subscriber", "suppression_lift", "token"];

/// The message id of an action's label for readers (`account.invited` →
/// `admin-audit-action-account-invited`).
pub fn action_message_id(action: &str) -> String {
    format!("admin-audit-action-{}", action.replace(['.', '_'], "-"))
}

/// The message id of a target kind's label (`suppression_lift` →
/// `admin-audit-target-suppression-lift`).
pub fn target_message_id(kind: &str) -> String {
    format!("admin-audit-target-{}", kind.replace('_', "-"))
}

/// What an action was done to: a kind (`account`, `token`, `issue`, `subscriber`, ...) and
/// its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub kind: &'static str,
    pub id: i64,
}

impl Target {
    pub fn new(kind: &'static str, id: i64) -> Self {
        Self { kind, id }
    }
}

/// The actor of a revision's author: an account, a token, else the command line.
pub fn actor_of(author: RevisionAuthor) -> AuditActor {
    match (author.user, author.token) {
        (Some(user), _) => AuditActor::User(user),
        (None, Some(token)) => AuditActor::Token(token),
        (None, None) => AuditActor::Cli,
    }
}

/// Appends one entry. A failure is logged, not returned: see the module's text.
pub async fn record(
    store: &dyn Store,
    at: OffsetDateTime,
    actor: AuditActor,
    action: &str,
    target: Option<Target>,
    detail: Value,
) {
    if !ACTIONS.contains(&action) {
        // The page would show the raw code and its filter could not offer it.
        tracing::warn!(action, "audit action missing from audit::ACTIONS");
    }
    let detail = match detail {
        Value::Null => "{}".to_owned(),
        other => other.to_string(),
    };
    let entry = NewAuditEntry {
        actor,
        action: action.to_owned(),
        target_kind: target.map(|t| t.kind.to_owned()),
        target_id: target.map(|t| t.id),
        detail,
    };
    if let Err(e) = store.append_audit(&entry, at).await {
        tracing::error!(
            action,
            actor = actor.kind(),
            actor_id = ?actor.id(),
            target = ?target,
            error = %e,
            "cannot write the audit entry of a finished action"
        );
    }
}

/// The export of the entries a filter matches, newest first.
#[derive(Debug, Clone, Default)]
pub struct AuditExport {
    pub filter: AuditFilter,
}

/// Who each actor is for a reader: an account's address, a token's name.
async fn actor_names(store: &dyn Store) -> Result<HashMap<AuditActor, String>, AppError> {
    let mut names = HashMap::new();
    for user in store.users().await? {
        names.insert(AuditActor::User(user.id), user.email.as_str().to_owned());
    }
    for token in store.api_tokens().await? {
        names.insert(AuditActor::Token(token.id), token.name);
    }
    Ok(names)
}

impl CsvExport for AuditExport {
    const NAME: &'static str = "audit export";
    const ACTION: &'static str = "export.audit";

    fn audit_detail(&self) -> Value {
        let f = &self.filter;
        serde_json::json!({
            "actor": f.actor.map(|a| a.kind()),
            "actor_id": f.actor.and_then(|a| a.id()),
            "action": f.action,
            "from": f.from.map(rfc3339_utc),
            "until": f.until.map(rfc3339_utc),
        })
    }

    /// `after` is the previous page's `next`: the entries before that id, as the log is read
    /// newest first.
    async fn chunk(&self, store: &dyn Store, after: Option<i64>) -> Result<CsvChunk, AppError> {
        let page = store.audit_entries(&self.filter, after, PAGE).await?;
        let names = actor_names(store).await?;
        let rows = page.items.len() as u64;
        let bytes = csv_rows(Self::NAME, AUDIT_CSV_COLUMNS, &page.items, after.is_none(), |e| {
            Ok([
                e.id.to_string(),
                rfc3339_utc(e.at),
                e.actor.kind().to_owned(),
                e.actor.id().map(|id| id.to_string()).unwrap_or_default(),
                names.get(&e.actor).cloned().unwrap_or_default(),
                // The stable codes, not the page's labels: the export is read by
                // programs, and it must not change with the reader's language or wording.
                e.action.clone(),
                e.target_kind.clone().unwrap_or_default(),
                e.target_id.map(|id| id.to_string()).unwrap_or_default(),
                e.detail.clone(),
            ])
        })?;
        Ok(CsvChunk { bytes, rows, next: page.next })
    }
}

impl App {
    /// Appends an audit entry now; see [`record`].
    pub async fn record(
        &self,
        actor: AuditActor,
        action: &str,
        target: Option<Target>,
        detail: Value,
    ) {
        record(self.store().as_ref(), self.now(), actor, action, target, detail).await;
    }

    /// A page of the audit log, newest first.
    pub async fn audit_entries(
        &self,
        filter: &AuditFilter,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Page<AuditEntry>, AppError> {
        Ok(self.store().audit_entries(filter, before, limit).await?)
    }

    /// Who the actors are, by address or token name, for the audit page.
    pub async fn audit_actor_names(&self) -> Result<HashMap<AuditActor, String>, AppError> {
        actor_names(self.store().as_ref()).await
    }
}
