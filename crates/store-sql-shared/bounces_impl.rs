// `BounceStore`: bounces and complaints, stored with their consequences for the subscriber in
// one transaction. Included after store_impl.rs, whose helpers (`db_err`, `ts`,
// `status_and_hash`, `insert_consent`) it uses.

macro_rules! bounce_columns {
    () => {
        "id, subscriber_id, issue_id, delivery_id, kind, status_code, diagnostic, \
         CAST(CASE WHEN raw IS NULL THEN 0 ELSE 1 END AS BIGINT) AS has_raw, received_at, source"
    };
}

#[derive(sqlx::FromRow)]
struct BounceRow {
    id: i64,
    subscriber_id: Option<i64>,
    issue_id: Option<i64>,
    delivery_id: Option<i64>,
    kind: String,
    status_code: Option<String>,
    diagnostic: Option<String>,
    has_raw: i64,
    received_at: OffsetDateTime,
    source: String,
}

impl TryFrom<BounceRow> for rundbrief_store::Bounce {
    type Error = StoreError;

    fn try_from(row: BounceRow) -> StoreResult<Self> {
        let source = rundbrief_store::BounceSource::parse(&row.source)
            .ok_or_else(|| corrupt("bounces", format!("unknown source {}", row.source)))?;
        Ok(Self {
            id: row.id,
            subscriber_id: row.subscriber_id.map(SubscriberId),
            issue_id: row.issue_id.map(IssueId),
            delivery_id: row.delivery_id.map(DeliveryId),
            kind: row.kind.parse().map_err(|e| corrupt("bounces", e))?,
            status_code: row.status_code,
            diagnostic: row.diagnostic,
            has_raw: row.has_raw != 0,
            received_at: row.received_at,
            source,
        })
    }
}

/// Suppresses `subscriber`'s address for `reason`, moves them to the status it stands for when
/// the life cycle allows (only active subscribers can be), and, when either is new, writes the
/// consent event: a repeated report changes nothing in the proof of consent. Whether anything
/// was new.
async fn apply_bounce(
    tx: &mut sqlx::Transaction<'static, Db>,
    subscriber: SubscriberId,
    reason: SuppressionReason,
    at: OffsetDateTime,
) -> StoreResult<bool> {
    let (status, action) = match reason {
        SuppressionReason::Complaint => (SubscriberStatus::Complained, ConsentAction::Complaint),
        _ => (SubscriberStatus::Bounced, ConsentAction::Bounce),
    };
    let (current, hash) = status_and_hash(tx, subscriber).await?;
    let mut changed = false;
    // An erased subscriber has no hash: their address is suppressed under its erasure already.
    if let Some(hash) = hash {
        let added = sqlx::query(
            "INSERT INTO suppressions (email_hash, reason, created_at, subscriber_id) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (email_hash) DO NOTHING",
        )
        .bind(hash)
        .bind(reason.as_str())
        .bind(at)
        .bind(subscriber.0)
        .execute(&mut **tx)
        .await
        .map_err(db_err)?
        .rows_affected();
        changed |= added > 0;
    }
    // A pending address stays pending (the suppression keeps it from being confirmed); a
    // bounced one does not become complained: the life cycle never undoes either.
    if current.can_transition_to(status) {
        let moved = sqlx::query("UPDATE subscribers SET status = $1 WHERE id = $2 AND status = $3")
            .bind(status.as_str())
            .bind(subscriber.0)
            .bind(current.as_str())
            .execute(&mut **tx)
            .await
            .map_err(db_err)?
            .rows_affected();
        changed |= moved > 0;
    }
    if changed {
        let event = NewConsentEvent {
            subscriber_id: subscriber,
            action,
            text_version: None,
            language: None,
            ip: None,
            user_agent: None,
        };
        insert_consent(&mut **tx, subscriber, &event, at).await?;
    }
    Ok(changed)
}

