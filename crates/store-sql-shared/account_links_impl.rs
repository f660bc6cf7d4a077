// `AccountLinkStore`: invitations and password resets by mail (migration 0020). Compiled into
// each backend with `include!` inside a child module of the one that includes store_impl.rs,
// whose helpers (`db_err`, `ts`, `language_list`, `parse_language`, `UserRow`) it uses through
// `super::*`. Statements inside transactions read with `fetch_all`, so SQLite steps each one to
// its end before the commit.

use rundbrief_store::{
    AccountLink, AccountLinkKind, AccountLinkStore, ConfirmationOutcome, LinkRefusal, NewInvitation,
};

macro_rules! link_columns {
    () => {
        "id, kind, email, user_id, role, languages, language, created_by, created_at, \
         expires_at, used_at, revoked_at, mail_status"
    };
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    id: i64,
    kind: String,
    email: Option<String>,
    user_id: Option<i64>,
    role: Option<String>,
    languages: String,
    language: String,
    created_by: Option<i64>,
    created_at: OffsetDateTime,
    expires_at: OffsetDateTime,
    used_at: Option<OffsetDateTime>,
    revoked_at: Option<OffsetDateTime>,
    mail_status: String,
}

impl TryFrom<LinkRow> for AccountLink {
    type Error = StoreError;
    fn try_from(row: LinkRow) -> StoreResult<Self> {
        const TABLE: &str = "account_links";
        let kind = match row.kind.as_str() {
            "invitation" => AccountLinkKind::Invitation,
            "reset" => AccountLinkKind::Reset,
            other => return Err(corrupt(TABLE, format!("kind {other:?}"))),
        };
        Ok(AccountLink {
            id: row.id,
            kind,
            email: row
                .email
                .map(|e| EmailAddress::parse(&e).map_err(|e| corrupt(TABLE, e)))
                .transpose()?,
            user_id: row.user_id.map(UserId),
            role: row.role.map(|r| r.parse::<Role>().map_err(|e| corrupt(TABLE, e))).transpose()?,
            languages: row
                .languages
                .split(',')
                .filter(|code| !code.is_empty())
                .map(|code| parse_language(TABLE, code))
                .collect::<StoreResult<Vec<_>>>()?,
            language: parse_language(TABLE, &row.language)?,
            created_by: row.created_by.map(UserId),
            created_at: row.created_at,
            expires_at: row.expires_at,
            used_at: row.used_at,
            revoked_at: row.revoked_at,
            mail_status: row.mail_status,
        })
    }
}

/// Why the link `id` of `kind` cannot be used at `now`, read inside the transaction that
/// found it unusable.
async fn refusal(
    tx: &mut sqlx::Transaction<'_, Db>,
    id: i64,
    kind: AccountLinkKind,
    now: OffsetDateTime,
) -> StoreResult<LinkRefusal> {
    let rows: Vec<(Option<OffsetDateTime>, Option<OffsetDateTime>, OffsetDateTime)> =
        sqlx::query_as(
            "SELECT used_at, revoked_at, expires_at FROM account_links WHERE id = $1 AND kind = $2",
        )
        .bind(id)
        .bind(kind.as_str())
        .fetch_all(&mut **tx)
        .await
        .map_err(db_err)?;
    Ok(match rows.first() {
        None => LinkRefusal::Unknown,
        Some((Some(_), _, _)) => LinkRefusal::Used,
        Some((None, Some(_), _)) => LinkRefusal::Revoked,
        Some((None, None, expires)) if *expires <= now => LinkRefusal::Expired,
        // Open, yet not taken: only a race with another use, which then used it.
        Some(_) => LinkRefusal::Used,
    })
}

/// Marks the open link `id` of `kind` used at `now`; its row when that happened.
async fn take_link(
    tx: &mut sqlx::Transaction<'_, Db>,
    id: i64,
    kind: AccountLinkKind,
    now: OffsetDateTime,
) -> StoreResult<Option<LinkRow>> {
    let sql = concat!(
        "UPDATE account_links SET used_at = $3 WHERE id = $1 AND kind = $2 \
         AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $3 RETURNING ",
        link_columns!()
    );
    let mut rows: Vec<LinkRow> = sqlx::query_as(sql)
        .bind(id)
        .bind(kind.as_str())
        .bind(ts(now))
        .fetch_all(&mut **tx)
        .await
        .map_err(db_err)?;
    Ok(rows.pop())
}

