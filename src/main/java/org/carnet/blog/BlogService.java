package org.carnet.blog;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carnet.core.Problem;
import org.carnet.core.Viewer;
import org.carnet.store.BlogWrites;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The rules of blogs: create (the creator becomes its admin), change settings, delete, find. */
public final class BlogService {

    private final Jdbi jdbi;
    private final BlogStore blogs;
    private final MemberStore members;
    private final Access access;
    private final Clock clock;
    private final BlogWrites writes;

    public BlogService(Jdbi jdbi, BlogStore blogs, MemberStore members, Access access, Clock clock,
                       BlogWrites writes) {
        this.jdbi = jdbi;
        this.blogs = blogs;
        this.members = members;
        this.access = access;
        this.clock = clock;
        this.writes = writes;
    }

    /** Creates a blog owned by ownerId (its first admin). Settings are checked like any later change. */
    public Blog create(long ownerId, String name, Map<String, String> settings) {
        Blog blog = newBlog(name, settings);
        return jdbi.inTransaction(h -> create(h, ownerId, blog));
    }

    /**
     * What a new blog of that name would be, with those settings over every new blog's defaults, all checked;
     * nothing is stored. The name must be free (checked again when the blog is made).
     */
    public Blog newBlog(String name, Map<String, String> settings) {
        String checkedName = BlogName.check(name);
        if (jdbi.withHandle(h -> blogs.byName(h, checkedName)).isPresent()) {
            throw Problem.conflict("blog.name.taken", checkedName);
        }
        Instant now = clock.instant();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("title", "");
        all.put("language", "fr");
        all.put("time-zone", "Europe/Paris");
        all.putAll(settings);
        Blog blank = new Blog(0, checkedName, "", "", "fr", "Europe/Paris", Visibility.PUBLIC,
                CommentPolicy.REGISTERED, null, BlogSettings.DEFAULT_POSTS_PER_PAGE, "never", false, now, now, 0);
        return BlogSettings.apply(blank, all, now);
    }

    /**
     * Stores blog (made by {@link #newBlog}) in the caller's transaction, owned by ownerId, its first admin. Nothing
     * is cached of a blog that did not exist: no content version to raise.
     */
    public Blog create(Handle h, long ownerId, Blog blog) {
        if (blogs.byName(h, blog.name()).isPresent()) {
            throw Problem.conflict("blog.name.taken", blog.name());
        }
        if (blog.host() != null && blogs.hostTaken(h, blog.host(), 0)) {
            throw Problem.conflict("blog.host.taken", blog.host());
        }
        long id = blogs.insert(h, blog);
        members.insert(h, id, ownerId, Role.ADMIN, blog.createdAt());
        return blogs.byId(h, id).orElseThrow();
    }

    /** Applies setting changes asked for by a viewer (the form), after asking Access. */
    public Blog changeSettings(Viewer viewer, Blog blog, Map<String, String> changes) {
        access.require(viewer, blog, Action.CHANGE_SETTINGS);
        // A host name decides what a whole domain serves: only the instance's admins give one (as a host
        // verifies a domain before serving it), so that no blog can take over the instance's own name. Giving
        // one up is anyone's right.
        String host = changes.get("host");
        String wanted = host == null ? blog.host() : BlogSettings.host(host.strip());
        if (wanted != null && !wanted.equals(blog.host()) && !viewer.user().instanceAdmin()) {
            throw Problem.forbidden("blog.host.adminOnly");
        }
        return changeSettings(blog, changes);
    }

    /** Applies setting changes (the CLI, run by whoever holds the server). */
    public Blog changeSettings(Blog blog, Map<String, String> changes) {
        Blog changed = BlogSettings.apply(blog, changes, clock.instant());
        return writes.inTransaction(blog.id(), w -> {
            Handle h = w.handle();
            if (changed.host() != null && blogs.hostTaken(h, changed.host(), blog.id())) {
                throw Problem.conflict("blog.host.taken", changed.host());
            }
            blogs.update(h, changed);
            return blogs.byName(h, blog.name()).orElseThrow();
        });
    }

    /** Deletes the blog and everything in it; the viewer must confirm by typing its name. */
    public void delete(Viewer viewer, Blog blog, String confirmation) {
        access.require(viewer, blog, Action.DELETE_BLOG);
        if (!blog.name().equals(confirmation == null ? "" : confirmation.trim())) {
            throw Problem.invalid("blog.delete.confirmMismatch", blog.name());
        }
        writes.useTransaction(blog.id(), w -> {
            blogs.delete(w.handle(), blog.id());
            // Its posts go with it; every node's search index hears of it from the change log.
            w.blogGone(blog.id());
        });
        // Only now that no row names them: what lives outside the database (its images' files).
        for (java.util.function.LongConsumer l : deletedListeners) {
            try {
                l.accept(blog.id());
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(BlogService.class)
                        .warn("cleaning up after blog {} failed: {}", blog.id(), e.toString());
            }
        }
    }

    private final java.util.List<java.util.function.LongConsumer> deletedListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Told the id of each blog deleted, after the deletion committed: for what the database does not hold (the
     * media store's files). Features above blog listen here, so that blog needs to know none of them.
     */
    public void onDeleted(java.util.function.LongConsumer listener) {
        deletedListeners.add(listener);
    }

    /**
     * The blog as stored now. Every request of a public page asks this, so the whole row is read only when it
     * changed: a short query of its id, content version and update time (both raised by every change of the row,
     * on any node or by the CLI) says whether the Blog read last time is still it.
     */
    public Optional<Blog> find(String name) {
        return jdbi.withHandle(h -> {
            Optional<BlogStore.Version> now = blogs.versionByName(h, name);
            if (now.isEmpty()) {
                return Optional.<Blog>empty();
            }
            Blog known = recent.getIfPresent(name);
            if (known != null && now.get().of(known)) {
                return Optional.of(known);
            }
            Optional<Blog> read = blogs.byName(h, name);
            read.ifPresent(b -> recent.put(name, b));
            return read;
        });
    }

    /** Blogs as last read by find, by name (checked against the database at every use). */
    private final com.github.benmanes.caffeine.cache.Cache<String, Blog> recent =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000).build();

    public Blog require(String name) {
        return find(name).orElseThrow(() -> Problem.notFound("blog.notFound", name));
    }

    /** The blog a viewer is allowed to read, or the reason they are not. */
    public Blog requireReadable(Viewer viewer, String name) {
        return requireReadable(viewer, require(name));
    }

    /** The blog, if the viewer may read it (else sign in, or 403). */
    public Blog requireReadable(Viewer viewer, Blog blog) {
        access.require(viewer, blog, Action.READ);
        return blog;
    }

    /** Is this user a member of the blog (any role)? */
    public boolean isMember(Blog blog, long userId) {
        return jdbi.withHandle(h -> members.role(h, blog.id(), userId)).isPresent();
    }

    public Optional<Blog> byHost(String host) {
        return jdbi.withHandle(h -> blogs.byHost(h, host));
    }

    public List<BlogStore.MyBlog> blogsOf(Viewer viewer) {
        return jdbi.withHandle(h -> blogs.ofUser(h, viewer.userId()));
    }

    /** Every blog of the instance (robots.txt and the sitemap index decide per blog what engines may see). */
    public List<Blog> allBlogs() {
        return jdbi.withHandle(h -> blogs.all(h));
    }

    public List<Blog> publicBlogs() {
        return jdbi.withHandle(h -> blogs.publicBlogs(h, 50));
    }
}
