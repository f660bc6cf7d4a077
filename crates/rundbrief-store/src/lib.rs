//! The storage boundary of Rundbrief: small traits joined into one [`Store`], the errors they
//! return, and (behind the `contract` feature) the test suite every backend must pass.
//!
//! Every method is a unit of work that opens and commits its own transaction; transactions never
//! cross this boundary, so the SQLite and PostgreSQL backends stay free to lock as they must.
//! Methods that record a time take it as an argument: the caller owns the clock.

mod account_links;
mod archive;
mod audit;
mod bounces;
mod claims;
#[cfg(feature = "contract")]
pub mod contract;
mod error;
mod import;
mod import_jobs;
mod media;
#[cfg(test)]
mod migrations_lockstep;
mod notices;
mod outbox;
mod pow;
mod revisions;
mod suppressions;
mod two_factor;
mod welcome;

use async_trait::async_trait;
use rundbrief_core::model::{
    ApiToken, ConsentEvent, Delivery, DeliveryCount, Issue, IssueStatus, IssueUpdate, MailingList,
    NewApiToken, NewConsentEvent, NewIssue, NewList, NewSubscriber, Page, Role, Session,
    Subscriber, SubscriberCount, SubscriberFilter, SubscriberUpdate, SuppressionReason, User,
    Variant, VariantInput,
};
use rundbrief_core::segment::Segment;
use rundbrief_core::{
    ApiTokenId, DeliveryId, EmailAddress, IssueId, Language, ListId, SubscriberId,
    SubscriberStatus, UserId,
};
use time::OffsetDateTime;

pub use account_links::{
    AccountLink, AccountLinkKind, AccountLinkStore, LinkRefusal, NewInvitation,
};
pub use archive::{ArchiveStore, ArchivedIssue};
pub use audit::{AuditActor, AuditEntry, AuditFilter, AuditStore, NewAuditEntry};
pub use bounces::{
    Bounce, BounceCount, BounceEffect, BounceOutcome, BounceSource, BounceStore, NewBounce,
    SoftBounceRule,
};
pub use claims::{CLAIM_SEPARATOR, ClaimStore, check_worker, claim_token};
pub use error::{StoreError, StoreResult};
pub use import::{ImportBatch, ImportOutcome, ImportRow, ImportStore, ImportUpdate};
pub use import_jobs::{ImportJob, ImportJobStatus, ImportJobStore, NewImportJob};
pub use media::{MediaFile, MediaInfo, MediaStore, NewMedia};
pub use notices::{TranslatorNoticeClaim, TranslatorNoticeStore};
pub use outbox::{ConfirmationClaim, ConfirmationOutcome, OutboxStore, OwedMailKind, SignupClaim};
pub use pow::PowStore;
pub use revisions::{RevisionAuthor, RevisionHead, RevisionStore, SavedVariant, VariantRevision};
pub use suppressions::{
    LiftedBy, NewSuppressionLift, SuppressedAddress, SuppressedSubscriber, SuppressionCursor,
    SuppressionFilter, SuppressionLift, SuppressionListStore, SuppressionPage,
};
pub use two_factor::{REQUIRE_TWO_FACTOR, TwoFactor, TwoFactorStore};
pub use welcome::{WELCOME_MAIL_ON, WELCOME_MAIL_SETTING, WelcomeClaim, WelcomeStore};