#[async_trait]
impl AccountLinkStore for StoreImpl {
    async fn create_invitation(
        &self,
        new: &NewInvitation,
        at: OffsetDateTime,
    ) -> StoreResult<AccountLink> {
        let sql = concat!(
            "INSERT INTO account_links (kind, email, email_key, role, languages, language, \
             created_by, created_at, expires_at, mail_due_at) \
             VALUES ('invitation', $1, $2, $3, $4, $5, $6, $7, $8, $7) RETURNING ",
            link_columns!()
        );
        let row: LinkRow = sqlx::query_as(sql)
            .bind(new.email.as_str())
            .bind(new.email.key())
            .bind(new.role.as_str())
            .bind(language_list(&new.languages))
            .bind(new.language.code())
            .bind(new.created_by.0)
            .bind(ts(at))
            .bind(ts(new.expires_at))
            .fetch_one(self.writer())
            .await
            .map_err(not_found_if_missing("user"))?;
        row.try_into()
    }

    async fn create_password_reset(
        &self,
        user: UserId,
        language: Language,
        created_by: UserId,
        expires_at: OffsetDateTime,
        at: OffsetDateTime,
    ) -> StoreResult<AccountLink> {
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        sqlx::query(
            "UPDATE account_links SET revoked_at = $2, \
             mail_status = CASE WHEN mail_status = 'pending' THEN 'skipped' ELSE mail_status END \
             WHERE kind = 'reset' AND user_id = $1 AND used_at IS NULL AND revoked_at IS NULL",
        )
        .bind(user.0)
        .bind(ts(at))
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let sql = concat!(
            "INSERT INTO account_links (kind, user_id, language, created_by, created_at, \
             expires_at, mail_due_at) VALUES ('reset', $1, $2, $3, $4, $5, $4) RETURNING ",
            link_columns!()
        );
        let mut rows: Vec<LinkRow> = sqlx::query_as(sql)
            .bind(user.0)
            .bind(language.code())
            .bind(created_by.0)
            .bind(ts(at))
            .bind(ts(expires_at))
            .fetch_all(&mut *tx)
            .await
            .map_err(not_found_if_missing("user"))?;
        let row = rows.pop().ok_or(StoreError::NotFound("user"))?;
        tx.commit().await.map_err(db_err)?;
        row.try_into()
    }

    async fn account_link(&self, id: i64) -> StoreResult<AccountLink> {
        let sql = concat!("SELECT ", link_columns!(), " FROM account_links WHERE id = $1");
        let statement = sqlx::query_as::<_, LinkRow>(sql).bind(id);
        self.read_one(statement, "account link").await
    }

    async fn open_invitations(&self, now: OffsetDateTime) -> StoreResult<Vec<AccountLink>> {
        let sql = concat!(
            "SELECT ",
            link_columns!(),
            " FROM account_links WHERE kind = 'invitation' AND used_at IS NULL \
             AND revoked_at IS NULL AND expires_at > $1 ORDER BY id DESC"
        );
        let rows: Vec<LinkRow> =
            sqlx::query_as(sql).bind(ts(now)).fetch_all(self.reader()).await.map_err(db_err)?;
        map_rows(rows)
    }

