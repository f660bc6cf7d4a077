-- Translators are told by mail when an issue needs their language or their translation went
-- stale (issue 21). A row is written in the same transaction as the base-language revision
-- that asks for it, one per active translator, issue and base revision (the UNIQUE key), so a
-- retried save or a crash writes it once; a job claims it with a lease before it sends, so a
-- job that runs twice sends once. The job decides at sending time which of the translator's
-- languages still need work, and skips the row when a newer base revision superseded it.
CREATE TABLE translator_notices (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    issue_id      INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    base_revision INTEGER NOT NULL,
    status        TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'sent', 'skipped', 'failed')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    due_at        TEXT NOT NULL,
    lease_until   TEXT,
    sent_at       TEXT,
    UNIQUE (user_id, issue_id, base_revision)
);
CREATE INDEX translator_notices_due ON translator_notices (due_at) WHERE status = 'pending';

-- A revision written by machine translation (a draft a person has not saved since).
ALTER TABLE variant_revisions ADD COLUMN machine_drafted BOOLEAN NOT NULL DEFAULT FALSE;
