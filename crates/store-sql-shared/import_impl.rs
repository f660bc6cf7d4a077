// `ImportStore`: batches of imported rows, one transaction each. Included after store_impl.rs
// and outbox_impl.rs.
//
// A batch is written in a handful of statements, not four or five per row: one look-up of
// the batch's suppressions and existing subscribers, then multi-row INSERTs of the new
// subscribers, their subscriptions, consent events and confirmation mails. Per-row statements
// kept an import near 2,000-3,000 rows/s (each statement is a round trip to SQLite's worker
// thread or to the PostgreSQL server). The rare rows that change an existing
// subscriber (`--update`) still go one by one through `import_row`.

// Full paths below rather than `use`: these files share one module, and another file's
// import of the same names would clash.

/// Bound parameters per statement at most: well under SQLite's 32,766 and PostgreSQL's
/// 65,535. Larger statements were no faster, and each cached prepared statement holds its
/// program and bound values (12,000 parameters per statement cost about 20 MB of resident
/// memory during an import); a statement more per 250 subscribers costs nothing measurable.
const IMPORT_PARAMS: usize = 3_000;

/// Whether a statement of `len` rows (or list items) out of at most `per_statement` is kept in
/// sqlx's cache of prepared statements: only full ones, which have the same text batch after
/// batch. The last statement of a batch has a length that differs from batch to batch (the
/// subscriptions of its people, the rows that are new), so each would be a new cached
/// statement holding its program and bound values until the cache's hundred are full: 17 MB
/// of the growth from 100,000 to a million rows on SQLite (docs/benchmarks.md, "Import").
fn cached(len: usize, per_statement: usize) -> bool {
    len == per_statement
}

#[async_trait]
impl rundbrief_store::ImportStore for StoreImpl {
    async fn import_batch_ids(
        &self,
        rows: &[rundbrief_store::ImportRow],
        update: rundbrief_store::ImportUpdate,
        dry_run: bool,
        at: OffsetDateTime,
    ) -> StoreResult<rundbrief_store::ImportBatch> {
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        let mut batch = import_rows(&mut tx, rows, update, at).await?;
        if dry_run {
            tx.rollback().await.map_err(db_err)?;
            batch.created.clear();
        } else {
            tx.commit().await.map_err(db_err)?;
        }
        Ok(batch)
    }

    async fn subscriber_ids_by_key(
        &self,
        keys: &[String],
    ) -> StoreResult<Vec<(String, SubscriberId)>> {
        let mut found = Vec::new();
        for chunk in keys.chunks(IMPORT_PARAMS) {
            let mut qb = QueryBuilder::<Db>::new(
                "SELECT email_key, id FROM subscribers WHERE email_key IN (",
            );
            push_list(&mut qb, chunk);
            let hits: Vec<(String, i64)> = qb
                .build_query_as()
                .persistent(cached(chunk.len(), IMPORT_PARAMS))
                .fetch_all(self.reader())
                .await
                .map_err(db_err)?;
            found.extend(hits.into_iter().map(|(key, id)| (key, SubscriberId(id))));
        }
        Ok(found)
    }
}