#[async_trait]
pub trait SubscriberStore {
    /// Fails with `Conflict` when an address with the same normalised key exists, and with
    /// `Suppressed` when the address must never be mailed again.
    async fn create_subscriber(
        &self,
        new: &NewSubscriber,
        at: OffsetDateTime,
    ) -> StoreResult<Subscriber>;
    async fn subscriber(&self, id: SubscriberId) -> StoreResult<Subscriber>;
    async fn subscriber_by_email(&self, email: &EmailAddress) -> StoreResult<Option<Subscriber>>;
    async fn update_subscriber(
        &self,
        id: SubscriberId,
        update: &SubscriberUpdate,
    ) -> StoreResult<Subscriber>;
    /// Moves a subscriber along the status machine of `rundbrief_core::status`; an illegal
    /// transition is `InvalidTransition`, and activating a suppressed address is `Suppressed`.
    async fn set_subscriber_status(
        &self,
        id: SubscriberId,
        status: SubscriberStatus,
        at: OffsetDateTime,
    ) -> StoreResult<Subscriber>;
    /// Removes name, address and attributes, anonymises the consent log, suppresses the
    /// address by its hash and deletes subscriptions; the row stays as an anonymous count.
    async fn erase_subscriber(&self, id: SubscriberId, at: OffsetDateTime) -> StoreResult<()>;
    /// Keyset-paginated by id; `after` is the `next` cursor of the previous page.
    async fn list_subscribers(
        &self,
        filter: &SubscriberFilter,
        after: Option<i64>,
        limit: u32,
    ) -> StoreResult<Page<Subscriber>>;
    /// The id of every subscriber matching `filter`, ascending: what an editor's action on a
    /// filtered list applies to, read once so that the action changing a row's match midway
    /// does not change which rows it reaches.
    async fn subscriber_ids(&self, filter: &SubscriberFilter) -> StoreResult<Vec<SubscriberId>>;
    async fn count_subscribers(&self) -> StoreResult<Vec<SubscriberCount>>;
    /// Sign-ups, confirmations and departures (unsubscribed or erased) per calendar month in
    /// UTC, counting only those at or after `since`; oldest first, months without any left out.
    async fn subscriber_growth(&self, since: OffsetDateTime) -> StoreResult<Vec<MonthGrowth>>;
}

/// What happened to the audience in one calendar month (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthGrowth {
    pub year: i32,
    /// 1 to 12.
    pub month: u8,
    /// Subscribers created in the month, whatever became of them.
    pub new: i64,
    pub confirmed: i64,
    /// Unsubscribed or erased in the month.
    pub left: i64,
}

#[async_trait]
pub trait ListStore {
    async fn create_list(&self, new: &NewList, at: OffsetDateTime) -> StoreResult<MailingList>;
    async fn list(&self, id: ListId) -> StoreResult<MailingList>;
    async fn lists(&self) -> StoreResult<Vec<MailingList>>;
    async fn update_list(&self, id: ListId, new: &NewList) -> StoreResult<MailingList>;
    async fn delete_list(&self, id: ListId) -> StoreResult<()>;
    /// Idempotent: subscribing twice keeps one subscription.
    async fn subscribe(
        &self,
        subscriber: SubscriberId,
        list: ListId,
        at: OffsetDateTime,
    ) -> StoreResult<()>;
    async fn unsubscribe_from_list(
        &self,
        subscriber: SubscriberId,
        list: ListId,
    ) -> StoreResult<()>;
    async fn subscriptions(&self, subscriber: SubscriberId) -> StoreResult<Vec<ListId>>;
    /// The subscriptions of all of `subscribers` in one round trip, ordered by subscriber and
    /// list: an export reads a page of subscribers, then their lists with this.
    async fn subscriptions_of(
        &self,
        subscribers: &[SubscriberId],
    ) -> StoreResult<Vec<(SubscriberId, ListId)>>;
}

/// Append-only: there is deliberately no update or delete; erasure anonymises in place.
#[async_trait]
pub trait ConsentStore {
    async fn record_consent(
        &self,
        event: &NewConsentEvent,
        at: OffsetDateTime,
    ) -> StoreResult<ConsentEvent>;
    async fn consent_history(&self, subscriber: SubscriberId) -> StoreResult<Vec<ConsentEvent>>;
    /// One page of the consent log in event order, after event id `after`: the events of
    /// `subscriber` when given, and only of subscribers `filter` matches (the default filter
    /// matches everyone, erased ones included). Exports page through it in flat memory.
    async fn consent_log(
        &self,
        subscriber: Option<SubscriberId>,
        filter: &SubscriberFilter,
        after: Option<i64>,
        limit: u32,
    ) -> StoreResult<Page<ConsentEvent>>;
}

