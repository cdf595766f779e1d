package org.carnet.app;

import java.util.Map;
import org.carnet.account.PasswordPolicy;
import org.carnet.blog.Blog;
import org.carnet.core.Messages;
import org.carnet.core.Tokens;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.instance.InstanceSettings;
import org.carnet.post.BodyFormat;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;

/**
 * On an empty database: a first admin account and a sample French blog with a welcome post, so that a new
 * instance shows something at once. Runs once per database, even when several nodes start together.
 */
public final class FirstRun {

    public static final String SAMPLE_BLOG = "bienvenue";
    static final String DEFAULT_ADMIN_EMAIL = "admin@carnet.local";
    private static final String LATCH = "first-run";

    /** What was created, to be told to the operator once. */
    public record Outcome(String adminEmail, String generatedPassword, String sampleBlog) {
    }

    private FirstRun() {
    }

    /** Creates the first admin and the sample blog if there are no accounts yet; null when nothing was done. */
    public static Outcome ensure(Services s, String adminEmail, String adminPassword) {
        boolean empty = s.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM app_user")
                .mapTo(Long.class).one()) == 0;
        if (!empty) {
            return null;
        }
        // The latch row makes the first run happen once, even with several nodes starting at the same time.
        String email = adminEmail == null || adminEmail.isBlank() ? DEFAULT_ADMIN_EMAIL : adminEmail;
        boolean generate = adminPassword == null || adminPassword.isEmpty();
        String password = generate ? Tokens.random().substring(0, 20) : adminPassword;
        PasswordPolicy.check(password, email);
        boolean first = s.db.jdbi().inTransaction(h ->
                InstanceSettings.putIfAbsent(h, LATCH, s.clock.instant().toString()));
        if (!first) {
            return null;
        }
        Created created = new Created();
        try {
            return create(s, email, password, generate, created);
        } catch (RuntimeException e) {
            // The steps run in their own transactions: undo those that were done, so that nothing is left
            // half-made (an admin whose password was never shown) and the next start tries again.
            s.db.jdbi().useTransaction(h -> {
                if (created.blogId != null) {
                    h.createUpdate("DELETE FROM blog WHERE id = :id").bind("id", created.blogId).execute();
                }
                if (created.adminId != null) {
                    h.createUpdate("DELETE FROM app_user WHERE id = :id").bind("id", created.adminId).execute();
                }
                h.createUpdate("DELETE FROM instance_setting WHERE setting_key = :k").bind("k", LATCH).execute();
            });
            throw e;
        }
    }

    /** What create() has made so far. */
    private static final class Created {
        Long adminId;
        Long blogId;
    }

    private static Outcome create(Services s, String email, String password, boolean generated, Created created) {
        Messages fr = Messages.of("fr");
        User admin = s.accounts.create(email, fr.t("sample.admin.name"), password, true);
        created.adminId = admin.id();
        Blog blog = s.blogs.create(admin.id(), SAMPLE_BLOG, Map.of(
                "title", fr.t("sample.blog.title"),
                "description", fr.t("sample.blog.description"),
                "language", "fr",
                "time-zone", "Europe/Paris",
                "comment-policy", "members"));
        created.blogId = blog.id();
        s.posts.create(Viewer.of(admin), blog, new PostInput(Post.Kind.POST, fr.t("sample.post.title"),
                BodyFormat.HTML, fr.t("sample.post.body"), fr.t("sample.post.labels"), "", "", ""),
                PostService.Intent.PUBLISH);
        return new Outcome(admin.email(), generated ? password : null, blog.name());
    }
}
