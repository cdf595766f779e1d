-- Images of a blog (issue 15). The bytes live in the media store (files under the data directory, or an S3 bucket)
-- under blogs/{blog_id}/{content_hash}/original, and its variants beside it; this row is what Carnet knows of them.
-- content_hash is the SHA-256 (hex) of the bytes served, which is also in the image's address: the same picture
-- uploaded twice to a blog is one image.
CREATE TABLE media (
    id             ${id},
    blog_id        BIGINT  NOT NULL REFERENCES blog (id) ON DELETE CASCADE,
    content_hash   TEXT    NOT NULL,
    original_name  TEXT    NOT NULL,            -- the file's name as uploaded (shown, searched; the address has a cleaned one)
    mime           TEXT    NOT NULL,            -- image/jpeg, image/png or image/gif: what is served
    width          INTEGER NOT NULL,            -- after EXIF orientation
    height         INTEGER NOT NULL,
    bytes          BIGINT  NOT NULL,            -- size of what is served (the quota counts these)
    alt            TEXT    NOT NULL DEFAULT '',
    uploader_id    BIGINT  REFERENCES app_user (id) ON DELETE SET NULL,
    created_at     BIGINT  NOT NULL,
    UNIQUE (blog_id, content_hash)
);
CREATE INDEX media_blog_created ON media (blog_id, created_at);
