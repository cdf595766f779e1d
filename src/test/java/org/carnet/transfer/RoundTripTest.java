package org.carnet.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.carnet.blog.Blog;
import org.carnet.blog.BlogSettings;
import org.carnet.blog.CommentPolicy;
import org.carnet.core.User;
import org.carnet.testkit.CarnetExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Export a blog, import it into a new blog, export again: the two exports say the same things. */
class RoundTripTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @Test
    void exportImportExportIsStable() {
        User owner = carnet.user("owner@roundtrip.test", "Owner", "mot de passe aller retour");
        // Start from a rich blog: the import of the neutral sample used by ImportServiceTest.
        carnet.services().imports.importInto("aller", true, owner.id(), ImportServiceTestData.SAMPLE,
                ImportProgress.NONE);
        // Every setting an export carries, away from the defaults a new blog would have anyway.
        Blog aller = carnet.services().blogs.changeSettings(carnet.services().blogs.require("aller"), Map.of(
                "description", "Notes de voyage, de Tachkent à Hanoï", "comment-policy", "members",
                "moderation", "older:30", "visibility", "private", "posts-per-page", "12",
                "search-engines", "hidden"));
        byte[] first = export("aller");
        ImportSummary retourSummary = carnet.services().imports.importInto("retour", true, owner.id(),
                sink -> BloggerExportReader.read(new ByteArrayInputStream(first), sink), ImportProgress.NONE);
        byte[] second = export("retour");

        Map<String, Object> a = meaning(first, "aller");
        Map<String, Object> b = meaning(second, "retour");
        assertThat(b).isEqualTo(a);
        assertThat((List<?>) a.get("posts")).hasSize(5);
        assertThat((List<?>) a.get("comments")).hasSize(3);
        Blog retour = carnet.services().blogs.require("retour");
        assertThat(retour.title()).isEqualTo("Carnet d’Asie");
        assertThat(retour.language()).isEqualTo("fr");
        assertThat(BlogSettings.describe(retour)).isEqualTo(BlogSettings.describe(aller))
                .containsEntry("comment-policy", "members").containsEntry("moderation", "older:30")
                .containsEntry("visibility", "private").containsEntry("posts-per-page", "12")
                .containsEntry("search-engines", "hidden").containsEntry("time-zone", "Asia/Almaty");
        assertThat(retourSummary.settingsNotApplied()).isEmpty();
    }

    @Test
    void commentsClosedToEveryoneComeBackClosed() {
        User owner = carnet.user("owner@closed.test", "Owner", "mot de passe aller retour");
        Blog ferme = carnet.blog(owner, "ferme", "comment-policy", "nobody", "moderation", "always");
        byte[] export = export(ferme.name());
        carnet.services().imports.importInto("ferme-retour", true, owner.id(),
                sink -> BloggerExportReader.read(new ByteArrayInputStream(export), sink), ImportProgress.NONE);

        Blog back = carnet.services().blogs.require("ferme-retour");
        assertThat(back.commentPolicy()).isEqualTo(CommentPolicy.NOBODY);
        assertThat(back.moderation()).isEqualTo("always");
    }

    private static byte[] export(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BloggerExport(carnet.services().db.jdbi(), new ExportStore())
                .write(carnet.services().blogs.require(name), "https://blogs.example", out);
        return out.toByteArray();
    }

    /** What an export says, without the ids and blog name that legitimately differ between two blogs. */
    private static Map<String, Object> meaning(byte[] export, String blogName) {
        List<String> posts = new ArrayList<>();
        Map<String, String> titleOf = new HashMap<>();
        Map<String, String> bodyOf = new HashMap<>();
        List<ImportedComment> comments = new ArrayList<>();
        List<ImportedBlog> blog = new ArrayList<>();
        BloggerExportReader.read(new ByteArrayInputStream(export), new ImportSink() {
            @Override
            public void blog(ImportedBlog b) {
                blog.add(new ImportedBlog(b.title(), b.description(), b.language(), b.timeZone(), null,
                        b.settings(), b.notUnderstood()));
            }

            @Override
            public void post(ImportedPost p) {
                titleOf.put(p.sourceId(), p.title());
                posts.add(String.join(" | ", p.kind().name(), p.title(), p.html().replace("/" + blogName + "/", "/BLOG/"),
                        String.valueOf(new TreeSet<>(p.labels())),
                        String.valueOf(p.path()).replace("/" + blogName + "/", "/"), String.valueOf(p.draft()),
                        String.valueOf(p.published().toInstant()), p.author() == null ? "-" : p.author().name()));
            }

            @Override
            public void comment(ImportedComment c) {
                comments.add(c);
                bodyOf.put(c.sourceId(), c.html());
            }

            @Override
            public void skipped(String sourceId, String reason) {
            }
        });
        List<String> threads = new ArrayList<>();
        for (ImportedComment c : comments) {
            threads.add(String.join(" | ", titleOf.get(c.postSourceId()), c.html(),
                    c.parentSourceId() == null ? "-" : bodyOf.get(c.parentSourceId()), c.author().name(),
                    c.status().name(), String.valueOf(c.published().toInstant())));
        }
        posts.sort(null);
        threads.sort(null);
        return Map.of("blog", blog, "posts", posts, "comments", threads);
    }
}