#[async_trait]
pub trait IssueStore {
    async fn create_issue(&self, new: &NewIssue, at: OffsetDateTime) -> StoreResult<Issue>;
    async fn issue(&self, id: IssueId) -> StoreResult<Issue>;
    /// Newest first, keyset-paginated by id; campaigns only, never the welcome mail.
    async fn list_issues(&self, before: Option<i64>, limit: u32) -> StoreResult<Page<Issue>>;
    async fn update_issue(
        &self,
        id: IssueId,
        update: &IssueUpdate,
        at: OffsetDateTime,
    ) -> StoreResult<Issue>;
    /// Compare-and-set on the status, so two editors (or an editor and the scheduler) cannot
    /// both start the same issue: fails with `Conflict` when the status is not `from`.
    async fn transition_issue(
        &self,
        id: IssueId,
        from: IssueStatus,
        to: IssueStatus,
        scheduled_at: Option<OffsetDateTime>,
        at: OffsetDateTime,
    ) -> StoreResult<Issue>;
    /// Only drafts can be deleted; anything that was sent is history.
    async fn delete_issue(&self, id: IssueId) -> StoreResult<()>;
    async fn due_scheduled_issues(&self, now: OffsetDateTime) -> StoreResult<Vec<Issue>>;
    /// Every issue in `status`, oldest first; workers resume the `sending` ones at start.
    async fn issues_in_status(&self, status: IssueStatus) -> StoreResult<Vec<Issue>>;
    /// `sending` → `paused` with the reason an editor will read; `Conflict` when the issue is
    /// not sending (an editor paused or cancelled it first).
    async fn pause_issue(
        &self,
        id: IssueId,
        reason: &str,
        at: OffsetDateTime,
    ) -> StoreResult<Issue>;
    async fn put_variant(
        &self,
        issue: IssueId,
        language: Language,
        input: &VariantInput,
        at: OffsetDateTime,
    ) -> StoreResult<Variant>;
    async fn variant(&self, issue: IssueId, language: Language) -> StoreResult<Variant>;
    async fn variants(&self, issue: IssueId) -> StoreResult<Vec<Variant>>;
    async fn delete_variant(&self, issue: IssueId, language: Language) -> StoreResult<()>;
    /// Active, non-suppressed subscribers in the segment, counted per preferred language.
    async fn segment_counts(&self, segment: &Segment) -> StoreResult<Vec<(Language, i64)>>;
    /// Copies an issue, in one transaction, as a new draft titled `title`: the same base
    /// language, segment and archive choice, no schedule, every variant with its text and
    /// ready flag, each at revision 1 by `author` (a translation made from the base variant's
    /// revision 1, so it starts current). Deliveries, bounces and revisions stay with the
    /// original, whatever its status.
    async fn copy_issue(
        &self,
        id: IssueId,
        title: &str,
        author: crate::RevisionAuthor,
        at: OffsetDateTime,
    ) -> StoreResult<Issue>;
    /// Marks an issue as a template, offered as a starting point for new issues, or not
    /// (migration 0016). `NotFound` when there is no such issue.
    async fn set_issue_template(&self, id: IssueId, template: bool) -> StoreResult<()>;
    /// The issues marked as templates, by title.
    async fn issue_templates(&self) -> StoreResult<Vec<Issue>>;
}

/// Outcome of snapshotting an audience into the delivery ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snapshot {
    /// Rows added by this call; zero when the snapshot had already been taken.
    pub inserted: u64,
    /// Rows in the ledger for the issue afterwards.
    pub total: u64,
}

/// A delivery's recipient as a sending worker sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub id: SubscriberId,
    /// `None` once erased.
    pub email: Option<EmailAddress>,
    pub name: Option<String>,
    pub language: Language,
    pub status: SubscriberStatus,
    /// The address is on the suppression list.
    pub suppressed: bool,
}

/// An issue that went out to one subscriber, as their data export shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentIssue {
    pub issue_id: IssueId,
    pub title: String,
    /// The variant language they got.
    pub language: Option<Language>,
    pub sent_at: OffsetDateTime,
}

