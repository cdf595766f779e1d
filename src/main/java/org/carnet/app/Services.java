package org.carnet.app;

import java.nio.file.Path;
import java.time.Clock;
import org.carnet.account.AccountService;
import org.carnet.account.SessionStore;
import org.carnet.account.UserStore;
import org.carnet.blog.Access;
import org.carnet.blog.BlogService;
import org.carnet.blog.BlogStore;
import org.carnet.blog.InvitationStore;
import org.carnet.blog.MemberStore;
import org.carnet.blog.MembershipService;
import org.carnet.instance.InstanceSettings;
import org.carnet.media.LocalMediaStore;
import org.carnet.media.MediaService;
import org.carnet.media.MediaStore;
import org.carnet.media.ResponsiveImages;
import org.carnet.media.S3MediaStore;
import org.carnet.comment.CommentService;
import org.carnet.core.Changes;
import org.carnet.core.Once;
import org.carnet.comment.CommentStore;
import org.carnet.comment.FormTimer;
import org.carnet.feed.FeedService;
import org.carnet.feed.FeedStore;
import org.carnet.feed.FeedTokenStore;
import org.carnet.feed.FeedTokens;
import org.carnet.notify.NotificationService;
import org.carnet.notify.NotificationStore;
import org.carnet.post.BlogReader;
import org.carnet.post.PostService;
import org.carnet.post.PostStore;
import org.carnet.store.BlogWrites;
import org.carnet.store.Database;
import org.carnet.trash.TrashService;
import org.carnet.trash.TrashStore;
import org.carnet.transfer.ImportService;
import org.carnet.transfer.ImportStore;
import org.carnet.store.RateLimitStore;

/** Every service of an instance, wired once over one database; the web server and the CLI share it. */
public final class Services implements AutoCloseable {

    public final Database db;
    public final Clock clock;
    public final InstanceSettings instance;
    public final AccountService accounts;
    public final Access access;
    public final BlogService blogs;
    public final MembershipService memberships;
    public final PostService posts;
    public final BlogReader reader;
    public final CommentService comments;
    public final NotificationService notifications;
    public final ImportService imports;
    /** Told after every committed change to what readers can find (the search index listens). */
    public final Changes changes = new Changes();
    /** The one way to write what readers see of a blog (see BlogWrites). */
    public final BlogWrites writes;
    public final FeedService feeds;
    public final FeedTokens feedTokens;
    /** Deleted posts, pages and comments, kept TrashService.KEPT and restorable. */
    public final TrashService trash;
    /** A blog's images: upload, library, serving (see media/MediaService). */
    public final MediaService media;

    /**
     * Over a database, with images in a folder of their own under the system's temporary directory: for tests and
     * benchmarks that do not look at them (a server's Services come from {@link #open}).
     */
    public Services(Database db, Clock clock) {
        // A folder of its own, made only if an image is ever added (LocalMediaStore creates nothing before).
        this(db, clock, Path.of(System.getProperty("java.io.tmpdir"),
                "carnet-media-" + org.carnet.core.Tokens.random().substring(0, 12)));
    }

    private Services(Database db, Clock clock, Path media) {
        this(db, clock, new LocalMediaStore(media), media.resolveSibling(media.getFileName() + "-incoming"));
    }

    /** mediaWork: where uploads wait while they are checked (same disk as the data, emptied at start). */
    public Services(Database db, Clock clock, MediaStore mediaStore, Path mediaWork) {
        this.db = db;
        this.clock = clock;
        var jdbi = db.jdbi();
        var users = new UserStore();
        var blogStore = new BlogStore();
        var memberStore = new MemberStore();
        this.writes = new BlogWrites(jdbi, clock, changes);
        this.instance = new InstanceSettings(jdbi);
        this.accounts = new AccountService(jdbi, users, new SessionStore(), new RateLimitStore(), instance, clock,
                writes);
        this.access = new Access(jdbi, memberStore);
        this.blogs = new BlogService(jdbi, blogStore, memberStore, access, clock, writes);
        this.memberships = new MembershipService(jdbi, memberStore, new InvitationStore(), blogStore, access, clock,
                writes);
        this.trash = new TrashService(jdbi, new TrashStore(), access, clock, writes);
        var postStore = new PostStore();
        this.posts = new PostService(jdbi, postStore, access, clock, writes, trash);
        this.reader = new BlogReader(jdbi, postStore, clock, new ResponsiveImages());
        var notificationStore = new NotificationStore();
        this.notifications = new NotificationService(jdbi, notificationStore, clock);
        this.media = new MediaService(jdbi, mediaStore, access, instance, clock, mediaWork);
        // An import fetches the old blog's images into the media library (temporary files beside the uploads').
        // On SQLite, an import rests between its transactions long enough for every waiting writer to get the lock.
        this.imports = new ImportService(jdbi, new ImportStore(), blogStore, blogs, postStore, clock, writes,
                db.dialect() == org.carnet.store.Dialect.SQLITE ? java.time.Duration.ofMillis(110)
                        : java.time.Duration.ZERO, media, mediaWork);
        this.comments = new CommentService(jdbi, new CommentStore(), notificationStore, memberStore,
                new RateLimitStore(), access, Once.of(() -> new FormTimer(instance.secret("comment-form"), clock)), clock,
                writes, trash);
        this.feeds = new FeedService(jdbi, reader, comments, new FeedStore(), clock);
        this.feedTokens = new FeedTokens(jdbi, new FeedTokenStore(), memberStore, access, clock);
        blogs.onDeleted(media::blogDeleted);
    }

    public static Services open(Config config) {
        Database db = Database.open(config.jdbcUrl(), config.poolSize());
        MediaStore store = config.media().open(config.dataDir());
        if (store instanceof S3MediaStore s3) {
            try {
                s3.createBucketIfMissing();
            } catch (java.io.IOException e) {
                // Perhaps not allowed to look: the first upload will say whether the bucket is there.
                org.slf4j.LoggerFactory.getLogger(Services.class).warn("checking the media bucket: {}", e.toString());
            }
        }
        return new Services(db, Clock.systemUTC(), store, config.dataDir().resolve("media-incoming"));
    }

    @Override
    public void close() {
        media.store().close();
        db.close();
    }
}
