package org.carnet.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carnet.transfer.BloggerFixture.HOME;
import static org.carnet.transfer.BloggerFixture.PROFILE;
import static org.carnet.transfer.BloggerFixture.TAG;
import static org.carnet.transfer.BloggerFixture.pageId;
import static org.carnet.transfer.BloggerFixture.postId;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.carnet.transfer.BloggerFixture.Classic;
import org.carnet.transfer.BloggerFixture.Comment;
import org.carnet.transfer.BloggerFixture.Post;
import org.carnet.transfer.ImportedComment.Status;
import org.carnet.transfer.ImportedPost.Kind;
import org.carnet.transfer.RecordingSink.Skipped;
import org.junit.jupiter.api.Test;

/**
 * Blogger's classic "Back up content" export: "Carnet d’Asie", a French travel blog, with every kind of
 * entry such a file holds, read field by field.
 */
class BloggerClassicTest {

    static final ImportedAuthor CLAIRE = new ImportedAuthor("Claire", PROFILE, false);

    static Post samarcande() {
        Post p = new Post("1001");
        p.title = "Samarcande, la ville bleue";
        p.html = "<p>Les coupoles du Registan.</p><img src=\"https://blogger.googleusercontent.com/img/a.jpg\">";
        p.labels = List.of("Asie centrale", "l'Ouzbékistan");
        p.published = "2022-01-17T18:05:00.000+01:00";
        p.updated = "2022-01-18T09:12:44.581+01:00";
        p.url = HOME + "2022/01/samarcande-la-ville-bleue.html";
        return p;
    }

    static Post boukharaDraft() {
        Post p = new Post("1002");
        p.title = "Boukhara";
        p.html = "<p>À suivre…</p>";
        p.labels = List.of("l'Ouzbékistan");
        p.published = "2022-02-01T10:00:00.000+01:00";
        p.updated = "2022-02-01T10:30:00.000+01:00";
        p.draft = true;
        return p;
    }

    /** Dates without milliseconds, an HTML entity in the body, and only the rel=replies link to find its path. */
    static Post depart() {
        Post p = new Post("1003");
        p.title = "Le départ";
        p.html = "<p>Le voyage &lt;durera&gt; trois mois &amp; plus.</p>";
        p.labels = List.of("Préparatifs");
        p.published = "2021-12-20T08:30:00+01:00";
        p.updated = "2021-12-21T10:00:00+01:00";
        p.url = HOME + "2021/12/le-depart.html";
        p.repliesLinkOnly = true;
        return p;
    }

    static Post aPropos() {
        Post p = new Post("3001");
        p.kind = "page";
        p.title = "À propos";
        p.html = "<p>Claire, voyageuse.</p>";
        p.published = "2021-11-05T12:00:00.000+01:00";
        p.updated = "2021-11-05T12:00:00.000+01:00";
        p.url = HOME + "p/a-propos.html";
        return p;
    }

    static Comment anonymousComment() {
        Comment c = new Comment("5001", "1001");
        c.postUrl = samarcande().url;
        c.html = "Magnifique !<br />Merci pour les photos.";
        c.published = "2022-01-17T19:20:00.000+01:00";
        return c;
    }

    static Comment reply() {
        Comment c = new Comment("5002", "1001");
        c.postUrl = samarcande().url;
        c.parentNumber = "5001";
        c.author = "Marc";
        c.authorUri = "https://marc.example/";
        c.html = "<a href=\"https://marc.example/\">Moi aussi</a> j'y suis allé.";
        c.published = "2022-01-18T08:00:00.000+01:00";
        return c;
    }

    static Comment deleted() {
        Comment c = new Comment("5003", "1001");
        c.postUrl = samarcande().url;
        c.author = "Claire";
        c.authorUri = PROFILE;
        c.html = "Ce commentaire a été supprimé par l'auteur.";
        c.published = "2022-01-19T21:45:00.000+01:00";
        c.removed = true;
        return c;
    }

