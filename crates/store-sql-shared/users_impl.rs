// Suppressions, editor accounts, sessions and API tokens, and `Store` itself. Included
// after store_impl.rs in each backend.

#[async_trait]
impl SuppressionStore for StoreImpl {
    async fn suppress(
        &self,
        email: &EmailAddress,
        reason: SuppressionReason,
        at: OffsetDateTime,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO suppressions (email_hash, reason, created_at, subscriber_id) \
             VALUES ($1, $2, $3, (SELECT id FROM subscribers WHERE email_key = $4)) \
             ON CONFLICT (email_hash) DO NOTHING",
        )
        .bind(suppression_hash(email))
        .bind(reason.as_str())
        .bind(ts(at))
        .bind(email.key())
        .execute(self.writer())
        .await
        .map_err(db_err)?;
        Ok(())
    }

    async fn is_suppressed(&self, email: &EmailAddress) -> StoreResult<bool> {
        suppressed(self.reader(), &suppression_hash(email)).await
    }
}

/// The condition under which the account `$1` may stop being an active administrator: it is
/// none now, or another active administrator remains.
macro_rules! only_if_an_admin_stays {
    () => {
        "(role <> 'admin' OR disabled_at IS NOT NULL OR EXISTS (SELECT 1 FROM users other \
         WHERE other.role = 'admin' AND other.disabled_at IS NULL AND other.id <> $1))"
    };
}

/// Write-locks the active administrators' rows before one of them may stop being one, so
/// two such changes at once are taken one after the other: under PostgreSQL the second waits
/// for the first to commit, and its check, a new statement, then sees the first's change
/// (SQLite has one writer anyway). Without the lock both could see the other still active.
async fn lock_active_admins(tx: &mut sqlx::Transaction<'_, Db>) -> StoreResult<()> {
    sqlx::query("UPDATE users SET role = role WHERE role = 'admin' AND disabled_at IS NULL")
        .execute(&mut **tx)
        .await
        .map_err(db_err)?;
    Ok(())
}

impl StoreImpl {
    /// After an account change that touched `changed` rows: fine, no such account, or it was
    /// the last active administrator.
    async fn changed_or_why(&self, id: UserId, changed: u64, what: &str) -> StoreResult<()> {
        if changed > 0 {
            return Ok(());
        }
        self.user(id).await?;
        Err(StoreError::Conflict(format!(
            "the last active administrator cannot be {what}; make another account an administrator first"
        )))
    }
}

#[async_trait]
impl UserStore for StoreImpl {
    async fn create_user_with_languages(
        &self,
        email: &EmailAddress,
        password_hash: &str,
        role: Role,
        languages: &[Language],
        at: OffsetDateTime,
    ) -> StoreResult<User> {
        let sql = concat!(
            "INSERT INTO users (email, email_key, password_hash, role, languages, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING ",
            user_columns!()
        );
        let row: UserRow = sqlx::query_as(sql)
            .bind(email.as_str())
            .bind(email.key())
            .bind(password_hash)
            .bind(role.as_str())
            .bind(language_list(languages))
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
        let sql = concat!("SELECT ", user_columns!(), " FROM users WHERE id = $1");
        let statement = sqlx::query_as::<_, UserRow>(sql).bind(id.0);
        self.read_one(statement, "user").await
    }

    async fn user_by_email(&self, email: &EmailAddress) -> StoreResult<Option<User>> {
        let sql = concat!("SELECT ", user_columns!(), " FROM users WHERE email_key = $1");
        let row: Option<UserRow> = sqlx::query_as(sql)
            .bind(email.key())
            .fetch_optional(self.reader())
            .await
            .map_err(db_err)?;
        row.map(User::try_from).transpose()
    }

    async fn users(&self) -> StoreResult<Vec<User>> {
        let sql = concat!("SELECT ", user_columns!(), " FROM users ORDER BY id");
        let rows: Vec<UserRow> =
            sqlx::query_as(sql).fetch_all(self.reader()).await.map_err(db_err)?;
        map_rows(rows)
    }

    async fn change_user_role(
        &self,
        id: UserId,
        role: Role,
        languages: &[Language],
    ) -> StoreResult<()> {
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        lock_active_admins(&mut tx).await?;
        let changed = sqlx::query(concat!(
            "UPDATE users SET role = $2, languages = $3 WHERE id = $1 AND (",
            only_if_an_admin_stays!(),
            " OR $2 = 'admin')"
        ))
        .bind(id.0)
        .bind(role.as_str())
        .bind(language_list(languages))
        .execute(&mut *tx)
        .await
        .map_err(db_err)?
        .rows_affected();
        tx.commit().await.map_err(db_err)?;
        self.changed_or_why(id, changed, "demoted").await
    }

