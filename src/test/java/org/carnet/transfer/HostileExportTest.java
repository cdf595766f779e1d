package org.carnet.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files that are not Blogger exports, or that attack their reader: each is refused with an
 * {@link ImportFormatException} that says why and where, without running out of memory, reading local
 * files or calling out to the network.
 */
class HostileExportTest {

    static final String HEADER = "<?xml version='1.0' encoding='UTF-8'?>\n";
    static final String FEED = "<feed xmlns='http://www.w3.org/2005/Atom'>";

    @TempDir
    Path dir;

    static ImportFormatException refusal(InputStream in, long maxValue) {
        RecordingSink sink = new RecordingSink();
        try {
            BloggerExportReader.read(in, sink, null, maxValue);
        } catch (ImportFormatException e) {
            return e;
        }
        throw new AssertionError("accepted: " + sink.events);
    }

    static ImportFormatException refusal(String xml) {
        return refusal(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), SafeXml.DEFAULT_MAX_VALUE);
    }

    @Test
    void theBillionLaughsAreRefusedBeforeAnyEntityIsExpanded() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE feed [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            String previous = "&lol" + (i - 1) + ";";
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(previous.repeat(10)).append("\">");
        }
        dtd.append("]>");
        String xml = HEADER + dtd + FEED + "<entry><id>&lol9;</id></entry></feed>";

        ImportFormatException e = refusal(xml);

        assertThat(e.entry()).isZero();
        assertThat(e).hasMessageContaining("declares a DTD");
    }

    @Test
    void anExternalEntityIsRefusedAndTheFileNeverRead() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "root:x:0:0:TOP-SECRET");
        for (String target : List.of("file:///etc/passwd", secret.toUri().toString())) {
            String xml = HEADER + "<!DOCTYPE feed [<!ENTITY xxe SYSTEM \"" + target + "\">]>" + FEED
                    + "<title>&xxe;</title><entry><id>tag:blogger.com,1999:blog-1.post-1</id><content>&xxe;</content>"
                    + "</entry></feed>";
            RecordingSink sink = new RecordingSink();

            assertThatThrownBy(() -> BloggerExportReader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), sink))
                    .isInstanceOf(ImportFormatException.class)
                    .hasMessageContaining("declares a DTD")
                    .message().doesNotContain("root:").doesNotContain("TOP-SECRET");
            assertThat(sink.events).isEmpty();
        }
    }

    @Test
    void anExternalDtdOrParameterEntityIsNeverFetched() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/evil.dtd";
            List<String> doctypes = List.of(
                    "<!DOCTYPE feed SYSTEM \"" + url + "\">",
                    "<!DOCTYPE feed [<!ENTITY % remote SYSTEM \"" + url + "\"> %remote;]>");
            for (String doctype : doctypes) {
                ImportFormatException e = refusal(HEADER + doctype + FEED + "</feed>");
                assertThat(e).hasMessageContaining("declares a DTD");
            }
            server.setSoTimeout(300);
            assertThatThrownBy(server::accept).as("nobody called the URL").isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void aTruncatedFileSaysSoAndNamesTheEntryItStoppedIn() {
        String xml = BloggerClassicTest.carnetDAsie().xml();
        int cut = xml.indexOf("Les coupoles");
        String truncated = xml.substring(0, cut);
        int entry = truncated.split("<entry>", -1).length - 1;

        ImportFormatException e = refusal(truncated);

        assertThat(entry).isEqualTo(8);
        assertThat(e.entry()).isEqualTo(entry);
        assertThat(e).hasMessageContaining("before its XML is complete");
    }

    @Test
    void aFileCutBetweenEntriesIsTruncatedToo() {
        String xml = BloggerClassicTest.carnetDAsie().xml();
        String truncated = xml.substring(0, xml.lastIndexOf("</feed>"));

        assertThat(refusal(truncated)).hasMessageContaining("before its XML is complete");
    }

    @Test
    void aSixtyMegabyteElementIsRefusedWithoutEverHoldingIt() {
        // Streamed from a generator: the test itself never holds the 60 MB either.
        String before = new BloggerFixture.Classic("x").header() + "<entry><id>" + BloggerFixture.postId("1")
                + "</id><category scheme='http://schemas.google.com/g/2005#kind' term='"
                + BloggerFixture.KIND + "post'/><content type='html'>";
        String after = "</content></entry></feed>";
        InputStream in = new SequenceInputStream(new SequenceInputStream(utf8(before), repeated('a', 60L << 20)),
                utf8(after));

        ImportFormatException e = refusal(in, SafeXml.DEFAULT_MAX_VALUE);

        assertThat(e.entry()).isEqualTo(1);
        assertThat(e).hasMessage("the text of <content> is larger than 50 MB");
    }

    @Test
    void aHugeAttributeIsCutShortBeforeTheParserHoldsIt() {
        String before = HEADER + FEED + "<entry><id>tag:blogger.com,1999:blog-1.post-1</id><category term='";
        InputStream in = new SequenceInputStream(new SequenceInputStream(utf8(before), repeated('a', 8L << 20)),
                utf8("'/></entry></feed>"));

        ImportFormatException e = refusal(in, 1 << 20);

        assertThat(e.entry()).isEqualTo(1);
        assertThat(e).hasMessageContaining("single XML value").hasMessageContaining("larger than 1 MB");
    }

    @Test
    void aHugeCommentIsCutShortToo() {
        InputStream in = new SequenceInputStream(new SequenceInputStream(utf8(HEADER + FEED + "<!--"),
                repeated('x', 8L << 20)), utf8("--></feed>"));

        assertThat(refusal(in, 1 << 20)).hasMessageContaining("larger than 1 MB");
    }

    @Test
    void onlyTheBodyMayBeLargeSoOneEntryHoldsAtMostOneBigValue() {
        String xml = HEADER + FEED + "<entry><title>" + "t".repeat(100_000) + "</title></entry></feed>";

        ImportFormatException e = refusal(xml);

        assertThat(e.entry()).isEqualTo(1);
        assertThat(e).hasMessage("the text of <title> is larger than 64 KB");
    }

    @Test
    void thousandsOfCategoriesAreRefused() {
        StringBuilder categories = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            categories.append("<category scheme='http://www.blogger.com/atom/ns#' term='label ").append(i).append("'/>");
        }
        String xml = HEADER + FEED + "<entry><id>tag:blogger.com,1999:blog-1.post-1</id>" + categories + "</entry></feed>";

        assertThat(refusal(xml)).hasMessage("an entry has more than 1,000 labels");
    }

    @Test
    void deepNestingIsRefused() {
        String xml = HEADER + FEED + "<entry>" + "<div>".repeat(1000) + "</div>".repeat(1000) + "</entry></feed>";

        assertThat(refusal(xml)).hasMessageContaining("nested more than");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "Carnet d’Asie, mes notes de voyage",
            "{\"posts\": []}",
            "<html><body>Not a feed</body></html>",
            // RSS 2.0
            "<?xml version='1.0'?><rss version='2.0'><channel><title>Carnet</title><item><title>Samarcande</title>"
                    + "</item></channel></rss>",
            // WordPress WXR
            "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0' xmlns:wp='http://wordpress.org/export/1.2/'"
                    + " xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel><title>Carnet</title>"
                    + "<wp:wxr_version>1.2</wp:wxr_version><item><title>Samarcande</title><wp:post_type>post"
                    + "</wp:post_type><content:encoded><![CDATA[<p>Hi</p>]]></content:encoded></item></channel></rss>",
            // <feed> outside the Atom namespace
            "<feed><entry><id>1</id></entry></feed>",
            // an Atom feed, but not an export: Blogger's public feed has no kind categories
            "<feed xmlns='http://www.w3.org/2005/Atom'><title>Carnet</title><entry><id>tag:blogger.com,1999:blog-1.post-1"
                    + "</id><category scheme='http://www.blogger.com/atom/ns#' term='Asie'/><title>x</title></entry></feed>",
            // an empty Atom feed
            "<feed xmlns='http://www.w3.org/2005/Atom'><title>Carnet</title></feed>"})
    void whatIsNotABloggerExportIsRefusedAsSuch(String file) {
        ImportFormatException e = refusal(file);

        assertThat(e.entry()).isZero();
        assertThat(e).hasMessageStartingWith("it is not a Blogger export");
    }

    @Test
    void binaryBytesAreRefusedAsNotABloggerExport() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

        assertThat(refusal(new ByteArrayInputStream(png), SafeXml.DEFAULT_MAX_VALUE)).hasMessageStartingWith("it is not a Blogger export");
        assertThatThrownBy(() -> BloggerExportReader.detect(new ByteArrayInputStream(png))).hasMessageStartingWith("it is not a Blogger export");
    }

    @Test
    void malformedXmlInsideTheFeedSaysWhereItIs() {
        String xml = BloggerClassicTest.carnetDAsie().xml().replace("<title type='text'>Boukhara</title>",
                "<title type='text'>Boukhara</titre>");

        ImportFormatException e = refusal(xml);

        assertThat(e.entry()).isEqualTo(7);
        assertThat(e).hasMessageStartingWith("its XML is not well-formed at line ");
    }

    @Test
    void aMismatchedTagInASmallFileIsNotMistakenForTruncation() {
        ImportFormatException e = refusal(HEADER + FEED + "<entry><id>1</id></entri></feed>\n");

        assertThat(e.entry()).isEqualTo(1);
        assertThat(e).hasMessage("its XML is not well-formed at line 2");
    }

    static InputStream utf8(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code count} copies of one ASCII character, generated as they are read. */
    static InputStream repeated(char c, long count) {
        return new InputStream() {
            long left = count;

            @Override
            public int read() {
                return left-- > 0 ? c : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                Arrays.fill(buffer, offset, offset + n, (byte) c);
                left -= n;
                return n;
            }
        };
    }
}
