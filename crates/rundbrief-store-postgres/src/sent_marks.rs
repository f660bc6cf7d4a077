// PostgreSQL's `sent` marks, included into `mod shared` (see lib.rs): the group's columns as
// arrays, so that every group, whatever its size, is one statement text. With a VALUES list of
// as many rows as the group, each size was a statement of its own that the server parsed and
// planned anew (the first executions of a prepared statement are planned each time, and there
// were dozens of sizes per connection); the sending benchmark spent a tenth of the server's
// time per message planning.

impl StoreImpl {
    async fn write_sent_marks(&self, chunk: &[SentDelivery]) -> StoreResult<u64> {
        let ids: Vec<i64> = chunk.iter().map(|d| d.id.0).collect();
        let languages: Vec<&str> = chunk.iter().map(|d| d.language.code()).collect();
        let message_ids: Vec<&str> = chunk.iter().map(|d| d.message_id.as_str()).collect();
        let sent_at: Vec<OffsetDateTime> = chunk.iter().map(|d| ts(d.at)).collect();
        let done = sqlx::query(
            "UPDATE deliveries SET status = $1, variant_language = v.language, \
             message_id = v.message_id, sent_at = v.sent_at, last_error = NULL, \
             lease_until = NULL, next_attempt_at = NULL \
             FROM unnest($2::bigint[], $3::text[], $4::text[], $5::timestamptz[]) \
             AS v (id, language, message_id, sent_at) WHERE deliveries.id = v.id",
        )
        .bind(DeliveryStatus::Sent.as_str())
        .bind(&ids)
        .bind(&languages)
        .bind(&message_ids)
        .bind(&sent_at)
        .execute(self.writer())
        .await
        .map_err(db_err)?;
        Ok(done.rows_affected())
    }
}
