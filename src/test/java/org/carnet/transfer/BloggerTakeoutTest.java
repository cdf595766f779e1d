package org.carnet.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carnet.transfer.BloggerFixture.PROFILE;
import static org.carnet.transfer.BloggerFixture.pageId;
import static org.carnet.transfer.BloggerFixture.postId;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.carnet.transfer.BloggerFixture.Comment;
import org.carnet.transfer.BloggerFixture.Post;
import org.carnet.transfer.BloggerFixture.Takeout;
import org.carnet.transfer.ImportedComment.Status;
import org.carnet.transfer.ImportedPost.Kind;
import org.carnet.transfer.RecordingSink.Skipped;
import org.junit.jupiter.api.Test;

/**
 * Google Takeout's feed.atom for "Carnet d’Asie": entries typed by blogger:type and blogger:status, UTC
 * dates, paths in blogger:filename, trashed entries, and comment references in more than one form.
 */
class BloggerTakeoutTest {

    static final ImportedAuthor CLAIRE = new ImportedAuthor("Claire", PROFILE, false);

    static Post post(String number, String status) {
        Post p = new Post(number);
        p.status = status;
        p.created = "2022-01-15T09:00:00.123Z";
        p.published = "2022-01-17T17:05:00Z";
        p.updated = "2022-01-18T08:12:44Z";
        return p;
    }

    static Post samarcande() {
        Post p = post("1001", "LIVE");
        p.title = "Samarcande, la ville bleue";
        p.html = "<p>Les coupoles du Registan.</p>";
        p.labels = List.of("Asie centrale", "l'Ouzbékistan");
        p.metaDescription = "Samarcande en hiver";
        p.url = "/2022/01/samarcande-la-ville-bleue.html";
        return p;
    }

    static Post boukharaDraft() {
        Post p = post("1002", "DRAFT");
        p.title = "Boukhara";
        p.html = "<p>À suivre…</p>";
        p.created = "2022-02-01T09:00:00.000Z";
        p.published = "2022-02-01T09:00:00Z";
        p.updated = "2022-02-01T09:30:00Z";
        return p;
    }

    /** No blogger:status at all: live. */
    static Post depart() {
        Post p = post("1003", null);
        p.title = "Le départ";
        p.html = "<p>Le voyage &lt;durera&gt; trois mois &amp; plus.</p>";
        p.labels = List.of("Préparatifs");
        p.published = "2021-12-20T07:30:00Z";
        p.updated = "2021-12-21T09:00:00Z";
        p.url = "/2021/12/le-depart.html";
        return p;
    }

    static Post scheduled() {
        Post p = post("1004", "SCHEDULED");
        p.title = "Tachkent";
        p.html = "<p>Bientôt.</p>";
        p.published = "2022-03-01T08:00:00Z";
        p.updated = "2022-02-20T08:00:00Z";
        p.url = "/2022/03/tachkent.html";
        return p;
    }

    static Post softTrashed() {
        Post p = post("1005", "SOFT_TRASHED");
        p.title = "Brouillon raté";
        return p;
    }

    static Post trashedLive() {
        Post p = post("1006", "LIVE");
        p.title = "Doublon";
        p.url = "/2022/01/doublon.html";
        p.trashed = "2022-03-01T10:00:00Z";
        return p;
    }

    static Post aPropos() {
        Post p = post("3001", "LIVE");
        p.kind = "page";
        p.title = "À propos";
        p.html = "<p>Claire, voyageuse.</p>";
        p.url = "/p/a-propos.html";
        return p;
    }

    static Comment comment(String number, String parentNumber, String published) {
        Comment c = new Comment(number, "1001");
        c.parentNumber = parentNumber;
        c.published = published;
        return c;
    }

    static Takeout carnetDAsie() {
        Comment top = comment("5001", null, "2022-01-17T18:20:00Z");
        top.author = "Anonymous";
        top.html = "Magnifique !<br />Merci.";
        Comment reply = comment("5002", "5001", "2022-01-18T07:00:00Z");
        reply.author = "Marc";
        reply.authorUri = "https://marc.example/";
        reply.html = "Moi aussi.";
        // Bare numbers where full ids were expected: matched on the number all the same.
        Comment bare = comment("5003", "5002", "2022-01-18T08:00:00Z");
        bare.author = "Claire";
        bare.authorUri = PROFILE;
        bare.html = "Merci à vous deux.";
        bare.parentRef = "1001";
        bare.inReplyToRef = "5002";
        Comment spam = comment("5004", null, "2022-01-19T00:00:00Z");
        spam.status = "SPAM";
        spam.author = "Cheap pills";
        spam.authorUri = "https://spam.example/";
        spam.html = "Buy now";
        Comment trashed = comment("5005", null, "2022-01-19T01:00:00Z");
        trashed.trashed = "2022-01-20T10:00:00Z";
        trashed.html = "Oups";
        Comment pending = comment("5006", "5001", "2022-01-20T12:00:00Z");
        pending.status = "PENDING";
        pending.html = "En attente";
        return new Takeout("Carnet d’Asie")
                .post(samarcande()).post(boukharaDraft()).post(depart()).post(scheduled())
                .post(softTrashed()).post(trashedLive()).post(aPropos())
                .comment(top).comment(reply).comment(bare).comment(spam).comment(trashed).comment(pending);
    }