/// The whole batch inside its transaction, with the outcomes a row-by-row run in file order
/// would give: the suppression list first, so that nothing an import does can bring back an
/// erased, bounced or complained address.
async fn import_rows(
    tx: &mut sqlx::Transaction<'_, Db>,
    rows: &[rundbrief_store::ImportRow],
    update: rundbrief_store::ImportUpdate,
    at: OffsetDateTime,
) -> StoreResult<rundbrief_store::ImportBatch> {
    use rundbrief_store::ImportOutcome;
    let at = ts(at);
    let keys: Vec<String> = rows.iter().map(|row| row.new.email.key()).collect();
    let hashes: Vec<String> = rows.iter().map(|row| suppression_hash(&row.new.email)).collect();
    let suppressed = suppressed_of(tx, &hashes).await?;
    let existing = existing_of(tx, &keys).await?;
    let mut outcomes: Vec<Option<ImportOutcome>> = vec![None; rows.len()];
    // Rows settled one by one after the batch's inserts, in file order: those that update an
    // existing subscriber, and a second row with an address the batch creates (which then
    // finds that subscriber, as it would have row by row).
    let mut later = Vec::new();
    let mut new = Vec::new();
    let mut claimed = std::collections::HashSet::new();
    for (i, row) in rows.iter().enumerate() {
        if suppressed.contains(&hashes[i]) {
            outcomes[i] = Some(ImportOutcome::Suppressed);
        } else if let Some((_, status)) = existing.get(&keys[i]) {
            let status: SubscriberStatus = status.parse().map_err(|e| corrupt("subscribers", e))?;
            outcomes[i] = if !matches!(status, SubscriberStatus::Active | SubscriberStatus::Pending)
            {
                Some(ImportOutcome::Unsubscribed)
            } else if !update.any() {
                Some(ImportOutcome::Exists)
            } else {
                later.push(i);
                None
            };
        } else if !claimed.insert(keys[i].as_str()) {
            later.push(i);
        } else if row.new.status == SubscriberStatus::Erased {
            // As `insert_subscriber` refuses it; the whole batch is rolled back.
            return Err(StoreError::Invalid("a new subscriber cannot be erased".into()));
        } else {
            new.push(i);
        }
    }
    let ids = insert_subscribers(tx, rows, &keys, &hashes, &new, at).await?;
    let mut created = Vec::with_capacity(new.len());
    for i in new {
        match ids.get(&keys[i]) {
            Some(id) => {
                outcomes[i] = Some(ImportOutcome::Created);
                created.push((i, *id));
            }
            // Written by someone else since the look-up (a sign-up on PostgreSQL): it exists.
            None => later.push(i),
        }
    }
    insert_subscriptions(tx, rows, &created, at).await?;
    insert_consents(tx, rows, &created, at).await?;
    insert_confirmation_mails(tx, rows, &hashes, &created, at).await?;
    later.sort_unstable();
    let mut created: Vec<SubscriberId> = created.iter().map(|&(_, id)| SubscriberId(id)).collect();
    for i in later {
        let (outcome, id) = import_row(tx, &rows[i], update, at).await?;
        outcomes[i] = Some(outcome);
        created.extend(id);
    }
    let outcomes = outcomes
        .into_iter()
        .map(|outcome| {
            outcome.ok_or_else(|| corrupt("subscribers", "an import row left unsettled"))
        })
        .collect::<StoreResult<_>>()?;
    Ok(rundbrief_store::ImportBatch { outcomes, created })
}

/// Which of `hashes` are on the suppression list.
async fn suppressed_of(
    tx: &mut sqlx::Transaction<'_, Db>,
    hashes: &[String],
) -> StoreResult<std::collections::HashSet<String>> {
    let mut found = std::collections::HashSet::new();
    for chunk in hashes.chunks(IMPORT_PARAMS) {
        let mut qb =
            QueryBuilder::<Db>::new("SELECT email_hash FROM suppressions WHERE email_hash IN (");
        push_list(&mut qb, chunk);
        let hits: Vec<String> = qb
            .build_query_scalar()
            .persistent(cached(chunk.len(), IMPORT_PARAMS))
            .fetch_all(&mut **tx)
            .await
            .map_err(db_err)?;
        found.extend(hits);
    }
    Ok(found)
}

/// The subscribers of `keys` that exist: id and status by `email_key`.
async fn existing_of(
    tx: &mut sqlx::Transaction<'_, Db>,
    keys: &[String],
) -> StoreResult<std::collections::HashMap<String, (i64, String)>> {
    let mut found = std::collections::HashMap::new();
    for chunk in keys.chunks(IMPORT_PARAMS) {
        let mut qb = QueryBuilder::<Db>::new(
            "SELECT email_key, id, status FROM subscribers WHERE email_key IN (",
        );
        push_list(&mut qb, chunk);
        let hits: Vec<(String, i64, String)> = qb
            .build_query_as()
            .persistent(cached(chunk.len(), IMPORT_PARAMS))
            .fetch_all(&mut **tx)
            .await
            .map_err(db_err)?;
        found.extend(hits.into_iter().map(|(key, id, status)| (key, (id, status))));
    }
    Ok(found)
}

/// `values` as bound parameters and the closing parenthesis of an `IN (` list.
fn push_list(qb: &mut QueryBuilder<Db>, values: &[String]) {
    let mut list = qb.separated(", ");
    for value in values {
        list.push_bind(value.as_str());
    }
    list.push_unseparated(")");
}

