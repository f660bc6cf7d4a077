// The claim statement (`CLAIM_SQL`), one text for both backends, compiled into each with
// `include!` before its `CLAIM_SQL`: `claim_sql!()` gives the statement as it is, and
// `claim_sql!(" FOR UPDATE SKIP LOCKED")` the same with that clause after each part's LIMIT.
//
// Due rows are the pending ones whose retry time has come and the leased ones whose lease ran
// out. Each kind is read on its own, in id order along `deliveries_claim` (issue_id, status,
// id), so a claim reads about LIMIT rows however long the ledger is; one query with an OR over
// both kinds made the planners read and sort every row of the issue on each claim.
// Each part repeats the condition of that partial index (migration 0003) word for word, since
// a planner only uses a partial index for a query that names its condition.
// The claim token ($7) records who holds the rows (migration 0005).
macro_rules! claim_sql {
    ($($lock:literal)?) => {
        concat!(
            "UPDATE deliveries SET status = $6, lease_until = $4, claim = $7, \
             attempts = attempts + 1 WHERE id IN (SELECT id FROM (\
             SELECT id FROM (SELECT id FROM deliveries WHERE issue_id = $1 AND status = $5 \
             AND status IN ('pending', 'sending') \
             AND (next_attempt_at IS NULL OR next_attempt_at <= $3) ORDER BY id LIMIT $2",
            $($lock,)?
            ") AS due \
             UNION ALL \
             SELECT id FROM (SELECT id FROM deliveries WHERE issue_id = $1 AND status = $6 \
             AND status IN ('pending', 'sending') \
             AND lease_until <= $3 ORDER BY id LIMIT $2",
            $($lock,)?
            ") AS expired) AS claimable ORDER BY id LIMIT $2) \
             RETURNING id, issue_id, subscriber_id, variant_language AS language, status, \
             attempts, last_error, message_id, sent_at, next_attempt_at, lease_until"
        )
    };
}
