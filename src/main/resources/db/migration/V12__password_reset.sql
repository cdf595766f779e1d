-- A password reset asked for by email (issue 14). The link carries a random token; only its SHA-256 is stored, so a
-- leaked table resets no password. used_at is set when the link is used: a second use is refused with its own message.
CREATE TABLE password_reset (
    token_hash  TEXT   PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);
CREATE INDEX password_reset_user ON password_reset (user_id);
