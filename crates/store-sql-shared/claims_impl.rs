// Who holds a claim (`rundbrief_store::ClaimStore`), compiled into each backend with
// `include!` next to `store_impl.rs`, whose helpers (`ts`, `db_err`) it uses.
//
// There is no index on `claim` (migration 0005): each statement names `status = 'sending'`
// together with the condition of the partial index `deliveries_claim` (issue_id, status, id),
// word for word so that both planners use it, and only the rows on the wire are `sending`.

use rundbrief_store::{CLAIM_SEPARATOR, ClaimStore, check_worker};

#[async_trait]
impl ClaimStore for StoreImpl {
    async fn renew_claims(
        &self,
        issue: IssueId,
        claim: &str,
        lease_until: OffsetDateTime,
    ) -> StoreResult<u64> {
        let statement = sqlx::query(
            "UPDATE deliveries SET lease_until = $1 WHERE issue_id = $2 AND status = $3 \
             AND status IN ('pending', 'sending') AND claim = $4",
        )
        .bind(ts(lease_until))
        .bind(issue.0)
        .bind(DeliveryStatus::Sending.as_str())
        .bind(claim);
        self.write(statement).await
    }

    async fn release_claims_of(&self, worker: &str) -> StoreResult<u64> {
        check_worker(worker)?;
        let prefix = format!("{worker}{CLAIM_SEPARATOR}");
        // `substr` counts characters on both databases; LIKE would not do (case-insensitive on
        // SQLite, and `_` and `%` in a host name). The attempt stays counted: the message may
        // have gone out before the worker died, just as when a lease runs out.
        let length = i32::try_from(prefix.chars().count())
            .map_err(|_| StoreError::Invalid("worker identity too long".into()))?;
        let statement = sqlx::query(
            "UPDATE deliveries SET status = $1, lease_until = NULL \
             WHERE issue_id IN (SELECT id FROM issues) AND status = $2 \
             AND status IN ('pending', 'sending') AND substr(claim, 1, $3) = $4",
        )
        .bind(DeliveryStatus::Pending.as_str())
        .bind(DeliveryStatus::Sending.as_str())
        .bind(length)
        .bind(prefix);
        self.write(statement).await
    }
}
