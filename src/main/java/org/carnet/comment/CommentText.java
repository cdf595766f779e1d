package org.carnet.comment;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carnet.core.Problem;
import org.owasp.html.Handler;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlSanitizer;
import org.owasp.html.HtmlStreamEventReceiver;
import org.owasp.html.HtmlStreamRenderer;
import org.owasp.html.PolicyFactory;

/**
 * Turns what a reader typed in the comment box into the HTML shown under a post.
 *
 * <p>Comments are not posts: they come from strangers, so they get a much smaller language than
 * {@link org.carnet.post.HtmlPolicy}. A comment is plain text whose line breaks are kept, plus
 * bold, italic and links, the way Blogger's comment box works:
 * <ul>
 *   <li>{@code <b>}, {@code <i>} and {@code <a href>} are kept ({@code <strong>}/{@code <em>} become
 *       {@code <b>}/{@code <i>}). A link keeps only an absolute http, https or mailto href, always gets
 *       {@code rel="nofollow ugc"} (so spam earns no search ranking), and never a target. A link
 *       without such an href is removed, its text kept.</li>
 *   <li>Every other tag is removed, like in a post; the text inside it is kept, except the
 *       content of script and style, which is dropped.</li>
 *   <li>A {@code <} that cannot start a tag stays visible: {@code <3}, {@code a < b}. So does one
 *       that is never closed by a {@code >} before the next {@code <} ({@code if a<b then}), because
 *       otherwise the sanitizer would swallow the rest of the comment as a broken tag. But
 *       {@code a<b>c} is bold, as in HTML. (The same rule shows a tag with a {@code <} inside an
 *       attribute value as text; harmless, and rare in a comment.)</li>
 *   <li>Entities are decoded as in HTML: typing {@code &lt;} shows {@code <}.</li>
 *   <li>Each line break becomes {@code <br />} (the sanitizer's spelling, as in posts); more than
 *       two in a row (blank lines) count as two. Leading and trailing white space is dropped.</li>
 *   <li>Bare URLs stay text (no auto-linking: a spammer's URL should not become a link), but they
 *       are counted with the links for the spam defence: each run of non-space characters starting
 *       with http:// or https:// outside a link, a tag ending the run.</li>
 * </ul>
 * The OWASP sanitizer does the parsing and encoding; this class states the policy and lays out
 * the line breaks on the sanitizer's output stream, where only text that survived is seen.
 */
public final class CommentText {

    /** The most characters (code points, as typed) a comment may have. */
    public static final int MAX_LENGTH = 4096;

    /**
     * A rendered comment.
     *
     * @param html  safe HTML to show as is: text, {@code b}, {@code i}, {@code a}, {@code br}
     * @param links links a reader could follow: {@code <a>} elements plus bare http(s) URLs in the text
     * @param text  the same content as plain text (for notification emails): no tags, entities
     *              decoded, line breaks as {@code \n}
     */
    public record Rendered(String html, int links, String text) {}

    private CommentText() {}

    /** An http(s) URL a reader could copy into the address bar; the spam defence counts it as a link. */
    private static final Pattern BARE_URL = Pattern.compile("(?i)https?://\\S+");

    /** An href worth keeping: absolute, with one of the allowed schemes, and no white space inside. */
    private static final Pattern LINK = Pattern.compile("(?i)(?:https?://|mailto:)\\S+");

    /** A {@code <} followed by another {@code <}, or by the end, before any {@code >}: it starts no tag. */
    private static final Pattern UNCLOSED_TAG_START = Pattern.compile("<(?=[^<>]*+(?:<|\\z))");

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("b", "i")
            .allowElements((name, attributes) -> "b", "strong")
            .allowElements((name, attributes) -> "i", "em")
            .allowElements(CommentText::linkWithHref, "a")
            // Relative links mean nothing in a comment, and the protocol check below is not
            // enough on its own: it lets relative URLs through.
            .allowAttributes("href").matching(CommentText::absoluteLink).onElements("a")
            .allowUrlProtocols("http", "https", "mailto")
            // Any rel the commenter wrote is dropped (rel is not allowed) and replaced by ours.
            .requireRelsOnLinks("nofollow", "ugc")
            .toFactory();

    /**
     * Renders a comment as typed.
     *
     * @throws Problem comment.empty when there is nothing to show (also after sanitising, e.g.
     *                 only a script); comment.tooLong when longer than {@link #MAX_LENGTH}
     */
    public static Rendered render(String source) {
        return render(source, MAX_LENGTH);
    }

    /**
     * Renders a comment imported from another platform: the same sanitising, but no length limit (the limit
     * is for what people type here; an old comment is the blog owner's own data and is never cut).
     */
    public static Rendered renderImported(String source) {
        return render(source, Integer.MAX_VALUE);
    }

