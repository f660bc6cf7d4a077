-- Every save of an issue variant that changed its content (issue 21): who saved it (an
-- editor's account, or an API token; neither for the command line and the backfill), when,
-- the content, and for a translation the revision of the base-language variant it was made
-- from. Numbers count per (issue, language) and never restart, also when a variant is deleted
-- and written anew, so "made from revision n" keeps its meaning. A translation whose source
-- revision is older than the base variant's latest is stale.
CREATE TABLE variant_revisions (
    id              INTEGER PRIMARY KEY,
    issue_id        INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    language        TEXT NOT NULL,
    revision        INTEGER NOT NULL,
    subject         TEXT NOT NULL,
    preheader       TEXT NOT NULL,
    body_markdown   TEXT NOT NULL,
    author_user_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    author_token_id INTEGER REFERENCES api_tokens (id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    source_revision INTEGER,
    UNIQUE (issue_id, language, revision)
);

-- What exists today becomes revision 1; a translation counts as made from the base variant
-- as it is now, so nothing is stale after the upgrade.
INSERT INTO variant_revisions (issue_id, language, revision, subject, preheader, body_markdown,
                               created_at, source_revision)
SELECT v.issue_id, v.language, 1, v.subject, v.preheader, v.body_markdown, v.updated_at,
       CASE WHEN v.language <> i.base_language AND EXISTS (
                SELECT 1 FROM issue_variants b
                WHERE b.issue_id = v.issue_id AND b.language = i.base_language)
            THEN 1 END
FROM issue_variants v JOIN issues i ON i.id = v.issue_id;
