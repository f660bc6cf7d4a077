// SQLite's `sent` marks, included into `mod shared` (see lib.rs): a VALUES list of the group,
// one statement for the group. SQLite has no arrays, and a statement it prepares costs little.

impl StoreImpl {
    async fn write_sent_marks(&self, chunk: &[SentDelivery]) -> StoreResult<u64> {
        let mut qb = QueryBuilder::<Db>::new("WITH v (id, language, message_id, sent_at) AS (");
        qb.push_values(chunk, |mut row, delivery| {
            row.push_bind(delivery.id.0)
                .push_bind(delivery.language.code())
                .push_bind(delivery.message_id.as_str())
                .push_bind(ts(delivery.at));
        });
        qb.push(") UPDATE deliveries SET status = ").push_bind(DeliveryStatus::Sent.as_str()).push(
            ", variant_language = v.language, message_id = v.message_id, sent_at = v.sent_at, \
                 last_error = NULL, lease_until = NULL, next_attempt_at = NULL \
                 FROM v WHERE deliveries.id = v.id",
        );
        let done = qb.build().execute(self.writer()).await.map_err(db_err)?;
        Ok(done.rows_affected())
    }
}
