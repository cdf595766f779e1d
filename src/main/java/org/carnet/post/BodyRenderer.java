package org.carnet.post;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlSanitizer;

/**
 * Turns a post or page body, as its author wrote it, into what Carnet stores and shows: the safe
 * HTML of the whole body, the safe HTML of the part before the "read more" break (Blogger's
 * {@code <!--more-->}), and the plain text for meta descriptions and search.
 *
 * <p>Every body takes the same road, whatever its format: Markdown is rendered by commonmark
 * (raw HTML allowed), HTML is taken as is, and then both go through {@link HtmlPolicy}. Nothing
 * produced here has skipped the sanitizer.
 */
public final class BodyRenderer {

    private BodyRenderer() {}

    /**
     * A rendered body.
     *
     * @param html        the whole body as safe HTML, without the "read more" marker
     * @param summaryHtml the safe HTML before the marker, or null when the body has no break
     * @param text        the plain text of {@code html}: no tags, entities decoded, whitespace
     *                    collapsed; it is text, not HTML, so escape it wherever it is written out
     */
    public record RenderedBody(String html, String summaryHtml, String text) {}

    private static final RenderedBody EMPTY = new RenderedBody("", null, "");

    /** Blogger's break, also as {@code <!-- more -->} and in any case. */
    private static final Pattern MORE = Pattern.compile("<!--\\s*more\\s*-->", Pattern.CASE_INSENSITIVE);

    private static final List<Extension> EXTENSIONS = List.of(
            TablesExtension.create(),
            AutolinkExtension.create(),
            // One tilde is too common in prose ("~10 €") to strike text through by accident.
            StrikethroughExtension.builder().requireTwoTildes(true).build());

    // Both are immutable and thread-safe once built.
    private static final Parser MARKDOWN = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer MARKDOWN_TO_HTML = HtmlRenderer.builder().extensions(EXTENSIONS).build();

    /** Renders {@code source} written in {@code format}; a null or blank source gives an empty body. */
    public static RenderedBody render(BodyFormat format, String source) {
        Objects.requireNonNull(format, "format");
        if (source == null || source.isBlank()) {
            return EMPTY;
        }
        RenderedBody body = switch (format) {
            case MARKDOWN -> markdown(source);
            case HTML -> html(source);
        };
        // A break with nothing before it would make an empty summary: treat it as no break.
        String summary = body.summaryHtml() == null || body.summaryHtml().isBlank() ? null : body.summaryHtml();
        return new RenderedBody(body.html(), summary, textOf(body.html()));
    }

    /**
     * The break is looked for in the parsed document rather than in the source, so commonmark
     * has already decided what is code: a marker in a fenced or indented code block is a code
     * block, not an HTML block, and only a marker alone on its line at the top level counts.
     * Splitting the tree (not the text) also keeps link references defined after the break
     * working in the summary.
     */
    private static RenderedBody markdown(String source) {
        Node document = MARKDOWN.parse(source);
        Node marker = firstMoreMarker(document);
        String summary = null;
        if (marker != null) {
            StringBuilder before = new StringBuilder();
            for (Node node = document.getFirstChild(); node != marker; node = node.getNext()) {
                MARKDOWN_TO_HTML.render(node, before);
            }
            summary = HtmlPolicy.sanitize(before.toString());
            marker.unlink();
        }
        return new RenderedBody(HtmlPolicy.sanitize(MARKDOWN_TO_HTML.render(document)), summary, null);
    }

    private static Node firstMoreMarker(Node document) {
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof HtmlBlock block && MORE.matcher(block.getLiteral().strip()).matches()) {
                return node;
            }
        }
        return null;
    }

    /** HTML is split at the first marker; the whole body needs no cutting, the sanitizer drops comments. */
    private static RenderedBody html(String source) {
        Matcher marker = MORE.matcher(source);
        String summary = marker.find() ? HtmlPolicy.sanitize(source.substring(0, marker.start())) : null;
        return new RenderedBody(HtmlPolicy.sanitize(source), summary, null);
    }

    /**
     * Elements whose edges do not separate words; every other tag (p, li, td, br, ...) does, so
     * {@code <p>one</p><p>two</p>} reads "one two", not "onetwo".
     */
    private static final Set<String> INLINE = Set.of(
            "a", "abbr", "b", "cite", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s",
            "samp", "small", "span", "strong", "sub", "sup", "u");

    private static final Pattern HTML_WHITESPACE = Pattern.compile("[ \\t\\n\\r\\f]+");

    /**
     * The plain text of sanitised HTML, read with the sanitizer's own HTML lexer: it hands over
     * text already decoded ({@code &amp;} is "&"). No-break spaces are kept on purpose: French
     * puts them before ":" and inside « ».
     */
    static String textOf(String safeHtml) {
        StringBuilder text = new StringBuilder();
        HtmlSanitizer.sanitize(safeHtml, new HtmlSanitizer.Policy() {
            @Override public void openDocument() {}
            @Override public void closeDocument() {}
            @Override public void openTag(String element, List<String> attributes) { separate(element); }
            @Override public void closeTag(String element) { separate(element); }
            @Override public void text(String chunk) { text.append(chunk); }

            private void separate(String element) {
                if (!INLINE.contains(element)) {
                    text.append(' ');
                }
            }
        });
        return HTML_WHITESPACE.matcher(text).replaceAll(" ").strip();
    }
}
