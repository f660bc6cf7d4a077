// `TwoFactorStore`: TOTP secrets, the last accepted step, recovery codes and instance
// settings. Compiled into each backend with `include!` inside a child module of the one that
// includes store_impl.rs, whose helpers (`db_err`, `ts`, `not_found_if_missing`) it uses
// through `super::*`.

use rundbrief_store::{TwoFactor, TwoFactorStore};

#[async_trait]
impl TwoFactorStore for StoreImpl {
    async fn two_factor(&self, user: UserId) -> StoreResult<Option<TwoFactor>> {
        let row: Option<(String, Option<OffsetDateTime>, Option<i64>)> = sqlx::query_as(
            "SELECT secret, enabled_at, last_used_step FROM user_two_factor WHERE user_id = $1",
        )
        .bind(user.0)
        .fetch_optional(self.reader())
        .await
        .map_err(db_err)?;
        Ok(row.map(|(secret, enabled_at, last_used_step)| TwoFactor {
            user_id: user,
            secret,
            enabled_at,
            last_used_step,
        }))
    }

    async fn begin_two_factor(
        &self,
        user: UserId,
        secret: &str,
        at: OffsetDateTime,
    ) -> StoreResult<()> {
        // Restarting replaces a secret never confirmed; an enabled one is left alone.
        let done = sqlx::query(
            "INSERT INTO user_two_factor (user_id, secret, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, \
             created_at = excluded.created_at, last_used_step = NULL \
             WHERE user_two_factor.enabled_at IS NULL",
        )
        .bind(user.0)
        .bind(secret)
        .bind(ts(at))
        .execute(self.writer())
        .await
        .map_err(not_found_if_missing("user"))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict("two-factor sign-in is enabled already".into()));
        }
        Ok(())
    }

    async fn enable_two_factor(
        &self,
        user: UserId,
        secret: &str,
        step: i64,
        code_hashes: &[String],
        at: OffsetDateTime,
    ) -> StoreResult<bool> {
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        let done = sqlx::query(
            "UPDATE user_two_factor SET enabled_at = $3, last_used_step = $4 \
             WHERE user_id = $1 AND secret = $2 AND enabled_at IS NULL",
        )
        .bind(user.0)
        .bind(secret)
        .bind(ts(at))
        .bind(step)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        for hash in code_hashes {
            sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
                .bind(user.0)
                .bind(hash)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
        }
        tx.commit().await.map_err(db_err)?;
        Ok(true)
    }

    async fn use_totp_step(&self, user: UserId, step: i64) -> StoreResult<bool> {
        // One statement: of two requests with the same code, only one moves the step on.
        let done = sqlx::query(
            "UPDATE user_two_factor SET last_used_step = $2 WHERE user_id = $1 \
             AND enabled_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < $2)",
        )
        .bind(user.0)
        .bind(step)
        .execute(self.writer())
        .await
        .map_err(db_err)?;
        Ok(done.rows_affected() == 1)
    }

    async fn use_recovery_code(
        &self,
        user: UserId,
        code_hash: &str,
        at: OffsetDateTime,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE recovery_codes SET used_at = $3 \
             WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL",
        )
        .bind(user.0)
        .bind(code_hash)
        .bind(ts(at))
        .execute(self.writer())
        .await
        .map_err(db_err)?;
        Ok(done.rows_affected() == 1)
    }

    async fn unused_recovery_codes(&self, user: UserId) -> StoreResult<i64> {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL",
        )
        .bind(user.0)
        .fetch_one(self.reader())
        .await
        .map_err(db_err)
    }

    async fn remove_two_factor(&self, user: UserId) -> StoreResult<()> {
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        for sql in [
            "DELETE FROM recovery_codes WHERE user_id = $1",
            "DELETE FROM user_two_factor WHERE user_id = $1",
        ] {
            sqlx::query(sql).bind(user.0).execute(&mut *tx).await.map_err(db_err)?;
        }
        tx.commit().await.map_err(db_err)
    }

    async fn end_sessions_without_two_factor(&self) -> StoreResult<u64> {
        let done = sqlx::query(
            "DELETE FROM sessions WHERE user_id NOT IN \
             (SELECT user_id FROM user_two_factor WHERE enabled_at IS NOT NULL)",
        )
        .execute(self.writer())
        .await
        .map_err(db_err)?;
        Ok(done.rows_affected())
    }

    async fn instance_setting(&self, key: &str) -> StoreResult<Option<String>> {
        sqlx::query_scalar("SELECT value FROM instance_settings WHERE key = $1")
            .bind(key)
            .fetch_optional(self.reader())
            .await
            .map_err(db_err)
    }

    async fn set_instance_setting(
        &self,
        key: &str,
        value: &str,
        at: OffsetDateTime,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO instance_settings (key, value, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, \
             updated_at = excluded.updated_at",
        )
        .bind(key)
        .bind(value)
        .bind(ts(at))
        .execute(self.writer())
        .await
        .map_err(db_err)?;
        Ok(())
    }
}
