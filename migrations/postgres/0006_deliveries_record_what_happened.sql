-- A delivery keeps what happened to it: `skipped` (the reader had left, or no variant was
-- ready) instead of counting as a failure, the reader's language when the audience was
-- snapshotted (`language`), and the variant they were sent (`variant_language`). Progress per
-- language reads these, not the subscriber, so a finished issue's results never change when a
-- reader later changes language or is erased.
ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check
    CHECK (status IN ('pending','sending','sent','failed','bounced','skipped'));
ALTER TABLE deliveries ADD COLUMN variant_language TEXT;
UPDATE deliveries d SET
    variant_language = CASE WHEN d.status = 'sent' THEN d.language END,
    language = COALESCE(s.language, d.language),
    status = CASE WHEN d.status = 'failed' AND d.last_error LIKE 'skipped:%' THEN 'skipped'
                  ELSE d.status END
FROM subscribers s WHERE s.id = d.subscriber_id;