#[async_trait]
impl rundbrief_store::BounceStore for StoreImpl {
    async fn record_bounce(
        &self,
        bounce: &rundbrief_store::NewBounce,
        rule: rundbrief_store::SoftBounceRule,
        at: OffsetDateTime,
    ) -> StoreResult<rundbrief_store::BounceOutcome> {
        use rundbrief_core::model::BounceKind;
        use rundbrief_store::BounceEffect;
        let reason = match bounce.kind {
            BounceKind::Hard | BounceKind::Soft => SuppressionReason::HardBounce,
            BounceKind::Complaint => SuppressionReason::Complaint,
            other => {
                return Err(StoreError::Invalid(format!("a {other} report is not a bounce")));
            }
        };
        let at = ts(at);
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        // The delivery or confirmation mail the envelope sender named is the surest account of
        // whose mail it was.
        let (subscriber, issue) = match bounce.delivery {
            Some(delivery) => {
                let row: Option<(i64, i64)> =
                    sqlx::query_as("SELECT subscriber_id, issue_id FROM deliveries WHERE id = $1")
                        .bind(delivery.0)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(db_err)?;
                let (subscriber, issue) = row.ok_or(StoreError::NotFound("delivery"))?;
                (Some(SubscriberId(subscriber)), Some(IssueId(issue)))
            }
            None => match bounce.confirmation {
                Some(mail) => {
                    let row: Option<(i64,)> = sqlx::query_as(
                        "SELECT subscriber_id FROM confirmation_mails WHERE id = $1",
                    )
                    .bind(mail)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db_err)?;
                    let (subscriber,) = row.ok_or(StoreError::NotFound("confirmation mail"))?;
                    (Some(SubscriberId(subscriber)), None)
                }
                None => (bounce.subscriber, bounce.issue),
            },
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO bounces (subscriber_id, issue_id, delivery_id, kind, status_code, \
             diagnostic, raw, received_at, source) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             RETURNING id",
        )
        .bind(subscriber.map(|s| s.0))
        .bind(issue.map(|i| i.0))
        .bind(bounce.delivery.map(|d| d.0))
        .bind(bounce.kind.as_str())
        .bind(&bounce.status_code)
        .bind(&bounce.diagnostic)
        .bind(&bounce.raw)
        .bind(at)
        .bind(bounce.source.as_str())
        .fetch_one(&mut *tx)
        .await
        .map_err(not_found_if_missing("subscriber or issue"))?;
        let mut soft_in_window: i64 = 0;
        let applies = match (bounce.kind, subscriber) {
            (BounceKind::Soft, Some(subscriber)) => {
                soft_in_window = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM bounces WHERE subscriber_id = $1 AND kind = 'soft' \
                     AND received_at >= $2 AND received_at <= $3",
                )
                .bind(subscriber.0)
                .bind(ts(at - rule.window))
                .bind(at)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
                soft_in_window >= i64::from(rule.limit.max(1))
            }
            (BounceKind::Soft, None) => false,
            _ => true,
        };
        let mut effect = BounceEffect::Recorded;
        if applies && let Some(subscriber) = subscriber {
            if apply_bounce(&mut tx, subscriber, reason, at).await? {
                effect = match reason {
                    SuppressionReason::Complaint => BounceEffect::Complained,
                    _ => BounceEffect::Bounced,
                };
            }
            // A complaint is about a mail that arrived; a bounce says this one did not. Only a
            // `sent` row changes: one that failed while sending keeps its own outcome.
            if reason == SuppressionReason::HardBounce
                && let Some(delivery) = bounce.delivery
            {
                sqlx::query("UPDATE deliveries SET status = $1 WHERE id = $2 AND status = $3")
                    .bind(DeliveryStatus::Bounced.as_str())
                    .bind(delivery.0)
                    .bind(DeliveryStatus::Sent.as_str())
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
            }
        }
        tx.commit().await.map_err(db_err)?;
        Ok(rundbrief_store::BounceOutcome { id, subscriber, issue, effect, soft_in_window })
    }

    async fn bounces_of(
        &self,
        subscriber: SubscriberId,
        limit: u32,
    ) -> StoreResult<Vec<rundbrief_store::Bounce>> {
        let sql = concat!(
            "SELECT ",
            bounce_columns!(),
            " FROM bounces WHERE subscriber_id = $1 ORDER BY received_at DESC, id DESC LIMIT $2"
        );
        let rows: Vec<BounceRow> = sqlx::query_as(sql)
            .bind(subscriber.0)
            .bind(page_limit(limit))
            .fetch_all(self.reader())
            .await
            .map_err(db_err)?;
        map_rows(rows)
    }

    async fn bounce_counts(
        &self,
        issue: IssueId,
    ) -> StoreResult<Vec<rundbrief_store::BounceCount>> {
        // The variant the reader was sent; for a mail refused while sending, which has none,
        // the reader's language when the audience was snapshotted.
        let rows: Vec<(Option<String>, i64, i64, i64)> = sqlx::query_as(
            "SELECT COALESCE(d.variant_language, d.language) AS lang, \
             SUM(CASE WHEN b.kind = 'hard' THEN 1 ELSE 0 END), \
             SUM(CASE WHEN b.kind = 'soft' THEN 1 ELSE 0 END), \
             SUM(CASE WHEN b.kind = 'complaint' THEN 1 ELSE 0 END) \
             FROM bounces b LEFT JOIN deliveries d ON d.id = b.delivery_id \
             WHERE b.issue_id = $1 GROUP BY COALESCE(d.variant_language, d.language)",
        )
        .bind(issue.0)
        .fetch_all(self.reader())
        .await
        .map_err(db_err)?;
        let mut counts = rows
            .into_iter()
            .map(|(language, hard, soft, complaint)| {
                Ok(rundbrief_store::BounceCount {
                    language: language.map(|l| parse_language("deliveries", &l)).transpose()?,
                    hard,
                    soft,
                    complaint,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        counts.sort_by_key(|c| (c.language.is_none(), c.language));
        Ok(counts)
    }

    async fn bounce_mail(&self, id: i64) -> StoreResult<Option<Vec<u8>>> {
        let row: Option<(Option<Vec<u8>>,)> =
            sqlx::query_as("SELECT raw FROM bounces WHERE id = $1")
                .bind(id)
                .fetch_optional(self.reader())
                .await
                .map_err(db_err)?;
        Ok(row.ok_or(StoreError::NotFound("bounce"))?.0)
    }

    async fn purge_bounce_mails(&self, before: OffsetDateTime) -> StoreResult<u64> {
        self.write(
            sqlx::query("UPDATE bounces SET raw = NULL WHERE raw IS NOT NULL AND received_at < $1")
                .bind(ts(before)),
        )
        .await
    }
}
