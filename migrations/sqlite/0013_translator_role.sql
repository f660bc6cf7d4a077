-- no-transaction
-- The translator role and a translator's languages (issues 21, 22).
--
-- role may now be 'translator'. SQLite cannot change a CHECK constraint, so the table is
-- rebuilt the way the SQLite manual describes (lang_altertable.html, "other kinds of table
-- schema changes"): foreign keys off (sessions, suppression lifts and revisions point at
-- users; PRAGMA foreign_keys is ignored inside a transaction, hence no-transaction), a new
-- table, the rows copied with their ids (so every reference still holds), the old table
-- dropped and the new one renamed, all in one transaction.
--
-- languages: a translator's language codes, comma-separated ('pl,ro'), the only variants
-- they may edit; '' for every other role. Checked by rundbrief_app::accounts on the way in.
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE users_0013 (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL,
    email_key     TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin','editor','translator','viewer')),
    created_at    TEXT NOT NULL,
    languages     TEXT NOT NULL DEFAULT ''
        CHECK ((role = 'translator') = (languages <> ''))
);
INSERT INTO users_0013 (id, email, email_key, password_hash, role, created_at)
    SELECT id, email, email_key, password_hash, role, created_at FROM users;
DROP TABLE users;
ALTER TABLE users_0013 RENAME TO users;
COMMIT;
PRAGMA foreign_keys = ON;
