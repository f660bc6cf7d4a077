// Compiled into each backend crate with `include!`, first of the files listed in README.md
// beside this file. The including crate defines `Db`, `StoreImpl` with `reader()` /
// `writer()`, `BACKEND_NAME`, `SNAPSHOT_ISSUE_SQL` and `CLAIM_SQL` (parameters: $1 issue id,
// $2 limit, $3 now, $4 lease end, $5 'pending', $6 'sending', $7 the claim token, $8 the
// lowest id to claim; it returns the claimed rows with the columns of `DeliveryRow`).

use async_trait::async_trait;
use rundbrief_core::model::{
    ApiToken, ConsentAction, ConsentEvent, Delivery, DeliveryCount, DeliveryStatus, Issue,
    IssueStatus, IssueUpdate, MailingList, NewApiToken, NewConsentEvent, NewIssue, NewList,
    NewSubscriber, Page, Role, Session, Subscriber, SubscriberCount, SubscriberFilter,
    SubscriberUpdate, SuppressionReason, User, Variant, VariantInput, suppression_hash,
};
use rundbrief_core::segment::{ListMatch, Segment};
use rundbrief_core::{
    ApiTokenId, DeliveryId, EmailAddress, IssueId, Language, ListId, SubscriberId,
    SubscriberStatus, UserId,
};
use rundbrief_store::{
    ConsentStore, DeliveryStore, IssueStore, ListStore, MonthGrowth, Recipient, SentDelivery,
    Snapshot, Store, StoreError, StoreResult, SubscriberStore, SuppressionStore, UserStore,
};
use sqlx::QueryBuilder;
use sqlx::types::Json;
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// Timestamps are stored in UTC and whole seconds. SQLite keeps them as RFC 3339 text and
/// compares that text, which only orders correctly with one offset and a fixed width; whole
/// seconds give both databases the same precision.
/// Deliveries marked `sent` by one statement at most (4 parameters each).
const MARK_SENT_CHUNK: usize = 500;

fn ts(t: OffsetDateTime) -> OffsetDateTime {
    let utc = t.to_offset(time::UtcOffset::UTC);
    utc.replace_nanosecond(0).unwrap_or(utc)
}

fn db_err(e: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(ref dbe) = e {
        if dbe.is_unique_violation() {
            return StoreError::Conflict(format!(
                "a record with the same key already exists ({})",
                dbe.constraint().unwrap_or("unique constraint")
            ));
        }
        if dbe.is_foreign_key_violation() {
            return StoreError::Invalid("a referenced record does not exist".into());
        }
    }
    if unavailable(&e) {
        return StoreError::Unavailable(Box::new(e));
    }
    StoreError::Database(Box::new(e))
}

/// For a write whose foreign keys all point at `what`: a violated key means that record does
/// not exist (any more), which callers treat like any other missing record.
fn not_found_if_missing(what: &'static str) -> impl Fn(sqlx::Error) -> StoreError {
    move |e| match db_err(e) {
        StoreError::Invalid(_) => StoreError::NotFound(what),
        other => other,
    }
}

/// Errors that say the database is out of reach or cannot take writes for now, as opposed to
/// a fault in a statement: the connection failed or was lost, the pool timed out waiting for
/// one, PostgreSQL is shutting down or starting (SQLSTATE class 08, 57P01-57P03), or SQLite
/// is busy, read-only, out of disk or cannot open its file.
fn unavailable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(dbe) => {
            let Some(code) = dbe.code() else { return false };
            if code.starts_with("08") || matches!(&*code, "57P01" | "57P02" | "57P03") {
                return true;
            }
            // SQLite reports its (extended) result code as a number; the primary code is the
            // low byte: 5 BUSY, 8 READONLY, 10 IOERR, 13 FULL, 14 CANTOPEN.
            code.parse::<u32>().is_ok_and(|n| matches!(n & 0xff, 5 | 8 | 10 | 13 | 14))
        }
        _ => false,
    }
}

/// Whether the address of `hash` is suppressed; one statement for every caller that must not
/// mail, create or revive a suppressed address.
async fn suppressed<'c, E: sqlx::Executor<'c, Database = Db>>(
    executor: E,
    hash: &str,
) -> StoreResult<bool> {
    let hit: Option<i32> = sqlx::query_scalar("SELECT 1 FROM suppressions WHERE email_hash = $1")
        .bind(hash)
        .fetch_optional(executor)
        .await
        .map_err(db_err)?;
    Ok(hit.is_some())
}

