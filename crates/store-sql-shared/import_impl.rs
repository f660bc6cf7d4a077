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
        return insert_imported(tx, row, &key, &hash, at).await;
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

/// A new subscriber of an import with its lists and consent event, written without reading
/// anything back (the import needs no more than the id).
async fn insert_imported(
    tx: &mut sqlx::Transaction<'_, Db>,
    row: &rundbrief_store::ImportRow,
    key: &str,
    hash: &str,
    at: OffsetDateTime,
) -> StoreResult<rundbrief_store::ImportOutcome> {
    let at = ts(at);
    let new = &row.new;
    let confirmed_at = (new.status == SubscriberStatus::Active).then_some(at);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO subscribers (email, email_key, email_hash, name, language, status, region, \
         audience, attributes, created_at, confirmed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(new.email.as_str())
    .bind(key)
    .bind(hash)
    .bind(&new.name)
    .bind(new.language.code())
    .bind(new.status.as_str())
    .bind(&new.region)
    .bind(&new.audience)
    .bind(Json(&new.attributes))
    .bind(at)
    .bind(confirmed_at)
    .fetch_one(&mut **tx)
    .await
    .map_err(db_err)?;
    for list in &row.lists {
        insert_subscription(&mut **tx, SubscriberId(id), *list, at).await?;
    }
    let event = &row.consent;
    sqlx::query(
        "INSERT INTO consent_events (subscriber_id, action, text_version, language, ip, \
         user_agent, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(event.action.as_str())
    .bind(&event.text_version)
    .bind(event.language.map(Language::code))
    .bind(&event.ip)
    .bind(&event.user_agent)
    .bind(ts(row.consent_at.unwrap_or(at)))
    .execute(&mut **tx)
    .await
    .map_err(db_err)?;
    Ok(rundbrief_store::ImportOutcome::Created)
}
