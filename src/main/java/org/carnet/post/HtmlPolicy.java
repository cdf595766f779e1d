package org.carnet.post;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.owasp.html.AttributePolicy;
import org.owasp.html.CssSchema;
import org.owasp.html.ElementPolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The single HTML policy every post and page body goes through before a reader sees it, whether
 * it was written in Carnet (Markdown or HTML) or imported from Blogger or WordPress.
 *
 * <p>It is an allow-list: the elements and attributes a blog post plausibly needs (text
 * structure, links, images, tables, a few video embeds, harmless inline styles) and nothing
 * else. Scripts, event handlers, forms, plug-ins, SVG/MathML and dangerous URLs are removed,
 * and text stays text. The OWASP sanitizer does the parsing and encoding; this class only
 * states what is allowed.
 */
public final class HtmlPolicy {

    private HtmlPolicy() {}

    /** Class names only: no quotes, no entities, nothing a selector or script could abuse. */
    private static final Pattern CLASS_NAMES = Pattern.compile("[A-Za-z0-9 _-]{0,100}");

    /** Fragment targets ({@code <a name="more">}, {@code <a id="notes">}) for in-page links. */
    private static final Pattern ANCHOR = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0,99}");

    /** HTML width/height attributes: pixels, or the percentages old imported posts use. */
    private static final Pattern DIMENSION = Pattern.compile("[0-9]{1,4}%?");

    private static final Pattern SPAN_COUNT = Pattern.compile("[0-9]{1,3}");

    /**
     * The only pages an iframe may show: the embed players of a few video hosts, over HTTPS.
     * Each alternative ends with the path's first '/', so the host cannot be stretched
     * ({@code www.youtube.com.evil.example}, {@code www.youtube.com@evil.example}).
     */
    private static final Pattern VIDEO_EMBED = Pattern.compile(
            "https://(?:www\\.youtube\\.com/embed/|www\\.youtube-nocookie\\.com/embed/"
                    + "|player\\.vimeo\\.com/video/|www\\.dailymotion\\.com/embed/video/)"
                    + "[A-Za-z0-9_-]+(?:[?#][^\\s\"'<>\\\\]*)?");

    /**
     * Properties that change how text and boxes look, but cannot load anything or escape the
     * post. OWASP's schema lists CSS functions as pseudo-properties: without "rgb()" and its
     * kin, {@code color: rgb(...)} would be dropped along with url() and expression().
     */
    private static final List<String> CSS_PROPERTIES = List.of(
            "text-align", "float", "clear",
            "margin", "margin-top", "margin-right", "margin-bottom", "margin-left",
            "padding", "padding-top", "padding-right", "padding-bottom", "padding-left",
            "color", "background-color", "font-weight", "font-style", "text-decoration",
            "width", "height", "max-width", "border", "vertical-align",
            "rgb()", "rgba()", "hsl()", "hsla()");

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements(
                    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
                    "code", "kbd", "samp", "em", "strong", "b", "i", "u", "s", "del", "ins", "sub",
                    "sup", "small", "mark", "abbr", "q", "cite", "ul", "ol", "li", "dl", "dt", "dd",
                    "figure", "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr",
                    "th", "td", "span", "div", "a")
            // Applies to every URL-valued attribute (href, src, cite). Relative URLs carry no
            // protocol and pass; javascript:, vbscript:, data: and the rest do not, however
            // they are cased, entity-encoded or split by whitespace, because the sanitizer
            // decodes the value before it looks at the protocol.
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("class").matching(CLASS_NAMES).globally()
            .allowStyling(CssSchema.withProperties(CSS_PROPERTIES))
            .allowAttributes("cite").onElements("blockquote", "q")
            .allowAttributes("title").onElements("abbr", "a", "img", "iframe")
            .allowAttributes("start").matching(Pattern.compile("-?[0-9]{1,6}")).onElements("ol")
            .allowAttributes("type").matching(Pattern.compile("[1aAiI]")).onElements("ol")
            .allowAttributes("reversed").matching(HtmlPolicy::booleanAttribute).onElements("ol")
            .allowAttributes("colspan", "rowspan").matching(SPAN_COUNT).onElements("th", "td")
            .allowAttributes("scope").matching(Pattern.compile("row|col|rowgroup|colgroup")).onElements("th", "td")
            .allowAttributes("align").matching(Pattern.compile("left|right|center|justify")).onElements("th", "td")
            // Links. The sanitizer itself adds rel="noopener noreferrer" to any link that keeps
            // a target, so the opened page cannot reach back through window.opener.
            .allowAttributes("href", "title").onElements("a")
            .allowAttributes("name", "id").matching(ANCHOR).onElements("a")
            .allowAttributes("target").matching(HtmlPolicy::blankTargetOnly).onElements("a")
            // Images: web images only (the protocol list above also lets mailto: through).
            .allowElements(HtmlPolicy::imageWithSource, "img")
            .allowAttributes("src").matching(HtmlPolicy::httpOrRelative).onElements("img")
            .allowAttributes("alt").onElements("img")
            .allowAttributes("width", "height").matching(DIMENSION).onElements("img", "iframe")
            .allowAttributes("loading").matching(Pattern.compile("lazy|eager")).onElements("img")
            // Video embeds: the iframe survives only if its src survived the allow-list.
            .allowElements(HtmlPolicy::iframeWithAllowedSource, "iframe")
            .allowAttributes("src").matching(VIDEO_EMBED).onElements("iframe")
            .allowAttributes("allowfullscreen").matching(HtmlPolicy::booleanAttribute).onElements("iframe")
            .allowAttributes("frameborder").matching(Pattern.compile("[01]")).onElements("iframe")
            .toFactory();

    /** Returns {@code html} with everything the policy does not allow removed; null gives "". */
    public static String sanitize(String html) {
        return html == null ? "" : POLICY.sanitize(html);
    }

    // Element policies run after the attribute policies, so they see what survived.

    private static String imageWithSource(String element, List<String> attributes) {
        if (indexOfAttribute(attributes, "src") < 0) {
            return null; // an image with no (acceptable) source shows nothing
        }
        if (indexOfAttribute(attributes, "loading") < 0) {
            attributes.add("loading");
            attributes.add("lazy"); // long posts full of photos should not load them all at once
        }
        return element;
    }

    private static String iframeWithAllowedSource(String element, List<String> attributes) {
        return indexOfAttribute(attributes, "src") < 0 ? null : element;
    }

    /** Attributes come as a flat list: name, value, name, value, ... */
    private static int indexOfAttribute(List<String> attributes, String name) {
        for (int i = 0; i < attributes.size(); i += 2) {
            if (attributes.get(i).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Only a new tab is a harmless target; named targets could drive other windows. */
    private static String blankTargetOnly(String element, String attribute, String value) {
        return "_blank".equalsIgnoreCase(value.strip()) ? "_blank" : null;
    }

    /** {@code reversed}, {@code reversed=""} and {@code reversed="reversed"} all mean on. */
    private static String booleanAttribute(String element, String attribute, String value) {
        String v = value.strip();
        return v.isEmpty() || v.equalsIgnoreCase(attribute) ? attribute : null;
    }

    private static String httpOrRelative(String element, String attribute, String url) {
        String scheme = schemeOf(url.strip());
        return scheme == null || scheme.equals("http") || scheme.equals("https") ? url : null;
    }

    /** The URL's scheme in lower case, or null for a relative URL (a ':' after '/', '?' or '#' is not a scheme). */
    private static String schemeOf(String url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == ':') {
                return url.substring(0, i).toLowerCase(Locale.ROOT);
            }
            if (c == '/' || c == '?' || c == '#') {
                return null;
            }
        }
        return null;
    }
}