/// A subscriber's status and suppression hash, read inside the transaction that changes them.
async fn status_and_hash(
    tx: &mut sqlx::Transaction<'_, Db>,
    id: SubscriberId,
) -> StoreResult<(SubscriberStatus, Option<String>)> {
    let current: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT status, email_hash FROM subscribers WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut **tx)
            .await
            .map_err(db_err)?;
    let (status, hash) = current.ok_or(StoreError::NotFound("subscriber"))?;
    Ok((status.parse().map_err(|e| corrupt("subscribers", e))?, hash))
}

/// Adds `subscriber` to `list` (again is harmless); whether it was not on the list before.
async fn insert_subscription<'c, E: sqlx::Executor<'c, Database = Db>>(
    executor: E,
    subscriber: SubscriberId,
    list: ListId,
    at: OffsetDateTime,
) -> StoreResult<bool> {
    let added = sqlx::query(
        "INSERT INTO subscriptions (subscriber_id, list_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (subscriber_id, list_id) DO NOTHING",
    )
    .bind(subscriber.0)
    .bind(list.0)
    .bind(ts(at))
    .execute(executor)
    .await
    .map_err(not_found_if_missing("subscriber or list"))?
    .rows_affected();
    Ok(added > 0)
}

/// Appends `event` to `subscriber`'s consent log (its own `subscriber_id` is not used).
async fn insert_consent<'c, E: sqlx::Executor<'c, Database = Db>>(
    executor: E,
    subscriber: SubscriberId,
    event: &NewConsentEvent,
    at: OffsetDateTime,
) -> StoreResult<ConsentEvent> {
    let row: ConsentRow = sqlx::query_as(
        "INSERT INTO consent_events (subscriber_id, action, text_version, language, ip, \
         user_agent, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, \
         subscriber_id, action, text_version, language, ip, user_agent, created_at",
    )
    .bind(subscriber.0)
    .bind(event.action.as_str())
    .bind(&event.text_version)
    .bind(event.language.map(Language::code))
    .bind(&event.ip)
    .bind(&event.user_agent)
    .bind(ts(at))
    .fetch_one(executor)
    .await
    .map_err(not_found_if_missing("subscriber"))?;
    row.try_into()
}

fn corrupt(table: &'static str, detail: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt { table, detail: detail.to_string() }
}

fn parse_language(table: &'static str, code: &str) -> StoreResult<Language> {
    Language::parse(code).map_err(|e| corrupt(table, e))
}

/// Escapes LIKE wildcards so a search for "50%" finds that text, not everything.
fn like_pattern(needle: &str) -> String {
    let mut pattern = String::with_capacity(needle.len() + 2);
    pattern.push('%');
    for c in needle.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// For statements addressed at one row by key: touching none means the row is not there (or not
/// in a state the statement allows).
fn require_row(rows_affected: u64, what: &'static str) -> StoreResult<()> {
    if rows_affected == 0 { Err(StoreError::NotFound(what)) } else { Ok(()) }
}

impl StoreImpl {
    /// Reads the row a key names, as its domain type (see `found`).
    async fn read_one<'q, R, T, A>(
        &self,
        query: sqlx::query::QueryAs<'q, Db, R, A>,
        what: &'static str,
    ) -> StoreResult<T>
    where
        A: 'q + sqlx::IntoArguments<Db> + Send,
        R: Send + Unpin + for<'r> sqlx::FromRow<'r, <Db as sqlx::Database>::Row>,
        T: TryFrom<R, Error = StoreError>,
    {
        found(query.fetch_optional(self.reader()).await.map_err(db_err)?, what)
    }

    /// Runs a write and says how many rows it touched.
    async fn write<'q, Q: sqlx::Execute<'q, Db> + 'q>(&self, statement: Q) -> StoreResult<u64> {
        let done = sqlx::Executor::execute(self.writer(), statement).await.map_err(db_err)?;
        Ok(done.rows_affected())
    }

    /// Runs a write addressed at one row by key, which must touch it (see `require_row`).
    async fn write_one<'q, Q: sqlx::Execute<'q, Db> + 'q>(
        &self,
        statement: Q,
        what: &'static str,
    ) -> StoreResult<()> {
        require_row(self.write(statement).await?, what)
    }
}

/// The row a keyed read or write returned, as its domain type: `NotFound(what)` when none.
fn found<R, T: TryFrom<R, Error = StoreError>>(
    row: Option<R>,
    what: &'static str,
) -> StoreResult<T> {
    row.ok_or(StoreError::NotFound(what))?.try_into()
}

fn page_limit(limit: u32) -> i64 {
    i64::from(limit.clamp(1, 1000))
}

