// Compiled into each backend crate with `include!` (see README.md beside this file). The
// including crate defines `Db`, `StoreImpl` with `reader()` / `writer()`, `BACKEND_NAME` and
// `CLAIM_SQL` (parameters: $1 issue id, $2 limit, $3 now, $4 lease end, $5 'pending',
// $6 'sending', $7 the claim token; it returns the claimed rows with the columns of `DeliveryRow`).

use async_trait::async_trait;
use rundbrief_core::model::{
    ApiToken, ConsentAction, ConsentEvent, Delivery, DeliveryCount, DeliveryStatus, Issue,
    IssueStatus, IssueUpdate, MailingList, NewConsentEvent, NewIssue, NewList, NewSubscriber, Page,
    Role, Session, Subscriber, SubscriberCount, SubscriberFilter, SubscriberUpdate,
    SuppressionReason, User, Variant, VariantInput, suppression_hash,
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

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    email: String,
    password_hash: String,
    role: String,
    created_at: OffsetDateTime,
}

impl TryFrom<UserRow> for User {
    type Error = StoreError;
    fn try_from(row: UserRow) -> StoreResult<Self> {
        Ok(User {
            id: UserId(row.id),
            email: EmailAddress::parse(&row.email).map_err(|e| corrupt("users", e))?,
            password_hash: row.password_hash,
            role: row.role.parse().map_err(|e| corrupt("users", e))?,
            created_at: row.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ApiTokenRow {
    id: i64,
    name: String,
    token_hash: String,
    created_at: OffsetDateTime,
    last_used_at: Option<OffsetDateTime>,
}

impl From<ApiTokenRow> for ApiToken {
    fn from(row: ApiTokenRow) -> Self {
        ApiToken {
            id: ApiTokenId(row.id),
            name: row.name,
            token_hash: row.token_hash,
            created_at: row.created_at,
            last_used_at: row.last_used_at,
        }
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
async fn insert_snapshot(
    tx: &mut sqlx::Transaction<'static, Db>,
    issue: IssueId,
    segment: &Segment,
    at: OffsetDateTime,
) -> StoreResult<Snapshot> {
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
    qb.push(" ON CONFLICT (issue_id, subscriber_id) DO NOTHING");
    let done = qb.build().execute(&mut **tx).await.map_err(|e| match db_err(e) {
        StoreError::Invalid(_) => StoreError::NotFound("issue"),
        other => other,
    })?;
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

#[async_trait]
impl SubscriberStore for StoreImpl {
    async fn create_subscriber(
        &self,
        new: &NewSubscriber,
        at: OffsetDateTime,
    ) -> StoreResult<Subscriber> {
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        let subscriber = outbox::insert_subscriber(&mut tx, new, at).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(subscriber)
    }

    async fn subscriber(&self, id: SubscriberId) -> StoreResult<Subscriber> {
        let sql = concat!("SELECT ", subscriber_columns!(), " FROM subscribers s WHERE s.id = $1");
        let row: Option<SubscriberRow> =
            sqlx::query_as(sql).bind(id.0).fetch_optional(self.reader()).await.map_err(db_err)?;
        row.ok_or(StoreError::NotFound("subscriber"))?.try_into()
    }

    async fn subscriber_by_email(&self, email: &EmailAddress) -> StoreResult<Option<Subscriber>> {
        let sql =
            concat!("SELECT ", subscriber_columns!(), " FROM subscribers s WHERE s.email_key = $1");
        let row: Option<SubscriberRow> = sqlx::query_as(sql)
            .bind(email.key())
            .fetch_optional(self.reader())
            .await
            .map_err(db_err)?;
        row.map(Subscriber::try_from).transpose()
    }

    async fn update_subscriber(
        &self,
        id: SubscriberId,
        update: &SubscriberUpdate,
    ) -> StoreResult<Subscriber> {
        let current = self.subscriber(id).await?;
        if current.status == SubscriberStatus::Erased {
            return Err(StoreError::Conflict("an erased subscriber cannot be changed".into()));
        }
        let name = update.name.clone().unwrap_or(current.name);
        let language = update.language.unwrap_or(current.language);
        let region = update.region.clone().unwrap_or(current.region);
        let audience = update.audience.clone().unwrap_or(current.audience);
        let attributes = update.attributes.clone().unwrap_or(current.attributes);
        let sql = concat!(
            "UPDATE subscribers SET name = $1, language = $2, region = $3, audience = $4, \
             attributes = $5 WHERE id = $6 AND status <> $7 RETURNING ",
            subscriber_columns!(),
            ""
        );
        let row: Option<SubscriberRow> = sqlx::query_as(sql)
            .bind(name)
            .bind(language.code())
            .bind(region)
            .bind(audience)
            .bind(Json(attributes))
            .bind(id.0)
            .bind(SubscriberStatus::Erased.as_str())
            .fetch_optional(self.writer())
            .await
            .map_err(db_err)?;
        row.ok_or(StoreError::Conflict("the subscriber was erased meanwhile".into()))?.try_into()
    }

    async fn set_subscriber_status(
        &self,
        id: SubscriberId,
        status: SubscriberStatus,
        at: OffsetDateTime,
    ) -> StoreResult<Subscriber> {
        if status == SubscriberStatus::Erased {
            return Err(StoreError::Invalid("use erase_subscriber to erase".into()));
        }
        let at = ts(at);
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        let current: Option<(String, Option<String>)> =
            sqlx::query_as("SELECT status, email_hash FROM subscribers WHERE id = $1")
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?;
        let (current, hash) = current.ok_or(StoreError::NotFound("subscriber"))?;
        let current: SubscriberStatus = current.parse().map_err(|e| corrupt("subscribers", e))?;
        current.transition(status)?;
        if matches!(status, SubscriberStatus::Active | SubscriberStatus::Pending) {
            let suppressed: Option<i32> =
                sqlx::query_scalar("SELECT 1 FROM suppressions WHERE email_hash = $1")
                    .bind(&hash)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db_err)?;
            if suppressed.is_some() {
                return Err(StoreError::Suppressed);
            }
        }
        // Compare-and-set on the old status: a concurrent change makes this update miss
        // instead of silently overwriting it.
        let sql = concat!(
            "UPDATE subscribers SET status = $1, \
             confirmed_at = CASE WHEN $1 = 'active' THEN $2 ELSE confirmed_at END, \
             unsubscribed_at = CASE WHEN $1 = 'unsubscribed' THEN $2 ELSE unsubscribed_at END \
             WHERE id = $3 AND status = $4 RETURNING ",
            subscriber_columns!(),
            ""
        );
        let row: Option<SubscriberRow> = sqlx::query_as(sql)
            .bind(status.as_str())
            .bind(at)
            .bind(id.0)
            .bind(current.as_str())
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_err)?;
        let row = row.ok_or(StoreError::Conflict(
            "the subscriber's status changed meanwhile; try again".into(),
        ))?;
        tx.commit().await.map_err(db_err)?;
        row.try_into()
    }

    async fn erase_subscriber(&self, id: SubscriberId, at: OffsetDateTime) -> StoreResult<()> {
        let at = ts(at);
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        let current: Option<(String, Option<String>)> =
            sqlx::query_as("SELECT status, email_hash FROM subscribers WHERE id = $1")
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?;
        let (status, hash) = current.ok_or(StoreError::NotFound("subscriber"))?;
        if status == SubscriberStatus::Erased.as_str() {
            return Ok(());
        }
        if let Some(hash) = hash {
            sqlx::query(
                "INSERT INTO suppressions (email_hash, reason, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (email_hash) DO NOTHING",
            )
            .bind(hash)
            .bind(SuppressionReason::Erasure.as_str())
            .bind(at)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        }
        sqlx::query(
            "UPDATE subscribers SET email = NULL, email_key = NULL, email_hash = NULL, \
             name = NULL, attributes = $1, status = $2, unsubscribed_at = $3 WHERE id = $4",
        )
        .bind(Json(serde_json::Map::new()))
        .bind(SubscriberStatus::Erased.as_str())
        .bind(at)
        .bind(id.0)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        sqlx::query("DELETE FROM subscriptions WHERE subscriber_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        sqlx::query(
            "UPDATE consent_events SET ip = NULL, user_agent = NULL WHERE subscriber_id = $1",
        )
        .bind(id.0)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        sqlx::query(
            "INSERT INTO consent_events (subscriber_id, action, created_at) VALUES ($1, $2, $3)",
        )
        .bind(id.0)
        .bind(ConsentAction::Erase.as_str())
        .bind(at)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        tx.commit().await.map_err(db_err)
    }

    async fn list_subscribers(
        &self,
        filter: &SubscriberFilter,
        after: Option<i64>,
        limit: u32,
    ) -> StoreResult<Page<Subscriber>> {
        let limit = page_limit(limit);
        let mut qb = QueryBuilder::<Db>::new(concat!(
            "SELECT ",
            subscriber_columns!(),
            " FROM subscribers s WHERE s.id > "
        ));
        qb.push_bind(after.unwrap_or(0));
        if let Some(status) = filter.status {
            qb.push(" AND s.status = ").push_bind(status.as_str());
        }
        if let Some(language) = filter.language {
            qb.push(" AND s.language = ").push_bind(language.code());
        }
        if let Some(list) = filter.list {
            qb.push(" AND EXISTS (SELECT 1 FROM subscriptions x WHERE x.subscriber_id = s.id AND x.list_id = ")
                .push_bind(list.0)
                .push(")");
        }
        if let Some(region) = &filter.region {
            qb.push(" AND s.region = ").push_bind(region.clone());
        }
        if let Some(audience) = &filter.audience {
            qb.push(" AND s.audience = ").push_bind(audience.clone());
        }
        if let Some(from) = filter.created_from {
            qb.push(" AND s.created_at >= ").push_bind(ts(from));
        }
        if let Some(before) = filter.created_before {
            qb.push(" AND s.created_at < ").push_bind(ts(before));
        }
        if let Some(search) = filter.search.as_deref().filter(|s| !s.trim().is_empty()) {
            let pattern = like_pattern(search.trim());
            qb.push(" AND (LOWER(s.email) LIKE ")
                .push_bind(pattern.clone())
                .push(" ESCAPE '\\' OR LOWER(s.name) LIKE ")
                .push_bind(pattern)
                .push(" ESCAPE '\\')");
        }
        // One row more than asked tells whether another page exists without a COUNT.
        qb.push(" ORDER BY s.id LIMIT ").push_bind(limit + 1);
        let rows: Vec<SubscriberRow> =
            qb.build_query_as().fetch_all(self.reader()).await.map_err(db_err)?;
        let mut items: Vec<Subscriber> = map_rows(rows)?;
        let next = if items.len() as i64 > limit {
            items.truncate(limit as usize);
            items.last().map(|s| s.id.0)
        } else {
            None
        };
        Ok(Page { items, next })
    }

    async fn count_subscribers(&self) -> StoreResult<Vec<SubscriberCount>> {
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT status, language, COUNT(*) FROM subscribers GROUP BY status, language \
             ORDER BY status, language",
        )
        .fetch_all(self.reader())
        .await
        .map_err(db_err)?;
        rows.into_iter()
            .map(|(status, language, count)| {
                Ok(SubscriberCount {
                    status: status.parse().map_err(|e| corrupt("subscribers", e))?,
                    language: parse_language("subscribers", &language)?,
                    count,
                })
            })
            .collect()
    }

    async fn subscriber_growth(&self, since: OffsetDateTime) -> StoreResult<Vec<MonthGrowth>> {
        let since = ts(since);
        // Months are cut here rather than in SQL: SQLite keeps times as RFC 3339 text and
        // PostgreSQL as timestamptz, and their date functions differ. Three timestamps a row
        // of one year's activity stay small even for large lists.
        let rows: Vec<(OffsetDateTime, Option<OffsetDateTime>, Option<OffsetDateTime>)> =
            sqlx::query_as(
                "SELECT created_at, confirmed_at, unsubscribed_at FROM subscribers \
                 WHERE created_at >= $1 OR confirmed_at >= $1 OR unsubscribed_at >= $1",
            )
            .bind(since)
            .fetch_all(self.reader())
            .await
            .map_err(db_err)?;
        let mut months: BTreeMap<(i32, u8), MonthGrowth> = BTreeMap::new();
        let mut count = |at: Option<OffsetDateTime>, field: fn(&mut MonthGrowth) -> &mut i64| {
            let Some(at) = at.map(|t| t.to_offset(time::UtcOffset::UTC)).filter(|t| *t >= since)
            else {
                return;
            };
            let (year, month) = (at.year(), u8::from(at.month()));
            let entry = months.entry((year, month)).or_insert(MonthGrowth {
                year,
                month,
                new: 0,
                confirmed: 0,
                left: 0,
            });
            *field(entry) += 1;
        };
        for (created, confirmed, left) in rows {
            count(Some(created), |m| &mut m.new);
            count(confirmed, |m| &mut m.confirmed);
            count(left, |m| &mut m.left);
        }
        Ok(months.into_values().collect())
    }
}

#[async_trait]
impl ListStore for StoreImpl {
    async fn create_list(&self, new: &NewList, at: OffsetDateTime) -> StoreResult<MailingList> {
        let row: ListRow = sqlx::query_as(
            "INSERT INTO lists (slug, names, public, created_at) VALUES ($1, $2, $3, $4) \
             RETURNING id, slug, names, public, created_at",
        )
        .bind(&new.slug)
        .bind(names_json(&new.names))
        .bind(new.public)
        .bind(ts(at))
        .fetch_one(self.writer())
        .await
        .map_err(db_err)?;
        row.try_into()
    }

    async fn list(&self, id: ListId) -> StoreResult<MailingList> {
        let row: Option<ListRow> =
            sqlx::query_as("SELECT id, slug, names, public, created_at FROM lists WHERE id = $1")
                .bind(id.0)
                .fetch_optional(self.reader())
                .await
                .map_err(db_err)?;
        row.ok_or(StoreError::NotFound("list"))?.try_into()
    }

    async fn lists(&self) -> StoreResult<Vec<MailingList>> {
        let rows: Vec<ListRow> =
            sqlx::query_as("SELECT id, slug, names, public, created_at FROM lists ORDER BY id")
                .fetch_all(self.reader())
                .await
                .map_err(db_err)?;
        map_rows(rows)
    }

    async fn update_list(&self, id: ListId, new: &NewList) -> StoreResult<MailingList> {
        let row: Option<ListRow> = sqlx::query_as(
            "UPDATE lists SET slug = $1, names = $2, public = $3 WHERE id = $4 \
             RETURNING id, slug, names, public, created_at",
        )
        .bind(&new.slug)
        .bind(names_json(&new.names))
        .bind(new.public)
        .bind(id.0)
        .fetch_optional(self.writer())
        .await
        .map_err(db_err)?;
        row.ok_or(StoreError::NotFound("list"))?.try_into()
    }

    async fn delete_list(&self, id: ListId) -> StoreResult<()> {
        let done = sqlx::query("DELETE FROM lists WHERE id = $1")
            .bind(id.0)
            .execute(self.writer())
            .await
            .map_err(db_err)?;
        require_row(done.rows_affected(), "list")
    }

    async fn subscribe(
        &self,
        subscriber: SubscriberId,
        list: ListId,
        at: OffsetDateTime,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO subscriptions (subscriber_id, list_id, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (subscriber_id, list_id) DO NOTHING",
        )
        .bind(subscriber.0)
        .bind(list.0)
        .bind(ts(at))
        .execute(self.writer())
        .await
        .map_err(|e| match db_err(e) {
            StoreError::Invalid(_) => StoreError::NotFound("subscriber or list"),
            other => other,
        })?;
        Ok(())
    }

    async fn unsubscribe_from_list(
        &self,
        subscriber: SubscriberId,
        list: ListId,
    ) -> StoreResult<()> {
        sqlx::query("DELETE FROM subscriptions WHERE subscriber_id = $1 AND list_id = $2")
            .bind(subscriber.0)
            .bind(list.0)
            .execute(self.writer())
            .await
            .map_err(db_err)?;
        Ok(())
    }

    async fn subscriptions(&self, subscriber: SubscriberId) -> StoreResult<Vec<ListId>> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT list_id FROM subscriptions WHERE subscriber_id = $1 ORDER BY list_id",
        )
        .bind(subscriber.0)
        .fetch_all(self.reader())
        .await
        .map_err(db_err)?;
        Ok(ids.into_iter().map(ListId).collect())
    }
}

#[async_trait]
impl ConsentStore for StoreImpl {
    async fn record_consent(
        &self,
        event: &NewConsentEvent,
        at: OffsetDateTime,
    ) -> StoreResult<ConsentEvent> {
        let row: ConsentRow = sqlx::query_as(
            "INSERT INTO consent_events (subscriber_id, action, text_version, language, ip, \
             user_agent, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, \
             subscriber_id, action, text_version, language, ip, user_agent, created_at",
        )
        .bind(event.subscriber_id.0)
        .bind(event.action.as_str())
        .bind(&event.text_version)
        .bind(event.language.map(Language::code))
        .bind(&event.ip)
        .bind(&event.user_agent)
        .bind(ts(at))
        .fetch_one(self.writer())
        .await
        .map_err(|e| match db_err(e) {
            StoreError::Invalid(_) => StoreError::NotFound("subscriber"),
            other => other,
        })?;
        row.try_into()
    }

    async fn consent_history(&self, subscriber: SubscriberId) -> StoreResult<Vec<ConsentEvent>> {
        let rows: Vec<ConsentRow> = sqlx::query_as(
            "SELECT id, subscriber_id, action, text_version, language, ip, user_agent, created_at \
             FROM consent_events WHERE subscriber_id = $1 ORDER BY id",
        )
        .bind(subscriber.0)
        .fetch_all(self.reader())
        .await
        .map_err(db_err)?;
        map_rows(rows)
    }
}

impl StoreImpl {
    /// Ends an unsent delivery with `status` (failed, bounced, skipped) and why; a delivery
    /// already sent stays sent, and the caller learns so (`NotFound`).
    async fn settle_unsent(
        &self,
        id: DeliveryId,
        status: DeliveryStatus,
        why: &str,
    ) -> StoreResult<()> {
        let done = sqlx::query(
            "UPDATE deliveries SET status = $1, last_error = $2, lease_until = NULL, \
             next_attempt_at = NULL WHERE id = $3 AND status <> $4",
        )
        .bind(status.as_str())
        .bind(why)
        .bind(id.0)
        .bind(DeliveryStatus::Sent.as_str())
        .execute(self.writer())
        .await
        .map_err(db_err)?;
        require_row(done.rows_affected(), "unsent delivery")
    }

    /// The issue a compare-and-set on its status returned, or `Conflict` naming the status it
    /// has instead of `expected` (`NotFound` when it does not exist at all).
    async fn changed_issue(
        &self,
        row: Option<IssueRow>,
        id: IssueId,
        expected: IssueStatus,
    ) -> StoreResult<Issue> {
        match row {
            Some(row) => row.try_into(),
            None => {
                let current = self.issue(id).await?;
                Err(StoreError::Conflict(format!(
                    "issue {id} is {}, not {expected}",
                    current.status
                )))
            }
        }
    }
}

#[async_trait]
impl IssueStore for StoreImpl {
    async fn create_issue(&self, new: &NewIssue, at: OffsetDateTime) -> StoreResult<Issue> {
        let at = ts(at);
        let sql = concat!(
            "INSERT INTO issues (title, base_language, status, segment, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING ",
            issue_columns!(),
            ""
        );
        let row: IssueRow = sqlx::query_as(sql)
            .bind(&new.title)
            .bind(new.base_language.code())
            .bind(IssueStatus::Draft.as_str())
            .bind(Json(&new.segment))
            .bind(at)
            .fetch_one(self.writer())
            .await
            .map_err(db_err)?;
        row.try_into()
    }

    async fn issue(&self, id: IssueId) -> StoreResult<Issue> {
        let sql = concat!("SELECT ", issue_columns!(), " FROM issues WHERE id = $1");
        let row: Option<IssueRow> =
            sqlx::query_as(sql).bind(id.0).fetch_optional(self.reader()).await.map_err(db_err)?;
        row.ok_or(StoreError::NotFound("issue"))?.try_into()
    }

    async fn list_issues(&self, before: Option<i64>, limit: u32) -> StoreResult<Page<Issue>> {
        let limit = page_limit(limit);
        let sql = concat!(
            "SELECT ",
            issue_columns!(),
            " FROM issues WHERE id < $1 ORDER BY id DESC LIMIT $2"
        );
        let rows: Vec<IssueRow> = sqlx::query_as(sql)
            .bind(before.unwrap_or(i64::MAX))
            .bind(limit + 1)
            .fetch_all(self.reader())
            .await
            .map_err(db_err)?;
        let mut items: Vec<Issue> = map_rows(rows)?;
        let next = if items.len() as i64 > limit {
            items.truncate(limit as usize);
            items.last().map(|i| i.id.0)
        } else {
            None
        };
        Ok(Page { items, next })
    }

    async fn update_issue(
        &self,
        id: IssueId,
        update: &IssueUpdate,
        at: OffsetDateTime,
    ) -> StoreResult<Issue> {
        let current = self.issue(id).await?;
        if !matches!(current.status, IssueStatus::Draft | IssueStatus::Scheduled) {
            return Err(StoreError::Conflict(format!(
                "issue {id} is {} and can no longer be edited",
                current.status
            )));
        }
        let sql = concat!(
            "UPDATE issues SET title = $1, base_language = $2, segment = $3, updated_at = $4 \
             WHERE id = $5 AND status = $6 RETURNING ",
            issue_columns!(),
            ""
        );
        let row: Option<IssueRow> = sqlx::query_as(sql)
            .bind(update.title.as_ref().unwrap_or(&current.title))
            .bind(update.base_language.unwrap_or(current.base_language).code())
            .bind(Json(update.segment.as_ref().unwrap_or(&current.segment)))
            .bind(ts(at))
            .bind(id.0)
            .bind(current.status.as_str())
            .fetch_optional(self.writer())
            .await
            .map_err(db_err)?;
        row.ok_or(StoreError::Conflict("the issue changed meanwhile; try again".into()))?.try_into()
    }

    async fn transition_issue(
        &self,
        id: IssueId,
        from: IssueStatus,
        to: IssueStatus,
        scheduled_at: Option<OffsetDateTime>,
        at: OffsetDateTime,
    ) -> StoreResult<Issue> {
        let sql = concat!(
            "UPDATE issues SET status = $1, scheduled_at = $2, updated_at = $3, \
             status_reason = NULL WHERE id = $4 AND status = $5 RETURNING ",
            issue_columns!(),
            ""
        );
        let row: Option<IssueRow> = sqlx::query_as(sql)
            .bind(to.as_str())
            .bind(scheduled_at.map(ts))
            .bind(ts(at))
            .bind(id.0)
            .bind(from.as_str())
            .fetch_optional(self.writer())
            .await
            .map_err(db_err)?;
        self.changed_issue(row, id, from).await
    }

    async fn delete_issue(&self, id: IssueId) -> StoreResult<()> {
        let done = sqlx::query("DELETE FROM issues WHERE id = $1 AND status = $2")
            .bind(id.0)
            .bind(IssueStatus::Draft.as_str())
            .execute(self.writer())
            .await
            .map_err(db_err)?;
        if done.rows_affected() == 0 {
            let current = self.issue(id).await?;
            return Err(StoreError::Conflict(format!(
                "issue {id} is {} and cannot be deleted",
                current.status
            )));
        }
        Ok(())
    }

    async fn due_scheduled_issues(&self, now: OffsetDateTime) -> StoreResult<Vec<Issue>> {
        let sql = concat!(
            "SELECT ",
            issue_columns!(),
            " FROM issues WHERE status = $1 AND scheduled_at <= $2 \
             ORDER BY scheduled_at, id"
        );
        let rows: Vec<IssueRow> = sqlx::query_as(sql)
            .bind(IssueStatus::Scheduled.as_str())
            .bind(ts(now))
            .fetch_all(self.reader())
            .await
            .map_err(db_err)?;
        map_rows(rows)
    }

    async fn issues_in_status(&self, status: IssueStatus) -> StoreResult<Vec<Issue>> {
        let sql =
            concat!("SELECT ", issue_columns!(), " FROM issues WHERE status = $1 ORDER BY id");
        let rows: Vec<IssueRow> = sqlx::query_as(sql)
            .bind(status.as_str())
            .fetch_all(self.reader())
            .await
            .map_err(db_err)?;
        map_rows(rows)
    }

    async fn pause_issue(
        &self,
        id: IssueId,
        reason: &str,
        at: OffsetDateTime,
    ) -> StoreResult<Issue> {
        let sql = concat!(
            "UPDATE issues SET status = $1, status_reason = $2, updated_at = $3 \
             WHERE id = $4 AND status = $5 RETURNING ",
            issue_columns!(),
            ""
        );
        let row: Option<IssueRow> = sqlx::query_as(sql)
            .bind(IssueStatus::Paused.as_str())
            .bind(reason)
            .bind(ts(at))
            .bind(id.0)
            .bind(IssueStatus::Sending.as_str())
            .fetch_optional(self.writer())
            .await
            .map_err(db_err)?;
        self.changed_issue(row, id, IssueStatus::Sending).await
    }

    async fn put_variant(
        &self,
        issue: IssueId,
        language: Language,
        input: &VariantInput,
        at: OffsetDateTime,
    ) -> StoreResult<Variant> {
        let sql = concat!(
            "INSERT INTO issue_variants (issue_id, language, subject, preheader, body_markdown, \
             ready, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (issue_id, language) DO UPDATE SET subject = excluded.subject, \
             preheader = excluded.preheader, body_markdown = excluded.body_markdown, \
             ready = excluded.ready, updated_at = excluded.updated_at RETURNING ",
            variant_columns!(),
            ""
        );
        let row: VariantRow = sqlx::query_as(sql)
            .bind(issue.0)
            .bind(language.code())
            .bind(&input.subject)
            .bind(&input.preheader)
            .bind(&input.body_markdown)
            .bind(input.ready)
            .bind(ts(at))
            .fetch_one(self.writer())
            .await
            .map_err(|e| match db_err(e) {
                StoreError::Invalid(_) => StoreError::NotFound("issue"),
                other => other,
            })?;
        row.try_into()
    }

    async fn variant(&self, issue: IssueId, language: Language) -> StoreResult<Variant> {
        let sql = concat!(
            "SELECT ",
            variant_columns!(),
            " FROM issue_variants WHERE issue_id = $1 AND language = $2"
        );
        let row: Option<VariantRow> = sqlx::query_as(sql)
            .bind(issue.0)
            .bind(language.code())
            .fetch_optional(self.reader())
            .await
            .map_err(db_err)?;
        row.ok_or(StoreError::NotFound("variant"))?.try_into()
    }

    async fn variants(&self, issue: IssueId) -> StoreResult<Vec<Variant>> {
        let sql = concat!(
            "SELECT ",
            variant_columns!(),
            " FROM issue_variants WHERE issue_id = $1 ORDER BY language"
        );
        let rows: Vec<VariantRow> =
            sqlx::query_as(sql).bind(issue.0).fetch_all(self.reader()).await.map_err(db_err)?;
        map_rows(rows)
    }

    async fn delete_variant(&self, issue: IssueId, language: Language) -> StoreResult<()> {
        let done = sqlx::query("DELETE FROM issue_variants WHERE issue_id = $1 AND language = $2")
            .bind(issue.0)
            .bind(language.code())
            .execute(self.writer())
            .await
            .map_err(db_err)?;
        require_row(done.rows_affected(), "variant")
    }

    async fn segment_counts(&self, segment: &Segment) -> StoreResult<Vec<(Language, i64)>> {
        let mut qb =
            QueryBuilder::<Db>::new("SELECT s.language, COUNT(*) FROM subscribers s WHERE");
        push_segment_conditions(&mut qb, segment);
        qb.push(" GROUP BY s.language ORDER BY s.language");
        let rows: Vec<(String, i64)> =
            qb.build_query_as().fetch_all(self.reader()).await.map_err(db_err)?;
        rows.into_iter()
            .map(|(language, count)| Ok((parse_language("subscribers", &language)?, count)))
            .collect()
    }
}

#[async_trait]
impl DeliveryStore for StoreImpl {
    async fn snapshot_deliveries(
        &self,
        issue: IssueId,
        segment: &Segment,
        at: OffsetDateTime,
    ) -> StoreResult<Snapshot> {
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        let snapshot = insert_snapshot(&mut tx, issue, segment, at).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(snapshot)
    }

    async fn start_sending(
        &self,
        id: IssueId,
        from: IssueStatus,
        at: OffsetDateTime,
    ) -> StoreResult<(Issue, Snapshot)> {
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        let sql = concat!(
            "UPDATE issues SET status = $1, updated_at = $2, status_reason = NULL \
             WHERE id = $3 AND status = $4 RETURNING ",
            issue_columns!(),
            ""
        );
        let row: Option<IssueRow> = sqlx::query_as(sql)
            .bind(IssueStatus::Sending.as_str())
            .bind(ts(at))
            .bind(id.0)
            .bind(from.as_str())
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_err)?;
        let Some(row) = row else {
            // Release the (single, on SQLite) writer before reading the current status.
            tx.rollback().await.map_err(db_err)?;
            let current = self.issue(id).await?;
            return Err(StoreError::Conflict(format!(
                "issue {id} is {}, not {from}",
                current.status
            )));
        };
        let issue: Issue = row.try_into()?;
        let snapshot = insert_snapshot(&mut tx, id, &issue.segment, at).await?;
        tx.commit().await.map_err(db_err)?;
        Ok((issue, snapshot))
    }

    async fn recipients(&self, ids: &[SubscriberId]) -> StoreResult<Vec<Recipient>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut qb = QueryBuilder::<Db>::new(
            "SELECT s.id, s.email, s.name, s.language, s.status, EXISTS (SELECT 1 FROM \
             suppressions p WHERE p.email_hash = s.email_hash) FROM subscribers s WHERE s.id IN (",
        );
        let mut separated = qb.separated(", ");
        for id in ids {
            separated.push_bind(id.0);
        }
        qb.push(")");
        let rows: Vec<(i64, Option<String>, Option<String>, String, String, bool)> =
            qb.build_query_as().fetch_all(self.reader()).await.map_err(db_err)?;
        rows.into_iter()
            .map(|(id, email, name, language, status, suppressed)| {
                Ok(Recipient {
                    id: SubscriberId(id),
                    email: email
                        .map(|e| EmailAddress::parse(&e).map_err(|e| corrupt("subscribers", e)))
                        .transpose()?,
                    name,
                    language: parse_language("subscribers", &language)?,
                    status: status.parse().map_err(|e| corrupt("subscribers", e))?,
                    suppressed,
                })
            })
            .collect()
    }

