-- Proof-of-work on the sign-up form (issue 23): a solved challenge may be used once. Its salt
-- is kept here until the challenge expires (a sign-up with it is refused after that anyway),
-- so every web process sees what another one accepted.
CREATE TABLE pow_spent (
    salt       TEXT PRIMARY KEY,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX pow_spent_expires ON pow_spent (expires_at);