    static RecordingSink read(String xml) {
        RecordingSink sink = new RecordingSink();
        BloggerExportReader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), sink);
        return sink;
    }

    @Test
    void readsEveryEntryWithItsStatusAndTheBlogAtTheEnd() {
        OffsetDateTime created = OffsetDateTime.parse("2022-01-15T09:00:00.123Z");
        OffsetDateTime published = OffsetDateTime.parse("2022-01-17T17:05:00Z");
        OffsetDateTime updated = OffsetDateTime.parse("2022-01-18T08:12:44Z");
        ImportedAuthor anonymous = new ImportedAuthor("Anonymous", null, true);

        assertThat(created).isBefore(published);
        assertThat(read(carnetDAsie().xml()).events).containsExactly(
                new ImportedPost(postId("1001"), Kind.POST, "Samarcande, la ville bleue",
                        "<p>Les coupoles du Registan.</p>", List.of("Asie centrale", "l'Ouzbékistan"),
                        "Samarcande en hiver", "/2022/01/samarcande-la-ville-bleue.html", false, published, updated,
                        CLAIRE),
                new ImportedPost(postId("1002"), Kind.POST, "Boukhara", "<p>À suivre…</p>", List.of(), null, null,
                        true, OffsetDateTime.parse("2022-02-01T09:00Z"), OffsetDateTime.parse("2022-02-01T09:30Z"),
                        CLAIRE),
                new ImportedPost(postId("1003"), Kind.POST, "Le départ",
                        "<p>Le voyage &lt;durera&gt; trois mois &amp; plus.</p>", List.of("Préparatifs"), null,
                        "/2021/12/le-depart.html", false, OffsetDateTime.parse("2021-12-20T07:30Z"),
                        OffsetDateTime.parse("2021-12-21T09:00Z"), CLAIRE),
                new ImportedPost(postId("1004"), Kind.POST, "Tachkent", "<p>Bientôt.</p>", List.of(), null,
                        "/2022/03/tachkent.html", false, OffsetDateTime.parse("2022-03-01T08:00Z"),
                        OffsetDateTime.parse("2022-02-20T08:00Z"), CLAIRE),
                new Skipped(postId("1005"), "trashed"),
                new Skipped(postId("1006"), "trashed"),
                new ImportedPost(pageId("3001"), Kind.PAGE, "À propos", "<p>Claire, voyageuse.</p>", List.of(), null,
                        "/p/a-propos.html", false, published, updated, CLAIRE),
                new ImportedComment(postId("5001"), postId("1001"), null, anonymous, null, "Magnifique !<br />Merci.",
                        OffsetDateTime.parse("2022-01-17T18:20Z"), Status.LIVE),
                new ImportedComment(postId("5002"), postId("1001"), postId("5001"),
                        new ImportedAuthor("Marc", "https://marc.example/", false), "https://marc.example/",
                        "Moi aussi.", OffsetDateTime.parse("2022-01-18T07:00Z"), Status.LIVE),
                new ImportedComment(postId("5003"), postId("1001"), postId("5002"), CLAIRE, PROFILE,
                        "Merci à vous deux.", OffsetDateTime.parse("2022-01-18T08:00Z"), Status.LIVE),
                new ImportedComment(postId("5004"), postId("1001"), null,
                        new ImportedAuthor("Cheap pills", "https://spam.example/", false), "https://spam.example/",
                        "Buy now", OffsetDateTime.parse("2022-01-19T00:00Z"), Status.SPAM),
                new Skipped(postId("5005"), "trashed"),
                new ImportedComment(postId("5006"), postId("1001"), postId("5001"),
                        new ImportedAuthor("Anonyme", null, true), null, "En attente",
                        OffsetDateTime.parse("2022-01-20T12:00Z"), Status.PENDING),
                new ImportedBlog("Carnet d’Asie", null, null, null, null));
    }

    @Test
    void theHtmlEntityStaysAnEntity() {
        assertThat(carnetDAsie().xml()).contains("&amp;lt;durera&amp;gt;");
    }

    @Test
    void commentsBeforeTheirPostsAreReadAllTheSame() {
        Takeout export = carnetDAsie();
        List<String> comments = export.entries.subList(7, export.entries.size());
        List<String> reordered = new java.util.ArrayList<>(comments);
        reordered.addAll(export.entries.subList(0, 7));
        List<Object> inOrder = read(export.xml()).events;
        export.entries.clear();
        export.entries.addAll(reordered);

        List<Object> events = read(export.xml()).events;

        assertThat(events.get(0)).isInstanceOf(ImportedComment.class);
        assertThat(events).containsExactlyInAnyOrderElementsOf(inOrder);
    }

    @Test
    void aTakeoutFeedIsRecognisedByTheNamespaceOnItsRoot() {
        byte[] xml = carnetDAsie().xml().getBytes(StandardCharsets.UTF_8);

        assertThat(BloggerExportReader.detect(new ByteArrayInputStream(xml))).isEqualTo(BloggerExportReader.Format.TAKEOUT_FEED);
    }

    @Test
    void orByBloggerTypeInItsEntriesWhenTheRootDoesNotDeclareIt() {
        String xml = carnetDAsie().xml()
                .replace(" xmlns:blogger='http://schemas.google.com/blogger/2018'", "")
                .replace("<entry>", "<entry xmlns:blogger='http://schemas.google.com/blogger/2018'>");

        assertThat(BloggerExportReader.detect(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(BloggerExportReader.Format.TAKEOUT_FEED);
        assertThat(read(xml).all(ImportedPost.class)).hasSize(5);
    }

    @Test
    void anEmptyTakeoutFeedIsAnEmptyBlog() {
        RecordingSink sink = read(new Takeout("Carnet d’Asie").xml());

        assertThat(sink.events).containsExactly(new ImportedBlog("Carnet d’Asie", null, null, null, null));
    }

    @Test
    void aCommentWithoutParentIsRefusedWithItsNumber() {
        Comment orphan = comment("5001", null, "2022-01-17T18:20:00Z");
        orphan.parentRef = " ";
        String xml = new Takeout("x").post(samarcande()).comment(orphan).xml();

        assertThatThrownBy(() -> read(xml))
                .isInstanceOfSatisfying(ImportFormatException.class, e -> assertThat(e.entry()).isEqualTo(2))
                .hasMessageContaining(postId("5001")).hasMessageContaining("blogger:parent");
    }

    @Test
    void anEntryWithoutBloggerTypeInATakeoutFeedIsRefused() {
        String xml = new Takeout("x").post(samarcande()).post(depart()).xml()
                .replaceFirst("(<entry><id>" + postId("1003") + "</id>)<blogger:type>POST</blogger:type>", "$1");

        assertThatThrownBy(() -> read(xml))
                .isInstanceOfSatisfying(ImportFormatException.class, e -> assertThat(e.entry()).isEqualTo(2))
                .hasMessageContaining("no blogger:type");
    }

    @Test
    void aPostWithAnUnreadableDateIsRefusedWithItsNumber() {
        Post broken = depart();
        broken.published = "2021-12-20 07:30";
        String xml = new Takeout("x").post(samarcande()).post(broken).xml();

        assertThatThrownBy(() -> read(xml))
                .isInstanceOfSatisfying(ImportFormatException.class, e -> assertThat(e.entry()).isEqualTo(2))
                .hasMessageContaining(postId("1003")).hasMessageContaining("2021-12-20 07:30");
    }

    @Test
    void referencesAreNormalisedOnTheNumberAfterPost() {
        String prefix = BloggerFixture.TAG + ".post-";

        assertThat(BloggerExportReader.normaliseRef("42", prefix)).isEqualTo(prefix + "42");
        assertThat(BloggerExportReader.normaliseRef(" " + prefix + "42 ", prefix)).isEqualTo(prefix + "42");
        assertThat(BloggerExportReader.normaliseRef("blog-" + BloggerFixture.BLOG_ID + ".post-42", prefix)).isEqualTo(prefix + "42");
        assertThat(BloggerExportReader.normaliseRef(pageId("7"), prefix)).isEqualTo(pageId("7"));
        assertThat(BloggerExportReader.normaliseRef("", prefix)).isNull();
    }
}