    async fn sent_since(&self, issue: Option<IssueId>, since: OffsetDateTime) -> StoreResult<i64> {
        // `$2 IS NULL` would need a typed NULL on PostgreSQL; two statements stay plain.
        let query = match issue {
            Some(issue) => sqlx::query_scalar(
                "SELECT COUNT(*) FROM deliveries WHERE issue_id = $1 AND sent_at >= $2",
            )
            .bind(issue.0),
            None => sqlx::query_scalar("SELECT COUNT(*) FROM deliveries WHERE sent_at >= $1"),
        };
        query.bind(ts(since)).fetch_one(self.reader()).await.map_err(db_err)
    }

    async fn claim_deliveries(
        &self,
        issue: IssueId,
        limit: u32,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        claim: &str,
    ) -> StoreResult<Vec<Delivery>> {
        let rows: Vec<DeliveryRow> = sqlx::query_as(CLAIM_SQL)
            .bind(issue.0)
            .bind(i64::from(limit))
            .bind(ts(now))
            .bind(ts(lease_until))
            .bind(DeliveryStatus::Pending.as_str())
            .bind(DeliveryStatus::Sending.as_str())
            .bind(claim)
            .fetch_all(self.writer())
            .await
            .map_err(db_err)?;
        let mut deliveries: Vec<Delivery> = map_rows(rows)?;
        deliveries.sort_by_key(|d| d.id);
        Ok(deliveries)
    }

