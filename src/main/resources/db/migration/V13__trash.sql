-- The trash (issue 14): a deleted post, page or comment is kept here 30 days, restorable, then purged for good. One
-- row per item, holding in payload (JSON) every row needed to put it back exactly with its original ids: a post's row,
-- labels, revisions, redirects and comments; a comment's row (and, deleted for good, its replies that went with it).
-- The live tables never hold trashed items, so no reading query, feed, count, search or export needs to know of this.
CREATE TABLE trash (
    id               ${id},
    blog_id          BIGINT NOT NULL REFERENCES blog (id) ON DELETE CASCADE,
    kind             TEXT   NOT NULL,          -- POST, PAGE or COMMENT
    item_id          BIGINT NOT NULL,          -- the post's or comment's id, given back on restore
    post_id          BIGINT,                   -- a comment's post (no foreign key: it may be in the trash itself)
    owner_id         BIGINT REFERENCES app_user (id) ON DELETE SET NULL,  -- the post's or comment's author
    title            TEXT   NOT NULL,          -- the post's title, or the start of the comment
    deleted_by       BIGINT REFERENCES app_user (id) ON DELETE SET NULL,
    deleted_by_name  TEXT   NOT NULL,
    deleted_at       BIGINT NOT NULL,
    payload          TEXT   NOT NULL
);
CREATE INDEX trash_blog ON trash (blog_id, deleted_at);
CREATE INDEX trash_deleted_at ON trash (deleted_at);
CREATE INDEX trash_item ON trash (kind, item_id);
