-- Invitations and password resets by mail (issue 22). One row per link an administrator has
-- had sent: an invitation names the address, role, a translator's languages and the UI
-- language of the account it will create; a reset names the account whose password it sets.
--
-- The link itself is a signed token (rundbrief_core::token) whose subject is the row's id
-- and whose expiry is expires_at; nothing secret is stored. What makes it single-use is this
-- row: used_at is set in the same transaction that creates the account or sets the password,
-- and only while used_at and revoked_at are NULL and expires_at has not passed. The identity
-- column keeps ids from ever being handed out twice, so a link can never name a later row.
--
-- The mail is owed while mail_status is 'pending' (the same claim-and-settle as
-- confirmation_mails: a worker holds the row until mail_locked_until, so two workers or a
-- rerun never send it twice; a crash before settling sends it again after the lease).
CREATE TABLE account_links (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind              TEXT NOT NULL CHECK (kind IN ('invitation', 'reset')),
    -- invitation: the invited address (its normalised key in email_key); reset: NULL.
    email             TEXT,
    email_key         TEXT,
    -- reset: the account; invitation: the account created from it, once used.
    user_id           BIGINT REFERENCES users (id) ON DELETE CASCADE,
    role              TEXT,
    languages         TEXT NOT NULL DEFAULT '',
    -- The language of the mail and, for an invitation, of the new account's editor UI.
    language          TEXT NOT NULL,
    created_by        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    expires_at        TIMESTAMPTZ NOT NULL,
    used_at           TIMESTAMPTZ,
    revoked_at        TIMESTAMPTZ,
    mail_status       TEXT NOT NULL DEFAULT 'pending'
                      CHECK (mail_status IN ('pending', 'sent', 'skipped', 'failed')),
    mail_attempts     INTEGER NOT NULL DEFAULT 0,
    mail_due_at       TIMESTAMPTZ NOT NULL,
    mail_locked_until TIMESTAMPTZ,
    mail_sent_at      TIMESTAMPTZ
);

CREATE INDEX account_links_owed ON account_links (mail_due_at) WHERE mail_status = 'pending';
CREATE INDEX account_links_user ON account_links (user_id);
