-- Lifting a suppression (issue 20): an editor (or an API token) removes an address's bounce or
-- complaint suppression with a reason, so that the address may sign up again through double
-- opt-in; the subscriber's status stays bounced or complained. Each lift is kept here: the
-- address's hash, the reason it was suppressed for and since when, the subscriber who had the
-- address then, who lifted it, why and when. Rows are never changed or deleted.
CREATE TABLE suppression_lifts (
    id              INTEGER PRIMARY KEY,
    email_hash      TEXT NOT NULL,
    previous_reason TEXT NOT NULL CHECK (previous_reason IN ('hard_bounce','complaint','erasure','manual')),
    suppressed_at   TEXT NOT NULL,
    subscriber_id   INTEGER REFERENCES subscribers (id),
    lifted_by_user  INTEGER REFERENCES users (id),
    lifted_by_token INTEGER REFERENCES api_tokens (id),
    reason          TEXT NOT NULL,
    lifted_at       TEXT NOT NULL
);
-- The history page, newest first, and the lifts of one address.
CREATE INDEX suppression_lifts_time ON suppression_lifts (lifted_at, id);
CREATE INDEX suppression_lifts_hash ON suppression_lifts (email_hash);
-- The suppression page, newest first.
CREATE INDEX suppressions_created ON suppressions (created_at, email_hash);

-- The consent log records the lift. SQLite cannot change a CHECK constraint, so the table is
-- rebuilt with the same columns and index.
CREATE TABLE consent_events_new (
    id            INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id),
    action        TEXT NOT NULL CHECK (action IN ('signup','confirm','preferences','unsubscribe',
                                                   'import','erase','bounce','complaint',
                                                   'suppression_lifted')),
    text_version  TEXT,
    language      TEXT,
    ip            TEXT,
    user_agent    TEXT,
    created_at    TEXT NOT NULL
);
INSERT INTO consent_events_new (id, subscriber_id, action, text_version, language, ip,
    user_agent, created_at)
SELECT id, subscriber_id, action, text_version, language, ip, user_agent, created_at
FROM consent_events;
DROP TABLE consent_events;
ALTER TABLE consent_events_new RENAME TO consent_events;
CREATE INDEX consent_events_subscriber ON consent_events (subscriber_id, id);
