-- The language an account chose for the editor UI (issue 22): 'de' or 'en', saved when the
-- signed-in account picks one with the language switch, and used on every device before the
-- browser's cookie and Accept-Language. NULL until it chooses.
ALTER TABLE users ADD COLUMN ui_language TEXT;
