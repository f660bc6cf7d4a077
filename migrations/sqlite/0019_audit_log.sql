-- The audit log (issue 22): who did what, when, on what. One row per staff action (sign-ins and
-- failed ones, account and token changes, issue and variant edits, sends, imports, exports,
-- erasures, suppression lifts). The actor is an account, an API token, the command line, or
-- nobody (a failed sign-in with a name no account has, which is not stored). The target is a
-- kind and an id; `detail` is a small JSON object of ids and choices, never an address or a
-- subscriber's name. No foreign keys: accounts and tokens are never deleted, and a key's
-- ON DELETE would have to change rows here.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor_kind  TEXT NOT NULL CHECK (actor_kind IN ('user','token','cli','none')),
    actor_id    INTEGER,
    action      TEXT NOT NULL,
    target_kind TEXT,
    target_id   INTEGER,
    detail      TEXT NOT NULL DEFAULT '{}',
    CHECK ((actor_kind IN ('user','token')) = (actor_id IS NOT NULL))
);
-- Filters of the admin page: by time, by actor, by action, each newest first.
CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_actor ON audit_log (actor_kind, actor_id, id);
CREATE INDEX audit_log_action ON audit_log (action, id);

-- Append-only, enforced by the database itself, so neither a bug nor a hand-typed statement
-- can change history.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted');
END;
