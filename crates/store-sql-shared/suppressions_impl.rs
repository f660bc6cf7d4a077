// `SuppressionListStore`: the suppression list as editors see it, and lifting a suppression
// with its record. Included after store_impl.rs, whose helpers (`db_err`, `ts`, `corrupt`,
// `insert_consent`, `page_limit`) it uses.

#[derive(sqlx::FromRow)]
struct SuppressedRow {
    email_hash: String,
    reason: String,
    created_at: OffsetDateTime,
    subscriber_id: Option<i64>,
    email: Option<String>,
    status: Option<String>,
}

impl TryFrom<SuppressedRow> for rundbrief_store::SuppressedAddress {
    type Error = StoreError;

    fn try_from(row: SuppressedRow) -> StoreResult<Self> {
        let subscriber = match (row.subscriber_id, row.email, row.status) {
            (Some(id), Some(email), Some(status)) => Some(rundbrief_store::SuppressedSubscriber {
                id: SubscriberId(id),
                email: EmailAddress::parse(&email).map_err(|e| corrupt("subscribers", e))?,
                status: status.parse().map_err(|e| corrupt("subscribers", e))?,
            }),
            _ => None,
        };
        Ok(Self {
            email_hash: row.email_hash,
            reason: row.reason.parse().map_err(|e| corrupt("suppressions", e))?,
            created_at: row.created_at,
            subscriber,
        })
    }
}

#[derive(sqlx::FromRow)]
struct LiftRow {
    id: i64,
    email_hash: String,
    previous_reason: String,
    suppressed_at: OffsetDateTime,
    subscriber_id: Option<i64>,
    lifted_by_user: Option<i64>,
    lifted_by_token: Option<i64>,
    reason: String,
    lifted_at: OffsetDateTime,
}

impl TryFrom<LiftRow> for rundbrief_store::SuppressionLift {
    type Error = StoreError;

    fn try_from(row: LiftRow) -> StoreResult<Self> {
        use rundbrief_store::LiftedBy;
        let by = match (row.lifted_by_user, row.lifted_by_token) {
            (Some(user), None) => LiftedBy::User(UserId(user)),
            (None, Some(token)) => LiftedBy::Token(rundbrief_core::ApiTokenId(token)),
            _ => return Err(corrupt("suppression_lifts", "neither a user nor a token lifted it")),
        };
        Ok(Self {
            id: row.id,
            email_hash: row.email_hash,
            previous_reason: row
                .previous_reason
                .parse()
                .map_err(|e| corrupt("suppression_lifts", e))?,
            suppressed_at: row.suppressed_at,
            subscriber_id: row.subscriber_id.map(SubscriberId),
            by,
            reason: row.reason,
            lifted_at: row.lifted_at,
        })
    }
}

macro_rules! lift_columns {
    () => {
        "id, email_hash, previous_reason, suppressed_at, subscriber_id, lifted_by_user, \
         lifted_by_token, reason, lifted_at"
    };
}

#[async_trait]
impl rundbrief_store::SuppressionListStore for StoreImpl {
    async fn suppressions(
        &self,
        filter: &rundbrief_store::SuppressionFilter,
        after: Option<&rundbrief_store::SuppressionCursor>,
        limit: u32,
    ) -> StoreResult<rundbrief_store::SuppressionPage> {
        let limit = page_limit(limit);
        // A suppression names the subscriber who held the address when it was made, and
        // none once that row is erased (migration 0011).
        let rows: Vec<SuppressedRow> = sqlx::query_as(
            "SELECT p.email_hash, p.reason, p.created_at, s.id AS subscriber_id, s.email, \
             s.status FROM suppressions p LEFT JOIN subscribers s ON s.id = p.subscriber_id \
             WHERE ($1 IS NULL OR p.reason = $1) AND ($2 IS NULL OR p.email_hash = $2) \
             AND ($3 IS NULL OR p.created_at < $3 OR (p.created_at = $3 AND p.email_hash < $4)) \
             ORDER BY p.created_at DESC, p.email_hash DESC LIMIT $5",
        )
        .bind(filter.reason.map(SuppressionReason::as_str))
        .bind(filter.email_hash.as_deref())
        .bind(after.map(|c| ts(c.created_at)))
        .bind(after.map(|c| c.email_hash.as_str()))
        .bind(limit + 1)
        .fetch_all(self.reader())
        .await
        .map_err(db_err)?;
        let mut items: Vec<rundbrief_store::SuppressedAddress> = map_rows(rows)?;
        let next = if items.len() > usize::try_from(limit).unwrap_or(usize::MAX) {
            items.pop();
            items.last().map(|last| rundbrief_store::SuppressionCursor {
                created_at: last.created_at,
                email_hash: last.email_hash.clone(),
            })
        } else {
            None
        };
        Ok(rundbrief_store::SuppressionPage { items, next })
    }

