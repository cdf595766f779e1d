package org.carnet.post;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.carnet.blog.Blog;
import org.carnet.media.Media;
import org.carnet.media.ResponsiveImages;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What readers see of a blog: listings with Blogger's "older / newer posts" paging, single posts and pages,
 * the archive tree and the labels. Only visible posts, ever: never a draft, never a scheduled post before
 * its time (PostStore.VISIBLE is the one rule).
 */
public final class BlogReader {

    /**
     * A post with its labels, as listings and post pages show it; body and teaser are its HTML as readers get it
     * (the blog's images made responsive: media/ResponsiveImages).
     */
    public record Entry(Post post, List<String> labels, String body, String teaser) {

        /** As written, for a preview. */
        public Entry(Post post, List<String> labels) {
            this(post, labels, post.bodyHtml(), post.teaserHtml());
        }
    }

    /**
     * One page of a listing. olderMax: the updated-max of the next older page (null: none). newerMax: the
     * updated-max of the newer page (null: none); Instant.MAX means "the first page".
     */
    public record Listing(List<Entry> entries, Instant olderMax, Instant newerMax, int perPage) {
        public boolean hasNewer() {
            return newerMax != null;
        }

        public boolean newerIsFirstPage() {
            return Instant.MAX.equals(newerMax);
        }
    }

    /** The sidebar: static pages, archive tree, labels with counts. */
    public record Sidebar(List<Post> pages, List<ArchiveYear> archive, List<PostStore.LabelCount> labels) {
    }

    public record ArchiveYear(int year, int count, List<ArchiveMonth> months, boolean open) {
    }

    public record ArchiveMonth(int year, int month, int count) {
    }

    private final Jdbi jdbi;
    private final PostStore posts;
    private final Clock clock;
    /**
     * The sidebar counts every visible post of a blog: computed once per content version of the blog (which every
     * write readers can see raises, on any node or from the CLI), and at most 5 seconds old so that a scheduled
     * post's time is reflected too.
     */
    private final Cache<SidebarKey, Sidebar> sidebars = Caffeine.newBuilder()
            .maximumSize(1_000)
            .expireAfterWrite(Duration.ofSeconds(5))
            .build();

    private final ResponsiveImages images;

    public BlogReader(Jdbi jdbi, PostStore posts, Clock clock, ResponsiveImages images) {
        this.jdbi = jdbi;
        this.posts = posts;
        this.clock = clock;
        this.images = images;
    }