// ---------------------------------------------------------------------------------------------
// Rows as the databases return them, and their mapping to domain types.

macro_rules! subscriber_columns {
    () => {
        "id, email, name, language, status, region, audience, \
     attributes, created_at, confirmed_at, unsubscribed_at"
    };
}

#[derive(sqlx::FromRow)]
struct SubscriberRow {
    id: i64,
    email: Option<String>,
    name: Option<String>,
    language: String,
    status: String,
    region: Option<String>,
    audience: Option<String>,
    attributes: Json<serde_json::Map<String, serde_json::Value>>,
    created_at: OffsetDateTime,
    confirmed_at: Option<OffsetDateTime>,
    unsubscribed_at: Option<OffsetDateTime>,
}

impl TryFrom<SubscriberRow> for Subscriber {
    type Error = StoreError;
    fn try_from(row: SubscriberRow) -> StoreResult<Self> {
        Ok(Subscriber {
            id: SubscriberId(row.id),
            email: row
                .email
                .map(|e| EmailAddress::parse(&e).map_err(|e| corrupt("subscribers", e)))
                .transpose()?,
            name: row.name,
            language: parse_language("subscribers", &row.language)?,
            status: row.status.parse().map_err(|e| corrupt("subscribers", e))?,
            region: row.region,
            audience: row.audience,
            attributes: row.attributes.0,
            created_at: row.created_at,
            confirmed_at: row.confirmed_at,
            unsubscribed_at: row.unsubscribed_at,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ListRow {
    id: i64,
    slug: String,
    names: Json<BTreeMap<String, String>>,
    public: bool,
    created_at: OffsetDateTime,
}

impl TryFrom<ListRow> for MailingList {
    type Error = StoreError;
    fn try_from(row: ListRow) -> StoreResult<Self> {
        let names = row
            .names
            .0
            .into_iter()
            .map(|(code, name)| Ok((parse_language("lists", &code)?, name)))
            .collect::<StoreResult<_>>()?;
        Ok(MailingList {
            id: ListId(row.id),
            slug: row.slug,
            names,
            public: row.public,
            created_at: row.created_at,
        })
    }
}

fn names_json(names: &BTreeMap<Language, String>) -> Json<BTreeMap<String, String>> {
    Json(names.iter().map(|(l, n)| (l.code().to_owned(), n.clone())).collect())
}

#[derive(sqlx::FromRow)]
struct ConsentRow {
    id: i64,
    subscriber_id: i64,
    action: String,
    text_version: Option<String>,
    language: Option<String>,
    ip: Option<String>,
    user_agent: Option<String>,
    created_at: OffsetDateTime,
}

impl TryFrom<ConsentRow> for ConsentEvent {
    type Error = StoreError;
    fn try_from(row: ConsentRow) -> StoreResult<Self> {
        Ok(ConsentEvent {
            id: row.id,
            subscriber_id: SubscriberId(row.subscriber_id),
            action: row.action.parse().map_err(|e| corrupt("consent_events", e))?,
            text_version: row.text_version,
            language: row.language.map(|l| parse_language("consent_events", &l)).transpose()?,
            ip: row.ip,
            user_agent: row.user_agent,
            created_at: row.created_at,
        })
    }
}

macro_rules! issue_columns {
    () => {
        "id, title, base_language, status, status_reason, segment, scheduled_at, created_at, updated_at"
    };
}

#[derive(sqlx::FromRow)]
struct IssueRow {
    id: i64,
    title: String,
    base_language: String,
    status: String,
    status_reason: Option<String>,
    segment: Json<Segment>,
    scheduled_at: Option<OffsetDateTime>,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
}

impl TryFrom<IssueRow> for Issue {
    type Error = StoreError;
    fn try_from(row: IssueRow) -> StoreResult<Self> {
        Ok(Issue {
            id: IssueId(row.id),
            title: row.title,
            base_language: parse_language("issues", &row.base_language)?,
            status: row.status.parse().map_err(|e| corrupt("issues", e))?,
            status_reason: row.status_reason,
            segment: row.segment.0,
            scheduled_at: row.scheduled_at,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

macro_rules! variant_columns {
    () => {
        "issue_id, language, subject, preheader, body_markdown, ready, updated_at"
    };
}

#[derive(sqlx::FromRow)]
struct VariantRow {
    issue_id: i64,
    language: String,
    subject: String,
    preheader: String,
    body_markdown: String,
    ready: bool,
    updated_at: OffsetDateTime,
}

impl TryFrom<VariantRow> for Variant {
    type Error = StoreError;
    fn try_from(row: VariantRow) -> StoreResult<Self> {
        Ok(Variant {
            issue_id: IssueId(row.issue_id),
            language: parse_language("issue_variants", &row.language)?,
            subject: row.subject,
            preheader: row.preheader,
            body_markdown: row.body_markdown,
            ready: row.ready,
            updated_at: row.updated_at,
        })
    }
}

// `language` of a `Delivery` is the variant that was sent; the column `language` holds the
// reader's language at the snapshot, which progress per language counts (migration 0006).
macro_rules! delivery_columns {
    () => {
        "id, issue_id, subscriber_id, variant_language AS language, status, attempts, \
     last_error, message_id, sent_at, next_attempt_at, lease_until"
    };
}

#[derive(sqlx::FromRow)]
struct DeliveryRow {
    id: i64,
    issue_id: i64,
    subscriber_id: i64,
    language: Option<String>,
    status: String,
    attempts: i32,
    last_error: Option<String>,
    message_id: Option<String>,
    sent_at: Option<OffsetDateTime>,
    next_attempt_at: Option<OffsetDateTime>,
    lease_until: Option<OffsetDateTime>,
}

impl TryFrom<DeliveryRow> for Delivery {
    type Error = StoreError;
    fn try_from(row: DeliveryRow) -> StoreResult<Self> {
        Ok(Delivery {
            id: DeliveryId(row.id),
            issue_id: IssueId(row.issue_id),
            subscriber_id: SubscriberId(row.subscriber_id),
            language: row.language.map(|l| parse_language("deliveries", &l)).transpose()?,
            status: row.status.parse().map_err(|e| corrupt("deliveries", e))?,
            attempts: row.attempts,
            last_error: row.last_error,
            message_id: row.message_id,
            sent_at: row.sent_at,
            next_attempt_at: row.next_attempt_at,
            lease_until: row.lease_until,
        })
    }
}

/// The columns of a [`UserRow`], in its order.
macro_rules! user_columns {
    () => {
        "id, email, password_hash, role, languages, created_at, disabled_at, ui_language"
    };
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    email: String,
    password_hash: String,
    role: String,
    /// Comma-separated language codes (migration 0013); '' for all but translators.
    languages: String,
    created_at: OffsetDateTime,
    /// Migration 0017; NULL while the account is active.
    disabled_at: Option<OffsetDateTime>,
    /// Migration 0018; NULL until the account chooses.
    ui_language: Option<String>,
}

/// `users.languages` as stored: the codes, comma-separated.
fn language_list(languages: &[Language]) -> String {
    languages.iter().map(|l| l.code()).collect::<Vec<_>>().join(",")
}

impl TryFrom<UserRow> for User {
    type Error = StoreError;
    fn try_from(row: UserRow) -> StoreResult<Self> {
        let languages = row
            .languages
            .split(',')
            .filter(|code| !code.is_empty())
            .map(|code| parse_language("users", code))
            .collect::<StoreResult<Vec<_>>>()?;
        Ok(User {
            id: UserId(row.id),
            email: EmailAddress::parse(&row.email).map_err(|e| corrupt("users", e))?,
            password_hash: row.password_hash,
            role: row.role.parse().map_err(|e| corrupt("users", e))?,
            languages,
            created_at: row.created_at,
            disabled_at: row.disabled_at,
            ui_language: row.ui_language.map(|code| parse_language("users", &code)).transpose()?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ApiTokenRow {
    id: i64,
    name: String,
    token_hash: String,
    scope: String,
    created_at: OffsetDateTime,
    expires_at: Option<OffsetDateTime>,
    revoked_at: Option<OffsetDateTime>,
    last_used_at: Option<OffsetDateTime>,
}

/// The columns of `ApiTokenRow`, in its order; a macro, so statements stay `&'static str`
/// (sqlx refuses SQL built at run time).
macro_rules! api_token_columns {
    () => {
        "id, name, token_hash, scope, created_at, expires_at, revoked_at, last_used_at"
    };
}

impl TryFrom<ApiTokenRow> for ApiToken {
    type Error = StoreError;
    fn try_from(row: ApiTokenRow) -> StoreResult<Self> {
        Ok(ApiToken {
            id: ApiTokenId(row.id),
            name: row.name,
            token_hash: row.token_hash,
            scope: row.scope.parse().map_err(|e| corrupt("api_tokens", e))?,
            created_at: row.created_at,
            expires_at: row.expires_at,
            revoked_at: row.revoked_at,
            last_used_at: row.last_used_at,
        })
    }
}

fn map_rows<R, T>(rows: Vec<R>) -> StoreResult<Vec<T>>
where
    T: TryFrom<R, Error = StoreError>,
{
    rows.into_iter().map(T::try_from).collect()
}

/// Writes one pending delivery per subscriber of `segment` (rows that exist are kept) in the
/// caller's transaction, so that starting an issue and snapshotting its audience commit
/// together: a crash between the two could otherwise leave a `sending` issue with no ledger,
/// which the workers would take for finished.
///
/// The issue is read first (on PostgreSQL with a lock, `SNAPSHOT_ISSUE_SQL`): PostgreSQL's
/// ledger has no foreign keys (migration 0025), so this is what refuses an issue that does
/// not exist and keeps it from being deleted meanwhile.
async fn insert_snapshot(
    tx: &mut sqlx::Transaction<'static, Db>,
    issue: IssueId,
    segment: &Segment,
    at: OffsetDateTime,
) -> StoreResult<Snapshot> {
    let found: Option<i64> = sqlx::query_scalar(SNAPSHOT_ISSUE_SQL)
        .bind(issue.0)
        .fetch_optional(&mut **tx)
        .await
        .map_err(db_err)?;
    if found.is_none() {
        return Err(StoreError::NotFound("issue"));
    }
    // An issue's first snapshot (the one that starts it) inserts without `ON CONFLICT`: there
    // is nothing to conflict with, and PostgreSQL's speculative insertion of each row made the
    // snapshot a third slower. The issue's row lock keeps a second snapshot out meanwhile.
    let existing: Option<i64> =
        sqlx::query_scalar("SELECT id FROM deliveries WHERE issue_id = $1 LIMIT 1")
            .bind(issue.0)
            .fetch_optional(&mut **tx)
            .await
            .map_err(db_err)?;
    let mut qb = QueryBuilder::<Db>::new(
        "INSERT INTO deliveries (issue_id, subscriber_id, language, status, attempts, created_at) \
         SELECT ",
    );
    qb.push_bind(issue.0)
        .push(", s.id, s.language, ")
        .push_bind(DeliveryStatus::Pending.as_str())
        .push(", 0, ")
        .push_bind(ts(at))
        .push(" FROM subscribers s WHERE");
    push_segment_conditions(&mut qb, segment);
    if existing.is_some() {
        qb.push(" ON CONFLICT (issue_id, subscriber_id) DO NOTHING");
    }
    let done = qb.build().execute(&mut **tx).await.map_err(not_found_if_missing("issue"))?;
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM deliveries WHERE issue_id = $1")
        .bind(issue.0)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)?;
    Ok(Snapshot { inserted: done.rows_affected(), total: total.max(0) as u64 })
}

/// Appends the conditions that put a subscriber (aliased `s`) into `segment`. Only active,
/// non-suppressed subscribers are ever in a segment, whatever it says.
fn push_segment_conditions(qb: &mut QueryBuilder<Db>, segment: &Segment) {
    qb.push(" s.status = ")
        .push_bind(SubscriberStatus::Active.as_str())
        .push(" AND NOT EXISTS (SELECT 1 FROM suppressions p WHERE p.email_hash = s.email_hash)");
    if !segment.lists.is_empty() {
        let mut lists: Vec<i64> = segment.lists.iter().map(|l| l.0).collect();
        lists.sort_unstable();
        lists.dedup();
        let wanted = lists.len() as i64;
        match segment.list_match {
            ListMatch::Any => {
                qb.push(" AND EXISTS (SELECT 1 FROM subscriptions x WHERE x.subscriber_id = s.id AND x.list_id IN (");
            }
            ListMatch::All => {
                qb.push(" AND (SELECT COUNT(*) FROM subscriptions x WHERE x.subscriber_id = s.id AND x.list_id IN (");
            }
        }
        let mut separated = qb.separated(", ");
        for list in lists {
            separated.push_bind(list);
        }
        match segment.list_match {
            ListMatch::Any => {
                qb.push("))");
            }
            ListMatch::All => {
                qb.push(")) = ").push_bind(wanted);
            }
        }
    }
    push_in(qb, "s.language", segment.languages.iter().map(|l| l.code().to_owned()));
    push_in(qb, "s.region", segment.regions.iter().cloned());
    push_in(qb, "s.audience", segment.audiences.iter().cloned());
}

fn push_in(qb: &mut QueryBuilder<Db>, column: &str, values: impl ExactSizeIterator<Item = String>) {
    if values.len() == 0 {
        return;
    }
    qb.push(" AND ").push(column).push(" IN (");
    let mut separated = qb.separated(", ");
    for value in values {
        separated.push_bind(value);
    }
    qb.push(")");
}

// ---------------------------------------------------------------------------------------------
