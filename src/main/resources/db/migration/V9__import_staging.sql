-- An import writes its entries in short transactions into a blog row of its own that no reader can reach (its
-- name is not a blog name, and every lookup of blogs skips it): import_job names the import. One short final
-- transaction moves everything to the real blog at once, or the rows are deleted; other writers never wait for
-- the whole import.
ALTER TABLE blog ADD COLUMN import_job TEXT;
