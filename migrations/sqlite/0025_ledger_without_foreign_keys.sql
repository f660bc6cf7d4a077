-- PostgreSQL's ledger drops its two foreign keys in this migration (see its file: they made a
-- snapshot lock every subscriber row). SQLite keeps them: its checks are index look-ups
-- without locks, a small part of its snapshot. The number stays in step with PostgreSQL's.
SELECT 1;