/// A delivery the SMTP server accepted, to be marked `sent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentDelivery {
    pub id: DeliveryId,
    /// The language of the variant that went out.
    pub language: Language,
    pub message_id: String,
    pub at: OffsetDateTime,
}

#[async_trait]
pub trait DeliveryStore {
    /// Writes one pending delivery per subscriber in the segment, in the database, without
    /// loading the audience into memory. Idempotent: rows that exist are kept as they are.
    async fn snapshot_deliveries(
        &self,
        issue: IssueId,
        segment: &Segment,
        at: OffsetDateTime,
    ) -> StoreResult<Snapshot>;
    /// `from` → `sending` and the audience snapshot in one transaction: either both happen or
    /// neither. `Conflict` when the issue is not in `from`.
    async fn start_sending(
        &self,
        id: IssueId,
        from: IssueStatus,
        at: OffsetDateTime,
    ) -> StoreResult<(Issue, Snapshot)>;
    /// The subscribers of a batch with what sending needs, suppression included, in one
    /// query: two look-ups per message would double the database round trips of a campaign.
    /// Ids without a row are left out.
    async fn recipients(&self, ids: &[SubscriberId]) -> StoreResult<Vec<Recipient>>;
    /// Deliveries sent at or after `since`, of one issue (its current rate) or of all (what
    /// hourly and daily caps count).
    async fn sent_since(&self, issue: Option<IssueId>, since: OffsetDateTime) -> StoreResult<i64>;
    /// Deliveries claimed and not yet marked whose lease runs past `now`, of every issue: what
    /// other batches are about to send, which the hourly and daily caps must count as well
    /// now that every worker's lanes send every campaign at once.
    async fn deliveries_in_flight(&self, now: OffsetDateTime) -> StoreResult<i64>;
    /// Atomically takes up to `limit` deliveries that are pending and due, or whose earlier
    /// claim has expired, and leases them until `lease_until` under the token `claim` (see
    /// [`claim_token`]; unique per claim). No row is ever handed to two concurrent claimers
    /// while its lease runs.
    async fn claim_deliveries(
        &self,
        issue: IssueId,
        limit: u32,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        claim: &str,
    ) -> StoreResult<Vec<Delivery>> {
        self.claim_deliveries_from(issue, DeliveryId(0), limit, now, lease_until, claim).await
    }
    /// [`claim_deliveries`](Self::claim_deliveries) among the rows from id `from` on. The
    /// ledger's claim index keeps the entries of rows claimed and sent until a vacuum, and a
    /// claim from the start walks all of them: a sender that claims from where its last batch
    /// began skips that prefix, and claims from the start now and then (and whenever the rows
    /// from `from` on run short) to take what came due below it.
    async fn claim_deliveries_from(
        &self,
        issue: IssueId,
        from: DeliveryId,
        limit: u32,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        claim: &str,
    ) -> StoreResult<Vec<Delivery>>;
    /// Hands a claimed delivery back unsent and without counting the attempt, e.g. because
    /// its issue was paused meanwhile: it is due again at once, not only after its lease.
    /// Only while the claim `claim` still holds (however often its lease was renewed): a row
    /// another worker has claimed since is left alone.
    async fn release_delivery(&self, id: DeliveryId, claim: &str) -> StoreResult<()>;
    /// Marks deliveries `sent`, all in one transaction: concurrent sends share one commit
    /// instead of paying one each. Returns how many rows were marked; ids that do not exist
    /// are left out rather than failing the others, which were sent all the same.
    async fn mark_sent(&self, sent: &[SentDelivery]) -> StoreResult<u64>;
    /// Hands the delivery back for another attempt at `retry_at`.
    async fn mark_retry(
        &self,
        id: DeliveryId,
        error: &str,
        retry_at: OffsetDateTime,
    ) -> StoreResult<()>;
    /// Final failure; `bounced` when the receiving server said the address does not exist.
    async fn mark_failed(&self, id: DeliveryId, error: &str, bounced: bool) -> StoreResult<()>;
    /// Final without sending, on purpose (`reason` says why): the reader left, or no variant
    /// was ready for them. Counted apart from failures.
    async fn mark_skipped(&self, id: DeliveryId, reason: &str) -> StoreResult<()>;
    async fn delivery(&self, issue: IssueId, subscriber: SubscriberId) -> StoreResult<Delivery>;
    async fn delivery_counts(&self, issue: IssueId) -> StoreResult<Vec<DeliveryCount>>;
    /// Whether any delivery of `issue` is still `pending` or `sending`. Reads at most a row
    /// along the claim index, where `delivery_counts` reads the whole ledger of the issue.
    async fn has_open_deliveries(&self, issue: IssueId) -> StoreResult<bool>;
    /// The issues that went out to `subscriber`, oldest first: what their own data export
    /// lists as "sent to you".
    async fn sent_to(&self, subscriber: SubscriberId) -> StoreResult<Vec<SentIssue>>;
}

