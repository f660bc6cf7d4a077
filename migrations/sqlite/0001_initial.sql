-- Rundbrief schema, SQLite flavour. Kept in lockstep with ../postgres/0001_initial.sql.
-- Timestamps are stored by sqlx as UTC text, which orders correctly.

CREATE TABLE subscribers (
    id              INTEGER PRIMARY KEY,
    email           TEXT,
    -- Case-folded address; the uniqueness key. NULL once erased.
    email_key       TEXT UNIQUE,
    -- SHA-256 of email_key, matched against suppressions. NULL once erased.
    email_hash      TEXT,
    name            TEXT,
    language        TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending','active','unsubscribed','bounced','complained','erased')),
    region          TEXT,
    audience        TEXT,
    attributes      TEXT NOT NULL DEFAULT '{}',
    created_at      TEXT NOT NULL,
    confirmed_at    TEXT,
    unsubscribed_at TEXT
);
CREATE INDEX subscribers_status_language ON subscribers (status, language);
CREATE INDEX subscribers_created_at ON subscribers (created_at);
CREATE INDEX subscribers_email_hash ON subscribers (email_hash);

CREATE TABLE lists (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    names      TEXT NOT NULL DEFAULT '{}',
    public     BOOLEAN NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE subscriptions (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    list_id       INTEGER NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (subscriber_id, list_id)
);
CREATE INDEX subscriptions_list ON subscriptions (list_id, subscriber_id);

CREATE TABLE consent_events (
    id            INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id),
    action        TEXT NOT NULL CHECK (action IN ('signup','confirm','preferences','unsubscribe','import','erase')),
    text_version  TEXT,
    language      TEXT,
    ip            TEXT,
    user_agent    TEXT,
    created_at    TEXT NOT NULL
);
CREATE INDEX consent_events_subscriber ON consent_events (subscriber_id, id);

CREATE TABLE issues (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL,
    base_language TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('draft','scheduled','sending','paused','sent','cancelled')),
    segment       TEXT NOT NULL DEFAULT '{}',
    scheduled_at  TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX issues_due ON issues (status, scheduled_at);

CREATE TABLE issue_variants (
    issue_id      INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    language      TEXT NOT NULL,
    subject       TEXT NOT NULL,
    preheader     TEXT NOT NULL DEFAULT '',
    body_markdown TEXT NOT NULL,
    ready         BOOLEAN NOT NULL DEFAULT 0,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (issue_id, language)
);

CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY,
    issue_id        INTEGER NOT NULL REFERENCES issues (id),
    subscriber_id   INTEGER NOT NULL REFERENCES subscribers (id),
    language        TEXT,
    status          TEXT NOT NULL CHECK (status IN ('pending','sending','sent','failed','bounced')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    message_id      TEXT,
    sent_at         TEXT,
    next_attempt_at TEXT,
    lease_until     TEXT,
    created_at      TEXT NOT NULL,
    UNIQUE (issue_id, subscriber_id)
);
CREATE INDEX deliveries_claim ON deliveries (issue_id, status, id);

CREATE TABLE suppressions (
    email_hash TEXT PRIMARY KEY,
    reason     TEXT NOT NULL CHECK (reason IN ('hard_bounce','complaint','erasure','manual')),
    created_at TEXT NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL,
    email_key     TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin','editor','viewer')),
    created_at    TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT
);
