// Subscribers, lists and the consent log: `SubscriberStore`, `ListStore`, `ConsentStore`.
// Included after store_impl.rs in each backend (see README.md beside this file).

#[async_trait]
impl SubscriberStore for StoreImpl {
    async fn create_subscriber(
        &self,
        new: &NewSubscriber,
        at: OffsetDateTime,
    ) -> StoreResult<Subscriber> {
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        let subscriber = outbox::insert_subscriber(&mut tx, new, false, at).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(subscriber)
    }

    async fn subscriber(&self, id: SubscriberId) -> StoreResult<Subscriber> {
        let sql = concat!("SELECT ", subscriber_columns!(), " FROM subscribers s WHERE s.id = $1");
        let statement = sqlx::query_as::<_, SubscriberRow>(sql).bind(id.0);
        self.read_one(statement, "subscriber").await
    }

    async fn subscriber_by_email(&self, email: &EmailAddress) -> StoreResult<Option<Subscriber>> {
        let sql =
            concat!("SELECT ", subscriber_columns!(), " FROM subscribers s WHERE s.email_key = $1");
        let row: Option<SubscriberRow> = sqlx::query_as(sql)
            .bind(email.key())
            .fetch_optional(self.reader())
            .await
            .map_err(db_err)?;
        row.map(Subscriber::try_from).transpose()
    }

    async fn update_subscriber(
        &self,
        id: SubscriberId,
        update: &SubscriberUpdate,
    ) -> StoreResult<Subscriber> {
        let current = self.subscriber(id).await?;
        if current.status == SubscriberStatus::Erased {
            return Err(StoreError::Conflict("an erased subscriber cannot be changed".into()));
        }
        let name = update.name.clone().unwrap_or(current.name);
        let language = update.language.unwrap_or(current.language);
        let region = update.region.clone().unwrap_or(current.region);
        let audience = update.audience.clone().unwrap_or(current.audience);
        let attributes = update.attributes.clone().unwrap_or(current.attributes);
        let sql = concat!(
            "UPDATE subscribers SET name = $1, language = $2, region = $3, audience = $4, \
             attributes = $5 WHERE id = $6 AND status <> $7 RETURNING ",
            subscriber_columns!(),
            ""
        );
        let row: Option<SubscriberRow> = sqlx::query_as(sql)
            .bind(name)
            .bind(language.code())
            .bind(region)
            .bind(audience)
            .bind(Json(attributes))
            .bind(id.0)
            .bind(SubscriberStatus::Erased.as_str())
            .fetch_optional(self.writer())
            .await
            .map_err(db_err)?;
        row.ok_or(StoreError::Conflict("the subscriber was erased meanwhile".into()))?.try_into()
    }