    async fn release_delivery(&self, id: DeliveryId, claim: &str) -> StoreResult<()> {
        // Matched on the claim, not the lease: the heartbeat moves the lease.
        sqlx::query(
            "UPDATE deliveries SET status = $1, lease_until = NULL, \
             attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END \
             WHERE id = $2 AND status = $3 AND claim = $4",
        )
        .bind(DeliveryStatus::Pending.as_str())
        .bind(id.0)
        .bind(DeliveryStatus::Sending.as_str())
        .bind(claim)
        .execute(self.writer())
        .await
        .map_err(db_err)?;
        Ok(())
    }

    async fn mark_sent(&self, sent: &[SentDelivery]) -> StoreResult<u64> {
        let mut marked = 0;
        // One statement per chunk: on SQLite every statement is a hop to the database thread,
        // and a group of marks is written while the sends in it wait. The chunk keeps the
        // statement under both databases' parameter limits.
        for chunk in sent.chunks(MARK_SENT_CHUNK) {
            let mut qb = QueryBuilder::<Db>::new("WITH v (id, language, message_id, sent_at) AS (");
            qb.push_values(chunk, |mut row, delivery| {
                row.push_bind(delivery.id.0)
                    .push_bind(delivery.language.code())
                    .push_bind(delivery.message_id.as_str())
                    .push_bind(ts(delivery.at));
            });
            qb.push(") UPDATE deliveries SET status = ")
                .push_bind(DeliveryStatus::Sent.as_str())
                .push(
                    ", variant_language = v.language, message_id = v.message_id, sent_at = v.sent_at, \
                     last_error = NULL, lease_until = NULL, next_attempt_at = NULL \
                     FROM v WHERE deliveries.id = v.id",
                );
            let done = qb.build().execute(self.writer()).await.map_err(db_err)?;
            marked += done.rows_affected();
        }
        Ok(marked)
    }

