// `ImportStore`: batches of imported rows, one transaction each. Included after store_impl.rs
// and outbox (it creates subscribers with `outbox::insert_subscriber`).

#[async_trait]
impl rundbrief_store::ImportStore for StoreImpl {
    async fn import_batch(
        &self,
        rows: &[rundbrief_store::ImportRow],
        update: rundbrief_store::ImportUpdate,
        dry_run: bool,
        at: OffsetDateTime,
    ) -> StoreResult<Vec<rundbrief_store::ImportOutcome>> {
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        let mut outcomes = Vec::with_capacity(rows.len());
        for row in rows {
            outcomes.push(import_row(&mut tx, row, update, at).await?);
        }
        if dry_run {
            tx.rollback().await.map_err(db_err)?;
        } else {
            tx.commit().await.map_err(db_err)?;
        }
        Ok(outcomes)
    }
}

/// One row inside the batch's transaction: the suppression list first, so that nothing an
/// import does can bring back an erased, bounced or complained address.
async fn import_row(
    tx: &mut sqlx::Transaction<'_, Db>,
    row: &rundbrief_store::ImportRow,
    update: rundbrief_store::ImportUpdate,
    at: OffsetDateTime,
) -> StoreResult<rundbrief_store::ImportOutcome> {
    use rundbrief_store::ImportOutcome;
    if suppressed(&mut **tx, &suppression_hash(&row.new.email)).await? {
        return Ok(ImportOutcome::Suppressed);
    }
    let existing: Option<(i64, String)> =
        sqlx::query_as("SELECT id, status FROM subscribers WHERE email_key = $1")
            .bind(row.new.email.key())
            .fetch_optional(&mut **tx)
            .await
            .map_err(db_err)?;
    let Some((id, status)) = existing else {
        let subscriber = outbox::insert_subscriber(tx, &row.new, false, at).await?;
        for list in &row.lists {
            insert_subscription(&mut **tx, subscriber.id, *list, at).await?;
        }
        insert_consent(&mut **tx, subscriber.id, &row.consent, row.consent_at.unwrap_or(at))
            .await?;
        return Ok(ImportOutcome::Created);
    };
    let status: SubscriberStatus = status.parse().map_err(|e| corrupt("subscribers", e))?;
    if !matches!(status, SubscriberStatus::Active | SubscriberStatus::Pending) {
        return Ok(ImportOutcome::Unsubscribed);
    }
    if !update.any() {
        return Ok(ImportOutcome::Exists);
    }
    // Only the named fields, and never `status`: an update cannot confirm or revive anyone.
    let changed = sqlx::query(
        "UPDATE subscribers SET name = CASE WHEN $1 THEN $2 ELSE name END, \
         language = CASE WHEN $3 THEN $4 ELSE language END \
         WHERE id = $5 AND (($1 AND name IS DISTINCT FROM $2) OR ($3 AND language <> $4))",
    )
    .bind(update.name && row.new.name.is_some())
    .bind(&row.new.name)
    .bind(update.language)
    .bind(row.new.language.code())
    .bind(id)
    .execute(&mut **tx)
    .await
    .map_err(db_err)?
    .rows_affected();
    let mut added = 0;
    if update.lists {
        for list in &row.lists {
            added += sqlx::query(
                "INSERT INTO subscriptions (subscriber_id, list_id, created_at) \
                 VALUES ($1, $2, $3) ON CONFLICT (subscriber_id, list_id) DO NOTHING",
            )
            .bind(id)
            .bind(list.0)
            .bind(ts(at))
            .execute(&mut **tx)
            .await
            .map_err(not_found_if_missing("list"))?
            .rows_affected();
        }
    }
    Ok(if changed + added > 0 { ImportOutcome::Updated } else { ImportOutcome::Exists })
}
