-- An import uploaded through the API or the editor UI runs as a background job. The row says
-- what was asked (options as JSON, the file's name, who), how far it got and, at the end, the
-- report (JSON: counts per outcome and the first rejected rows by line, column and reason).
-- The uploaded file itself lives in the data directory (`imports/{id}.csv`), so a server
-- killed mid-import resumes it: a runner claims a `queued` row, or a `running` row whose
-- lease ran out, and reads the file again from its start (every row is idempotent). `claim`
-- names the run that holds it: a runner that was taken over can write neither progress nor
-- the end of the job.
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    status      TEXT NOT NULL DEFAULT 'queued'
                CHECK (status IN ('queued', 'running', 'done', 'failed')),
    file_name   TEXT NOT NULL,
    consent     TEXT NOT NULL,
    options     TEXT NOT NULL,
    dry_run     INTEGER NOT NULL DEFAULT 0,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    started_at  TEXT,
    finished_at TEXT,
    lease_until TEXT,
    claim       TEXT,
    bytes_total INTEGER NOT NULL DEFAULT 0,
    bytes_done  INTEGER NOT NULL DEFAULT 0,
    rows_done   INTEGER NOT NULL DEFAULT 0,
    report      TEXT,
    error       TEXT
);
CREATE INDEX imports_open ON imports (id) WHERE status IN ('queued', 'running');
