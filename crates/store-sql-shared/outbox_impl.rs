// The sign-up outbox (rundbrief_store::OutboxStore), compiled into each backend with
// `include!` inside a child module of the one that includes store_impl.rs, whose helpers
// (`db_err`, `ts`, `SubscriberRow`, ...) it uses through `super::*`.

use rundbrief_store::{
    ConfirmationClaim, ConfirmationOutcome, OutboxStore, OwedMailKind, SignupClaim,
};

/// Why the address of `hash` is suppressed, if it is.
async fn suppression_reason(
    tx: &mut sqlx::Transaction<'_, Db>,
    hash: &str,
) -> StoreResult<Option<SuppressionReason>> {
    let reason: Option<String> =
        sqlx::query_scalar("SELECT reason FROM suppressions WHERE email_hash = $1")
            .bind(hash)
            .fetch_optional(&mut **tx)
            .await
            .map_err(db_err)?;
    reason.map(|r| r.parse().map_err(|e| corrupt("suppressions", e))).transpose()
}

/// Whether the suppression of `hash` refuses a write. An erasure gives way where `own_wish`:
/// the person signs up again through the form (pending until they confirm), never for
/// imports or the API. Bounces and complaints always refuse.
async fn refused_by_suppression(
    tx: &mut sqlx::Transaction<'_, Db>,
    hash: &str,
    own_wish: bool,
) -> StoreResult<bool> {
    Ok(match suppression_reason(tx, hash).await? {
        None => false,
        Some(SuppressionReason::Erasure) => !own_wish,
        Some(_) => true,
    })
}

/// Inserts a subscriber inside `tx`, refusing suppressed addresses (an erased one only where
/// `own_wish`, see [`refused_by_suppression`]): the one body behind `create_subscriber` and
/// `create_subscriber_with_consent`.
pub(super) async fn insert_subscriber(
    tx: &mut sqlx::Transaction<'_, Db>,
    new: &NewSubscriber,
    own_wish: bool,
    at: OffsetDateTime,
) -> StoreResult<Subscriber> {
    let at = ts(at);
    let hash = suppression_hash(&new.email);
    if refused_by_suppression(tx, &hash, own_wish && new.status == SubscriberStatus::Pending)
        .await?
    {
        return Err(StoreError::Suppressed);
    }
    if matches!(new.status, SubscriberStatus::Erased) {
        return Err(StoreError::Invalid("a new subscriber cannot be erased".into()));
    }
    let confirmed_at = (new.status == SubscriberStatus::Active).then_some(at);
    let unsubscribed_at = (new.status == SubscriberStatus::Unsubscribed).then_some(at);
    let sql = concat!(
        "INSERT INTO subscribers (email, email_key, email_hash, name, language, status, \
         region, audience, attributes, created_at, confirmed_at, unsubscribed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ",
        subscriber_columns!(),
        ""
    );
    let row: SubscriberRow = sqlx::query_as(sql)
        .bind(new.email.as_str())
        .bind(new.email.key())
        .bind(&hash)
        .bind(&new.name)
        .bind(new.language.code())
        .bind(new.status.as_str())
        .bind(&new.region)
        .bind(&new.audience)
        .bind(Json(&new.attributes))
        .bind(at)
        .bind(confirmed_at)
        .bind(unsubscribed_at)
        .fetch_one(&mut **tx)
        .await
        .map_err(|e| match db_err(e) {
            StoreError::Conflict(_) => {
                StoreError::Conflict("a subscriber with this e-mail address exists".into())
            }
            other => other,
        })?;
    row.try_into()
}

/// Topics, the consent event and the owed confirmation mail of `subscriber`, and the request
/// marked processed: what both ways into `pending` write beside the subscriber row.
#[allow(clippy::too_many_arguments)]
async fn write_signup_side(
    tx: &mut sqlx::Transaction<'_, Db>,
    subscriber: SubscriberId,
    email_hash: &str,
    lists: &[ListId],
    consent: Option<&NewConsentEvent>,
    mail: bool,
    request: Option<i64>,
    at: OffsetDateTime,
) -> StoreResult<Option<i64>> {
    let at = ts(at);
    for list in lists {
        insert_subscription(&mut **tx, subscriber, *list, at).await.map_err(|e| match e {
            StoreError::NotFound(_) => StoreError::NotFound("list"),
            other => other,
        })?;
    }
    if let Some(event) = consent {
        insert_consent(&mut **tx, subscriber, event, at).await?;
    }
    let mail_id = if mail {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO confirmation_mails (subscriber_id, email_hash, status, attempts, \
             created_at, due_at) VALUES ($1, $2, 'pending', 0, $3, $3) RETURNING id",
        )
        .bind(subscriber.0)
        .bind(email_hash)
        .bind(at)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)?;
        Some(id)
    } else {
        None
    };
    if let Some(request) = request {
        mark_signup_processed(tx, request, at).await?;
    }
    Ok(mail_id)
}

