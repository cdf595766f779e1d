package org.carnet.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which addresses of a body are the old blog's images, and which of them are the same picture. */
class OldImagesTest {

    private final OldImages blogger = new OldImages("https://carnetdasie.blogspot.com/");
    private final OldImages wordpress = new OldImages("https://monblog.fr");

    @Test
    void bloggerSizesAreOnePicture() {
        String[] same = {
            "https://1.bp.blogspot.com/-a/Xy/AAAA/bb/s320/p.jpg",
            "http://2.bp.blogspot.com/-a/Xy/AAAA/bb/s1600/p.jpg",
            "https://3.bp.blogspot.com/-a/Xy/AAAA/bb/s1600-h/p.jpg",
            "//4.bp.blogspot.com/-a/Xy/AAAA/bb/w640-h480/p.jpg",
        };
        for (String url : same) {
            assertThat(blogger.keyOf(url)).as(url).isEqualTo(blogger.keyOf(same[0])).isNotNull();
        }
        assertThat(blogger.keyOf("https://blogger.googleusercontent.com/img/a/AVvX=s1600"))
                .isEqualTo(blogger.keyOf("https://blogger.googleusercontent.com/img/a/AVvX=w640-h480"));
        assertThat(blogger.keyOf("https://1.bp.blogspot.com/-a/Xy/AAAA/bb/s320/p.jpg"))
                .isNotEqualTo(blogger.keyOf("https://1.bp.blogspot.com/-a/Xy/AAAA/cc/s320/p.jpg"));
    }

    @Test
    void theOriginalIsAskedForFirstThenTheLargestSeen() {
        Map<String, OldImages.Picture> found = OldImages.newFound();
        blogger.collect("<a href=\"https://1.bp.blogspot.com/-a/b/s1600-h/p.jpg\"><img src='https://1.bp.blogspot.com/"
                + "-a/b/s320/p.jpg'></a><img src=\"https://blogger.googleusercontent.com/img/a/X&#61;w640-h480\">",
                found);
        assertThat(found).hasSize(2);
        var it = found.values().iterator();
        assertThat(it.next().candidates()).startsWith("https://1.bp.blogspot.com/-a/b/s0/p.jpg",
                "https://1.bp.blogspot.com/-a/b/s1600/p.jpg");
        assertThat(it.next().candidates()).startsWith("https://blogger.googleusercontent.com/img/a/X=s0",
                "https://blogger.googleusercontent.com/img/a/X=w640-h480");
    }

    @Test
    void onlyTheOldBlogsImagesAreTaken() {
        assertThat(blogger.keyOf("https://carnetdasie.blogspot.com/2022/01/post.html")).isNull();
        assertThat(blogger.keyOf("https://carnetdasie.blogspot.com/img/photo.JPG")).isNotNull();
        assertThat(blogger.keyOf("https://example.org/photo.jpg")).isNull();
        assertThat(blogger.keyOf("javascript:alert(1)")).isNull();
        assertThat(blogger.keyOf("/relative/photo.jpg")).isNull();
        assertThat(wordpress.keyOf("https://monblog.fr/2022/01/17/lete/")).isNull();
        assertThat(wordpress.keyOf("https://www.monblog.fr/wp-content/uploads/2022/01/photo-300x200.jpg"))
                .isEqualTo(wordpress.keyOf("https://monblog.fr/wp-content/uploads/2022/01/photo.jpg")).isNotNull();
    }

    @Test
    void rewritingChangesOnlyTheAddressesOfPicturesBroughtHome() {
        String html = "<a href=\"https://1.bp.blogspot.com/-a/b/s1600/p.jpg\"><img alt=\"x\" "
                + "src=\"https://2.bp.blogspot.com/-a/b/s320/p.jpg\"></a> <img src='https://1.bp.blogspot.com/-z/"
                + "s320/q.jpg'> <a href=\"https://example.org/\">x</a>";
        String key = blogger.keyOf("https://1.bp.blogspot.com/-a/b/s320/p.jpg");
        String out = blogger.rewrite(html, k -> k.equals(key) ? "/b/media/abc/p.jpg" : null);
        assertThat(out).isEqualTo("<a href=\"/b/media/abc/p.jpg\"><img alt=\"x\" src=\"/b/media/abc/p.jpg\"></a> "
                + "<img src='https://1.bp.blogspot.com/-z/s320/q.jpg'> <a href=\"https://example.org/\">x</a>");
    }
}
