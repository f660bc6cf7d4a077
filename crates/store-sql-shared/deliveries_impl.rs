// The delivery ledger: `DeliveryStore` (snapshots, claims, marks, counts). Included after
// store_impl.rs in each backend.

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

    async fn deliveries_in_flight(&self, now: OffsetDateTime) -> StoreResult<i64> {
        // With the literal status both planners read only the partial index of open deliveries.
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM deliveries WHERE status = 'sending' AND lease_until > $1",
        )
        .bind(ts(now))
        .fetch_one(self.reader())
        .await
        .map_err(db_err)
    }

    async fn claim_deliveries_from(
        &self,
        issue: IssueId,
        from: DeliveryId,
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
            .bind(from.0)
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
        // and a group of marks is written while the sends in it wait. The statement is the
        // backend's own (`write_sent_marks` in its crate): arrays on PostgreSQL, a VALUES list
        // on SQLite. The chunk keeps the latter under SQLite's parameter limit.
        for chunk in sent.chunks(MARK_SENT_CHUNK) {
            marked += self.write_sent_marks(chunk).await?;
        }
        Ok(marked)
    }

    async fn mark_retry(
        &self,
        id: DeliveryId,
        error: &str,
        retry_at: OffsetDateTime,
    ) -> StoreResult<()> {
        self.settle_unsent(id, DeliveryStatus::Pending, error, Some(retry_at)).await
    }

    async fn mark_skipped(&self, id: DeliveryId, reason: &str) -> StoreResult<()> {
        self.settle_unsent(id, DeliveryStatus::Skipped, reason, None).await
    }

    async fn mark_failed(&self, id: DeliveryId, error: &str, bounced: bool) -> StoreResult<()> {
        let status = if bounced { DeliveryStatus::Bounced } else { DeliveryStatus::Failed };
        self.settle_unsent(id, status, error, None).await
    }

    async fn delivery(&self, issue: IssueId, subscriber: SubscriberId) -> StoreResult<Delivery> {
        let sql = concat!(
            "SELECT ",
            delivery_columns!(),
            " FROM deliveries WHERE issue_id = $1 AND subscriber_id = $2"
        );
        let statement = sqlx::query_as::<_, DeliveryRow>(sql).bind(issue.0).bind(subscriber.0);
        self.read_one(statement, "delivery").await
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

    async fn sent_to(
        &self,
        subscriber: SubscriberId,
    ) -> StoreResult<Vec<rundbrief_store::SentIssue>> {
        let rows: Vec<(i64, String, Option<String>, OffsetDateTime)> = sqlx::query_as(
            "SELECT d.issue_id, i.title, d.variant_language, d.sent_at FROM deliveries d \
             JOIN issues i ON i.id = d.issue_id WHERE d.subscriber_id = $1 \
             AND d.status = 'sent' AND d.sent_at IS NOT NULL ORDER BY d.sent_at, d.id",
        )
        .bind(subscriber.0)
        .fetch_all(self.reader())
        .await
        .map_err(db_err)?;
        rows.into_iter()
            .map(|(issue, title, language, sent_at)| {
                Ok(rundbrief_store::SentIssue {
                    issue_id: IssueId(issue),
                    title,
                    language: language.map(|l| parse_language("deliveries", &l)).transpose()?,
                    sent_at,
                })
            })
            .collect()
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
