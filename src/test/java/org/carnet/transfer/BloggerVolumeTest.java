package org.carnet.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import org.carnet.testkit.Tier;
import org.junit.jupiter.api.Test;

/**
 * A large export streams through the reader: 20,000 posts and as many comments are generated as they are
 * read and counted as they come out, so neither the test nor the reader ever holds the whole file.
 */
@Tier.Volume
class BloggerVolumeTest {

    static final int POSTS = 20_000;


    /** The export, one entry at a time. */
    static InputStream generatedExport() {
        BloggerFixture.Classic writer = new BloggerFixture.Classic("Carnet d’Asie");
        String paragraph = "<p>" + "Les coupoles du Registan brillent au soleil d'hiver. ".repeat(40) + "</p>";
        Enumeration<InputStream> parts = new Enumeration<>() {
            int next = -1;

            @Override
            public boolean hasMoreElements() {
                return next <= POSTS;
            }

            @Override
            public InputStream nextElement() {
                int n = next++;
                if (n == -1) {
                    return utf8(writer.header());
                }
                if (n == POSTS) {
                    return utf8(BloggerFixture.Classic.footer());
                }
                BloggerFixture.Post post = new BloggerFixture.Post(String.valueOf(100_000 + n));
                post.title = "Étape " + n;
                post.html = paragraph;
                post.labels = java.util.List.of("Asie centrale", "l'Ouzbékistan");
                post.published = "2022-01-17T18:05:00.000+01:00";
                post.updated = "2022-01-18T09:12:44.581+01:00";
                post.url = BloggerFixture.HOME + "2022/01/etape-" + n + ".html";
                BloggerFixture.Comment comment = new BloggerFixture.Comment(String.valueOf(900_000 + n), post.number);
                comment.postUrl = post.url;
                comment.html = "Bravo !";
                comment.published = "2022-01-18T10:00:00.000+01:00";
                BloggerFixture.Classic entry = new BloggerFixture.Classic("").post(post).comment(comment);
                return utf8(String.join("\n", entry.entries) + "\n");
            }
        };
        return new SequenceInputStream(parts);
    }

    static InputStream utf8(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void twentyThousandPostsStreamThroughToTheSink() {
        CountingSink sink = new CountingSink();

        BloggerExportReader.read(generatedExport(), sink);

        assertThat(sink.posts).isEqualTo(POSTS);
        assertThat(sink.comments).isEqualTo(POSTS);
        assertThat(sink.skipped).isZero();
        assertThat(sink.blogs).isEqualTo(1);
        // ~2 KB of HTML per post: some 45 MB went through, more than one element's limit.
        assertThat(sink.htmlChars).isGreaterThan(SafeXml.DEFAULT_MAX_VALUE * 4 / 5);
    }
}