    async fn set_subscriber_status(
        &self,
        id: SubscriberId,
        status: SubscriberStatus,
        at: OffsetDateTime,
    ) -> StoreResult<Subscriber> {
        if status == SubscriberStatus::Erased {
            return Err(StoreError::Invalid("use erase_subscriber to erase".into()));
        }
        let at = ts(at);
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        let (current, hash) = status_and_hash(&mut tx, id).await?;
        current.transition(status)?;
        if matches!(status, SubscriberStatus::Active | SubscriberStatus::Pending)
            && let Some(hash) = &hash
            && suppressed(&mut *tx, hash).await?
        {
            return Err(StoreError::Suppressed);
        }
        // Compare-and-set on the old status: a concurrent change makes this update miss
        // instead of silently overwriting it.
        let sql = concat!(
            "UPDATE subscribers SET status = $1, \
             confirmed_at = CASE WHEN $1 = 'active' THEN $2 ELSE confirmed_at END, \
             unsubscribed_at = CASE WHEN $1 = 'unsubscribed' THEN $2 ELSE unsubscribed_at END \
             WHERE id = $3 AND status = $4 RETURNING ",
            subscriber_columns!(),
            ""
        );
        let row: Option<SubscriberRow> = sqlx::query_as(sql)
            .bind(status.as_str())
            .bind(at)
            .bind(id.0)
            .bind(current.as_str())
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_err)?;
        let row = row.ok_or(StoreError::Conflict(
            "the subscriber's status changed meanwhile; try again".into(),
        ))?;
        tx.commit().await.map_err(db_err)?;
        row.try_into()
    }

    async fn erase_subscriber(&self, id: SubscriberId, at: OffsetDateTime) -> StoreResult<()> {
        let at = ts(at);
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        let (status, hash) = status_and_hash(&mut tx, id).await?;
        if status == SubscriberStatus::Erased {
            return Ok(());
        }
        if let Some(hash) = hash {
            sqlx::query(
                "INSERT INTO suppressions (email_hash, reason, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (email_hash) DO NOTHING",
            )
            .bind(&hash)
            .bind(SuppressionReason::Erasure.as_str())
            .bind(at)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
            // A suppression from before (a bounce, say) no longer names the erased row: like
            // an erasure's own, it is only a hash now.
            sqlx::query("UPDATE suppressions SET subscriber_id = NULL WHERE email_hash = $1")
                .bind(&hash)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
        }
        sqlx::query(
            "UPDATE subscribers SET email = NULL, email_key = NULL, email_hash = NULL, \
             name = NULL, attributes = $1, status = $2, unsubscribed_at = $3 WHERE id = $4",
        )
        .bind(Json(serde_json::Map::new()))
        .bind(SubscriberStatus::Erased.as_str())
        .bind(at)
        .bind(id.0)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        sqlx::query("DELETE FROM subscriptions WHERE subscriber_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        sqlx::query(
            "UPDATE consent_events SET ip = NULL, user_agent = NULL WHERE subscriber_id = $1",
        )
        .bind(id.0)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        sqlx::query(
            "INSERT INTO consent_events (subscriber_id, action, created_at) VALUES ($1, $2, $3)",
        )
        .bind(id.0)
        .bind(ConsentAction::Erase.as_str())
        .bind(at)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        tx.commit().await.map_err(db_err)
    }

    async fn list_subscribers(
        &self,
        filter: &SubscriberFilter,
        after: Option<i64>,
        limit: u32,
    ) -> StoreResult<Page<Subscriber>> {
        let limit = page_limit(limit);
        let mut qb = QueryBuilder::<Db>::new(concat!(
            "SELECT ",
            subscriber_columns!(),
            " FROM subscribers s WHERE s.id > "
        ));
        qb.push_bind(after.unwrap_or(0));
        push_filter(&mut qb, filter);
        // One row more than asked tells whether another page exists without a COUNT.
        qb.push(" ORDER BY s.id LIMIT ").push_bind(limit + 1);
        let rows: Vec<SubscriberRow> =
            qb.build_query_as().fetch_all(self.reader()).await.map_err(db_err)?;
        let mut items: Vec<Subscriber> = map_rows(rows)?;
        let next = if items.len() as i64 > limit {
            items.truncate(limit as usize);
            items.last().map(|s| s.id.0)
        } else {
            None
        };
        Ok(Page { items, next })
    }

    async fn subscriber_ids(&self, filter: &SubscriberFilter) -> StoreResult<Vec<SubscriberId>> {
        let mut qb = QueryBuilder::<Db>::new("SELECT s.id FROM subscribers s WHERE s.id > 0");
        push_filter(&mut qb, filter);
        qb.push(" ORDER BY s.id");
        let ids: Vec<(i64,)> =
            qb.build_query_as().fetch_all(self.reader()).await.map_err(db_err)?;
        Ok(ids.into_iter().map(|(id,)| SubscriberId(id)).collect())
    }

    async fn count_subscribers(&self) -> StoreResult<Vec<SubscriberCount>> {
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT status, language, COUNT(*) FROM subscribers GROUP BY status, language \
             ORDER BY status, language",
        )
        .fetch_all(self.reader())
        .await
        .map_err(db_err)?;
        rows.into_iter()
            .map(|(status, language, count)| {
                Ok(SubscriberCount {
                    status: status.parse().map_err(|e| corrupt("subscribers", e))?,
                    language: parse_language("subscribers", &language)?,
                    count,
                })
            })
            .collect()
    }

    async fn subscriber_growth(&self, since: OffsetDateTime) -> StoreResult<Vec<MonthGrowth>> {
        let since = ts(since);
        // Months are cut here rather than in SQL: SQLite keeps times as RFC 3339 text and
        // PostgreSQL as timestamptz, and their date functions differ. Three timestamps a row
        // of one year's activity stay small even for large lists.
        let rows: Vec<(OffsetDateTime, Option<OffsetDateTime>, Option<OffsetDateTime>)> =
            sqlx::query_as(
                "SELECT created_at, confirmed_at, unsubscribed_at FROM subscribers \
                 WHERE created_at >= $1 OR confirmed_at >= $1 OR unsubscribed_at >= $1",
            )
            .bind(since)
            .fetch_all(self.reader())
            .await
            .map_err(db_err)?;
        let mut months: BTreeMap<(i32, u8), MonthGrowth> = BTreeMap::new();
        let mut count = |at: Option<OffsetDateTime>, field: fn(&mut MonthGrowth) -> &mut i64| {
            let Some(at) = at.map(|t| t.to_offset(time::UtcOffset::UTC)).filter(|t| *t >= since)
            else {
                return;
            };
            let (year, month) = (at.year(), u8::from(at.month()));
            let entry = months.entry((year, month)).or_insert(MonthGrowth {
                year,
                month,
                new: 0,
                confirmed: 0,
                left: 0,
            });
            *field(entry) += 1;
        };
        for (created, confirmed, left) in rows {
            count(Some(created), |m| &mut m.new);
            count(confirmed, |m| &mut m.confirmed);
            count(left, |m| &mut m.left);
        }
        Ok(months.into_values().collect())
    }
}

