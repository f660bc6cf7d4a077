// The claim statement (`CLAIM_SQL`), one text for both backends, compiled into each with
// `include!` before its `CLAIM_SQL`. `claim_sql!(due, expired)` takes how each part names the
// rows it reads, and optionally a lock clause that goes after each part's LIMIT
// (`" FOR UPDATE SKIP LOCKED"` on PostgreSQL).
//
// Due rows are the pending ones whose retry time has come and the leased ones whose lease ran
// out. Each kind is read on its own, in id order along `deliveries_claim` (issue_id, status,
// id), so a claim reads about LIMIT rows however long the ledger is; one query with an OR over
// both kinds made the planners read and sort every row of the issue on each claim.
// A planner only uses that partial index (migration 0003) for a query whose condition implies
// the index's `status IN ('pending', 'sending')`:
// - SQLite proves that only from the same words, so its parts repeat the condition beside
//   `status = $5` (`$6` for the expired part);
// - PostgreSQL proves it from `status = 'pending'` (or 'sending') as a literal, and must get
//   no more: with the repeated `IN` list as an index condition it no longer reads the index in
//   id order, and right after a snapshot, while its statistics still count an empty ledger, it
//   chose to read and sort every pending row of the issue on each claim (0.8 s per claim for a
//   campaign of a million, for the first 20 seconds).
// `open_deliveries_are_those_pending_or_sending` keeps the literals in step with
// `DeliveryStatus`.
// The claim token ($7) records who holds the rows (migration 0005). Both parts start at id $8
// (`claim_deliveries_from`): the index keeps an entry for every row claimed or sent until a
// vacuum removes it, and a scan from the first id walked all of those on every claim,
// which made claims of a campaign of a million ten times slower by its end.
macro_rules! claim_sql {
    ($due:literal, $expired:literal $(, $lock:literal)?) => {
        concat!(
            "UPDATE deliveries SET status = $6, lease_until = $4, claim = $7, \
             attempts = attempts + 1 WHERE id IN (SELECT id FROM (\
             SELECT id FROM (SELECT id FROM deliveries WHERE issue_id = $1 AND ",
            $due,
            " AND (next_attempt_at IS NULL OR next_attempt_at <= $3) AND id >= $8 \
             ORDER BY id LIMIT $2",
            $($lock,)?
            ") AS due \
             UNION ALL \
             SELECT id FROM (SELECT id FROM deliveries WHERE issue_id = $1 AND ",
            $expired,
            " AND lease_until <= $3 AND id >= $8 ORDER BY id LIMIT $2",
            $($lock,)?
            ") AS expired) AS claimable ORDER BY id LIMIT $2) \
             RETURNING id, issue_id, subscriber_id, variant_language AS language, status, \
             attempts, last_error, message_id, sent_at, next_attempt_at, lease_until"
        )
    };
}
