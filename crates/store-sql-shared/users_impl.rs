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
        suppressed(self.reader(), &suppression_hash(email)).await
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
        let statement = sqlx::query_as::<_, UserRow>(
            "SELECT id, email, password_hash, role, created_at FROM users WHERE id = $1",
        )
        .bind(id.0);
        self.read_one(statement, "user").await
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
        let statement = sqlx::query("DELETE FROM api_tokens WHERE id = $1").bind(id.0);
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
}
