-- Carnet foundation: accounts, sessions, blogs, membership, invitations, a first shape of posts.
-- ${id} is a 64-bit generated key (see store/Dialect). Times are epoch milliseconds, UTC.

CREATE TABLE app_user (
    id              ${id},
    email           TEXT    NOT NULL UNIQUE,       -- stored lower-cased
    display_name    TEXT    NOT NULL,
    password_hash   TEXT    NOT NULL,
    about           TEXT    NOT NULL DEFAULT '',
    language        TEXT,                          -- fr, en, or NULL to follow the browser
    instance_admin  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      BIGINT  NOT NULL
);

-- The cookie carries a random token; only its SHA-256 is stored, so a leaked table opens no session.
CREATE TABLE user_session (
    token_hash  TEXT   PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    csrf_token  TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX user_session_user ON user_session (user_id);

CREATE TABLE instance_setting (
    setting_key   TEXT PRIMARY KEY,
    setting_value TEXT NOT NULL
);

-- Fixed-window counters shared by every node (sign-in attempts per account and per address).
CREATE TABLE rate_limit (
    bucket        TEXT    PRIMARY KEY,
    window_start  BIGINT  NOT NULL,
    hits          INTEGER NOT NULL
);

CREATE TABLE blog (
    id              ${id},
    name            TEXT    NOT NULL UNIQUE,
    title           TEXT    NOT NULL,
    description     TEXT    NOT NULL DEFAULT '',
    language        TEXT    NOT NULL,
    time_zone       TEXT    NOT NULL,
    visibility      TEXT    NOT NULL,               -- PUBLIC or PRIVATE
    comment_policy  TEXT    NOT NULL,               -- ANYONE, REGISTERED, MEMBERS, NOBODY
    host            TEXT    UNIQUE,                 -- its own host name, lower-cased, or NULL
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);

CREATE TABLE blog_member (
    blog_id    BIGINT NOT NULL REFERENCES blog (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role       TEXT   NOT NULL,                     -- ADMIN, AUTHOR, READER
    joined_at  BIGINT NOT NULL,
    PRIMARY KEY (blog_id, user_id)
);
CREATE INDEX blog_member_user ON blog_member (user_id);

CREATE TABLE invitation (
    id           ${id},
    blog_id      BIGINT NOT NULL REFERENCES blog (id) ON DELETE CASCADE,
    token_hash   TEXT   NOT NULL UNIQUE,
    role         TEXT   NOT NULL,
    created_by   BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    accepted_by  BIGINT REFERENCES app_user (id) ON DELETE SET NULL,
    accepted_at  BIGINT
);
CREATE INDEX invitation_blog ON invitation (blog_id);

CREATE TABLE post (
    id            ${id},
    blog_id       BIGINT NOT NULL REFERENCES blog (id) ON DELETE CASCADE,
    author_id     BIGINT REFERENCES app_user (id) ON DELETE SET NULL,
    title         TEXT   NOT NULL,
    slug          TEXT   NOT NULL,
    body_html     TEXT   NOT NULL,
    status        TEXT   NOT NULL,                  -- DRAFT, SCHEDULED, PUBLISHED
    published_at  BIGINT,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX post_blog_published ON post (blog_id, status, published_at);