    async fn mark_retry(
        &self,
        id: DeliveryId,
        error: &str,
        retry_at: OffsetDateTime,
    ) -> StoreResult<()> {
        let done = sqlx::query(
            "UPDATE deliveries SET status = $1, last_error = $2, next_attempt_at = $3, \
             lease_until = NULL WHERE id = $4 AND status <> $5",
        )
        .bind(DeliveryStatus::Pending.as_str())
        .bind(error)
        .bind(ts(retry_at))
        .bind(id.0)
        .bind(DeliveryStatus::Sent.as_str())
        .execute(self.writer())
        .await
        .map_err(db_err)?;
        require_row(done.rows_affected(), "unsent delivery")
    }

    async fn mark_skipped(&self, id: DeliveryId, reason: &str) -> StoreResult<()> {
        self.settle_unsent(id, DeliveryStatus::Skipped, reason).await
    }

    async fn mark_failed(&self, id: DeliveryId, error: &str, bounced: bool) -> StoreResult<()> {
        let status = if bounced { DeliveryStatus::Bounced } else { DeliveryStatus::Failed };
        self.settle_unsent(id, status, error).await
    }

    async fn delivery(&self, issue: IssueId, subscriber: SubscriberId) -> StoreResult<Delivery> {
        let sql = concat!(
            "SELECT ",
            delivery_columns!(),
            " FROM deliveries WHERE issue_id = $1 AND subscriber_id = $2"
        );
        let row: Option<DeliveryRow> = sqlx::query_as(sql)
            .bind(issue.0)
            .bind(subscriber.0)
            .fetch_optional(self.reader())
            .await
            .map_err(db_err)?;
        row.ok_or(StoreError::NotFound("delivery"))?.try_into()
    }

