-- Comments, their moderation, and the notifications they cause.

ALTER TABLE blog ADD COLUMN moderation TEXT NOT NULL DEFAULT 'never';   -- never, always, older:N (days)

ALTER TABLE post ADD COLUMN comments_closed BOOLEAN NOT NULL DEFAULT FALSE;  -- no new comments
ALTER TABLE post ADD COLUMN comments_hidden BOOLEAN NOT NULL DEFAULT FALSE;  -- existing ones not shown either

CREATE TABLE comment (
    id            ${id},
    blog_id       BIGINT NOT NULL REFERENCES blog (id) ON DELETE CASCADE,
    post_id       BIGINT NOT NULL REFERENCES post (id) ON DELETE CASCADE,
    -- The thread: the top-level comment this one answers (one level of threading, as Blogger).
    parent_id     BIGINT REFERENCES comment (id) ON DELETE CASCADE,
    author_id     BIGINT REFERENCES app_user (id) ON DELETE SET NULL,
    author_name   TEXT   NOT NULL,
    author_url    TEXT,
    -- An anonymous author's browser: the SHA-256 of a cookie token, so they see their pending comment.
    visitor_hash  TEXT,
    body_html     TEXT   NOT NULL,
    body_text     TEXT   NOT NULL,            -- plain text, for notifications
    status        TEXT   NOT NULL,            -- LIVE, PENDING, SPAM, DELETED
    deleted_by    TEXT,                       -- AUTHOR or ADMIN, for the placeholder's wording
    spam_reason   TEXT,
    client_address TEXT,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX comment_post ON comment (post_id, created_at);
CREATE INDEX comment_blog_status ON comment (blog_id, status, created_at);

CREATE TABLE notification (
    id          ${id},
    user_id     BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    blog_id     BIGINT NOT NULL REFERENCES blog (id) ON DELETE CASCADE,
    post_id     BIGINT REFERENCES post (id) ON DELETE CASCADE,
    comment_id  BIGINT REFERENCES comment (id) ON DELETE CASCADE,
    kind        TEXT   NOT NULL,              -- NEW_COMMENT, COMMENT_WAITING
    created_at  BIGINT NOT NULL,
    read_at     BIGINT,
    emailed_at  BIGINT                        -- set when sent (or claimed for sending) by one node
);
CREATE INDEX notification_user ON notification (user_id, read_at, created_at);
CREATE INDEX notification_unsent ON notification (emailed_at);
