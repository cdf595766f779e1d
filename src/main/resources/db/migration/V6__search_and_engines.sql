-- Search engines may be asked to stay away from a blog; every change to what readers can find is logged, so that
-- each node keeps its own search index fresh (it catches up from the last sequence number it has applied).

ALTER TABLE blog ADD COLUMN hidden_from_engines BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE post_change (
    seq         ${id},
    blog_id     BIGINT NOT NULL,            -- no foreign keys: the log outlives what it speaks of
    post_id     BIGINT,                     -- NULL: the whole blog (deleted)
    changed_at  BIGINT NOT NULL
);
