-- PostgreSQL only: every node LISTENs on carnet_changes and hears at once, whichever node or CLI wrote, that a
-- blog's name or host name changed or that it was deleted (payload blog:<id>: nodes map host names to blogs), or
-- that the change log grew (payload log: nodes bring their search index up to date). Comments and settings need
-- no notification: every request reads its blog's content version, which they raise.
-- Notifications are delivered on commit and never instead of the change log: a node that missed some (it was
-- restarting, its connection dropped) still catches up from the log and from each blog's content_version.
CREATE FUNCTION carnet_notify_blog() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('carnet_changes', 'blog:' || OLD.id);
    ELSE
        PERFORM pg_notify('carnet_changes', 'blog:' || NEW.id);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- Only when the name or host really changes: a settings form always writes the host column, even unchanged.
CREATE TRIGGER blog_renamed AFTER UPDATE OF name, host ON blog
    FOR EACH ROW WHEN (OLD.host IS DISTINCT FROM NEW.host OR OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION carnet_notify_blog();

CREATE TRIGGER blog_created_with_host AFTER INSERT ON blog
    FOR EACH ROW WHEN (NEW.host IS NOT NULL) EXECUTE FUNCTION carnet_notify_blog();

CREATE TRIGGER blog_deleted AFTER DELETE ON blog
    FOR EACH ROW EXECUTE FUNCTION carnet_notify_blog();

CREATE FUNCTION carnet_notify_log() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('carnet_changes', 'log');
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER post_change_logged AFTER INSERT ON post_change
    FOR EACH STATEMENT EXECUTE FUNCTION carnet_notify_log();