    async fn revoke_account_link(
        &self,
        id: i64,
        kind: AccountLinkKind,
        at: OffsetDateTime,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE account_links SET revoked_at = $3, \
             mail_status = CASE WHEN mail_status = 'pending' THEN 'skipped' ELSE mail_status END \
             WHERE id = $1 AND kind = $2 AND used_at IS NULL AND revoked_at IS NULL",
        )
        .bind(id)
        .bind(kind.as_str())
        .bind(ts(at))
        .execute(self.writer())
        .await
        .map_err(db_err)?;
        Ok(done.rows_affected() > 0)
    }

    async fn accept_invitation(
        &self,
        id: i64,
        password_hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Result<User, LinkRefusal>> {
        let kind = AccountLinkKind::Invitation;
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        let Some(link) = take_link(&mut tx, id, kind, now).await? else {
            return Ok(Err(refusal(&mut tx, id, kind, now).await?));
        };
        let (Some(email), Some(role)) = (link.email, link.role) else {
            return Err(corrupt(
                "account_links",
                format!("invitation {id} without address or role"),
            ));
        };
        let email = EmailAddress::parse(&email).map_err(|e| corrupt("account_links", e))?;
        let sql = concat!(
            "INSERT INTO users (email, email_key, password_hash, role, languages, created_at, \
             ui_language) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ",
            user_columns!()
        );
        let mut rows: Vec<UserRow> = sqlx::query_as(sql)
            .bind(email.as_str())
            .bind(email.key())
            .bind(password_hash)
            .bind(role)
            .bind(link.languages)
            .bind(ts(now))
            .bind(link.language)
            .fetch_all(&mut *tx)
            .await
            .map_err(|e| match db_err(e) {
                StoreError::Conflict(_) => {
                    StoreError::Conflict("a user with this e-mail address exists".into())
                }
                other => other,
            })?;
        let user: User = rows.pop().ok_or(StoreError::NotFound("user"))?.try_into()?;
        sqlx::query("UPDATE account_links SET user_id = $2 WHERE id = $1")
            .bind(id)
            .bind(user.id.0)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
        Ok(Ok(user))
    }

    async fn complete_password_reset(
        &self,
        id: i64,
        password_hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Result<UserId, LinkRefusal>> {
        let kind = AccountLinkKind::Reset;
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        let Some(link) = take_link(&mut tx, id, kind, now).await? else {
            return Ok(Err(refusal(&mut tx, id, kind, now).await?));
        };
        let Some(user) = link.user_id else {
            return Err(corrupt("account_links", format!("reset {id} without an account")));
        };
        // A disabled account keeps its password: the reset mail may sit in the mailbox that
        // was the reason to disable it. Dropping `tx` leaves the link open as it was.
        let set = sqlx::query(
            "UPDATE users SET password_hash = $2 WHERE id = $1 AND disabled_at IS NULL",
        )
        .bind(user)
        .bind(password_hash)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        if set.rows_affected() == 0 {
            return Ok(Err(LinkRefusal::Revoked));
        }
        // Whoever holds a session of the account may have had the old password.
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
        Ok(Ok(UserId(user)))
    }

    async fn claim_account_mail(
        &self,
        id: i64,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
    ) -> StoreResult<Option<(AccountLink, u32)>> {
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        let attempts: Vec<i32> = sqlx::query_scalar(OwedMailTable::AccountLink.claim_sql())
            .bind(ts(lease_until))
            .bind(id)
            .bind(ts(now))
            .fetch_all(&mut *tx)
            .await
            .map_err(db_err)?;
        let Some(attempts) = attempts.first().copied() else { return Ok(None) };
        let sql = concat!("SELECT ", link_columns!(), " FROM account_links WHERE id = $1");
        let mut rows: Vec<LinkRow> =
            sqlx::query_as(sql).bind(id).fetch_all(&mut *tx).await.map_err(db_err)?;
        let row = rows.pop().ok_or(StoreError::NotFound("account link"))?;
        tx.commit().await.map_err(db_err)?;
        Ok(Some((row.try_into()?, u32::try_from(attempts).unwrap_or(0))))
    }

    async fn due_account_mails(&self, now: OffsetDateTime, limit: u32) -> StoreResult<Vec<i64>> {
        sqlx::query_scalar(
            "SELECT id FROM account_links WHERE mail_status = 'pending' AND mail_due_at <= $1 \
             AND (mail_locked_until IS NULL OR mail_locked_until <= $1) \
             ORDER BY mail_due_at, id LIMIT $2",
        )
        .bind(ts(now))
        .bind(i64::from(limit))
        .fetch_all(self.reader())
        .await
        .map_err(db_err)
    }

    async fn settle_account_mail(
        &self,
        id: i64,
        claimed_attempts: u32,
        outcome: ConfirmationOutcome,
        at: OffsetDateTime,
    ) -> StoreResult<bool> {
        self.settle_owed_mail(OwedMailTable::AccountLink, id, claimed_attempts, outcome, at).await
    }
}