    /** The home page, or an older page of it (before = Blogger's updated-max). */
    public Listing home(Blog blog, Instant before, int perPage) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> listing(h, blog, null, before, perPage, now,
                posts.visible(h, blog.id(), now, before, perPage + 1)));
    }

    public Listing label(Blog blog, String label, Instant before, int perPage) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> listing(h, blog, label, before, perPage, now,
                posts.visibleWithLabel(h, blog.id(), label, now, before, perPage + 1)));
    }

    private Listing listing(Handle h, Blog blog, String label, Instant before, int perPage, Instant now,
                            List<Post> fetched) {
        boolean more = fetched.size() > perPage;
        List<Post> shown = more ? fetched.subList(0, perPage) : fetched;
        Instant older = more ? shown.get(shown.size() - 1).publishedAt() : null;
        Instant newer = null;
        if (before != null) {
            Instant anchor = shown.isEmpty() ? before.minusMillis(1) : shown.get(0).publishedAt();
            List<Instant> newerTimes = posts.visibleTimesAfter(h, blog.id(), label, now, anchor, perPage + 1);
            if (newerTimes.size() > perPage) {
                newer = newerTimes.get(perPage - 1).plusMillis(1);
            } else if (!newerTimes.isEmpty()) {
                newer = Instant.MAX;
            }
        }
        return new Listing(withLabels(h, shown), older, newer, perPage);
    }

    /**
     * Visible posts for a feed (label null: all of them), newest first, from position offset (0-based).
     * Feeds page by position, as Blogger's start-index does, not by date like the home page.
     */
    public List<Entry> feedPage(Blog blog, String label, int offset, int limit) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> withLabels(h, posts.visibleAt(h, blog.id(), label, now, offset, limit)));
    }

    /** A visible post (not a page) of the blog by its id. */
    public Optional<Entry> visiblePost(Blog blog, long id) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> posts.byId(h, blog.id(), id)
                .filter(p -> !p.isPage() && p.visibleAt(now))
                .map(p -> withLabels(h, List.of(p)).get(0)));
    }

    /** Posts of one month (month 0: the whole year), newest first. */
    public List<Entry> archive(Blog blog, int year, int month, int limit) {
        ZoneId zone = ZoneId.of(blog.timeZone());
        ZonedDateTime from = month == 0 ? ZonedDateTime.of(year, 1, 1, 0, 0, 0, 0, zone)
                : YearMonth.of(year, month).atDay(1).atStartOfDay(zone);
        ZonedDateTime to = month == 0 ? from.plusYears(1) : from.plusMonths(1);
        Instant now = clock.instant();
        return jdbi.withHandle(h -> withLabels(h,
                posts.visibleBetween(h, blog.id(), from.toInstant(), to.toInstant(), now, limit)));
    }

    public List<Entry> byAuthor(Blog blog, long authorId, int limit) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> withLabels(h, posts.visibleByAuthor(h, blog.id(), authorId, now, limit)));
    }

    /** A visible post or page at this path. */
    public Optional<Entry> atPath(Blog blog, String path) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> posts.byPath(h, blog.id(), path)
                .filter(p -> p.visibleAt(now))
                .map(p -> withLabels(h, List.of(p)).get(0)));
    }

    /** Where a post that used to be at path lives now (for a 301), if it is visible. */
    public Optional<String> movedTo(Blog blog, String path) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> posts.redirectTarget(h, blog.id(), path)
                .flatMap(target -> posts.byPath(h, blog.id(), target))
                .filter(p -> p.visibleAt(now))
                .map(Post::path));
    }

    /**
     * Where a post that used to be at one of these paths lives now (the first path that was one wins), if it is
     * visible: one request tries the spellings an old link may arrive in.
     */
    public Optional<String> movedTo(Blog blog, List<String> paths) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> {
            for (String path : paths) {
                Optional<String> moved = posts.redirectTarget(h, blog.id(), path)
                        .flatMap(target -> posts.byPath(h, blog.id(), target))
                        .filter(p -> p.visibleAt(now))
                        .map(Post::path);
                if (moved.isPresent()) {
                    return moved;
                }
            }
            return Optional.<String>empty();
        });
    }

    /** The labels of the blog's visible posts. */
    public List<String> labels(Blog blog) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> posts.visibleLabelCounts(h, blog.id(), now)).stream()
                .map(PostStore.LabelCount::label).toList();
    }

    /** Everyone who wrote a post or page of the blog. */
    public List<PostStore.Author> writers(Blog blog) {
        return jdbi.withHandle(h -> posts.authors(h, blog.id()));
    }

    /** The visible posts just older and just newer than this one. */
    public Optional<Post> neighbour(Post post, boolean older) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> posts.neighbour(h, post, now, older));
    }

    /** The visible posts just older and just newer than this one, read on one connection. */
    public Neighbours neighbours(Post post) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> new Neighbours(posts.neighbour(h, post, now, true).orElse(null),
                posts.neighbour(h, post, now, false).orElse(null)));
    }

    /** A post's neighbours, either null at the ends. */
    public record Neighbours(Post older, Post newer) {
    }

    /** When a scheduled post of the blog next becomes visible, if one is waiting. */
    public Optional<Instant> nextScheduled(Blog blog) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> posts.nextScheduled(h, blog.id(), now));
    }

    /** Every visible post and page (at most the 50,000 URLs a sitemap may hold). */
    public List<PostStore.SitemapEntry> sitemap(Blog blog) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> posts.sitemap(h, blog.id(), now, 50_000));
    }

    public Sidebar sidebar(Blog blog) {
        // Keyed by the blog's time zone too: a new time zone regroups the archive at once.
        return sidebars.get(new SidebarKey(blog.id(), blog.contentVersion(), blog.timeZone()),
                key -> computeSidebar(blog));
    }

    private record SidebarKey(long blogId, long contentVersion, String timeZone) {
    }

    private Sidebar computeSidebar(Blog blog) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> new Sidebar(posts.visiblePages(h, blog.id(), now),
                archiveTree(posts.visibleTimes(h, blog.id(), now), ZoneId.of(blog.timeZone())),
                posts.visibleLabelCounts(h, blog.id(), now)));
    }

    /** Years and months with their counts, newest first; the newest year is open. */
    static List<ArchiveYear> archiveTree(List<Instant> times, ZoneId zone) {
        Map<Integer, Map<Integer, Integer>> counts = new LinkedHashMap<>();
        for (Instant t : times) {
            ZonedDateTime z = t.atZone(zone);
            counts.computeIfAbsent(z.getYear(), y -> new LinkedHashMap<>()).merge(z.getMonthValue(), 1, Integer::sum);
        }
        List<ArchiveYear> years = new ArrayList<>();
        for (var year : counts.entrySet()) {
            List<ArchiveMonth> months = new ArrayList<>();
            int total = 0;
            for (var month : year.getValue().entrySet()) {
                months.add(new ArchiveMonth(year.getKey(), month.getKey(), month.getValue()));
                total += month.getValue();
            }
            years.add(new ArchiveYear(year.getKey(), total, months, years.isEmpty()));
        }
        return years;
    }

    /** The posts with their labels and their HTML as readers get it: one query each for labels and images. */
    private List<Entry> withLabels(Handle h, List<Post> list) {
        Map<Long, List<String>> labels = posts.labelsOf(h, list.stream().map(Post::id).toList());
        Set<String> hashes = new LinkedHashSet<>();
        list.forEach(p -> hashes.addAll(ResponsiveImages.hashesIn(p.bodyHtml())));
        Map<String, Media> found = list.isEmpty() ? Map.of() : images.find(h, list.get(0).blogId(), hashes);
        List<Entry> entries = new ArrayList<>(list.size());
        boolean imageBefore = false;
        for (Post p : list) {
            String body = ResponsiveImages.enrich(p.bodyHtml(), found, !imageBefore);
            String teaser = p.hasMore() ? ResponsiveImages.enrich(p.teaserHtml(), found, !imageBefore) : body;
            imageBefore |= !body.equals(p.bodyHtml());
            entries.add(new Entry(p, labels.getOrDefault(p.id(), List.of()), body, teaser));
        }
        return entries;
    }
}