    /** In the order Blogger writes them: template, settings, posts (drafts mixed in), pages, comments. */
    static Classic carnetDAsie() {
        return new Classic("Carnet d’Asie")
                .template()
                .setting("BLOG_NAME", "Carnet d’Asie")
                .setting("BLOG_DESCRIPTION", "Notes de voyage, de Tachkent à Hanoï")
                .setting("BLOG_LOCALE", "fr_FR")
                .setting("BLOG_TIME_ZONE", "Europe/Paris")
                .setting("BLOG_COMMENTS_ALLOWED", "true")
                .post(boukharaDraft())
                .post(samarcande())
                .post(depart())
                .post(aPropos())
                .comment(deleted())
                .comment(reply())
                .comment(anonymousComment());
    }

    static final List<Object> EXPECTED = List.of(
            new Skipped(TAG + ".layout", "template"),
            new Skipped(TAG + ".settings.BLOG_NAME", "setting BLOG_NAME"),
            new Skipped(TAG + ".settings.BLOG_DESCRIPTION", "setting BLOG_DESCRIPTION"),
            new Skipped(TAG + ".settings.BLOG_LOCALE", "setting BLOG_LOCALE"),
            new Skipped(TAG + ".settings.BLOG_TIME_ZONE", "setting BLOG_TIME_ZONE"),
            new Skipped(TAG + ".settings.BLOG_COMMENTS_ALLOWED", "setting BLOG_COMMENTS_ALLOWED"),
            new ImportedPost(postId("1002"), Kind.POST, "Boukhara", "<p>À suivre…</p>", List.of("l'Ouzbékistan"),
                    null, null, true, OffsetDateTime.parse("2022-02-01T10:00+01:00"),
                    OffsetDateTime.parse("2022-02-01T10:30+01:00"), CLAIRE),
            new ImportedPost(postId("1001"), Kind.POST, "Samarcande, la ville bleue",
                    "<p>Les coupoles du Registan.</p><img src=\"https://blogger.googleusercontent.com/img/a.jpg\">",
                    List.of("Asie centrale", "l'Ouzbékistan"), null, "/2022/01/samarcande-la-ville-bleue.html",
                    false, OffsetDateTime.parse("2022-01-17T18:05+01:00"),
                    OffsetDateTime.parse("2022-01-18T09:12:44.581+01:00"), CLAIRE),
            new ImportedPost(postId("1003"), Kind.POST, "Le départ",
                    "<p>Le voyage &lt;durera&gt; trois mois &amp; plus.</p>", List.of("Préparatifs"), null,
                    "/2021/12/le-depart.html", false, OffsetDateTime.parse("2021-12-20T08:30+01:00"),
                    OffsetDateTime.parse("2021-12-21T10:00+01:00"), CLAIRE),
            new ImportedPost(pageId("3001"), Kind.PAGE, "À propos", "<p>Claire, voyageuse.</p>", List.of(), null,
                    "/p/a-propos.html", false, OffsetDateTime.parse("2021-11-05T12:00+01:00"),
                    OffsetDateTime.parse("2021-11-05T12:00+01:00"), CLAIRE),
            new ImportedComment(postId("5003"), postId("1001"), null, CLAIRE, PROFILE,
                    "Ce commentaire a été supprimé par l'auteur.", OffsetDateTime.parse("2022-01-19T21:45+01:00"),
                    Status.DELETED),
            new ImportedComment(postId("5002"), postId("1001"), postId("5001"),
                    new ImportedAuthor("Marc", "https://marc.example/", false), "https://marc.example/",
                    "<a href=\"https://marc.example/\">Moi aussi</a> j'y suis allé.",
                    OffsetDateTime.parse("2022-01-18T08:00+01:00"), Status.LIVE),
            new ImportedComment(postId("5001"), postId("1001"), null, new ImportedAuthor("Anonyme", null, true), null,
                    "Magnifique !<br />Merci pour les photos.", OffsetDateTime.parse("2022-01-17T19:20+01:00"),
                    Status.LIVE),
            new ImportedBlog("Carnet d’Asie", "Notes de voyage, de Tachkent à Hanoï", "fr", "Europe/Paris", HOME));

