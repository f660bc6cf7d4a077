-- Images uploaded in the composer (issue 23). The image itself is stored in the database, so
-- `rundbrief backup` (and pg_dump) keeps it with the issues that show it. `name` is what the
-- URL /media/{name} says: the SHA-256 of the stored bytes, the size in pixels and the type's
-- extension, so a URL never changes its content (served as immutable) and the same image
-- uploaded twice is one row. `data` is the image as re-encoded on upload (scaled to the mail
-- width, without EXIF or any other metadata), never what was sent.
CREATE TABLE media (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    mime        TEXT NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    bytes       INTEGER NOT NULL,
    data        BLOB NOT NULL,
    uploaded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL
);