#[async_trait]
impl ListStore for StoreImpl {
    async fn create_list(&self, new: &NewList, at: OffsetDateTime) -> StoreResult<MailingList> {
        let row: ListRow = sqlx::query_as(
            "INSERT INTO lists (slug, names, public, created_at) VALUES ($1, $2, $3, $4) \
             RETURNING id, slug, names, public, created_at",
        )
        .bind(&new.slug)
        .bind(names_json(&new.names))
        .bind(new.public)
        .bind(ts(at))
        .fetch_one(self.writer())
        .await
        .map_err(db_err)?;
        row.try_into()
    }

    async fn list(&self, id: ListId) -> StoreResult<MailingList> {
        let statement = sqlx::query_as::<_, ListRow>(
            "SELECT id, slug, names, public, created_at FROM lists WHERE id = $1",
        )
        .bind(id.0);
        self.read_one(statement, "list").await
    }

    async fn lists(&self) -> StoreResult<Vec<MailingList>> {
        let rows: Vec<ListRow> =
            sqlx::query_as("SELECT id, slug, names, public, created_at FROM lists ORDER BY id")
                .fetch_all(self.reader())
                .await
                .map_err(db_err)?;
        map_rows(rows)
    }

    async fn update_list(&self, id: ListId, new: &NewList) -> StoreResult<MailingList> {
        let row: Option<ListRow> = sqlx::query_as(
            "UPDATE lists SET slug = $1, names = $2, public = $3 WHERE id = $4 \
             RETURNING id, slug, names, public, created_at",
        )
        .bind(&new.slug)
        .bind(names_json(&new.names))
        .bind(new.public)
        .bind(id.0)
        .fetch_optional(self.writer())
        .await
        .map_err(db_err)?;
        found(row, "list")
    }

    async fn delete_list(&self, id: ListId) -> StoreResult<()> {
        let statement = sqlx::query("DELETE FROM lists WHERE id = $1").bind(id.0);
        self.write_one(statement, "list").await
    }

    async fn subscribe(
        &self,
        subscriber: SubscriberId,
        list: ListId,
        at: OffsetDateTime,
    ) -> StoreResult<()> {
        insert_subscription(self.writer(), subscriber, list, at).await.map(drop)
    }

    async fn unsubscribe_from_list(
        &self,
        subscriber: SubscriberId,
        list: ListId,
    ) -> StoreResult<()> {
        sqlx::query("DELETE FROM subscriptions WHERE subscriber_id = $1 AND list_id = $2")
            .bind(subscriber.0)
            .bind(list.0)
            .execute(self.writer())
            .await
            .map_err(db_err)?;
        Ok(())
    }

