package org.carnet.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.carnet.blog.Blog;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.post.BodyFormat;
import org.carnet.post.Post;
import org.carnet.post.PostInput;
import org.carnet.post.PostService;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.WebClient;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A post's own images reach readers responsive: srcset of the variants that exist, sizes, width and height from
 * the picture (or in proportion to the width the author chose), the page's first one loaded at once and the
 * others lazily; every address in the srcset serves an image of that width. Other images are left as written.
 */
class ResponsiveImagesTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    private static final String PW = "une phrase de passe solide";

    @Test
    void aPostsImagesGetTheirVariantsSizesAndDimensions() throws Exception {
        User author = carnet.user("photo@srcset.test", "Photographe", PW);
        Blog blog = carnet.blog(author, "photos");
        Media wide = carnet.services().media.upload(Viewer.of(author), blog,
                new ByteArrayInputStream(TestImages.jpeg(1200, 800)), "Plage à Nice.jpg", "La plage");
        Media small = carnet.services().media.upload(Viewer.of(author), blog,
                new ByteArrayInputStream(TestImages.png(300, 150)), "icone.png", "");
        String wideUrl = MediaService.url("/photos", wide);
        String smallUrl = MediaService.url("/photos", small);
        carnet.services().posts.create(Viewer.of(author), blog, new PostInput(Post.Kind.POST, "Vacances",
                BodyFormat.HTML, "<p><img src=\"https://elsewhere.example/x.jpg\" alt=\"ailleurs\"></p>"
                + "<p><img src=\"" + wideUrl + "\" alt=\"La plage\"></p>"
                + "<p><img src=\"" + MediaService.url("/photos", wide, 640) + "\" width=\"400\" alt=\"Plus petite\"></p>"
                + "<p><img src=\"" + smallUrl + "\" alt=\"\"></p>", "", "", "", ""), PostService.Intent.PUBLISH);
        String path = "/photos" + carnet.services().reader.home(blog, null, 10).entries().get(0).post().path();

        WebClient reader = carnet.client();
        List<Element> imgs = reader.get(path).doc().select("article .post-body img");
        assertThat(imgs).hasSize(4);

        // Another site's image is left exactly as the sanitiser wrote it.
        Element elsewhere = imgs.get(0);
        assertThat(elsewhere.hasAttr("srcset")).isFalse();
        assertThat(elsewhere.attr("loading")).isEqualTo("lazy");

        Element first = imgs.get(1);
        assertThat(first.attr("width")).isEqualTo("1200");
        assertThat(first.attr("height")).isEqualTo("800");
        assertThat(first.attr("loading")).isEqualTo("eager");
        assertThat(first.attr("srcset")).isEqualTo(MediaService.url("/photos", wide, 320) + " 320w, "
                + MediaService.url("/photos", wide, 640) + " 640w, " + MediaService.url("/photos", wide, 1024)
                + " 1024w, " + wideUrl + " 1200w");
        assertThat(first.attr("sizes")).isEqualTo("(max-width: 736px) 100vw, 736px");

        Element chosen = imgs.get(2);
        assertThat(chosen.attr("width")).isEqualTo("400");
        assertThat(chosen.attr("height")).isEqualTo("267");
        assertThat(chosen.attr("loading")).isEqualTo("lazy");
        assertThat(chosen.attr("sizes")).isEqualTo("(max-width: 400px) 100vw, 400px");

        // Narrower than every variant: its own size, no srcset to offer.
        Element icon = imgs.get(3);
        assertThat(icon.attr("width")).isEqualTo("300");
        assertThat(icon.attr("height")).isEqualTo("150");
        assertThat(icon.hasAttr("srcset")).isFalse();

        // Every candidate of the srcset is an image of the width it claims.
        for (String candidate : first.attr("srcset").split(",\\s*")) {
            String[] parts = candidate.split(" ");
            MediaHttp.Bytes got = new MediaHttp(carnet.baseUrl(), carnet.client()).get(parts[0]);
            assertThat(got.status()).as(parts[0]).isEqualTo(200);
            assertThat(TestImages.decode(got.body()).getWidth() + "w").isEqualTo(parts[1]);
        }
    }

    @Test
    void onlyTheFirstOfTheBlogsImagesOnAListingLoadsAtOnce() throws Exception {
        User author = carnet.user("liste@srcset.test", "Liste", PW);
        Blog blog = carnet.blog(author, "liste");
        for (String title : List.of("Un", "Deux")) {
            Media m = carnet.services().media.upload(Viewer.of(author), blog,
                    new ByteArrayInputStream(TestImages.jpeg(800, 600)), title + ".jpg", title);
            carnet.services().posts.create(Viewer.of(author), carnet.services().blogs.require("liste"),
                    new PostInput(Post.Kind.POST, title, BodyFormat.HTML, "<p><img src=\""
                            + MediaService.url("/liste", m) + "\" alt=\"" + title + "\"></p>", "", "", "", ""),
                    PostService.Intent.PUBLISH);
            carnet.clock().advance(java.time.Duration.ofMinutes(1));
        }
        List<Element> imgs = carnet.client().get("/liste/").doc().select("article .post-body img");
        assertThat(imgs).extracting(e -> e.attr("loading")).containsExactly("eager", "lazy");
        assertThat(imgs).allSatisfy(e -> assertThat(e.attr("srcset")).contains(" 320w, ").contains(" 800w"));
    }
}
