-- A delivery keeps what happened to it: `skipped` (the reader had left, or no variant was
-- ready) instead of counting as a failure, the reader's language when the audience was
-- snapshotted (`language`), and the variant they were sent (`variant_language`). Progress per
-- language reads these, not the subscriber, so a finished issue's results never change when a
-- reader later changes language or is erased.
--
-- SQLite cannot change a CHECK constraint, so the table is rebuilt with the same columns and
-- indexes (migrations 0003 and 0005).
CREATE TABLE deliveries_new (
    id               INTEGER PRIMARY KEY,
    issue_id         INTEGER NOT NULL REFERENCES issues (id),
    subscriber_id    INTEGER NOT NULL REFERENCES subscribers (id),
    language         TEXT,
    status           TEXT NOT NULL
                     CHECK (status IN ('pending','sending','sent','failed','bounced','skipped')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT,
    message_id       TEXT,
    sent_at          TEXT,
    next_attempt_at  TEXT,
    lease_until      TEXT,
    created_at       TEXT NOT NULL,
    claim            TEXT,
    variant_language TEXT,
    UNIQUE (issue_id, subscriber_id)
);
INSERT INTO deliveries_new (id, issue_id, subscriber_id, language, status, attempts, last_error,
    message_id, sent_at, next_attempt_at, lease_until, created_at, claim, variant_language)
SELECT d.id, d.issue_id, d.subscriber_id, COALESCE(s.language, d.language),
    CASE WHEN d.status = 'failed' AND d.last_error LIKE 'skipped:%' THEN 'skipped' ELSE d.status END,
    d.attempts, d.last_error, d.message_id, d.sent_at, d.next_attempt_at, d.lease_until,
    d.created_at, d.claim, CASE WHEN d.status = 'sent' THEN d.language END
FROM deliveries d LEFT JOIN subscribers s ON s.id = d.subscriber_id;
DROP TABLE deliveries;
ALTER TABLE deliveries_new RENAME TO deliveries;
CREATE INDEX deliveries_claim ON deliveries (issue_id, status, id)
    WHERE status IN ('pending', 'sending');
CREATE INDEX deliveries_sent_at ON deliveries (sent_at) WHERE sent_at IS NOT NULL;