    async fn has_open_deliveries(&self, issue: IssueId) -> StoreResult<bool> {
        // The condition of the partial claim index, word for word (see migration 0003), so
        // that both planners read the index; `open_deliveries_are_those_pending_or_sending`
        // keeps the literals in step with `DeliveryStatus`.
        sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM deliveries WHERE issue_id = $1 \
             AND status IN ('pending', 'sending'))",
        )
        .bind(issue.0)
        .fetch_one(self.reader())
        .await
        .map_err(db_err)
    }

    async fn delivery_counts(&self, issue: IssueId) -> StoreResult<Vec<DeliveryCount>> {
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT d.language, d.status, COUNT(*) FROM deliveries d WHERE d.issue_id = $1 \
             AND d.language IS NOT NULL GROUP BY d.language, d.status \
             ORDER BY d.language, d.status",
        )
        .bind(issue.0)
        .fetch_all(self.reader())
        .await
        .map_err(db_err)?;
        rows.into_iter()
            .map(|(language, status, count)| {
                Ok(DeliveryCount {
                    language: parse_language("subscribers", &language)?,
                    status: status.parse().map_err(|e| corrupt("deliveries", e))?,
                    count,
                })
            })
            .collect()
    }
}

#[async_trait]
impl SuppressionStore for StoreImpl {
    async fn suppress(
        &self,
        email: &EmailAddress,
        reason: SuppressionReason,
        at: OffsetDateTime,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO suppressions (email_hash, reason, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (email_hash) DO NOTHING",
        )
        .bind(suppression_hash(email))
        .bind(reason.as_str())
        .bind(ts(at))
        .execute(self.writer())
        .await
        .map_err(db_err)?;
        Ok(())
    }