/// `head VALUES (…), (…) tail` for `items`, as statements of at most [`IMPORT_PARAMS`]
/// parameters, `push` binding the `per_row` values of one item; each with whether it is
/// [`cached`].
fn values_statements<T>(
    head: &str,
    tail: &str,
    per_row: usize,
    items: &[T],
    mut push: impl FnMut(&mut sqlx::query_builder::Separated<'_, Db, &'static str>, &T),
) -> Vec<(QueryBuilder<Db>, bool)> {
    let per_statement = (IMPORT_PARAMS / per_row).max(1);
    items
        .chunks(per_statement)
        .map(|chunk| {
            let mut qb = QueryBuilder::<Db>::new(head);
            qb.push_values(chunk, |mut values, item| push(&mut values, item));
            qb.push(tail);
            (qb, cached(chunk.len(), per_statement))
        })
        .collect()
}

/// Runs `statements` (INSERTs without `RETURNING`).
async fn execute_all(
    tx: &mut sqlx::Transaction<'_, Db>,
    statements: Vec<(QueryBuilder<Db>, bool)>,
) -> Result<(), sqlx::Error> {
    for (mut qb, cached) in statements {
        qb.build().persistent(cached).execute(&mut **tx).await?;
    }
    Ok(())
}

/// The new subscribers of the batch (`new` indexes `rows`), with the columns and values
/// `outbox::insert_subscriber` writes for `own_wish = false`, whose suppression check the
/// look-up has done. Not through that function because it is one statement per row, which is
/// what made imports slow. An address inserted meanwhile by someone else is skipped (`ON
/// CONFLICT`), not an error: it has no id in the returned map, and its row is settled as an
/// existing one. Ids by `email_key`.
async fn insert_subscribers(
    tx: &mut sqlx::Transaction<'_, Db>,
    rows: &[rundbrief_store::ImportRow],
    keys: &[String],
    hashes: &[String],
    new: &[usize],
    at: OffsetDateTime,
) -> StoreResult<std::collections::HashMap<String, i64>> {
    let statements = values_statements(
        "INSERT INTO subscribers (email, email_key, email_hash, name, language, status, region, \
         audience, attributes, created_at, confirmed_at, unsubscribed_at) ",
        " ON CONFLICT (email_key) DO NOTHING RETURNING id, email_key",
        12,
        new,
        |values, &i| {
            let new = &rows[i].new;
            values
                .push_bind(new.email.as_str())
                .push_bind(keys[i].as_str())
                .push_bind(hashes[i].as_str())
                .push_bind(new.name.as_deref())
                .push_bind(new.language.code())
                .push_bind(new.status.as_str())
                .push_bind(new.region.as_deref())
                .push_bind(new.audience.as_deref())
                .push_bind(Json(&new.attributes))
                .push_bind(at)
                .push_bind((new.status == SubscriberStatus::Active).then_some(at))
                .push_bind((new.status == SubscriberStatus::Unsubscribed).then_some(at));
        },
    );
    let mut ids = std::collections::HashMap::with_capacity(new.len());
    for (mut qb, cached) in statements {
        let returned: Vec<(i64, String)> =
            qb.build_query_as().persistent(cached).fetch_all(&mut **tx).await.map_err(db_err)?;
        ids.extend(returned.into_iter().map(|(id, key)| (key, id)));
    }
    Ok(ids)
}

/// The lists of the created rows, as `insert_subscription` adds them.
async fn insert_subscriptions(
    tx: &mut sqlx::Transaction<'_, Db>,
    rows: &[rundbrief_store::ImportRow],
    created: &[(usize, i64)],
    at: OffsetDateTime,
) -> StoreResult<()> {
    let pairs: Vec<(i64, i64)> = created
        .iter()
        .flat_map(|&(i, id)| rows[i].lists.iter().map(move |list| (id, list.0)))
        .collect();
    let statements = values_statements(
        "INSERT INTO subscriptions (subscriber_id, list_id, created_at) ",
        " ON CONFLICT (subscriber_id, list_id) DO NOTHING",
        3,
        &pairs,
        |values, &(subscriber, list)| {
            values.push_bind(subscriber).push_bind(list).push_bind(at);
        },
    );
    execute_all(tx, statements).await.map_err(not_found_if_missing("subscriber or list"))?;
    Ok(())
}

