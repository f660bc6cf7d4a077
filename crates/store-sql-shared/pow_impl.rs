// Spent proof-of-work solutions: `PowStore`. Compiled into each backend with `include!` inside
// a child module of the one that includes store_impl.rs, whose helpers it uses through
// `super::*`.

use rundbrief_store::PowStore;

#[async_trait]
impl PowStore for StoreImpl {
    async fn spend_pow_salt(
        &self,
        salt: &str,
        expires_at: OffsetDateTime,
        now: OffsetDateTime,
    ) -> StoreResult<bool> {
        // Expired rows go first, so the table holds at most the challenges of one expiry span.
        self.write(sqlx::query("DELETE FROM pow_spent WHERE expires_at < $1").bind(ts(now)))
            .await?;
        // Two processes spending the same salt at once: the primary key lets one insert.
        let inserted = self
            .write(
                sqlx::query(
                    "INSERT INTO pow_spent (salt, expires_at) VALUES ($1, $2) \
                     ON CONFLICT (salt) DO NOTHING",
                )
                .bind(salt)
                .bind(ts(expires_at)),
            )
            .await?;
        Ok(inserted == 1)
    }
}
