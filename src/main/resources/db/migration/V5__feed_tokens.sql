-- Private feed addresses: a member's feed reader has no cookie, so it carries ?token=... instead. Only the
-- token's SHA-256 is stored, so a leaked table opens no feed. One token per member and blog (regenerating
-- replaces it); it grants reading only while its owner is still a member (checked on every request).
CREATE TABLE feed_token (
    token_hash  TEXT   PRIMARY KEY,
    blog_id     BIGINT NOT NULL REFERENCES blog (id) ON DELETE CASCADE,
    user_id     BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    UNIQUE (blog_id, user_id)
);
