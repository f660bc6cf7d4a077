-- Disabled accounts (issue 22): an administrator can disable an account instead of deleting
-- it, so what it did stays attributed. A disabled account cannot sign in and has no sessions
-- (they are deleted when it is disabled); NULL while the account is active.
ALTER TABLE users ADD COLUMN disabled_at TIMESTAMPTZ;
