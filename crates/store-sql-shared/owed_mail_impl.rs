// The "owed mail" rows shared by the sign-up outbox, the welcome mail, translator notices and
// account-link mails, compiled into each backend with `include!` after store_impl.rs, whose
// helpers (`db_err`, `ts`) it uses. Each such row is owed one mail, claimed with a lease, and
// settled once as sent, skipped, failed or due again later.

use rundbrief_store::{ConfirmationOutcome, OwedMailKind};

/// The tables that hold owed mails. A closed set: each one's statements are written below
/// at compile time, so no table or column name ever comes from input.
#[derive(Clone, Copy, Debug)]
enum OwedMailTable {
    Confirmation,
    Welcome,
    TranslatorNotice,
    AccountLink,
}

/// Writes the statements of each table from its name and its columns for the mail's state,
/// all at compile time: the SQL stays `&'static str`, with no text assembled at run time.
macro_rules! owed_mail_tables {
    ($($variant:ident => {
        table: $table:literal, status: $status:literal, lease: $lease:literal,
        due: $due:literal, sent: $sent:literal, attempts: $attempts:literal,
        claim_returns: $returning:literal $(,)?
    }),* $(,)?) => {
        impl OwedMailTable {
            /// The claim of one due row: $1 the lease's end, $2 the row's id, $3 now. A pending
            /// row is claimable once due and not leased (or its lease ran out); the claim
            /// counts an attempt and returns the columns its caller reads.
            fn claim_sql(self) -> &'static str {
                match self {
                    $(Self::$variant => concat!(
                        "UPDATE ", $table, " SET ", $lease, " = $1, ", $attempts, " = ",
                        $attempts, " + 1 WHERE id = $2 AND ", $status, " = 'pending' AND ",
                        $due, " <= $3 AND (", $lease, " IS NULL OR ", $lease, " <= $3) RETURNING ",
                        $returning
                    ),)*
                }
            }

            /// The ids and attempts of the rows due at $1, soonest first, at most $2.
            fn due_sql(self) -> &'static str {
                match self {
                    $(Self::$variant => concat!(
                        "SELECT id, ", $attempts, " FROM ", $table, " WHERE ", $status,
                        " = 'pending' AND ", $due, " <= $1 AND (", $lease, " IS NULL OR ",
                        $lease, " <= $1) ORDER BY ", $due, ", id LIMIT $2"
                    ),)*
                }
            }

            /// The release of a claim whose job sent nothing: $1 the new due time, $2 the
            /// row's id, $3 the attempts the claim returned. It takes back the claim's attempt,
            /// and only while that claim is the row's latest (no other job claimed it since).
            fn release_sql(self) -> &'static str {
                match self {
                    $(Self::$variant => concat!(
                        "UPDATE ", $table, " SET ", $lease, " = NULL, ", $attempts, " = ",
                        $attempts, " - 1, ", $due, " = $1 WHERE id = $2 AND ", $status,
                        " = 'pending' AND ", $attempts, " = $3"
                    ),)*
                }
            }

            /// The settle: $1 the outcome, $2 the new due time (if any), $3 the sent time (if
            /// any), $4 the row's id, $5 the attempts the claim returned: only the job whose
            /// claim is the row's latest settles it (each claim counts an attempt).
            fn settle_sql(self) -> &'static str {
                match self {
                    $(Self::$variant => concat!(
                        "UPDATE ", $table, " SET ", $status, " = $1, ", $lease, " = NULL, ",
                        $due, " = COALESCE($2, ", $due, "), ", $sent, " = $3 WHERE id = $4 AND ",
                        $status, " = 'pending' AND ", $attempts, " = $5"
                    ),)*
                }
            }
        }
    };
}

owed_mail_tables! {
    Confirmation => {
        table: "confirmation_mails", status: "status", lease: "lease_until", due: "due_at",
        sent: "sent_at", attempts: "attempts",
        claim_returns: "id, subscriber_id, email_hash, attempts",
    },
    Welcome => {
        table: "welcome_mails", status: "status", lease: "lease_until", due: "due_at",
        sent: "sent_at", attempts: "attempts",
        claim_returns: "id, subscriber_id, attempts",
    },
    TranslatorNotice => {
        table: "translator_notices", status: "status", lease: "lease_until", due: "due_at",
        sent: "sent_at", attempts: "attempts",
        claim_returns: "id, user_id, issue_id, base_revision, attempts",
    },
    // An account link carries its mail beside the link's own state, hence the prefix.
    AccountLink => {
        table: "account_links", status: "mail_status", lease: "mail_locked_until",
        due: "mail_due_at", sent: "mail_sent_at", attempts: "mail_attempts",
        claim_returns: "mail_attempts",
    },
}

impl From<OwedMailKind> for OwedMailTable {
    fn from(kind: OwedMailKind) -> Self {
        match kind {
            OwedMailKind::Confirmation => Self::Confirmation,
            OwedMailKind::Welcome => Self::Welcome,
            OwedMailKind::TranslatorNotice => Self::TranslatorNotice,
            OwedMailKind::AccountMail => Self::AccountLink,
        }
    }
}

impl StoreImpl {
    /// Gives back a claim whose job sent nothing; `false` when the job no longer holds it.
    async fn release_owed_mail_claim(
        &self,
        table: OwedMailTable,
        id: i64,
        claimed_attempts: u32,
        due_at: OffsetDateTime,
    ) -> StoreResult<bool> {
        let done = sqlx::query(table.release_sql())
            .bind(ts(due_at))
            .bind(id)
            .bind(i32::try_from(claimed_attempts).unwrap_or(i32::MAX))
            .execute(self.writer())
            .await
            .map_err(db_err)?;
        Ok(done.rows_affected() > 0)
    }

    /// The ids and attempts so far of up to `limit` rows due at `now`, soonest first.
    async fn due_owed_mails(
        &self,
        table: OwedMailTable,
        now: OffsetDateTime,
        limit: u32,
    ) -> StoreResult<Vec<(i64, u32)>> {
        let rows: Vec<(i64, i32)> = sqlx::query_as(table.due_sql())
            .bind(ts(now))
            .bind(i64::from(limit))
            .fetch_all(self.reader())
            .await
            .map_err(db_err)?;
        Ok(rows
            .into_iter()
            .map(|(id, attempts)| (id, u32::try_from(attempts).unwrap_or(0)))
            .collect())
    }

    /// Settles a claimed owed mail: `sent` records when, a retry sets the new due time, and
    /// every outcome ends the lease. Only a pending row whose latest claim counted
    /// `claimed_attempts` changes, so a second settle, or one by a job whose claim was taken
    /// over, is a no-op and `false`.
    async fn settle_owed_mail(
        &self,
        table: OwedMailTable,
        id: i64,
        claimed_attempts: u32,
        outcome: ConfirmationOutcome,
        at: OffsetDateTime,
    ) -> StoreResult<bool> {
        let at = ts(at);
        let (due, sent) = match outcome {
            ConfirmationOutcome::RetryAt(when) => (Some(ts(when)), None),
            ConfirmationOutcome::Sent => (None, Some(at)),
            ConfirmationOutcome::Skipped | ConfirmationOutcome::Failed => (None, None),
        };
        let done = sqlx::query(table.settle_sql())
            .bind(outcome.as_str())
            .bind(due)
            .bind(sent)
            .bind(id)
            .bind(i32::try_from(claimed_attempts).unwrap_or(i32::MAX))
            .execute(self.writer())
            .await
            .map_err(db_err)?;
        Ok(done.rows_affected() > 0)
    }
}
