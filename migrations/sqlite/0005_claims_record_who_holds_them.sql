-- Each claim records who holds it: "{worker identity}#{claim}", set by the claim statement.
-- A worker restarted under the same identity hands back at once what its earlier incarnation
-- held, the heartbeat renews the leases of the batches a worker is working on, and releases
-- match the claim rather than the lease (which the heartbeat moves).
--
-- No index on it. Every query that reads `claim` also names an issue and `status = 'sending'`
-- and goes along `deliveries_claim` (issue_id, status, id), where only the few rows on the wire
-- are `sending`. An index on `claim` would add a B-tree insert to each claim of each message,
-- and one over all rows also to each `mark_sent`, which the sending benchmark pays per message.
ALTER TABLE deliveries ADD COLUMN claim TEXT;
