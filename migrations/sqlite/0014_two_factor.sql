-- Two-factor sign-in (issue 22): TOTP (RFC 6238) with one-time recovery codes, and the
-- instance setting that requires it for every account.
--
-- user_two_factor: one row per account that has started or finished setting up TOTP.
-- secret is the shared TOTP key, encrypted with a key derived from the instance secret key
-- (rundbrief_app::two_factor), never stored in the clear; enabled_at is NULL while the
-- account has not yet confirmed a code (setup started, not finished). last_used_step is the
-- 30-second step of the last code accepted: a code is accepted only for a later step, so a
-- code seen once cannot be replayed within its window.
CREATE TABLE user_two_factor (
    user_id        INTEGER NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret         TEXT NOT NULL,
    enabled_at     TEXT,
    last_used_step INTEGER,
    created_at     TEXT NOT NULL
);

-- Recovery codes, by their SHA-256 only; used_at set when one is used, which it can be once.
CREATE TABLE recovery_codes (
    id        INTEGER PRIMARY KEY,
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at   TEXT,
    UNIQUE (user_id, code_hash)
);

-- Instance settings changed in the editor UI by administrators, one row per key.
-- 'require_two_factor' = 'true': every account must set up two-factor sign-in.
CREATE TABLE instance_settings (
    key        TEXT NOT NULL PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