    async fn is_suppressed(&self, email: &EmailAddress) -> StoreResult<bool> {
        let hit: Option<i32> =
            sqlx::query_scalar("SELECT 1 FROM suppressions WHERE email_hash = $1")
                .bind(suppression_hash(email))
                .fetch_optional(self.reader())
                .await
                .map_err(db_err)?;
        Ok(hit.is_some())
    }
}

#[async_trait]
impl UserStore for StoreImpl {
    async fn create_user(
        &self,
        email: &EmailAddress,
        password_hash: &str,
        role: Role,
        at: OffsetDateTime,
    ) -> StoreResult<User> {
        let row: UserRow = sqlx::query_as(
            "INSERT INTO users (email, email_key, password_hash, role, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id, email, password_hash, role, created_at",
        )
        .bind(email.as_str())
        .bind(email.key())
        .bind(password_hash)
        .bind(role.as_str())
        .bind(ts(at))
        .fetch_one(self.writer())
        .await
        .map_err(|e| match db_err(e) {
            StoreError::Conflict(_) => {
                StoreError::Conflict("a user with this e-mail address exists".into())
            }
            other => other,
        })?;
        row.try_into()
    }

    async fn user(&self, id: UserId) -> StoreResult<User> {
        let row: Option<UserRow> = sqlx::query_as(
            "SELECT id, email, password_hash, role, created_at FROM users WHERE id = $1",
        )
        .bind(id.0)
        .fetch_optional(self.reader())
        .await
        .map_err(db_err)?;
        row.ok_or(StoreError::NotFound("user"))?.try_into()
    }

