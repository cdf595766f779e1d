-- Imported blogs: every imported entry keeps its id in the export, so that importing the same file twice
-- changes nothing; authors without an account here are kept by name.

ALTER TABLE post ADD COLUMN source_id TEXT;
CREATE UNIQUE INDEX post_blog_source ON post (blog_id, source_id);
-- The name shown for a post whose author has no account here (imported), and where it links.
ALTER TABLE post ADD COLUMN guest_author TEXT;
ALTER TABLE post ADD COLUMN guest_author_url TEXT;

ALTER TABLE comment ADD COLUMN source_id TEXT;
-- The export's id of the comment answered, until the import has linked every reply to its thread.
ALTER TABLE comment ADD COLUMN source_parent_id TEXT;
CREATE UNIQUE INDEX comment_blog_source ON comment (blog_id, source_id);
