-- Why an issue stopped by itself (e.g. paused after repeated SMTP failures); cleared by the
-- next status change.
ALTER TABLE issues ADD COLUMN status_reason TEXT;

-- Hourly and daily sending caps count what went out recently, across all issues and workers.
CREATE INDEX deliveries_sent_at ON deliveries (sent_at);