    static RecordingSink read(String xml) {
        RecordingSink sink = new RecordingSink();
        BloggerExportReader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), sink);
        return sink;
    }

    @Test
    void readsEveryEntryOfTheExportInFileOrderAndTheBlogAtTheEnd() {
        String xml = carnetDAsie().xml();
        // The file holds the HTML escaped once more, as Blogger writes it.
        assertThat(xml).contains("&amp;lt;durera&amp;gt;").contains("term='l&apos;Ouzbékistan'");

        assertThat(read(xml).events).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void commentsBeforeTheirPostsAreReadAllTheSame() {
        Classic export = carnetDAsie();
        List<String> entries = new ArrayList<>(export.entries);
        Collections.reverse(entries);   // comments, then pages, posts, settings, template
        export.entries.clear();
        export.entries.addAll(entries);

        List<Object> events = read(export.xml()).events;

        assertThat(events.subList(0, 3)).allMatch(ImportedComment.class::isInstance);
        assertThat(events).containsExactlyInAnyOrderElementsOf(EXPECTED);
        assertThat(events.get(events.size() - 1)).isInstanceOf(ImportedBlog.class);
    }

    @Test
    void anEmptyTitleStaysEmptyForTheImporterToName() {
        Post untitled = samarcande();
        untitled.title = "";

        ImportedPost post = read(new Classic("Carnet d’Asie").post(untitled).xml()).all(ImportedPost.class).get(0);

        assertThat(post.title()).isEmpty();
    }

    @Test
    void withoutSettingsEntriesTheBlogIsNamedAfterTheFeedTitle() {
        RecordingSink sink = read(new Classic("Carnet d’Asie").post(samarcande()).xml());

        assertThat(sink.all(ImportedBlog.class)).containsExactly(new ImportedBlog("Carnet d’Asie", null, null, null, HOME));
    }

    @Test
    void settingsEntriesGiveEverySettingInCarnetsWords() {
        String xml = new Classic("Carnet d’Asie")
                .setting("BLOG_NAME", "Carnet d’Asie")
                .setting("BLOG_DESCRIPTION", "")
                .setting("BLOG_META_DESCRIPTION", "Voyages en Asie centrale")
                .setting("BLOG_LOCALE", "fr")
                .setting("BLOG_TIME_ZONE", "Asia/Almaty")
                .setting("BLOG_COMMENTS_ALLOWED", "true")
                .setting("BLOG_COMMENT_ACCESS", "MEMBERS")
                .setting("BLOG_COMMENT_MODERATION", "ENABLED")
                .setting("BLOG_READ_ACCESS_MODE", "PRIVATE")
                .setting("BLOG_MAX_NUM", "3")
                .setting("BLOG_MAX_UNIT", "POSTS")
                .setting("BLOG_SEARCHABLE", "true")
                .setting("BLOG_ADULT_CONTENT", "false")
                .post(samarcande()).xml();

        RecordingSink sink = read(xml);

        assertThat(sink.all(ImportedBlog.class)).containsExactly(new ImportedBlog("Carnet d’Asie",
                "Voyages en Asie centrale", "fr", "Asia/Almaty", HOME, java.util.Map.of("comment-policy", "members",
                        "moderation", "always", "visibility", "private", "posts-per-page", "3",
                        "search-engines", "visible"), List.of()));
        // Every settings entry, read or not, counts as an entry skipped (entries = posts + comments + skipped).
        assertThat(sink.all(Skipped.class)).hasSize(13);
    }

    @Test
    void aSettingsValueCarnetDoesNotKnowIsNamedForTheSummary() {
        String xml = new Classic("Carnet d’Asie").setting("BLOG_COMMENT_ACCESS", "FRIENDS")
                .setting("BLOG_MAX_NUM", "5").setting("BLOG_MAX_UNIT", "DAYS").post(samarcande()).xml();

        ImportedBlog blog = read(xml).all(ImportedBlog.class).get(0);

        assertThat(blog.settings()).isEmpty();
        assertThat(blog.notUnderstood()).containsExactlyInAnyOrder(
                new UnappliedSetting(UnappliedSetting.Setting.COMMENT_POLICY, "FRIENDS",
                        UnappliedSetting.Reason.UNKNOWN_VALUE),
                new UnappliedSetting(UnappliedSetting.Setting.POSTS_PER_PAGE, "5",
                        UnappliedSetting.Reason.POSTS_BY_DAYS));
    }

    @Test
    void theBlogLocaleSettingGivesTheLanguage() {
        String xml = new Classic("Travel notes").setting("BLOG_LOCALE", "en_GB").post(samarcande()).xml();

        assertThat(read(xml).all(ImportedBlog.class).get(0).language()).isEqualTo("en");
    }

    @Test
    void aDraftInTheNewerAppNamespaceIsADraftToo() {
        String xml = new Classic("Carnet d’Asie").post(samarcande()).xml()
                .replace("<published>", "<app:control xmlns:app='http://www.w3.org/2007/app'><app:draft>yes</app:draft>"
                        + "</app:control><published>");

        ImportedPost post = read(xml).all(ImportedPost.class).get(0);

        assertThat(post.draft()).isTrue();
        assertThat(post.path()).isNull();
    }

    @Test
    void anAuthorCalledAnonymousWithAProfileIsSomeone() {
        Comment named = anonymousComment();
        named.author = "Anonymous";
        named.authorUri = "https://anonymous.example/";
        Comment unknown = reply();
        unknown.author = "Unknown";
        unknown.authorUri = null;

        List<ImportedComment> comments = read(new Classic("x").comment(named).comment(unknown).xml())
                .all(ImportedComment.class);

        assertThat(comments).extracting(ImportedComment::author).containsExactly(
                new ImportedAuthor("Anonymous", "https://anonymous.example/", false),
                new ImportedAuthor("Unknown", null, true));
    }

    @Test
    void thePathKeepsNeitherHostNorQuery() {
        assertThat(BloggerExportReader.pathOf("https://carnetdasie.blogspot.com/2022/01/a.html?m=1#more"))
                .isEqualTo("/2022/01/a.html");
        assertThat(BloggerExportReader.pathOf("http://www.carnet.example/p/a-propos.html")).isEqualTo("/p/a-propos.html");
        assertThat(BloggerExportReader.pathOf("/2022/01/a.html")).isEqualTo("/2022/01/a.html");
        assertThat(BloggerExportReader.pathOf("https://h.example/2022/01/a b.html")).isEqualTo("/2022/01/a b.html");
        assertThat(BloggerExportReader.pathOf("  ")).isNull();
    }

    @Test
    void anEntryWithoutIdIsRefusedWithItsNumber() {
        String xml = carnetDAsie().xml().replace("<id>" + postId("1001") + "</id>", "");

        assertThatThrownBy(() -> read(xml))
                .isInstanceOfSatisfying(ImportFormatException.class, e -> assertThat(e.entry()).isEqualTo(8))
                .hasMessage("an entry has no <id>");
    }

    @Test
    void aPostWithAnUnreadableDateIsRefusedWithItsNumberAndId() {
        Post post = samarcande();
        post.published = "17/01/2022 18:05";
        String xml = new Classic("x").template().post(post).xml();

        assertThatThrownBy(() -> read(xml))
                .isInstanceOfSatisfying(ImportFormatException.class, e -> assertThat(e.entry()).isEqualTo(2))
                .hasMessageContaining(postId("1001")).hasMessageContaining("published").hasMessageContaining("17/01/2022 18:05");
    }

    @Test
    void aCommentWithoutItsPostIsRefusedWithItsNumber() {
        String xml = new Classic("x").post(samarcande()).comment(reply()).xml()
                .replaceAll("<thr:in-reply-to [^>]*/>", "");

        assertThatThrownBy(() -> read(xml))
                .isInstanceOfSatisfying(ImportFormatException.class, e -> assertThat(e.entry()).isEqualTo(2))
                .hasMessageContaining(postId("5002")).hasMessageContaining("does not say which post it belongs to");
    }

    @Test
    void anEntryWithoutKindInAClassicFileIsRefused() {
        String xml = new Classic("x").post(samarcande()).post(depart()).xml()
                .replaceFirst("(<entry><id>" + postId("1003") + ".*?)<category scheme='http://schemas.google.com/g/2005#kind'[^>]*/>", "$1");

        assertThatThrownBy(() -> read(xml))
                .isInstanceOfSatisfying(ImportFormatException.class, e -> assertThat(e.entry()).isEqualTo(2))
                .hasMessageContaining("says not what it is");
    }

    @Test
    void detectsTheClassicFormatFromTheFirstEntry() {
        byte[] xml = carnetDAsie().xml().getBytes(StandardCharsets.UTF_8);

        assertThat(BloggerExportReader.detect(new ByteArrayInputStream(xml))).isEqualTo(BloggerExportReader.Format.CLASSIC);
    }
}