/// The consent event of each created row, as `insert_consent` appends it, at the old system's
/// opt-in time if the file has one.
async fn insert_consents(
    tx: &mut sqlx::Transaction<'_, Db>,
    rows: &[rundbrief_store::ImportRow],
    created: &[(usize, i64)],
    at: OffsetDateTime,
) -> StoreResult<()> {
    let statements = values_statements(
        "INSERT INTO consent_events (subscriber_id, action, text_version, language, ip, \
         user_agent, created_at) ",
        "",
        7,
        created,
        |values, &(i, id)| {
            let event = &rows[i].consent;
            values
                .push_bind(id)
                .push_bind(event.action.as_str())
                .push_bind(event.text_version.as_deref())
                .push_bind(event.language.map(Language::code))
                .push_bind(event.ip.as_deref())
                .push_bind(event.user_agent.as_deref())
                .push_bind(ts(rows[i].consent_at.unwrap_or(at)));
        },
    );
    execute_all(tx, statements).await.map_err(not_found_if_missing("subscriber"))?;
    Ok(())
}

/// Double opt-in: the confirmation mail of each created row that is owed one, due when the
/// row says; the outbox's sweep sends it once due, as it does any confirmation mail.
async fn insert_confirmation_mails(
    tx: &mut sqlx::Transaction<'_, Db>,
    rows: &[rundbrief_store::ImportRow],
    hashes: &[String],
    created: &[(usize, i64)],
    at: OffsetDateTime,
) -> StoreResult<()> {
    let owed: Vec<(usize, i64, OffsetDateTime)> = created
        .iter()
        .filter_map(|&(i, id)| rows[i].confirmation_due.map(|due| (i, id, ts(due))))
        .collect();
    let statements = values_statements(
        "INSERT INTO confirmation_mails (subscriber_id, email_hash, status, attempts, \
         created_at, due_at) ",
        "",
        4,
        &owed,
        |values, &(i, id, due)| {
            values
                .push_bind(id)
                .push_bind(hashes[i].as_str())
                .push_unseparated(", 'pending', 0")
                .push_bind(at)
                .push_bind(due);
        },
    );
    execute_all(tx, statements).await.map_err(db_err)?;
    Ok(())
}

/// One row inside the batch's transaction, row by row: an existing subscriber that `update`
/// may change, or an address the batch has created already. With the id of the subscriber
/// it created, if it did.
async fn import_row(
    tx: &mut sqlx::Transaction<'_, Db>,
    row: &rundbrief_store::ImportRow,
    update: rundbrief_store::ImportUpdate,
    at: OffsetDateTime,
) -> StoreResult<(rundbrief_store::ImportOutcome, Option<SubscriberId>)> {
    use rundbrief_store::ImportOutcome;
    let key = row.new.email.key();
    let hash = suppression_hash(&row.new.email);
    // Suppression and an existing subscriber in one round trip.
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
        return Ok((ImportOutcome::Suppressed, None));
    }
    let (Some(id), Some(status)) = (existing, status) else {
        let id = insert_imported(tx, row, at).await?;
        return Ok((ImportOutcome::Created, Some(id)));
    };
    let status: SubscriberStatus = status.parse().map_err(|e| corrupt("subscribers", e))?;
    if !matches!(status, SubscriberStatus::Active | SubscriberStatus::Pending) {
        return Ok((ImportOutcome::Unsubscribed, None));
    }
    if !update.any() {
        return Ok((ImportOutcome::Exists, None));
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
    Ok((if changed + added > 0 { ImportOutcome::Updated } else { ImportOutcome::Exists }, None))
}

/// A new subscriber of an import with its lists and consent event, one row through the same
/// inserts as every other way in: for an address that a concurrent writer has inserted and
/// removed again between the batch's look-up and its insert, which the batch could not place.
/// Its id.
async fn insert_imported(
    tx: &mut sqlx::Transaction<'_, Db>,
    row: &rundbrief_store::ImportRow,
    at: OffsetDateTime,
) -> StoreResult<SubscriberId> {
    let subscriber = outbox::insert_subscriber(tx, &row.new, false, at).await?;
    for list in &row.lists {
        insert_subscription(&mut **tx, subscriber.id, *list, at).await?;
    }
    insert_consent(&mut **tx, subscriber.id, &row.consent, row.consent_at.unwrap_or(at)).await?;
    if row.confirmation_due.is_some() {
        let hash = suppression_hash(&row.new.email);
        let created = [(0, subscriber.id.0)];
        insert_confirmation_mails(tx, std::slice::from_ref(row), &[hash], &created, at).await?;
    }
    Ok(subscriber.id)
}
