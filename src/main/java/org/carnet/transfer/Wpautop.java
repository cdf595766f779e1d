package org.carnet.transfer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WordPress's paragraphs, made explicit the way its {@code wpautop} does when it shows a post: WordPress stores a
 * classic-editor post with blank lines between paragraphs and adds the {@code <p>} only on display, so an
 * imported post needs them written in. A simpler and predictable form of {@code wpautop}:
 * <ol>
 * <li>Line breaks are normalised to \n.</li>
 * <li>Block-editor content (it contains {@code <!-- wp:}) is already HTML and is returned as is, as
 *     WordPress does.</li>
 * <li>{@code <pre>}, {@code <script>}, {@code <style>} and {@code <textarea>} elements are copied
 *     untouched.</li>
 * <li>The rest is cut at blank lines. A piece that contains a block-level tag or an HTML comment is
 *     copied untouched (so {@code <blockquote>}, lists and existing {@code <p>} never end up inside a
 *     {@code <p>}); any other non-blank piece becomes {@code <p>piece</p>}, its single line breaks
 *     becoming {@code <br>}.</li>
 * <li>The blank lines themselves are kept, so the HTML source still reads like the original.</li>
 * </ol>
 * "Un.\n\nDeux\ntrois." gives "&lt;p&gt;Un.&lt;/p&gt;\n\n&lt;p&gt;Deux&lt;br&gt;\ntrois.&lt;/p&gt;".
 */
final class Wpautop {

    /** Elements whose whitespace is content: never split or touched. */
    private static final Pattern VERBATIM =
            Pattern.compile("(?is)<(pre|script|style|textarea)\\b.*?</\\1\\s*>");
    /** A blank line: two line breaks with nothing but spaces or tabs between them. */
    private static final Pattern BLANK_LINES = Pattern.compile("\\n(?:[ \\t]*\\n)+");
    private static final Pattern BLOCK_TAG = Pattern.compile("(?i)<!--|</?(?:address|article|aside|blockquote"
            + "|caption|dd|details|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|li|main|nav"
            + "|ol|p|section|summary|table|tbody|td|tfoot|th|thead|tr|ul)\\b");

    private Wpautop() {
    }

    /** The post's HTML with its paragraphs written in (see the class comment). */
    static String paragraphs(String html) {
        String text = html.replace("\r\n", "\n").replace('\r', '\n');
        if (text.contains("<!-- wp:")) {
            return text;
        }
        var out = new StringBuilder(text.length() + 64);
        Matcher verbatim = VERBATIM.matcher(text);
        int from = 0;
        while (verbatim.find()) {
            appendParagraphs(text.substring(from, verbatim.start()), out);
            out.append(verbatim.group());
            from = verbatim.end();
        }
        appendParagraphs(text.substring(from), out);
        return out.toString();
    }

    private static void appendParagraphs(String text, StringBuilder out) {
        Matcher blank = BLANK_LINES.matcher(text);
        int from = 0;
        while (blank.find()) {
            appendPiece(text.substring(from, blank.start()), out);
            out.append(blank.group());
            from = blank.end();
        }
        appendPiece(text.substring(from), out);
    }

    private static void appendPiece(String piece, StringBuilder out) {
        String content = piece.strip();
        if (content.isEmpty() || BLOCK_TAG.matcher(content).find()) {
            out.append(piece);
            return;
        }
        // Keep the whitespace around the piece (the line break before a <pre>, say) outside the paragraph.
        int start = piece.indexOf(content);
        out.append(piece, 0, start)
                .append("<p>").append(content.replace("\n", "<br>\n")).append("</p>")
                .append(piece, start + content.length(), piece.length());
    }
}
