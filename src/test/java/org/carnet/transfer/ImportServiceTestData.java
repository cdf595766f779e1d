package org.carnet.transfer;

import java.time.OffsetDateTime;
import java.util.List;

/** A small neutral export shared by the import tests: a French blog with the cases that matter. */
final class ImportServiceTestData {

    private ImportServiceTestData() {
    }

    static final ImportedAuthor JEANNE = new ImportedAuthor("Jeanne", "https://www.blogger.com/profile/1", false);
    static final String BLOG_ID = "tag:blogger.com,1999:blog-42";

    static ImportedPost post(String n, String title, String html, String path, boolean draft, String... labels) {
        return new ImportedPost(BLOG_ID + ".post-" + n, ImportedPost.Kind.POST, title, html, List.of(labels), "",
                path, draft, OffsetDateTime.parse("2022-01-10T09:30:00+01:00"),
                OffsetDateTime.parse("2022-01-11T10:00:00+01:00"), JEANNE);
    }

    static ImportedComment comment(String n, String post, String parent, String text) {
        return new ImportedComment(BLOG_ID + ".post-" + n, BLOG_ID + ".post-" + post,
                parent == null ? null : BLOG_ID + ".post-" + parent,
                new ImportedAuthor("Anonyme", null, true), null, text,
                OffsetDateTime.parse("2022-01-12T08:00:00Z").plusHours(Integer.parseInt(n) - 900),
                ImportedComment.Status.LIVE);
    }

    /** A whole little export, comments first as Blogger writes them (newest first, replies before parents). */
    static final ExportFile SAMPLE = sink -> {
        sink.skipped(BLOG_ID + ".layout", "template");
        sink.comment(comment("903", "101", "902", "Réponse à la réponse"));
        sink.comment(comment("902", "101", "901", "Réponse"));
        sink.comment(comment("901", "101", null, "Premier !<br />Deuxième ligne"));
        sink.blog(new ImportedBlog("Carnet d’Asie", "Notes de voyage", "fr", "Asia/Almaty",
                "https://carnetdasie.blogspot.com/"));
        sink.post(post("101", "Kazakhstan : les leçons d’une crise",
                "<p>Voir <a href=\"https://carnetdasie.blogspot.com/2021/12/avant.html\">avant</a>"
                        + " et &lt;durera&gt;.</p><a name=\"more\"></a><p>La suite.</p><script>alert(1)</script>",
                "/2022/01/kazakhstan-les-lecons-dune-crise.html", false, "Asie centrale", "l’Ouzbékistan"));
        sink.post(post("100", "Avant", "<p>Plus ancien.</p>", "/2021/12/avant.html", false));
        sink.post(post("102", "Brouillon", "<p>Pas prêt.</p>", null, true, "Secret"));
        sink.post(post("103", "Ancien lien WordPress", "<p>WP.</p>", "/2022/01/10/ancien-lien/", false));
        sink.post(new ImportedPost(BLOG_ID + ".page-7", ImportedPost.Kind.PAGE, "À propos", "<p>Moi.</p>", List.of(),
                "", "/p/a-propos.html", false, OffsetDateTime.parse("2020-01-01T00:00:00Z"), null, JEANNE));
    };

}