#[async_trait]
pub trait SuppressionStore {
    async fn suppress(
        &self,
        email: &EmailAddress,
        reason: SuppressionReason,
        at: OffsetDateTime,
    ) -> StoreResult<()>;
    async fn is_suppressed(&self, email: &EmailAddress) -> StoreResult<bool>;
}

#[async_trait]
pub trait UserStore {
    /// An account without languages (every role but the translator).
    async fn create_user(
        &self,
        email: &EmailAddress,
        password_hash: &str,
        role: Role,
        at: OffsetDateTime,
    ) -> StoreResult<User> {
        self.create_user_with_languages(email, password_hash, role, &[], at).await
    }
    /// An account with its languages (a translator's, the only variants they may edit), in
    /// one write. The caller checks that only a translator has languages, and always some.
    async fn create_user_with_languages(
        &self,
        email: &EmailAddress,
        password_hash: &str,
        role: Role,
        languages: &[Language],
        at: OffsetDateTime,
    ) -> StoreResult<User>;
    /// Every account, oldest first.
    async fn users(&self) -> StoreResult<Vec<User>>;
    /// Gives an account another role and languages (the caller checks that only a
    /// translator has languages). `Conflict` if it would leave no active administrator,
    /// `NotFound` if there is no such account.
    async fn change_user_role(
        &self,
        id: UserId,
        role: Role,
        languages: &[Language],
    ) -> StoreResult<()>;
    /// Disables an account (`Some(at)`) and, in the same step, ends its sessions and revokes
    /// its open password resets (whoever holds the mail must not set a password that is still
    /// valid once the account is enabled again), or enables it again (`None`). `Conflict` if disabling would leave no active administrator,
    /// `NotFound` if there is no such account.
    async fn set_user_disabled(&self, id: UserId, at: Option<OffsetDateTime>) -> StoreResult<()>;
    /// Saves the editor UI's language the account chose; `NotFound` if there is no such
    /// account.
    async fn set_user_ui_language(&self, id: UserId, language: Option<Language>)
    -> StoreResult<()>;
    async fn user(&self, id: UserId) -> StoreResult<User>;
    async fn user_by_email(&self, email: &EmailAddress) -> StoreResult<Option<User>>;
    async fn count_users(&self) -> StoreResult<i64>;
    async fn create_session(&self, session: &Session) -> StoreResult<()>;
    /// Only a session that has not expired at `now`.
    async fn session(&self, token_hash: &str, now: OffsetDateTime) -> StoreResult<Option<Session>>;
    async fn delete_session(&self, token_hash: &str) -> StoreResult<()>;
    /// `Conflict` when a token with the same hash exists.
    async fn create_api_token(
        &self,
        token: &NewApiToken,
        at: OffsetDateTime,
    ) -> StoreResult<ApiToken>;
    /// The live token (not revoked, not expired at `at`) with this hash, recording that it
    /// was used at `at`. `last_used_at` is written only when it is unset or a minute or more
    /// older than `at`, so a busy client does not turn every request into a write.
    async fn use_api_token(
        &self,
        token_hash: &str,
        at: OffsetDateTime,
    ) -> StoreResult<Option<ApiToken>>;
    /// Every token, revoked and expired ones included, oldest first.
    async fn api_tokens(&self) -> StoreResult<Vec<ApiToken>>;
    /// `NotFound` for an unknown id.
    async fn api_token(&self, id: ApiTokenId) -> StoreResult<ApiToken>;
    /// Refuses the token from `at` on; the row stays. Revoking it again keeps the first time.
    /// `NotFound` for an unknown id.
    async fn revoke_api_token(&self, id: ApiTokenId, at: OffsetDateTime) -> StoreResult<()>;
}

