-- Every bounce and complaint that came back (issue 20): whose it was (the subscriber, and the
-- issue and delivery when the envelope sender named one), what kind, the server's status code
-- and diagnostic text, when it arrived and how (`smtp` the built-in receiver, `imap` a polled
-- mailbox, `inbound` a provider's webhook, `send` the SMTP answer while sending). The raw mail
-- is kept for 30 days for an editor to look into, then set to NULL; the row stays, because the
-- counts per issue and the soft-bounce rule read it. Automatic replies and mails that are no
-- report at all are not stored.
CREATE TABLE bounces (
    id            INTEGER PRIMARY KEY,
    subscriber_id INTEGER REFERENCES subscribers (id),
    issue_id      INTEGER REFERENCES issues (id),
    delivery_id   INTEGER REFERENCES deliveries (id),
    kind          TEXT NOT NULL CHECK (kind IN ('hard', 'soft', 'complaint')),
    status_code   TEXT,
    diagnostic    TEXT,
    raw           BLOB,
    received_at   TEXT NOT NULL,
    source        TEXT NOT NULL CHECK (source IN ('smtp', 'imap', 'inbound', 'send'))
);
-- A subscriber's bounces, newest first, and the soft ones of the last days.
CREATE INDEX bounces_subscriber ON bounces (subscriber_id, received_at);
-- Counts per issue.
CREATE INDEX bounces_issue ON bounces (issue_id, kind);
-- The purge of raw mails reads only rows that still hold one.
CREATE INDEX bounces_raw_kept ON bounces (received_at) WHERE raw IS NOT NULL;

-- The consent log records a bounce or complaint that suppressed the address. SQLite cannot
-- change a CHECK constraint, so the table is rebuilt with the same columns and index.
CREATE TABLE consent_events_new (
    id            INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id),
    action        TEXT NOT NULL CHECK (action IN ('signup','confirm','preferences','unsubscribe',
                                                   'import','erase','bounce','complaint')),
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
