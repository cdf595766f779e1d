-- Posts and pages as authors write them and readers browse them.

ALTER TABLE blog ADD COLUMN posts_per_page INTEGER NOT NULL DEFAULT 7;

ALTER TABLE post ADD COLUMN kind TEXT NOT NULL DEFAULT 'POST';          -- POST or PAGE
ALTER TABLE post ADD COLUMN format TEXT NOT NULL DEFAULT 'HTML';        -- MARKDOWN or HTML: how source is written
ALTER TABLE post ADD COLUMN source TEXT NOT NULL DEFAULT '';            -- the body as the author wrote it
ALTER TABLE post ADD COLUMN summary_html TEXT;                          -- sanitised part before "read more"
ALTER TABLE post ADD COLUMN body_text TEXT NOT NULL DEFAULT '';         -- plain text, for descriptions
ALTER TABLE post ADD COLUMN search_description TEXT NOT NULL DEFAULT '';
-- The public path, e.g. /2022/01/slug.html or /p/slug.html; NULL until first scheduled or published.
ALTER TABLE post ADD COLUMN path TEXT;

UPDATE post SET source = body_html;

CREATE UNIQUE INDEX post_blog_path ON post (blog_id, path);
CREATE INDEX post_blog_kind_published ON post (blog_id, kind, published_at);

-- Labels of a post, as the author spelled them; one row per post and label.
CREATE TABLE post_label (
    post_id  BIGINT NOT NULL REFERENCES post (id) ON DELETE CASCADE,
    blog_id  BIGINT NOT NULL REFERENCES blog (id) ON DELETE CASCADE,
    label    TEXT   NOT NULL,
    PRIMARY KEY (post_id, label)
);
CREATE INDEX post_label_blog ON post_label (blog_id, label);

-- Old public paths of posts whose slug or date changed: answered with a 301 to the current path.
CREATE TABLE post_redirect (
    blog_id  BIGINT NOT NULL REFERENCES blog (id) ON DELETE CASCADE,
    path     TEXT   NOT NULL,
    post_id  BIGINT NOT NULL REFERENCES post (id) ON DELETE CASCADE,
    PRIMARY KEY (blog_id, path)
);

-- Earlier versions of a post, newest kept (see PostService.REVISIONS_KEPT).
CREATE TABLE post_revision (
    id                  ${id},
    post_id             BIGINT NOT NULL REFERENCES post (id) ON DELETE CASCADE,
    author_id           BIGINT REFERENCES app_user (id) ON DELETE SET NULL,
    created_at          BIGINT NOT NULL,
    title               TEXT   NOT NULL,
    format              TEXT   NOT NULL,
    source              TEXT   NOT NULL,
    labels              TEXT   NOT NULL,
    search_description  TEXT   NOT NULL,
    slug                TEXT   NOT NULL
);
CREATE INDEX post_revision_post ON post_revision (post_id, created_at);
