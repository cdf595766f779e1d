-- A blog's public pages change exactly when this number does: every write that changes what a reader sees
-- (posts, comments, settings) increments it in the same transaction, on whichever node or CLI made it, so each
-- node's cache of rendered anonymous pages is keyed by it and never serves a stale page.
ALTER TABLE blog ADD COLUMN content_version BIGINT NOT NULL DEFAULT 0;
