-- A delivery row is written twice on its way out (claimed, then marked sent), and each of those
-- writes adds an entry to every index of the table. The claim only looks for open rows and the
-- sending caps only for sent ones, so each index now holds just those: a message costs six
-- B-tree inserts instead of eight. The queries repeat each index's condition word for word,
-- which is what lets both planners use a partial index.
DROP INDEX deliveries_claim;
CREATE INDEX deliveries_claim ON deliveries (issue_id, status, id)
    WHERE status IN ('pending', 'sending');

DROP INDEX deliveries_sent_at;
CREATE INDEX deliveries_sent_at ON deliveries (sent_at) WHERE sent_at IS NOT NULL;
