// The welcome mail (rundbrief_store::WelcomeStore), compiled into each backend with `include!`
// inside a child module of the one that includes store_impl.rs, whose helpers (`db_err`, `ts`,
// `IssueRow`, ...) it uses through `super::*`.

use rundbrief_store::{
    ConfirmationOutcome, WELCOME_MAIL_ON, WELCOME_MAIL_SETTING, WelcomeClaim, WelcomeStore,
};

/// Inside the confirmation's transaction: owes `subscriber` a welcome mail, due at once, when
/// the welcome mail is switched on and has a ready variant; otherwise writes nothing. One
/// statement, so the setting and the variants are read in the same transaction as the write.
pub(super) async fn owe_welcome(
    tx: &mut sqlx::Transaction<'_, Db>,
    subscriber: SubscriberId,
    at: OffsetDateTime,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO welcome_mails (subscriber_id, status, attempts, created_at, due_at) \
         SELECT $1, 'pending', 0, $2, $2 \
         WHERE EXISTS (SELECT 1 FROM instance_settings WHERE key = $3 AND value = $4) \
         AND EXISTS (SELECT 1 FROM issues i JOIN issue_variants v ON v.issue_id = i.id \
         WHERE i.kind = 'welcome' AND v.ready = $5)",
    )
    .bind(subscriber.0)
    .bind(ts(at))
    .bind(WELCOME_MAIL_SETTING)
    .bind(WELCOME_MAIL_ON)
    .bind(true)
    .execute(&mut **tx)
    .await
    .map_err(db_err)?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct WelcomeRow {
    id: i64,
    subscriber_id: i64,
    attempts: i32,
}

#[async_trait]
impl WelcomeStore for StoreImpl {
    async fn welcome_issue(&self) -> StoreResult<Option<Issue>> {
        let sql = concat!("SELECT ", issue_columns!(), " FROM issues WHERE kind = 'welcome'");
        let row: Option<IssueRow> =
            sqlx::query_as(sql).fetch_optional(self.reader()).await.map_err(db_err)?;
        row.map(Issue::try_from).transpose()
    }

    async fn create_welcome_issue(&self, new: &NewIssue, at: OffsetDateTime) -> StoreResult<Issue> {
        // The unique index on the kind keeps it to one; a second editor's insert does nothing
        // and both get the one that exists.
        let sql = concat!(
            "INSERT INTO issues (title, base_language, status, segment, created_at, updated_at, \
             kind) VALUES ($1, $2, $3, $4, $5, $5, 'welcome') ON CONFLICT DO NOTHING RETURNING ",
            issue_columns!(),
            ""
        );
        let row: Option<IssueRow> = sqlx::query_as(sql)
            .bind(&new.title)
            .bind(new.base_language.code())
            .bind(IssueStatus::Draft.as_str())
            .bind(Json(&new.segment))
            .bind(ts(at))
            .fetch_optional(self.writer())
            .await
            .map_err(db_err)?;
        if let Some(row) = row {
            return row.try_into();
        }
        // Read on the writer: the other insert committed a moment ago.
        let sql = concat!("SELECT ", issue_columns!(), " FROM issues WHERE kind = 'welcome'");
        let row: IssueRow = sqlx::query_as(sql).fetch_one(self.writer()).await.map_err(db_err)?;
        row.try_into()
    }

    async fn owed_welcome(&self, subscriber: SubscriberId) -> StoreResult<Option<i64>> {
        // On the writer: asked right after the confirmation committed, which SQLite's read
        // pool might not see yet.
        sqlx::query_scalar(
            "SELECT MAX(id) FROM welcome_mails WHERE subscriber_id = $1 AND status = 'pending'",
        )
        .bind(subscriber.0)
        .fetch_one(self.writer())
        .await
        .map_err(db_err)
    }

    async fn claim_welcome(
        &self,
        id: i64,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
    ) -> StoreResult<Option<WelcomeClaim>> {
        let row: Option<WelcomeRow> = sqlx::query_as(OwedMailTable::Welcome.claim_sql())
            .bind(ts(lease_until))
            .bind(id)
            .bind(ts(now))
            .fetch_optional(self.writer())
            .await
            .map_err(db_err)?;
        Ok(row.map(|r| WelcomeClaim {
            id: r.id,
            subscriber_id: SubscriberId(r.subscriber_id),
            attempts: u32::try_from(r.attempts).unwrap_or(0),
        }))
    }

    async fn due_welcomes(&self, now: OffsetDateTime, limit: u32) -> StoreResult<Vec<(i64, u32)>> {
        self.due_owed_mails(OwedMailTable::Welcome, now, limit).await
    }

    async fn settle_welcome(
        &self,
        id: i64,
        claimed_attempts: u32,
        outcome: ConfirmationOutcome,
        at: OffsetDateTime,
    ) -> StoreResult<bool> {
        self.settle_owed_mail(OwedMailTable::Welcome, id, claimed_attempts, outcome, at).await
    }

    async fn welcome_mails_of(&self, subscriber: SubscriberId) -> StoreResult<Vec<String>> {
        sqlx::query_scalar("SELECT status FROM welcome_mails WHERE subscriber_id = $1 ORDER BY id")
            .bind(subscriber.0)
            .fetch_all(self.reader())
            .await
            .map_err(db_err)
    }
}