/// Everything Rundbrief stores, behind one object. The backend is chosen once, from the URL
/// scheme, and used as `Arc<dyn Store>` so nothing above this crate is generic over it.
#[async_trait]
pub trait Store:
    SubscriberStore
    + ListStore
    + ConsentStore
    + IssueStore
    + DeliveryStore
    + SuppressionStore
    + UserStore
    + ClaimStore
    + OutboxStore
    + ImportStore
    + ImportJobStore
    + BounceStore
    + SuppressionListStore
    + AccountLinkStore
    + RevisionStore
    + TranslatorNoticeStore
    + TwoFactorStore
    + ArchiveStore
    + PowStore
    + MediaStore
    + AuditStore
    + WelcomeStore
    + Send
    + Sync
    + 'static
{
    /// `"sqlite"` or `"postgres"`, for logs and health output.
    fn backend(&self) -> &'static str;
    /// Cheap round trip, for health checks.
    async fn ping(&self) -> StoreResult<()>;
    /// The migrations this binary embeds that the database's history does not record as
    /// applied, oldest first, for `/readyz`. Empty after `connect`, which runs them; not after
    /// the database was restored from an older dump, or set up anew by an older binary, while
    /// this process runs.
    async fn missing_migrations(&self) -> StoreResult<Vec<MigrationName>>;
}

/// One migration, as `/readyz` names a missing one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationName {
    pub version: i64,
    pub description: String,
}

/// The database kinds Rundbrief can run on, decided from the URL scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> StoreResult<Self> {
        let scheme = url.split_once(':').map(|(s, _)| s).unwrap_or("");
        match scheme.to_ascii_lowercase().as_str() {
            "sqlite" => Ok(Backend::Sqlite),
            "postgres" | "postgresql" => Ok(Backend::Postgres),
            _ => Err(StoreError::Config(format!(
                "unsupported database URL scheme '{scheme}': use sqlite://PATH or postgres://USER@HOST/DB"
            ))),
        }
    }
}

/// A database URL with the password replaced, safe for logs and error messages.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, tail) = match rest.find(['/', '?']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split_once(':').map(|(u, _)| u).unwrap_or(userinfo);
            if userinfo.contains(':') {
                format!("{scheme}://{user}:***@{host}{tail}")
            } else {
                format!("{scheme}://{user}@{host}{tail}")
            }
        }
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_is_chosen_from_the_scheme() {
        assert_eq!(Backend::from_url("sqlite://data/x.db").ok(), Some(Backend::Sqlite));
        assert_eq!(Backend::from_url("postgres://a@b/c").ok(), Some(Backend::Postgres));
        assert_eq!(Backend::from_url("postgresql://a@b/c").ok(), Some(Backend::Postgres));
        let err = Backend::from_url("mysql://a@b/c").expect_err("refused");
        assert!(err.to_string().contains("mysql"), "{err}");
        assert!(Backend::from_url("").is_err());
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact_url("postgres://user:secret@db:5432/x?sslmode=require"),
            "postgres://user:***@db:5432/x?sslmode=require"
        );
        assert_eq!(redact_url("postgres://user@db/x"), "postgres://user@db/x");
        assert_eq!(redact_url("sqlite://./data/r.db"), "sqlite://./data/r.db");
        assert!(!redact_url("postgres://u:p%40ss@h/x").contains("p%40ss"));
    }
}
