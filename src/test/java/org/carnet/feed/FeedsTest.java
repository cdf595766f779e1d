package org.carnet.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.carnet.blog.Blog;
import org.carnet.blog.Role;
import org.carnet.comment.Comment;
import org.carnet.comment.CommentDraft;
import org.carnet.comment.CommentStore;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.BodyFormat;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.WebClient.Response;
import org.carnet.testkit.WebClient;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Atom and RSS feeds at Blogger's URLs, read back with Rome (and as raw XML for thr:total): what they contain
 * and never contain, order, paging, escaping, conditional GET, and private blogs' feed tokens.
 */
class FeedsTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    private static final String TRICKY = "Fish & <Chips> \"quoted\"";

    private static User author;
    private static Blog blog;
    private static long first;
    private static long tricky;
    private static long third;
    private static long fifth;
    private static long draft;
    private static long scheduled;

    /** Five posts on five days of January 2022, a draft, a post scheduled for 2099, and comments of each status. */
    @BeforeAll
    static void aBlogWithPostsAndComments() {
        author = carnet.user("autrice@feed.test", "Autrice Éloïse", "mot de passe des flux");
        blog = carnet.blog(author, "flux", "language", "fr", "title", "Carnet d’été & co",
                "description", "Des « recettes » à l’œil");
        first = write("Premier", "2022-01-01T09:00", "Cuisine", "<p>Un.</p>");
        tricky = write(TRICKY, "2022-01-02T09:00", "Cuisine, Été",
                "<p>Crème brûlée &amp; <b>gras</b> — déjà vu.</p>");
        third = write("Troisième", "2022-01-03T09:00", "", "<p>" + "Mot long ".repeat(60) + "fin.</p>");
        write("Quatrième", "2022-01-04T09:00", "", "<p>Quatre.</p>");
        fifth = write("Cinquième", "2022-01-05T09:00", "", "<p>Cinq.</p>");
        draft = carnet.services().posts.create(Viewer.of(author), blog, new PostInput(Post.Kind.POST,
                "Brouillon secret", BodyFormat.HTML, "<p>Non.</p>", "Cuisine", "", "", ""),
                PostService.Intent.SAVE_DRAFT);
        scheduled = write("Futur secret", "2099-01-01T09:00", "Cuisine", "<p>Pas encore.</p>");

        comment(tricky, "Très bon « plat » !");
        comment(tricky, "Deuxième avis.");
        comment(fifth, "Sur le cinquième.");
        hidden(tricky, Comment.Status.PENDING, "EN ATTENTE");
        hidden(tricky, Comment.Status.SPAM, "POURRIEL");
    }

    private static long write(String title, String at, String labels, String html) {
        return carnet.services().posts.create(Viewer.of(author), blog, new PostInput(Post.Kind.POST, title,
                BodyFormat.HTML, html, labels, "", "", at), PostService.Intent.PUBLISH);
    }

    /** A member's comment: live at once, no form token needed. */
    private static void comment(long postId, String text) {
        carnet.clock().advance(Duration.ofSeconds(1));
        carnet.services().comments.submit(Viewer.of(author), blog, post(postId),
                new CommentDraft(text, null, null, null, "", null, null, "10.0.0.9"));
    }

    private static void hidden(long postId, Comment.Status status, String text) {
        carnet.clock().advance(Duration.ofSeconds(1));
        carnet.services().db.jdbi().useHandle(h -> new CommentStore().insert(h, new CommentStore.NewComment(
                blog.id(), postId, null, null, "Inconnu", null, null, "<p>" + text + "</p>", text, status,
                status == Comment.Status.SPAM ? "test" : null, "10.0.0.8"), carnet.clock().instant()));
    }

    private static Post post(long id) {
        return carnet.services().reader.visiblePost(blog, id).orElseThrow().post();
    }

    private static SyndFeed parse(Response r) throws Exception {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return new SyndFeedInput().build(new StringReader(r.body()));
    }

    private static List<String> titles(SyndFeed feed) {
        return feed.getEntries().stream().map(SyndEntry::getTitle).toList();
    }

    private static Document xml(Response r) {
        return Jsoup.parse(r.body(), "", Parser.xmlParser());
    }

    private static String link(SyndFeed feed, String rel) {
        return feed.getLinks().stream().filter(l -> rel.equals(l.getRel())).map(SyndLink::getHref).findFirst()
                .orElse(null);
    }

    private static SyndEntry entry(SyndFeed feed, String title) {
        return feed.getEntries().stream().filter(e -> e.getTitle().equals(title)).findFirst().orElseThrow();
    }

    @Test
    void theAtomFeedHasTheVisiblePostsNewestFirstWithIdsLinksLabelsAndCommentCounts() throws Exception {
        Response r = carnet.client().get("/flux/feeds/posts/default");
        assertThat(r.header("Content-Type")).startsWith("application/atom+xml");
        SyndFeed feed = parse(r);
        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getTitle()).isEqualTo("Carnet d’été & co");
        assertThat(feed.getDescription()).isEqualTo("Des « recettes » à l’œil");
        assertThat(titles(feed)).containsExactly("Cinquième", "Quatrième", "Troisième", TRICKY, "Premier");
        assertThat(r.body()).doesNotContain("Brouillon secret").doesNotContain("Futur secret");
        assertThat(link(feed, "alternate")).isEqualTo(carnet.baseUrl() + "/flux/");
        assertThat(link(feed, "self")).isEqualTo(carnet.baseUrl() + "/flux/feeds/posts/default");
        assertThat(link(feed, "next")).isNull();
        assertThat(feed.getUri()).matches("tag:localhost,\\d{4}:blog-" + blog.id());

        SyndEntry e = entry(feed, TRICKY);
        assertThat(e.getUri()).matches("tag:localhost,\\d{4}:blog-" + blog.id() + "\\.post-" + tricky);
        assertThat(e.getLink()).isEqualTo(carnet.baseUrl() + "/flux" + post(tricky).path());
        assertThat(e.getAuthor()).isEqualTo("Autrice Éloïse");
        assertThat(e.getContents().get(0).getType()).isEqualTo("html");
        assertThat(e.getContents().get(0).getValue()).contains("Crème brûlée &amp; <b>gras</b> — déjà vu.");
        assertThat(e.getCategories()).extracting(SyndCategory::getName).containsExactly("Cuisine", "Été");
        assertThat(e.getCategories()).extracting(SyndCategory::getTaxonomyUri)
                .containsOnly("http://www.blogger.com/atom/ns#");
        assertThat(e.getPublishedDate().toInstant()).isEqualTo(post(tricky).publishedAt());
        assertThat(e.getUpdatedDate()).isNotNull();
        assertThat(e.getLinks()).extracting(SyndLink::getHref)
                .contains(carnet.baseUrl() + "/flux/feeds/" + tricky + "/comments/default");

        // thr:total: live comments only (the pending and the spam one are not counted).
        Document doc = xml(r);
        assertThat(doc.select("entry").stream().map(x -> x.selectFirst("title").text() + "="
                + x.getElementsByTag("thr:total").text()).toList())
                .containsExactly("Cinquième=1", "Quatrième=0", "Troisième=0", TRICKY + "=2", "Premier=0");
        // The raw XML escapes the title once, no more.
        assertThat(r.body()).contains("Fish &amp; &lt;Chips&gt; \"quoted\"");
    }

    @Test
    void rssCarriesTheSameEntriesWithGuidsAndCommentCounts() throws Exception {
        Response r = carnet.client().get("/flux/feeds/posts/default?alt=rss");
        assertThat(r.header("Content-Type")).startsWith("application/rss+xml");
        SyndFeed feed = parse(r);
        assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
        assertThat(feed.getTitle()).isEqualTo("Carnet d’été & co");
        assertThat(feed.getLink()).isEqualTo(carnet.baseUrl() + "/flux/");
        assertThat(titles(feed)).containsExactly("Cinquième", "Quatrième", "Troisième", TRICKY, "Premier");
        SyndEntry e = entry(feed, TRICKY);
        assertThat(e.getUri()).endsWith(":blog-" + blog.id() + ".post-" + tricky);
        assertThat(e.getLink()).isEqualTo(carnet.baseUrl() + "/flux" + post(tricky).path());
        assertThat(e.getDescription().getValue()).contains("<b>gras</b>");
        assertThat(e.getCategories()).extracting(SyndCategory::getName).containsExactly("Cuisine", "Été");
        Document doc = xml(r);
        assertThat(doc.select("item").stream().map(x -> x.getElementsByTag("thr:total").text()).toList())
                .containsExactly("1", "0", "0", "2", "0");
        assertThat(doc.getElementsByTag("atom:link").attr("rel")).isEqualTo("self");
        assertThat(doc.getElementsByTag("atom:link").attr("href"))
                .isEqualTo(carnet.baseUrl() + "/flux/feeds/posts/default?alt=rss");
    }

    @Test
    void theSummaryFeedCarriesTheBeginningAsTextNotTheHtml() throws Exception {
        SyndFeed summary = parse(carnet.client().get("/flux/feeds/posts/summary"));
        assertThat(titles(summary)).containsExactly("Cinquième", "Quatrième", "Troisième", TRICKY, "Premier");
        SyndEntry e = entry(summary, TRICKY);
        assertThat(e.getContents()).isEmpty();
        assertThat(e.getDescription().getType()).isEqualTo("text");
        assertThat(e.getDescription().getValue()).isEqualTo("Crème brûlée & gras — déjà vu.");
        String longOne = entry(summary, "Troisième").getDescription().getValue();
        assertThat(longOne).startsWith("Mot long Mot long").endsWith("…").doesNotContain("fin.");
        assertThat(longOne.length()).isLessThanOrEqualTo(FeedWriter.SUMMARY_CHARS + 1);

        SyndFeed full = parse(carnet.client().get("/flux/feeds/posts/default"));
        assertThat(entry(full, "Troisième").getContents().get(0).getValue()).contains("fin.");
        assertThat(entry(full, "Troisième").getDescription()).isNull();
    }

    @Test
    void pagesFollowStartIndexAndLinkNextExactlyWhenMoreFollow() throws Exception {
        WebClient c = carnet.client();
        SyndFeed one = parse(c.get("/flux/feeds/posts/default?max-results=2"));
        assertThat(titles(one)).containsExactly("Cinquième", "Quatrième");
        assertThat(link(one, "next")).isEqualTo(carnet.baseUrl()
                + "/flux/feeds/posts/default?max-results=2&start-index=3");
        SyndFeed two = parse(c.get(link(one, "next")));
        assertThat(titles(two)).containsExactly("Troisième", TRICKY);
        SyndFeed three = parse(c.get(link(two, "next")));
        assertThat(titles(three)).containsExactly("Premier");
        assertThat(link(three, "next")).isNull();
        assertThat(titles(parse(c.get("/flux/feeds/posts/default?max-results=5")))).hasSize(5);
        assertThat(link(parse(c.get("/flux/feeds/posts/default?max-results=5")), "next")).isNull();
        assertThat(link(parse(c.get("/flux/feeds/posts/default?max-results=4")), "next")).isNotNull();

        // Out of range is brought into range: at least one entry, from the first.
        assertThat(titles(parse(c.get("/flux/feeds/posts/default?max-results=0")))).containsExactly("Cinquième");
        assertThat(titles(parse(c.get("/flux/feeds/posts/default?max-results=9999")))).hasSize(5);
        assertThat(titles(parse(c.get("/flux/feeds/posts/default?start-index=-4&max-results=1"))))
                .containsExactly("Cinquième");
        assertThat(titles(parse(c.get("/flux/feeds/posts/default?start-index=50")))).isEmpty();

        SyndFeed rss = parse(c.get("/flux/feeds/posts/default?alt=rss&max-results=3"));
        assertThat(xml(c.get("/flux/feeds/posts/default?alt=rss&max-results=3")).select("channel > *")
                .stream().filter(x -> x.tagName().equals("atom:link") && x.attr("rel").equals("next"))
                .map(x -> x.attr("href")).toList())
                .containsExactly(carnet.baseUrl() + "/flux/feeds/posts/default?alt=rss&max-results=3&start-index=4");
        assertThat(titles(rss)).hasSize(3);
    }

    @Test
    void badParametersAreRefusedWithAClearMessage() {
        WebClient c = carnet.client();
        Response notNumber = c.get("/flux/feeds/posts/default?max-results=beaucoup");
        assertThat(notNumber.status()).isEqualTo(400);
        assertThat(notNumber.text()).contains("max-results doit être un nombre entier");
        Response badStart = c.get("/flux/feeds/comments/default?start-index=1.5");
        assertThat(badStart.status()).isEqualTo(400);
        assertThat(badStart.text()).contains("start-index doit être un nombre entier de 1 à 100000");
        assertThat(c.get("/flux/feeds/posts/default?start-index=100001").status()).isEqualTo(400);
        assertThat(c.get("/flux/feeds/posts/default?start-index=99999999999").status()).isEqualTo(400);
        Response alt = c.get("/flux/feeds/posts/default?alt=json");
        assertThat(alt.status()).isEqualTo(400);
        assertThat(alt.text()).contains("alt doit valoir atom ou rss.");
        assertThat(c.get("/nowhere/feeds/posts/default").status()).isEqualTo(404);
        assertThat(c.get("/flux/feeds/posts/other").status()).isEqualTo(404);
    }

    @Test
    void aLabelFeedHasOnlyThatLabelsVisiblePosts() throws Exception {
        SyndFeed cuisine = parse(carnet.client().get("/flux/feeds/posts/default/-/Cuisine"));
        assertThat(titles(cuisine)).containsExactly(TRICKY, "Premier");
        assertThat(cuisine.getTitle()).isEqualTo("Carnet d’été & co\u00a0: Cuisine");
        assertThat(link(cuisine, "self")).isEqualTo(carnet.baseUrl() + "/flux/feeds/posts/default/-/Cuisine");
        SyndFeed ete = parse(carnet.client().get("/flux/feeds/posts/default/-/%C3%89t%C3%A9?alt=rss"));
        assertThat(titles(ete)).containsExactly(TRICKY);
        SyndFeed summary = parse(carnet.client().get("/flux/feeds/posts/summary/-/Cuisine?max-results=1"));
        assertThat(titles(summary)).containsExactly(TRICKY);
        assertThat(link(summary, "next")).isEqualTo(carnet.baseUrl()
                + "/flux/feeds/posts/summary/-/Cuisine?max-results=1&start-index=2");
        assertThat(parse(carnet.client().get("/flux/feeds/posts/default/-/Inconnu")).getEntries()).isEmpty();
    }

    @Test
    void commentFeedsHaveOnlyLiveCommentsNewestFirst() throws Exception {
        Response all = carnet.client().get("/flux/feeds/comments/default");
        SyndFeed feed = parse(all);
        assertThat(feed.getTitle()).isEqualTo("Carnet d’été & co\u00a0: commentaires");
        assertThat(feed.getEntries()).extracting(e -> e.getContents().get(0).getValue())
                .satisfiesExactly(
                        v -> assertThat(v).contains("Sur le cinquième."),
                        v -> assertThat(v).contains("Deuxième avis."),
                        v -> assertThat(v).contains("Très bon « plat » !"));
        assertThat(all.body()).doesNotContain("EN ATTENTE").doesNotContain("POURRIEL");
        SyndEntry newest = feed.getEntries().get(0);
        assertThat(newest.getAuthor()).isEqualTo("Autrice Éloïse");
        assertThat(newest.getLink()).startsWith(carnet.baseUrl() + "/flux" + post(fifth).path() + "#c");
        assertThat(newest.getUri()).contains(":blog-" + blog.id() + ".post-" + fifth + ".comment-");
        assertThat(xml(all).getElementsByTag("thr:in-reply-to").first().attr("href"))
                .isEqualTo(carnet.baseUrl() + "/flux" + post(fifth).path());

        SyndFeed onePost = parse(carnet.client().get("/flux/feeds/" + tricky + "/comments/default"));
        assertThat(onePost.getTitle()).isEqualTo("Carnet d’été & co\u00a0: commentaires sur «\u00a0" + TRICKY + "\u00a0»");
        assertThat(onePost.getEntries()).extracting(SyndEntry::getTitle)
                .containsExactly("Deuxième avis.", "Très bon « plat » !");
        SyndFeed paged = parse(carnet.client().get("/flux/feeds/" + tricky + "/comments/default?max-results=1"));
        assertThat(paged.getEntries()).hasSize(1);
        assertThat(link(paged, "next")).endsWith("/flux/feeds/" + tricky + "/comments/default?max-results=1&start-index=2");
        SyndFeed rss = parse(carnet.client().get("/flux/feeds/" + tricky + "/comments/default?alt=rss"));
        assertThat(rss.getEntries()).hasSize(2);
        assertThat(parse(carnet.client().get("/flux/feeds/" + first + "/comments/default")).getEntries()).isEmpty();

        // Only visible posts have a comment feed.
        assertThat(carnet.client().get("/flux/feeds/" + draft + "/comments/default").status()).isEqualTo(404);
        assertThat(carnet.client().get("/flux/feeds/" + scheduled + "/comments/default").status()).isEqualTo(404);
        assertThat(carnet.client().get("/flux/feeds/999999/comments/default").status()).isEqualTo(404);
        assertThat(carnet.client().get("/flux/feeds/abc/comments/default").status()).isEqualTo(404);
    }

    @Test
    void aScheduledPostAppearsOnceItsTimeHasCome() throws Exception {
        User owner = carnet.user("horloge@feed.test", "Horloge", "mot de passe des flux");
        Blog later = carnet.blog(owner, "plustard", "language", "en");
        carnet.services().posts.create(Viewer.of(owner), later, new PostInput(Post.Kind.POST, "Soon",
                BodyFormat.HTML, "<p>Soon.</p>", "", "", "",
                carnet.clock().instant().plus(Duration.ofHours(2)).atZone(java.time.ZoneId.of(later.timeZone()))
                        .toLocalDateTime().withSecond(0).withNano(0).toString()), PostService.Intent.PUBLISH);
        assertThat(parse(carnet.client().get("/plustard/feeds/posts/default")).getEntries()).isEmpty();
        carnet.clock().advance(Duration.ofHours(3));
        assertThat(titles(parse(carnet.client().get("/plustard/feeds/posts/default")))).containsExactly("Soon");
    }

    @Test
    void conditionalGetsAnswer304UntilTheFeedChanges() throws Exception {
        User owner = carnet.user("cache@feed.test", "Cache", "mot de passe des flux");
        Blog cached = carnet.blog(owner, "cache", "language", "en");
        long id = carnet.services().posts.create(Viewer.of(owner), cached, new PostInput(Post.Kind.POST, "Cached",
                BodyFormat.HTML, "<p>Once.</p>", "", "", "", "2022-03-01T10:00"), PostService.Intent.PUBLISH);
        WebClient c = carnet.client();
        Response r = c.get("/cache/feeds/posts/default");
        String etag = r.header("ETag");
        String lastModified = r.header("Last-Modified");
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        assertThat(lastModified).endsWith("GMT");

        Response again = c.get("/cache/feeds/posts/default", "If-None-Match", etag);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(c.get("/cache/feeds/posts/default", "If-None-Match", "\"other\", W/" + etag).status())
                .isEqualTo(304);
        assertThat(c.get("/cache/feeds/posts/default", "If-Modified-Since", lastModified).status()).isEqualTo(304);
        assertThat(c.get("/cache/feeds/posts/default", "If-None-Match", "\"other\"").status()).isEqualTo(200);
        assertThat(c.get("/cache/feeds/posts/default", "If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT")
                .status()).isEqualTo(200);
        // Another representation is another document.
        assertThat(c.get("/cache/feeds/posts/default?alt=rss", "If-None-Match", etag).status()).isEqualTo(200);

        // A new comment changes the post's thr:total, hence the feed and its ETag.
        carnet.clock().advance(Duration.ofSeconds(1));
        Post post = carnet.services().reader.visiblePost(cached, id).orElseThrow().post();
        carnet.services().comments.submit(Viewer.of(owner), cached, post,
                new CommentDraft("New.", null, null, null, "", null, null, "10.0.0.7"));
        Response changed = c.get("/cache/feeds/posts/default", "If-None-Match", etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        Response comments = c.get("/cache/feeds/comments/default");
        assertThat(c.get("/cache/feeds/comments/default", "If-None-Match", comments.header("ETag")).status())
                .isEqualTo(304);
    }

    @Test
    void aPublicFeedIsServedFromThePageCacheWithItsHeadersAndANewPostShowsAtOnce() throws Exception {
        User owner = carnet.user("memoire@feed.test", "Mémoire", "mot de passe des flux");
        Blog kept = carnet.blog(owner, "memoire", "language", "en");
        carnet.services().posts.create(Viewer.of(owner), kept, new PostInput(Post.Kind.POST, "Kept",
                BodyFormat.HTML, "<p>Kept.</p>", "", "", "", "2022-03-01T10:00"), PostService.Intent.PUBLISH);
        Response first = carnet.client().get("/memoire/feeds/posts/default");
        Response second = carnet.client().get("/memoire/feeds/posts/default");
        assertThat(first.header(org.carnet.web.PageCache.HEADER)).isEqualTo("miss");
        assertThat(second.header(org.carnet.web.PageCache.HEADER)).isEqualTo("hit");
        assertThat(second.body()).isEqualTo(first.body());
        for (String h : new String[] {"ETag", "Last-Modified", "Cache-Control", "Content-Type"}) {
            assertThat(second.header(h)).as(h).isEqualTo(first.header(h));
        }
        Response notModified = carnet.client().get("/memoire/feeds/posts/default", "If-Modified-Since",
                first.header("Last-Modified"));
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.header(org.carnet.web.PageCache.HEADER)).isEqualTo("hit");
        // RSS is another document, kept apart.
        assertThat(carnet.client().get("/memoire/feeds/posts/default?alt=rss").header("Content-Type"))
                .startsWith("application/rss+xml");

        carnet.services().posts.create(Viewer.of(owner), kept, new PostInput(Post.Kind.POST, "Fresh",
                BodyFormat.HTML, "<p>Fresh.</p>", "", "", "", "2022-03-02T10:00"), PostService.Intent.PUBLISH);
        Response after = carnet.client().get("/memoire/feeds/posts/default", "If-None-Match", first.header("ETag"));
        assertThat(after.status()).isEqualTo(200);
        assertThat(titles(parse(after))).containsExactly("Fresh", "Kept");
    }

    @Test
    void aPrivateBlogsFeedsAreForMembersAndTheirTokensOnly() throws Exception {
        User owner = carnet.user("prive@feed.test", "Propriétaire", "mot de passe des flux");
        Blog secret = carnet.blog(owner, "cachette", "language", "en", "visibility", "private");
        carnet.services().posts.create(Viewer.of(owner), secret, new PostInput(Post.Kind.POST, "Members only",
                BodyFormat.HTML, "<p>Hush.</p>", "", "", "", "2022-03-01T10:00"), PostService.Intent.PUBLISH);

        Response anonymous = carnet.client().get("/cachette/feeds/posts/default");
        assertThat(anonymous.status()).isIn(302, 303, 401, 403);
        assertThat(anonymous.body()).doesNotContain("Members only");
        assertThat(carnet.client().get("/cachette/feeds/comments/default").body()).doesNotContain("Hush");

        // A member: by their session, and by a token of their own for their feed reader.
        WebClient member = carnet.signedIn("lectrice@feed.test", "mot de passe des flux");
        User reader = carnet.services().accounts.byEmail("lectrice@feed.test").orElseThrow();
        var invitation = carnet.services().memberships.invite(Viewer.of(owner), secret, Role.READER);
        carnet.services().memberships.accept(Viewer.of(reader), invitation.token());
        assertThat(titles(parse(member.get("/cachette/feeds/posts/default")))).containsExactly("Members only");

        Response page = member.get("/cachette/admin/feed-token");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.doc().select(".feed-token-none")).hasSize(1);
        Response made = member.submit(page, "form#feed-token", Map.of());
        assertThat(made.status()).isEqualTo(200);
        String url = made.doc().selectFirst("input.feed-url").attr("value");
        assertThat(url).startsWith(carnet.baseUrl() + "/cachette/feeds/posts/default?token=");
        String token = url.substring(url.indexOf("token=") + 6);
        long stored = carnet.services().db.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM feed_token WHERE token_hash = :t").bind("t", token).mapTo(Long.class).one());
        assertThat(stored).as("only the hash is stored").isZero();

        WebClient feedReader = carnet.client();
        SyndFeed viaToken = parse(feedReader.get(url));
        assertThat(titles(viaToken)).containsExactly("Members only");
        assertThat(link(viaToken, "self")).isEqualTo(url);
        assertThat(titles(parse(feedReader.get(url + "&alt=rss")))).containsExactly("Members only");
        assertThat(feedReader.get("/cachette/feeds/comments/default?token=" + token).status()).isEqualTo(200);
        assertThat(member.get("/cachette/admin/feed-token").doc().select(".feed-token-exists")).hasSize(1);

        Response bogus = feedReader.get("/cachette/feeds/posts/default?token=not-a-token");
        assertThat(bogus.status()).isEqualTo(403);
        assertThat(bogus.body()).doesNotContain("Members only");
        // The token of one blog opens no other private blog.
        Blog other = carnet.blog(owner, "autrecachette", "visibility", "private");
        assertThat(feedReader.get("/autrecachette/feeds/posts/default?token=" + token).status()).isEqualTo(403);
        assertThat(other.isPrivate()).isTrue();

        // Strangers have no page; a new token retires the old one; a removed member's token stops working.
        WebClient stranger = carnet.signedIn("etranger@feed.test", "mot de passe des flux");
        assertThat(stranger.get("/cachette/admin/feed-token").status()).isEqualTo(403);
        assertThat(carnet.client().get("/cachette/admin/feed-token").status()).isEqualTo(303);
        String second = carnet.services().feedTokens.issue(Viewer.of(reader), secret);
        assertThat(feedReader.get(url).status()).isEqualTo(403);
        assertThat(feedReader.get("/cachette/feeds/posts/default?token=" + second).status()).isEqualTo(200);
        carnet.services().memberships.remove(Viewer.of(owner), secret, reader.id());
        assertThat(feedReader.get("/cachette/feeds/posts/default?token=" + second).status()).isEqualTo(403);
    }

    @Test
    void aPublicBlogAdvertisesItsFeedsAndAPrivateOneDoesNot() {
        Document home = carnet.client().get("/flux/").doc();
        var atom = home.selectFirst("head link[rel=alternate][type=application/atom+xml]");
        assertThat(atom.attr("href")).isEqualTo("/flux/feeds/posts/default");
        assertThat(atom.attr("title")).isEqualTo("Carnet d’été & co - Atom");
        var rss = home.selectFirst("head link[rel=alternate][type=application/rss+xml]");
        assertThat(rss.attr("href")).isEqualTo("/flux/feeds/posts/default?alt=rss");
        assertThat(carnet.client().get(rss.attr("href")).status()).isEqualTo(200);

        User owner = carnet.user("discret@feed.test", "Discret", "mot de passe des flux");
        carnet.blog(owner, "discret", "visibility", "private");
        WebClient member = carnet.signedIn("discret@feed.test", "mot de passe des flux");
        Response privateHome = member.get("/discret/");
        assertThat(privateHome.status()).isEqualTo(200);
        assertThat(privateHome.doc().select("link[rel=alternate]")).isEmpty();
    }
}
