-- A suppression names the subscriber whose address it holds (NULL for an erasure, whose row
-- keeps no address, and for an address no subscriber has), so that the suppression list and a
-- lift find that subscriber by id. They joined subscribers on email_hash before, which needed
-- the index subscribers_email_hash: the largest of the random-order indexes an import writes
-- (a 64-character hash per row), and read by nothing else. Without it SQLite imports three to
-- four times as fast at a million rows (docs/benchmarks.md, "Import").
ALTER TABLE suppressions ADD COLUMN subscriber_id INTEGER REFERENCES subscribers (id);
UPDATE suppressions SET subscriber_id = (
    SELECT s.id FROM subscribers s WHERE s.email_hash = suppressions.email_hash
) WHERE reason <> 'erasure';
DROP INDEX subscribers_email_hash;