    async fn set_user_disabled(&self, id: UserId, at: Option<OffsetDateTime>) -> StoreResult<()> {
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        lock_active_admins(&mut tx).await?;
        let changed = match at {
            Some(at) => sqlx::query(concat!(
                "UPDATE users SET disabled_at = $2 WHERE id = $1 AND ",
                only_if_an_admin_stays!()
            ))
            .bind(id.0)
            .bind(ts(at))
            .execute(&mut *tx)
            .await
            .map_err(db_err)?
            .rows_affected(),
            None => sqlx::query("UPDATE users SET disabled_at = NULL WHERE id = $1")
                .bind(id.0)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?
                .rows_affected(),
        };
        if changed > 0 && at.is_some() {
            // A disabled account is signed out everywhere at once, not when its sessions
            // expire.
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(id.0)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
            // Disabling is the answer to a suspected compromised mailbox: a reset mail in it
            // must not set a password that works once the account is enabled again.
            sqlx::query(
                "UPDATE account_links SET revoked_at = $2, \
                 mail_status = CASE WHEN mail_status = 'pending' THEN 'skipped' \
                 ELSE mail_status END \
                 WHERE kind = 'reset' AND user_id = $1 AND used_at IS NULL AND revoked_at IS NULL",
            )
            .bind(id.0)
            .bind(at.map(ts))
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        }
        tx.commit().await.map_err(db_err)?;
        self.changed_or_why(id, changed, "disabled").await
    }

    async fn set_user_ui_language(
        &self,
        id: UserId,
        language: Option<Language>,
    ) -> StoreResult<()> {
        let changed = sqlx::query("UPDATE users SET ui_language = $2 WHERE id = $1")
            .bind(id.0)
            .bind(language.map(|l| l.code()))
            .execute(self.writer())
            .await
            .map_err(db_err)?
            .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound("user"));
        }
        Ok(())
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
        .map_err(not_found_if_missing("user"))?;
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
        token: &NewApiToken,
        at: OffsetDateTime,
    ) -> StoreResult<ApiToken> {
        let sql = concat!(
            "INSERT INTO api_tokens (name, token_hash, scope, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING ",
            api_token_columns!()
        );
        let row: ApiTokenRow = sqlx::query_as(sql)
            .bind(&token.name)
            .bind(&token.token_hash)
            .bind(token.scope.as_str())
            .bind(ts(at))
            .bind(token.expires_at.map(ts))
            .fetch_one(self.writer())
            .await
            .map_err(db_err)?;
        row.try_into()
    }

    async fn use_api_token(
        &self,
        token_hash: &str,
        at: OffsetDateTime,
    ) -> StoreResult<Option<ApiToken>> {
        // A read first, on the read pool: most requests of a busy client find the last use
        // recorded less than a minute ago and write nothing.
        let sql = concat!(
            "SELECT ",
            api_token_columns!(),
            " FROM api_tokens WHERE token_hash = $1 \
             AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)"
        );
        let row: Option<ApiTokenRow> = sqlx::query_as(sql)
            .bind(token_hash)
            .bind(ts(at))
            .fetch_optional(self.reader())
            .await
            .map_err(db_err)?;
        let Some(row) = row else { return Ok(None) };
        let mut token = ApiToken::try_from(row)?;
        let stale = at - time::Duration::minutes(1);
        if token.last_used_at.is_none_or(|last| last <= stale) {
            // The condition is repeated in SQL, so concurrent requests write once between
            // them, and a revocation in between is not overwritten (it is only read).
            sqlx::query(
                "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2 \
                 AND (last_used_at IS NULL OR last_used_at <= $3)",
            )
            .bind(ts(at))
            .bind(token.id.0)
            .bind(ts(stale))
            .execute(self.writer())
            .await
            .map_err(db_err)?;
            token.last_used_at = Some(ts(at));
        }
        Ok(Some(token))
    }

    async fn api_tokens(&self) -> StoreResult<Vec<ApiToken>> {
        let sql = concat!("SELECT ", api_token_columns!(), " FROM api_tokens ORDER BY id");
        let rows: Vec<ApiTokenRow> =
            sqlx::query_as(sql).fetch_all(self.reader()).await.map_err(db_err)?;
        map_rows(rows)
    }

    async fn api_token(&self, id: ApiTokenId) -> StoreResult<ApiToken> {
        let sql = concat!("SELECT ", api_token_columns!(), " FROM api_tokens WHERE id = $1");
        let statement = sqlx::query_as::<_, ApiTokenRow>(sql).bind(id.0);
        self.read_one(statement, "API token").await
    }

    async fn revoke_api_token(&self, id: ApiTokenId, at: OffsetDateTime) -> StoreResult<()> {
        let statement = sqlx::query(
            "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1",
        )
        .bind(id.0)
        .bind(ts(at));
        self.write_one(statement, "API token").await
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

    async fn missing_migrations(&self) -> StoreResult<Vec<rundbrief_store::MigrationName>> {
        // sqlx's history table, which `connect` fills; a few dozen rows.
        let applied: Vec<i64> =
            sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
                .fetch_all(self.reader())
                .await
                .map_err(db_err)?;
        let applied: std::collections::HashSet<i64> = applied.into_iter().collect();
        Ok(crate::MIGRATOR
            .iter()
            .filter(|m| m.migration_type.is_up_migration() && !applied.contains(&m.version))
            .map(|m| rundbrief_store::MigrationName {
                version: m.version,
                description: m.description.to_string(),
            })
            .collect())
    }
}
