-- The public archive (issue 23): whether a sent issue is listed at /archive and its web
-- version served to anyone. On by default, so an issue is public unless the editor says no.
-- Its slug is not stored: it is made from the id and the title (rundbrief_app::archive), and
-- the id alone finds the issue, so a later title change does not break old links.
ALTER TABLE issues ADD COLUMN public BOOLEAN NOT NULL DEFAULT TRUE;
