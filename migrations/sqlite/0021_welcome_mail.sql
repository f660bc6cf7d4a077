-- The welcome mail (issue 23): one mail a subscriber gets once their subscription is
-- confirmed, written by the editors like an issue (variants per language, the fallback chain,
-- preview, revisions). It is an issue of its own kind, so it never appears where campaigns
-- do (the issue list, templates, sending, the archive and its feeds); at most one exists.
-- Whether it goes out is the instance setting 'welcome_mail' = 'on' (off until switched on).
ALTER TABLE issues ADD COLUMN kind TEXT NOT NULL DEFAULT 'campaign'
    CHECK (kind IN ('campaign', 'welcome'));
CREATE UNIQUE INDEX issues_one_welcome ON issues (kind) WHERE kind = 'welcome';

-- The welcome mails owed, written in the same transaction as the confirmation that asks for
-- them (OutboxStore::confirm_subscriber), and only while the mail is on and has a ready
-- variant. A job claims one with a lease before it sends and settles it after the server's
-- answer, like the confirmation mails, so a job that runs twice sends once; a repeated
-- confirmation finds the subscriber active and writes nothing.
CREATE TABLE welcome_mails (
    id            INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id),
    status        TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'sent', 'skipped', 'failed')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    due_at        TEXT NOT NULL,
    lease_until   TEXT,
    sent_at       TEXT
);
CREATE INDEX welcome_mails_due ON welcome_mails (due_at) WHERE status = 'pending';
CREATE INDEX welcome_mails_subscriber ON welcome_mails (subscriber_id);