    async fn subscriptions(&self, subscriber: SubscriberId) -> StoreResult<Vec<ListId>> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT list_id FROM subscriptions WHERE subscriber_id = $1 ORDER BY list_id",
        )
        .bind(subscriber.0)
        .fetch_all(self.reader())
        .await
        .map_err(db_err)?;
        Ok(ids.into_iter().map(ListId).collect())
    }

    async fn subscriptions_of(
        &self,
        subscribers: &[SubscriberId],
    ) -> StoreResult<Vec<(SubscriberId, ListId)>> {
        if subscribers.is_empty() {
            return Ok(Vec::new());
        }
        let mut qb = QueryBuilder::<Db>::new(
            "SELECT subscriber_id, list_id FROM subscriptions WHERE subscriber_id IN (",
        );
        let mut ids = qb.separated(", ");
        for id in subscribers {
            ids.push_bind(id.0);
        }
        qb.push(") ORDER BY subscriber_id, list_id");
        let rows: Vec<(i64, i64)> =
            qb.build_query_as().fetch_all(self.reader()).await.map_err(db_err)?;
        Ok(rows.into_iter().map(|(s, l)| (SubscriberId(s), ListId(l))).collect())
    }
}

/// The conditions of `filter` on subscribers aliased `s`, each starting with ` AND `: shared by
/// the subscriber listing and the consent log export, so both select the same people.
fn push_filter(qb: &mut QueryBuilder<Db>, filter: &SubscriberFilter) {
    if let Some(status) = filter.status {
        qb.push(" AND s.status = ").push_bind(status.as_str());
    }
    if let Some(language) = filter.language {
        qb.push(" AND s.language = ").push_bind(language.code());
    }
    if let Some(list) = filter.list {
        qb.push(" AND EXISTS (SELECT 1 FROM subscriptions x WHERE x.subscriber_id = s.id AND x.list_id = ")
            .push_bind(list.0)
            .push(")");
    }
    if let Some(region) = &filter.region {
        qb.push(" AND s.region = ").push_bind(region.clone());
    }
    if let Some(audience) = &filter.audience {
        qb.push(" AND s.audience = ").push_bind(audience.clone());
    }
    if let Some(from) = filter.created_from {
        qb.push(" AND s.created_at >= ").push_bind(ts(from));
    }
    if let Some(before) = filter.created_before {
        qb.push(" AND s.created_at < ").push_bind(ts(before));
    }
    if let Some(search) = filter.search.as_deref().filter(|s| !s.trim().is_empty()) {
        let pattern = like_pattern(search.trim());
        qb.push(" AND (LOWER(s.email) LIKE ")
            .push_bind(pattern.clone())
            .push(" ESCAPE '\\' OR LOWER(s.name) LIKE ")
            .push_bind(pattern)
            .push(" ESCAPE '\\')");
    }
}

#[async_trait]
impl ConsentStore for StoreImpl {
    async fn record_consent(
        &self,
        event: &NewConsentEvent,
        at: OffsetDateTime,
    ) -> StoreResult<ConsentEvent> {
        insert_consent(self.writer(), event.subscriber_id, event, at).await
    }

    async fn consent_history(&self, subscriber: SubscriberId) -> StoreResult<Vec<ConsentEvent>> {
        let rows: Vec<ConsentRow> = sqlx::query_as(
            "SELECT id, subscriber_id, action, text_version, language, ip, user_agent, created_at \
             FROM consent_events WHERE subscriber_id = $1 ORDER BY id",
        )
        .bind(subscriber.0)
        .fetch_all(self.reader())
        .await
        .map_err(db_err)?;
        map_rows(rows)
    }

    async fn consent_log(
        &self,
        subscriber: Option<SubscriberId>,
        filter: &SubscriberFilter,
        after: Option<i64>,
        limit: u32,
    ) -> StoreResult<Page<ConsentEvent>> {
        let limit = page_limit(limit);
        let mut qb = QueryBuilder::<Db>::new(
            "SELECT c.id, c.subscriber_id, c.action, c.text_version, c.language, c.ip, \
             c.user_agent, c.created_at FROM consent_events c JOIN subscribers s \
             ON s.id = c.subscriber_id WHERE c.id > ",
        );
        qb.push_bind(after.unwrap_or(0));
        if let Some(id) = subscriber {
            qb.push(" AND c.subscriber_id = ").push_bind(id.0);
        }
        push_filter(&mut qb, filter);
        qb.push(" ORDER BY c.id LIMIT ").push_bind(limit + 1);
        let rows: Vec<ConsentRow> =
            qb.build_query_as().fetch_all(self.reader()).await.map_err(db_err)?;
        let mut items: Vec<ConsentEvent> = map_rows(rows)?;
        let next = if items.len() as i64 > limit {
            items.truncate(limit as usize);
            items.last().map(|e| e.id)
        } else {
            None
        };
        Ok(Page { items, next })
    }
}
