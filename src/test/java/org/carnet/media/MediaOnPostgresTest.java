package org.carnet.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.carnet.blog.Blog;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.BodyFormat;
import org.carnet.post.CommentSwitches;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.Tier;
import org.carnet.testkit.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The media table's SQL on PostgreSQL: insert, the same picture twice, search by name, uses, quota, delete. */
@Tier.Postgres
class MediaOnPostgresTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.postgres();

    @Test
    void theLibraryWorksOnPostgres() throws Exception {
        String pw = "mot de passe postgres";
        User admin = carnet.user("admin@pg-media.test", "Admin", pw);
        Blog blog = carnet.blog(admin, "pgphotos");
        WebClient pages = carnet.signedIn("admin@pg-media.test", pw);
        MediaHttp http = new MediaHttp(carnet.baseUrl(), pages);
        JsonNode first = http.uploadJson("pgphotos", "100%_vrai.jpg", TestImages.jpeg(700, 400), "Un test").json();
        JsonNode again = http.uploadJson("pgphotos", "copie.jpg", TestImages.jpeg(700, 400), "").json();
        assertThat(again.get("id").asLong()).isEqualTo(first.get("id").asLong());
        http.uploadJson("pgphotos", "autre.png", TestImages.png(200, 100), "");

        MediaService media = carnet.services().media;
        Viewer viewer = Viewer.of(admin);
        assertThat(media.list(viewer, blog, null, 50)).hasSize(2);
        // % and _ in a search are letters, not wildcards.
        assertThat(media.list(viewer, blog, "0%_V", 50)).extracting(Media::originalName)
                .containsExactly("100%_vrai.jpg");
        assertThat(media.list(viewer, blog, "%", 50)).hasSize(1);
        assertThat(media.usage(blog)[0]).isGreaterThan(0);

        Media m = media.require(viewer, blog, first.get("id").asLong());
        long post = carnet.services().posts.create(viewer, blog, new PostInput(Post.Kind.PAGE, "Page", BodyFormat.MARKDOWN,
                "![](" + first.get("url").asText().replace("/100-vrai.jpg", "/w320/100-vrai.jpg") + ")", "", "", "",
                ""), PostService.Intent.SAVE_DRAFT, CommentSwitches.OPEN);
        assertThat(media.uses(blog, m)).extracting(MediaService.Use::postId).containsExactly(post);
        carnet.services().posts.delete(viewer, blog, List.of(post));
        media.delete(viewer, blog, m.id());
        assertThat(media.list(viewer, blog, null, 50)).hasSize(1);
        assertThat(new MediaHttp(carnet.baseUrl(), null).get(first.get("url").asText()).status()).isEqualTo(404);
    }
}