    private static Rendered render(String source, int maxLength) {
        if (source == null) {
            throw Problem.invalid("comment.empty");
        }
        String typed = source.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (typed.isEmpty()) {
            throw Problem.invalid("comment.empty");
        }
        // Counted as the reader sees it in the text box (an emoji is one character), so the
        // limit the form announces is the limit that applies.
        if (typed.codePointCount(0, typed.length()) > maxLength) {
            throw Problem.invalid("comment.tooLong", maxLength);
        }
        // Escaping a '<' can only turn markup into text, never the other way round.
        String markup = UNCLOSED_TAG_START.matcher(typed).replaceAll("&lt;");

        Output output = new Output();
        HtmlSanitizer.sanitize(markup, POLICY.apply(output));
        if (!output.visible) {
            throw Problem.invalid("comment.empty");
        }
        return new Rendered(output.html.toString(), output.anchors + count(BARE_URL, output.outsideLinks),
                output.text.toString());
    }

    private static int count(Pattern pattern, CharSequence in) {
        int n = 0;
        for (Matcher m = pattern.matcher(in); m.find(); ) {
            n++;
        }
        return n;
    }

    /** Runs after the attribute policies, so it sees only an href that passed them. */
    private static String linkWithHref(String element, List<String> attributes) {
        for (int i = 0; i < attributes.size(); i += 2) { // flat list: name, value, name, value, ...
            if (attributes.get(i).equals("href")) {
                return element;
            }
        }
        return null; // drops the a, keeps its text
    }

    /** The sanitizer hands over the value with entities decoded, so "&#106;avascript:" arrives as "javascript:". */
    private static String absoluteLink(String element, String attribute, String value) {
        String url = value.strip();
        return LINK.matcher(url).matches() ? url : null;
    }

    /**
     * Receives the sanitizer's output, already reduced to what the policy allows, and writes the
     * HTML, the plain text and the text outside links (where bare URLs are counted) side by side.
     *
     * <p>White space is held back until the next visible text: that is how line breaks are laid out
     * and collapsed even when a removed tag split the text, and how white space at either end
     * (left over, say, around a removed script) disappears. A closing tag does not release it, so
     * {@code <b>x\n</b>} puts the break after the {@code </b>}.
     */
    private static final class Output implements HtmlStreamEventReceiver {

        final StringBuilder html = new StringBuilder();
        final StringBuilder text = new StringBuilder();
        final StringBuilder outsideLinks = new StringBuilder();
        private final HtmlStreamRenderer renderer = HtmlStreamRenderer.create(html, Handler.DO_NOTHING);
        private final StringBuilder pendingSpace = new StringBuilder();
        boolean visible;
        int anchors;
        private int anchorDepth;

        @Override
        public void openDocument() {
            renderer.openDocument();
        }

        @Override
        public void closeDocument() {
            renderer.closeDocument(); // white space still pending is trailing: dropped
        }

        @Override
        public void openTag(String name, List<String> attributes) {
            releaseSpace();
            renderer.openTag(name, attributes);
            outsideLinks.append(' '); // a tag ends a bare URL: "http://a<b>http://b</b>" is two
            if (name.equals("a")) {
                anchors++;
                anchorDepth++;
            }
        }

        @Override
        public void closeTag(String name) {
            renderer.closeTag(name);
            outsideLinks.append(' ');
            if (name.equals("a")) {
                anchorDepth--;
            }
        }

        @Override
        public void text(String chunk) {
            int i = 0;
            while (i < chunk.length()) {
                boolean space = isSpace(chunk.charAt(i));
                int end = i;
                while (end < chunk.length() && isSpace(chunk.charAt(end)) == space) {
                    end++;
                }
                if (space) {
                    pendingSpace.append(chunk, i, end);
                } else {
                    // Whole runs, never single chars: a surrogate pair split in two would be dropped.
                    releaseSpace();
                    write(chunk.substring(i, end));
                    visible = true;
                }
                i = end;
            }
        }

        /** Writes the held-back white space, newlines as at most two line breaks, if anything visible came before. */
        private void releaseSpace() {
            if (visible) {
                int newlines = 0;
                int runStart = 0;
                for (int i = 0; i < pendingSpace.length(); i++) {
                    if (pendingSpace.charAt(i) == '\n') {
                        write(pendingSpace.substring(runStart, i));
                        runStart = i + 1;
                        if (++newlines <= 2) {
                            lineBreak();
                        }
                    }
                }
                write(pendingSpace.substring(runStart));
            }
            pendingSpace.setLength(0);
        }

        private void write(String s) {
            if (s.isEmpty()) {
                return;
            }
            renderer.text(s);
            text.append(s);
            if (anchorDepth == 0) {
                outsideLinks.append(s);
            }
        }

        private void lineBreak() {
            renderer.openTag("br", new ArrayList<>());
            text.append('\n');
            outsideLinks.append('\n');
        }

        /** Java's white space plus the no-break spaces French puts before ! ? : ; (invisible on their own). */
        private static boolean isSpace(char c) {
            return Character.isWhitespace(c) || Character.isSpaceChar(c);
        }
    }
}
