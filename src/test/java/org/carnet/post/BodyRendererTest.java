package org.carnet.post;

import static org.assertj.core.api.Assertions.assertThat;

import org.carnet.post.BodyRenderer.RenderedBody;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Markdown and HTML bodies become safe HTML, a summary at the "read more" break, and plain text. */
class BodyRendererTest {

    private static Document markdown(String source) {
        return Jsoup.parseBodyFragment(BodyRenderer.render(BodyFormat.MARKDOWN, source).html());
    }

    // --- Markdown ---

    @Test
    void markdownHeadingsEmphasisAndLists() {
        Document html = markdown("""
                # Titre

                ## Sous-titre

                Du *texte* et du **gras**.

                - un
                - deux

                1. premier
                2. second
                """);

        assertThat(html.selectFirst("h1").text()).isEqualTo("Titre");
        assertThat(html.selectFirst("h2").text()).isEqualTo("Sous-titre");
        assertThat(html.selectFirst("em").text()).isEqualTo("texte");
        assertThat(html.selectFirst("strong").text()).isEqualTo("gras");
        assertThat(html.select("ul > li").eachText()).containsExactly("un", "deux");
        assertThat(html.select("ol > li").eachText()).containsExactly("premier", "second");
    }

    @Test
    void htmlInsideACodeBlockStaysEscapedText() {
        Document html = markdown("""
                ```html
                <script>alert(1)</script> <b>gras</b>
                ```

                Et `<i>en ligne</i>` aussi.
                """);

        Element code = html.selectFirst("pre > code");
        assertThat(code.text()).isEqualTo("<script>alert(1)</script> <b>gras</b>");
        assertThat(code.className()).isEqualTo("language-html");
        assertThat(html.selectFirst("p > code").text()).isEqualTo("<i>en ligne</i>");
        assertThat(html.select("script, b, i")).isEmpty();
    }

    @Test
    void markdownTables() {
        Document html = markdown("""
                | Article | Prix |
                |:--------|-----:|
                | Café    | 2 €  |
                """);

        assertThat(html.select("table thead th").eachText()).containsExactly("Article", "Prix");
        assertThat(html.select("table tbody td").eachText()).containsExactly("Café", "2 €");
        assertThat(html.select("th").eachAttr("align")).containsExactly("left", "right");
    }

    @Test
    void bareUrlsBecomeLinks() {
        Element a = markdown("Voir https://example.com/page et la suite.").selectFirst("a");

        assertThat(a.attr("href")).isEqualTo("https://example.com/page");
        assertThat(a.text()).isEqualTo("https://example.com/page");
    }

    @Test
    void strikethroughNeedsTwoTildes() {
        Document html = markdown("C’est ~~faux~~ vrai, environ ~10 € à ~20 €.");

        assertThat(html.select("del").eachText()).containsExactly("faux");
        assertThat(html.text()).contains("~10 € à ~20 €");
    }

    @Test
    void rawHtmlInMarkdownGoesThroughThePolicy() {
        Document html = markdown("""
                Avant <mark>surligné</mark>.

                <script>alert(1)</script>

                <a href="javascript:alert(1)" onclick="alert(2)">lien</a>
                <img src="x" onerror="alert(3)">
                """);

        assertThat(html.selectFirst("mark").text()).isEqualTo("surligné");
        assertThat(html.select("script")).isEmpty();
        assertThat(html.select("[onclick], [onerror], a[href]")).isEmpty();
        assertThat(html.html()).doesNotContain("alert(1)");
    }

    @Test
    void markdownLinksAreSanitisedToo() {
        Document html = markdown("[clic](javascript:alert(1)) et [ok](/p/contact.html)");

        assertThat(html.select("a[href]").eachAttr("href")).containsExactly("/p/contact.html");
    }

    // --- the "read more" break ---

    @ParameterizedTest
    @ValueSource(strings = {"<!--more-->", "<!-- more -->", "<!--MORE-->", "<!--  More  -->"})
    void markdownSplitsAtTheMoreMarker(String marker) {
        RenderedBody body = BodyRenderer.render(BodyFormat.MARKDOWN, "Intro *courte*.\n\n" + marker + "\n\nLa suite.\n");

        assertThat(body.summaryHtml()).isEqualTo("<p>Intro <em>courte</em>.</p>\n");
        assertThat(Jsoup.parseBodyFragment(body.html()).select("p").eachText())
                .containsExactly("Intro courte.", "La suite.");
        assertThat(body.html()).doesNotContainIgnoringCase("more").doesNotContain("<!--");
    }

    @Test
    void aMarkerRightUnderAParagraphLineStillBreaks() {
        RenderedBody body = BodyRenderer.render(BodyFormat.MARKDOWN, "Intro\n<!--more-->\nLa suite.");

        assertThat(body.summaryHtml()).isEqualTo("<p>Intro</p>\n");
        assertThat(body.text()).isEqualTo("Intro La suite.");
    }

