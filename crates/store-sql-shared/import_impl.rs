// `ImportStore`: batches of imported rows, one transaction each. Included after store_impl.rs
// and outbox_impl.rs: new subscribers go through `outbox::insert_subscriber`,
// `insert_subscription` and `insert_consent`, as every other way in does.

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
    let key = row.new.email.key();
    let hash = suppression_hash(&row.new.email);
    // Suppression and an existing subscriber in one round trip: imports are many rows.
    let (blocked, existing, status): (Option<i32>, Option<i64>, Option<String>) = sqlx::query_as(
        "SELECT (SELECT 1 FROM suppressions WHERE email_hash = $1), \
         (SELECT id FROM subscribers WHERE email_key = $2), \
         (SELECT status FROM subscribers WHERE email_key = $2)",
    )
    .bind(&hash)
    .bind(&key)
    .fetch_one(&mut **tx)
    .await
    .map_err(db_err)?;
    if blocked.is_some() {
        return Ok(ImportOutcome::Suppressed);
    }
    let (Some(id), Some(status)) = (existing, status) else {
        return insert_imported(tx, row, at).await;
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
            added += u64::from(insert_subscription(&mut **tx, SubscriberId(id), *list, at).await?);
        }
    }
    Ok(if changed + added > 0 { ImportOutcome::Updated } else { ImportOutcome::Exists })
}

/// A new subscriber of an import with its lists and consent event, through the same inserts as
/// every other way in; the consent event keeps the opt-in time of the old system if given.
async fn insert_imported(
    tx: &mut sqlx::Transaction<'_, Db>,
    row: &rundbrief_store::ImportRow,
    at: OffsetDateTime,
) -> StoreResult<rundbrief_store::ImportOutcome> {
    let subscriber = outbox::insert_subscriber(tx, &row.new, false, at).await?;
    for list in &row.lists {
        insert_subscription(&mut **tx, subscriber.id, *list, at).await?;
    }
    insert_consent(&mut **tx, subscriber.id, &row.consent, row.consent_at.unwrap_or(at)).await?;
    if let Some(due) = row.confirmation_due {
        // The outbox's sweep sends it once due, as it does any confirmation mail.
        sqlx::query(
            "INSERT INTO confirmation_mails (subscriber_id, email_hash, status, attempts, \
             created_at, due_at) VALUES ($1, $2, 'pending', 0, $3, $4)",
        )
        .bind(subscriber.id.0)
        .bind(suppression_hash(&row.new.email))
        .bind(ts(at))
        .bind(ts(due))
        .execute(&mut **tx)
        .await
        .map_err(db_err)?;
    }
    Ok(rundbrief_store::ImportOutcome::Created)
}
