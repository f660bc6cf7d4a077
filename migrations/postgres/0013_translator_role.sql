-- The translator role and a translator's languages (issues 21, 22).
--
-- role may now be 'translator'; languages: a translator's language codes, comma-separated
-- ('pl,ro'), the only variants they may edit; '' for every other role. Checked by
-- rundbrief_app::accounts on the way in. (SQLite rebuilds the table for the same result.)
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
    CHECK (role IN ('admin','editor','translator','viewer'));
ALTER TABLE users ADD COLUMN languages TEXT NOT NULL DEFAULT ''
    CONSTRAINT users_languages_check CHECK ((role = 'translator') = (languages <> ''));
