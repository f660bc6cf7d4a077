-- The ledger's two foreign keys made starting a campaign slow: PostgreSQL checks them row by
-- row with a trigger that locks the referenced row (FOR KEY SHARE, WAL-logged), so a snapshot
-- of 100,000 subscribers took every subscriber row's lock and 200,000 trigger calls, 1.4 of
-- its 2.1 seconds (docs/benchmarks.md, "Sending engine"). Neither key protects anything the
-- store does not already ensure:
-- - subscribers are never deleted (erasure blanks the row and keeps it, so the ledger keeps
--   its history), and a snapshot only inserts ids it has just read from `subscribers`;
-- - an issue is deleted only as a draft that has no deliveries (`delete_issue` checks both in
--   its statement), and a snapshot locks its issue row once (FOR KEY SHARE) before it writes,
--   so the issue cannot go while the rows are written.
-- SQLite keeps its keys: its checks are index look-ups without locks, a small part of its
-- snapshot.
ALTER TABLE deliveries DROP CONSTRAINT deliveries_issue_id_fkey;
ALTER TABLE deliveries DROP CONSTRAINT deliveries_subscriber_id_fkey;