async fn mark_signup_processed(
    tx: &mut sqlx::Transaction<'_, Db>,
    request: i64,
    at: OffsetDateTime,
) -> StoreResult<()> {
    // Only an unprocessed request: a second job that got here too must roll back all it wrote.
    let done = sqlx::query(
        "UPDATE signup_requests SET processed_at = $1, payload = '{}', lease_until = NULL \
         WHERE id = $2 AND processed_at IS NULL",
    )
    .bind(ts(at))
    .bind(request)
    .execute(&mut **tx)
    .await
    .map_err(db_err)?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Conflict("the sign-up request was processed already".into()));
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct SignupRow {
    id: i64,
    payload: String,
    created_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct ConfirmationRow {
    id: i64,
    subscriber_id: i64,
    email_hash: String,
    attempts: i32,
}

#[async_trait]
impl OutboxStore for StoreImpl {
    async fn queue_signup(&self, payload: &str, at: OffsetDateTime) -> StoreResult<i64> {
        sqlx::query_scalar(
            "INSERT INTO signup_requests (payload, created_at) VALUES ($1, $2) RETURNING id",
        )
        .bind(payload)
        .bind(ts(at))
        .fetch_one(self.writer())
        .await
        .map_err(db_err)
    }

    async fn claim_signup(
        &self,
        id: i64,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
    ) -> StoreResult<Option<SignupClaim>> {
        let row: Option<SignupRow> = sqlx::query_as(
            "UPDATE signup_requests SET lease_until = $1 WHERE id = $2 \
             AND processed_at IS NULL AND (lease_until IS NULL OR lease_until <= $3) \
             RETURNING id, payload, created_at",
        )
        .bind(ts(lease_until))
        .bind(id)
        .bind(ts(now))
        .fetch_optional(self.writer())
        .await
        .map_err(db_err)?;
        Ok(row.map(|r| SignupClaim { id: r.id, payload: r.payload, created_at: r.created_at }))
    }

    async fn open_signups(&self, now: OffsetDateTime, limit: u32) -> StoreResult<Vec<i64>> {
        sqlx::query_scalar(
            "SELECT id FROM signup_requests WHERE processed_at IS NULL \
             AND (lease_until IS NULL OR lease_until <= $1) ORDER BY id LIMIT $2",
        )
        .bind(ts(now))
        .bind(i64::from(limit))
        .fetch_all(self.reader())
        .await
        .map_err(db_err)
    }

    async fn finish_signup(&self, id: i64, at: OffsetDateTime) -> StoreResult<()> {
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        mark_signup_processed(&mut tx, id, at).await?;
        tx.commit().await.map_err(db_err)
    }

    async fn create_subscriber_with_consent(
        &self,
        new: &NewSubscriber,
        lists: &[ListId],
        consent: &NewConsentEvent,
        request: Option<i64>,
        at: OffsetDateTime,
    ) -> StoreResult<(Subscriber, Option<i64>)> {
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        // A sign-up request is the person at the form; the API and imports come without one.
        let subscriber = insert_subscriber(&mut tx, new, request.is_some(), at).await?;
        let hash = suppression_hash(&new.email);
        let pending = subscriber.status == SubscriberStatus::Pending;
        let mail = write_signup_side(
            &mut tx,
            subscriber.id,
            &hash,
            lists,
            Some(consent),
            pending,
            request,
            at,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok((subscriber, mail))
    }

    async fn request_confirmation(
        &self,
        subscriber: SubscriberId,
        expected: SubscriberStatus,
        lists: &[ListId],
        consent: Option<&NewConsentEvent>,
        request: Option<i64>,
        at: OffsetDateTime,
    ) -> StoreResult<i64> {
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        let (current, hash) = status_and_hash(&mut tx, subscriber).await?;
        if current != expected {
            return Err(StoreError::Conflict(format!(
                "the subscriber is {current}, not {expected}"
            )));
        }
        // A bounced or complained reader comes back only by their own new sign-up, and only
        // once an editor lifted the suppression (checked below): the life cycle itself never
        // undoes a bounce or complaint.
        let returning = request.is_some()
            && matches!(current, SubscriberStatus::Bounced | SubscriberStatus::Complained);
        if current != SubscriberStatus::Pending && !returning {
            current.transition(SubscriberStatus::Pending)?;
        }
        let Some(hash) = hash else { return Err(StoreError::Suppressed) };
        // Pending after an erasure means the person signed up again through the form; a new
        // link for them, or a new request, is still their own wish.
        let own_wish = request.is_some() || current == SubscriberStatus::Pending;
        if refused_by_suppression(&mut tx, &hash, own_wish).await? {
            return Err(StoreError::Suppressed);
        }
        if current != SubscriberStatus::Pending {
            sqlx::query("UPDATE subscribers SET status = 'pending' WHERE id = $1 AND status = $2")
                .bind(subscriber.0)
                .bind(current.as_str())
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
        }
        let mail = write_signup_side(&mut tx, subscriber, &hash, lists, consent, true, request, at)
            .await?
            .ok_or_else(|| StoreError::Invalid("no confirmation mail written".into()))?;
        tx.commit().await.map_err(db_err)?;
        Ok(mail)
    }

    async fn confirm_subscriber(
        &self,
        subscriber: SubscriberId,
        consent: &NewConsentEvent,
        at: OffsetDateTime,
    ) -> StoreResult<Subscriber> {
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        let (current, hash) = status_and_hash(&mut tx, subscriber).await?;
        // Only a pending subscriber confirms; the editor's other ways into active are not this.
        if current != SubscriberStatus::Pending {
            return Err(StoreError::InvalidTransition(rundbrief_core::StatusTransitionError {
                from: current,
                to: SubscriberStatus::Active,
            }));
        }
        let Some(hash) = hash else { return Err(StoreError::Suppressed) };
        match suppression_reason(&mut tx, &hash).await? {
            None => {}
            Some(SuppressionReason::Erasure) => {
                sqlx::query("DELETE FROM suppressions WHERE email_hash = $1 AND reason = $2")
                    .bind(&hash)
                    .bind(SuppressionReason::Erasure.as_str())
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
            }
            Some(_) => return Err(StoreError::Suppressed),
        }
        let sql = concat!(
            "UPDATE subscribers SET status = 'active', confirmed_at = $1 \
             WHERE id = $2 AND status = 'pending' RETURNING ",
            subscriber_columns!(),
            ""
        );
        let row: Option<SubscriberRow> = sqlx::query_as(sql)
            .bind(ts(at))
            .bind(subscriber.0)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_err)?;
        let row = row.ok_or(StoreError::Conflict(
            "the subscriber's status changed meanwhile; try again".into(),
        ))?;
        insert_consent(&mut *tx, subscriber, consent, at).await?;
        // The welcome mail is owed by the confirmation itself: committed together, so a
        // crash leaves both or neither, and a repeated confirmation (refused above) owes none.
        super::welcome::owe_welcome(&mut tx, subscriber, at).await?;
        tx.commit().await.map_err(db_err)?;
        row.try_into()
    }

    async fn claim_confirmation(
        &self,
        id: i64,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
    ) -> StoreResult<Option<ConfirmationClaim>> {
        let row: Option<ConfirmationRow> = sqlx::query_as(OwedMailTable::Confirmation.claim_sql())
            .bind(ts(lease_until))
            .bind(id)
            .bind(ts(now))
            .fetch_optional(self.writer())
            .await
            .map_err(db_err)?;
        Ok(row.map(|r| ConfirmationClaim {
            id: r.id,
            subscriber_id: SubscriberId(r.subscriber_id),
            email_hash: r.email_hash,
            attempts: u32::try_from(r.attempts).unwrap_or(0),
        }))
    }

    async fn due_confirmations(
        &self,
        now: OffsetDateTime,
        limit: u32,
    ) -> StoreResult<Vec<(i64, u32)>> {
        self.due_owed_mails(OwedMailTable::Confirmation, now, limit).await
    }

    async fn confirmations_sent_since(
        &self,
        email_hash: &str,
        since: OffsetDateTime,
        except: i64,
        now: OffsetDateTime,
    ) -> StoreResult<i64> {
        // Read on the writer: a count on SQLite's read pool could miss a mark committed a
        // moment ago, and this count is what keeps one address from more mails than allowed.
        sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM confirmation_mails WHERE email_hash = $1 \
             AND status = 'sent' AND sent_at >= $2) + (SELECT COUNT(*) FROM confirmation_mails \
             WHERE email_hash = $1 AND status = 'pending' AND id <> $3 AND lease_until > $4)",
        )
        .bind(email_hash)
        .bind(ts(since))
        .bind(except)
        .bind(ts(now))
        .fetch_one(self.writer())
        .await
        .map_err(db_err)
    }

    async fn settle_confirmation(
        &self,
        id: i64,
        claimed_attempts: u32,
        outcome: ConfirmationOutcome,
        at: OffsetDateTime,
    ) -> StoreResult<bool> {
        self.settle_owed_mail(OwedMailTable::Confirmation, id, claimed_attempts, outcome, at).await
    }

    async fn release_owed_mail(
        &self,
        kind: OwedMailKind,
        id: i64,
        claimed_attempts: u32,
        due_at: OffsetDateTime,
    ) -> StoreResult<bool> {
        self.release_owed_mail_claim(kind.into(), id, claimed_attempts, due_at).await
    }
}
