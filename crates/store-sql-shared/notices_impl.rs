// Translator notices (rundbrief_store::TranslatorNoticeStore, migration 0023), compiled into
// each backend with `include!` inside a child module of the one that includes store_impl.rs.
// The rows are written by `save_variant` in revisions_impl.rs.

use rundbrief_store::{ConfirmationOutcome, TranslatorNoticeClaim, TranslatorNoticeStore};

/// Writes, inside the transaction of a new base-language revision, one notice per active
/// translator with a language other than the base one. A translator's languages are one
/// comma-separated column; `languages <> base` leaves out exactly those whose only language is
/// the base (a list holds each code once). The unique key makes a repeated write a no-op.
pub(super) async fn queue_translator_notices(
    tx: &mut sqlx::Transaction<'_, Db>,
    issue: IssueId,
    base: &str,
    revision: i64,
    at: OffsetDateTime,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO translator_notices (user_id, issue_id, base_revision, created_at, due_at) \
         SELECT id, $1, $2, $3, $3 FROM users WHERE role = 'translator' \
         AND disabled_at IS NULL AND languages <> $4 \
         ON CONFLICT (user_id, issue_id, base_revision) DO NOTHING",
    )
    .bind(issue.0)
    .bind(revision)
    .bind(at)
    .bind(base)
    .execute(&mut **tx)
    .await
    .map_err(db_err)?;
    Ok(())
}

#[async_trait]
impl TranslatorNoticeStore for StoreImpl {
    async fn due_translator_notices(
        &self,
        written_before: OffsetDateTime,
        now: OffsetDateTime,
        limit: u32,
    ) -> StoreResult<Vec<(i64, u32)>> {
        let rows: Vec<(i64, i32)> = sqlx::query_as(
            "SELECT id, attempts FROM translator_notices WHERE status = 'pending' \
             AND due_at <= $1 AND created_at <= $2 \
             AND (lease_until IS NULL OR lease_until <= $1) ORDER BY due_at, id LIMIT $3",
        )
        .bind(ts(now))
        .bind(ts(written_before))
        .bind(i64::from(limit))
        .fetch_all(self.reader())
        .await
        .map_err(db_err)?;
        Ok(rows
            .into_iter()
            .map(|(id, attempts)| (id, u32::try_from(attempts).unwrap_or(0)))
            .collect())
    }

    async fn claim_translator_notice(
        &self,
        id: i64,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
    ) -> StoreResult<Option<TranslatorNoticeClaim>> {
        let row: Option<(i64, i64, i64, i64, i32)> =
            sqlx::query_as(OwedMailTable::TranslatorNotice.claim_sql())
                .bind(ts(lease_until))
                .bind(id)
                .bind(ts(now))
                .fetch_optional(self.writer())
                .await
                .map_err(db_err)?;
        row.map(|(id, user, issue, revision, attempts)| {
            Ok(TranslatorNoticeClaim {
                id,
                user: UserId(user),
                issue: IssueId(issue),
                base_revision: u32::try_from(revision)
                    .map_err(|_| corrupt("translator_notices", format!("revision {revision}")))?,
                attempts: u32::try_from(attempts).unwrap_or(0),
            })
        })
        .transpose()
    }

    async fn settle_translator_notice(
        &self,
        id: i64,
        claimed_attempts: u32,
        outcome: ConfirmationOutcome,
        at: OffsetDateTime,
    ) -> StoreResult<bool> {
        self.settle_owed_mail(OwedMailTable::TranslatorNotice, id, claimed_attempts, outcome, at)
            .await
    }
}
