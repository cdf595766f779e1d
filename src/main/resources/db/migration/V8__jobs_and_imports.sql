-- Periodic jobs (publishing scheduled posts, sending notification emails, sweeping sessions) run on exactly one
-- node at a time: the node holding a job's lease runs it and renews the lease each time; a lease that is not
-- renewed (its node died or hangs) expires and the next node to ask takes the job over.
CREATE TABLE job_lease (
    name        TEXT PRIMARY KEY,
    holder      TEXT NOT NULL,               -- the node: host, port and a random id per start
    expires_at  BIGINT NOT NULL
);

-- An import started from the admin page: its progress is kept here so that any node can show it (a load
-- balancer sends the page's refreshes anywhere); the node running it writes its progress and a heartbeat.
CREATE TABLE import_job (
    id          TEXT PRIMARY KEY,
    blog_id     BIGINT NOT NULL REFERENCES blog (id) ON DELETE CASCADE,
    node        TEXT NOT NULL,
    done        BOOLEAN NOT NULL DEFAULT FALSE,
    entries     INTEGER NOT NULL DEFAULT 0,
    posts       INTEGER NOT NULL DEFAULT 0,
    comments    INTEGER NOT NULL DEFAULT 0,
    summary     TEXT,                        -- the finished import's summary (JSON), NULL until done
    error_key   TEXT,                        -- message key of a failure, NULL if none
    error_args  TEXT,                        -- its arguments (JSON array)
    started_at  BIGINT NOT NULL,
    beat_at     BIGINT NOT NULL              -- last sign of life of the node running it
);