    @Test
    void aMarkerInsideCodeIsNotABreak() {
        String source = """
                Pour couper un billet, écrivez :

                ```
                <!--more-->
                ```

                    <!--more-->

                Fin.
                """;

        RenderedBody body = BodyRenderer.render(BodyFormat.MARKDOWN, source);

        assertThat(body.summaryHtml()).isNull();
        assertThat(Jsoup.parseBodyFragment(body.html()).select("pre code").eachText())
                .containsExactly("<!--more-->", "<!--more-->");
    }

    @Test
    void aMarkerInTheMiddleOfALineIsNotABreak() {
        RenderedBody body = BodyRenderer.render(BodyFormat.MARKDOWN, "Avant <!--more--> après.");

        assertThat(body.summaryHtml()).isNull();
        assertThat(body.text()).isEqualTo("Avant après.");
    }

    @Test
    void theMarkdownSummaryCanUseLinkReferencesDefinedAfterTheBreak() {
        RenderedBody body = BodyRenderer.render(BodyFormat.MARKDOWN,
                "Lire [la doc][doc].\n\n<!--more-->\n\nSuite.\n\n[doc]: https://example.com/doc\n");

        assertThat(Jsoup.parseBodyFragment(body.summaryHtml()).selectFirst("a").attr("href"))
                .isEqualTo("https://example.com/doc");
    }

    @Test
    void htmlSplitsAtTheFirstMoreMarker() {
        RenderedBody body = BodyRenderer.render(BodyFormat.HTML,
                "<p>Intro</p><!-- More --><p>Suite</p><!--more--><p>Fin</p>");

        assertThat(body.summaryHtml()).isEqualTo("<p>Intro</p>");
        assertThat(body.html()).isEqualTo("<p>Intro</p><p>Suite</p><p>Fin</p>");
    }

    @Test
    void anHtmlSummaryCutInsideAnElementIsClosedProperly() {
        RenderedBody body = BodyRenderer.render(BodyFormat.HTML,
                "<div><p>Intro <strong>forte<!--more--> suite</strong></p></div>");

        assertThat(body.summaryHtml()).isEqualTo("<div><p>Intro <strong>forte</strong></p></div>");
        assertThat(body.html()).isEqualTo("<div><p>Intro <strong>forte suite</strong></p></div>");
    }

    @Test
    void theSummaryIsSanitisedToo() {
        RenderedBody body = BodyRenderer.render(BodyFormat.HTML,
                "<p onclick=\"alert(1)\">Intro</p><script>alert(2)</script><!--more--><p>Suite</p>");

        assertThat(body.summaryHtml()).isEqualTo("<p>Intro</p>");
    }

    @ParameterizedTest
    @EnumSource(BodyFormat.class)
    void aBreakWithNothingBeforeItIsNoBreak(BodyFormat format) {
        RenderedBody body = BodyRenderer.render(format, "<!--more-->\n\n<p>Tout</p>\n");

        assertThat(body.summaryHtml()).isNull();
        assertThat(body.text()).isEqualTo("Tout");
    }

    @ParameterizedTest
    @EnumSource(BodyFormat.class)
    void noMarkerNoSummary(BodyFormat format) {
        assertThat(BodyRenderer.render(format, "<p>Tout le billet.</p>").summaryHtml()).isNull();
    }

    // --- plain text ---

    @Test
    void textHasNoTagsAndDecodedEntities() {
        RenderedBody body = BodyRenderer.render(BodyFormat.HTML,
                "<h2>Fish &amp; chips</h2><p>J&rsquo;aime &lt;3 <em>vraiment</em>&nbsp;!</p>"
                        + "<ul><li>un</li><li>deux</li></ul><p>a<br>b</p><script>cach&eacute;</script>");

        assertThat(body.text()).isEqualTo("Fish & chips J’aime <3 vraiment\u00a0! un deux a b");
    }

    @Test
    void textOfMarkdownKeepsFrenchAccents() {
        RenderedBody body = BodyRenderer.render(BodyFormat.MARKDOWN, """
                # L’été à Noël

                Où êtes-vous, *Hélène* ? Ça **coûte**    cher,
                l’œuvre de Zoé.

                ```
                if (a < b) {}
                ```
                """);

        assertThat(body.text())
                .isEqualTo("L’été à Noël Où êtes-vous, Hélène ? Ça coûte cher, l’œuvre de Zoé. if (a < b) {}");
    }

    @Test
    void textIsTheWholeBodyNotOnlyTheSummary() {
        RenderedBody body = BodyRenderer.render(BodyFormat.HTML, "<p>Un</p><!--more--><p>Deux</p>");

        assertThat(body.text()).isEqualTo("Un Deux");
    }

    // --- blank ---

    @ParameterizedTest
    @EnumSource(BodyFormat.class)
    void blankSourceGivesAnEmptyBody(BodyFormat format) {
        for (String blank : new String[] {null, "", "  \n\t "}) {
            RenderedBody body = BodyRenderer.render(format, blank);
            assertThat(body.html()).isEmpty();
            assertThat(body.summaryHtml()).isNull();
            assertThat(body.text()).isEmpty();
        }
    }
}
