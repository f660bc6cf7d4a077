-- A sign-up is written as one row and answered at once; a job turns it into a subscriber, a
-- consent event and a confirmation mail in one transaction. So a person who saw "check your
-- inbox" always gets a mail, however the process dies, and the answer takes the same time
-- whatever the state of the address (the state-dependent work happens in the job). The
-- payload holds the checked form until then and is cleared once processed.
CREATE TABLE signup_requests (
    id           INTEGER PRIMARY KEY,
    payload      TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    lease_until  TEXT,
    processed_at TEXT
);
CREATE INDEX signup_requests_open ON signup_requests (id) WHERE processed_at IS NULL;

-- The confirmation mails owed, written in the same transaction as the subscriber (or the
-- repeated sign-up) that asks for them. A job claims one with a lease before it sends, so a
-- job that runs twice sends once; `sent_at` per address bounds mails to one address per day.
CREATE TABLE confirmation_mails (
    id            INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id),
    email_hash    TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'sent', 'skipped', 'failed')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    due_at        TEXT NOT NULL,
    lease_until   TEXT,
    sent_at       TEXT
);
CREATE INDEX confirmation_mails_due ON confirmation_mails (due_at) WHERE status = 'pending';
CREATE INDEX confirmation_mails_address ON confirmation_mails (email_hash, sent_at)
    WHERE status = 'sent';
