package org.carnet.cluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.carnet.app.Services;
import org.carnet.blog.Blog;
import org.carnet.comment.CommentDraft;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.BodyFormat;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.store.Database;
import org.carnet.testkit.TestDatabases;
import org.carnet.testkit.WebClient;

/**
 * For bench/cluster.sh: starts an embedded PostgreSQL, N nodes behind nginx (Cluster), fills a blog with 300 posts
 * and a long French article with 50 comments, signs a writer in, prints what the load generator needs as
 * KEY=VALUE lines, then runs until its standard input closes.
 */
public final class ClusterLab {

    private ClusterLab() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = Integer.parseInt(args[0]);
        Path work = Files.createTempDirectory("carnet-cluster-");
        String url = TestDatabases.freshPostgres();
        // The first node creates the admin; the data are written beside it, as the CLI would.
        try (Cluster cluster = Cluster.start(url, nodes, work);
             Services s = new Services(Database.open(url, 4), Clock.systemUTC())) {
            User admin = s.accounts.byEmail(Cluster.ADMIN_EMAIL).orElseThrow();
            Blog blog = s.blogs.create(admin.id(), "grappe", Map.of("title", "Grappe", "language", "fr",
                    "comment-policy", "anyone"));
            Viewer writer = Viewer.of(admin);
            for (int i = 0; i < 300; i++) {
                s.posts.create(writer, blog, new PostInput(Post.Kind.POST, "Billet numéro " + i, BodyFormat.HTML,
                        "<p>Un billet de remplissage, numéro " + i + ", pour que l’archive ait du poids.</p>",
                        "remplissage", "", "", ""), PostService.Intent.PUBLISH);
            }
            StringBuilder body = new StringBuilder();
            while (body.length() < 5_500) {
                body.append("<p>Le carnet de route raconte la traversée des Cévennes à pied, de village en village, "
                        + "avec ses haltes, ses rencontres et ses repas partagés à l’ombre des châtaigniers.</p>\n");
            }
            long id = s.posts.create(writer, blog, new PostInput(Post.Kind.POST, "Traversée des Cévennes",
                    BodyFormat.HTML, body.toString(), "voyage, randonnée", "", "", ""), PostService.Intent.PUBLISH);
            Post post = s.posts.requireEditable(writer, blog, id);
            for (int i = 0; i < 50; i++) {
                s.comments.submit(writer, blog, post, new CommentDraft("Merci pour ce récit, numéro " + i + ".",
                        null, null, null, "", null, null, "127.0.0.1"));
            }
            String path = "/grappe" + post.path();
            WebClient client = WebClient.at(cluster.url());
            client.signIn(Cluster.ADMIN_EMAIL, Cluster.ADMIN_PASSWORD);
            String csrf = client.csrfToken(path);
            System.out.println("LB=" + cluster.url());
            System.out.println("POST_PATH=" + path);
            System.out.println("COOKIE=" + client.cookieHeader());
            System.out.println("CSRF=" + csrf);
            StringBuilder pids = new StringBuilder();
            for (int i = 0; i < nodes; i++) {
                pids.append(i == 0 ? "" : " ").append(cluster.pid(i));
            }
            System.out.println("PIDS=" + pids);
            System.out.println("READY");
            System.out.flush();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                while (in.readLine() != null) {
                    // runs until the script closes our input
                }
            }
        }
        System.exit(0);
    }
}
