-- API tokens get a scope, an optional expiry and a revocation time (issue 22).
--
-- scope: 'read' (GET and HEAD only), 'write' (read plus changes to subscribers, lists,
-- issues, variants, imports) or 'send' (write plus sending, scheduling, pausing, resuming,
-- cancelling and test mails). Tokens created before this migration could do everything, so
-- they get 'send': nothing that worked before stops working.
--
-- revoked_at: revoking keeps the row (it used to be deleted), so the token list still shows
-- it, when it was last used and when it was revoked. A revoked or expired token is refused
-- like an unknown one.
--
-- last_used_at (from 0001) is now written at most once a minute per token, not on every
-- request: a busy integration would otherwise turn each read into a write, which on SQLite
-- queues behind the single writer (sends, sign-ups). A minute is precise enough for
-- "last used".
ALTER TABLE api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'send'
    CHECK (scope IN ('read', 'write', 'send'));
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
ALTER TABLE api_tokens ADD COLUMN revoked_at TEXT;