    async fn lift_suppression(
        &self,
        lift: &rundbrief_store::NewSuppressionLift,
        at: OffsetDateTime,
    ) -> StoreResult<rundbrief_store::SuppressionLift> {
        use rundbrief_store::LiftedBy;
        let reason = lift.reason.trim();
        if reason.is_empty() {
            return Err(StoreError::Invalid("a lift needs a reason".into()));
        }
        let at = ts(at);
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        let found: Option<(String, OffsetDateTime, Option<i64>)> = sqlx::query_as(
            "SELECT reason, created_at, subscriber_id FROM suppressions WHERE email_hash = $1",
        )
        .bind(&lift.email_hash)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_err)?;
        let (previous, suppressed_at, subscriber) =
            found.ok_or(StoreError::NotFound("suppression"))?;
        let previous: SuppressionReason =
            previous.parse().map_err(|e| corrupt("suppressions", e))?;
        // The person asked for their data to go; only they undo that, by confirming a new
        // sign-up (`OutboxStore::confirm_subscriber`).
        if previous == SuppressionReason::Erasure {
            return Err(StoreError::Conflict(
                "an erased address's suppression is lifted only by the person's own confirmed \
                 sign-up"
                    .into(),
            ));
        }
        sqlx::query("DELETE FROM suppressions WHERE email_hash = $1")
            .bind(&lift.email_hash)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        let (user, token) = match lift.by {
            LiftedBy::User(user) => (Some(user.0), None),
            LiftedBy::Token(token) => (None, Some(token.0)),
        };
        let sql = concat!(
            "INSERT INTO suppression_lifts (email_hash, previous_reason, suppressed_at, \
             subscriber_id, lifted_by_user, lifted_by_token, reason, lifted_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ",
            lift_columns!()
        );
        let row: LiftRow = sqlx::query_as(sql)
            .bind(&lift.email_hash)
            .bind(previous.as_str())
            .bind(suppressed_at)
            .bind(subscriber)
            .bind(user)
            .bind(token)
            .bind(reason)
            .bind(at)
            .fetch_one(&mut *tx)
            .await
            .map_err(not_found_if_missing("user or API token"))?;
        if let Some(subscriber) = subscriber {
            let event = NewConsentEvent {
                subscriber_id: SubscriberId(subscriber),
                action: ConsentAction::SuppressionLifted,
                text_version: None,
                language: None,
                ip: None,
                user_agent: None,
            };
            insert_consent(&mut *tx, SubscriberId(subscriber), &event, at).await?;
        }
        tx.commit().await.map_err(db_err)?;
        row.try_into()
    }

    async fn suppression_lifts(
        &self,
        email_hash: Option<&str>,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<Page<rundbrief_store::SuppressionLift>> {
        let limit = page_limit(limit);
        let sql = concat!(
            "SELECT ",
            lift_columns!(),
            " FROM suppression_lifts WHERE ($1 IS NULL OR email_hash = $1) \
             AND ($2 IS NULL OR id < $2) ORDER BY id DESC LIMIT $3"
        );
        let rows: Vec<LiftRow> = sqlx::query_as(sql)
            .bind(email_hash)
            .bind(before)
            .bind(limit + 1)
            .fetch_all(self.reader())
            .await
            .map_err(db_err)?;
        let mut items: Vec<rundbrief_store::SuppressionLift> = map_rows(rows)?;
        let next = if items.len() > usize::try_from(limit).unwrap_or(usize::MAX) {
            items.pop();
            items.last().map(|last| last.id)
        } else {
            None
        };
        Ok(Page { items, next })
    }
}