    async fn user_by_email(&self, email: &EmailAddress) -> StoreResult<Option<User>> {
        let row: Option<UserRow> = sqlx::query_as(
            "SELECT id, email, password_hash, role, created_at FROM users WHERE email_key = $1",
        )
        .bind(email.key())
        .fetch_optional(self.reader())
        .await
        .map_err(db_err)?;
        row.map(User::try_from).transpose()
    }

    async fn count_users(&self) -> StoreResult<i64> {
        sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(self.reader())
            .await
            .map_err(db_err)
    }

    async fn create_session(&self, session: &Session) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&session.token_hash)
        .bind(session.user_id.0)
        .bind(&session.csrf_token)
        .bind(ts(session.created_at))
        .bind(ts(session.expires_at))
        .execute(self.writer())
        .await
        .map_err(|e| match db_err(e) {
            StoreError::Invalid(_) => StoreError::NotFound("user"),
            other => other,
        })?;
        Ok(())
    }

    async fn session(&self, token_hash: &str, now: OffsetDateTime) -> StoreResult<Option<Session>> {
        let row: Option<(String, i64, String, OffsetDateTime, OffsetDateTime)> = sqlx::query_as(
            "SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions \
             WHERE token_hash = $1 AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(ts(now))
        .fetch_optional(self.reader())
        .await
        .map_err(db_err)?;
        Ok(row.map(|(token_hash, user_id, csrf_token, created_at, expires_at)| Session {
            token_hash,
            user_id: UserId(user_id),
            csrf_token,
            created_at,
            expires_at,
        }))
    }

    async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(self.writer())
            .await
            .map_err(db_err)?;
        Ok(())
    }

    async fn create_api_token(
        &self,
        name: &str,
        token_hash: &str,
        at: OffsetDateTime,
    ) -> StoreResult<ApiToken> {
        let row: ApiTokenRow = sqlx::query_as(
            "INSERT INTO api_tokens (name, token_hash, created_at) VALUES ($1, $2, $3) \
             RETURNING id, name, token_hash, created_at, last_used_at",
        )
        .bind(name)
        .bind(token_hash)
        .bind(ts(at))
        .fetch_one(self.writer())
        .await
        .map_err(db_err)?;
        Ok(row.into())
    }

    async fn use_api_token(
        &self,
        token_hash: &str,
        at: OffsetDateTime,
    ) -> StoreResult<Option<ApiToken>> {
        let row: Option<ApiTokenRow> = sqlx::query_as(
            "UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 \
             RETURNING id, name, token_hash, created_at, last_used_at",
        )
        .bind(ts(at))
        .bind(token_hash)
        .fetch_optional(self.writer())
        .await
        .map_err(db_err)?;
        Ok(row.map(ApiToken::from))
    }

    async fn revoke_api_token(&self, id: ApiTokenId) -> StoreResult<()> {
        let done = sqlx::query("DELETE FROM api_tokens WHERE id = $1")
            .bind(id.0)
            .execute(self.writer())
            .await
            .map_err(db_err)?;
        require_row(done.rows_affected(), "API token")
    }
}

#[async_trait]
impl Store for StoreImpl {
    fn backend(&self) -> &'static str {
        BACKEND_NAME
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(self.reader()).await.map_err(db_err)?;
        Ok(())
    }
}
