package org.carnet.comment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.carnet.comment.CommentText.Rendered;
import org.carnet.core.Problem;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Comment bodies: plain text with line breaks, bold, italic and links, nothing else. Outputs are
 * parsed with jsoup, an HTML5 parser like a browser's, so the assertions are about what a
 * reader's browser would build, not about strings.
 */
class CommentTextTest {

    private static final Set<String> ALLOWED_ELEMENTS = Set.of("b", "i", "a", "br");

    private static Document parse(Rendered rendered) {
        return Jsoup.parseBodyFragment(rendered.html());
    }

    private static Problem problemOf(String source) {
        try {
            CommentText.render(source);
        } catch (Problem p) {
            return p;
        }
        throw new AssertionError("no Problem for " + source);
    }

    // ---- line breaks ----

    @Test
    void eachLineBreakBecomesABr() {
        assertThat(CommentText.render("un\ndeux\r\ntrois\rquatre").html()).isEqualTo("un<br />deux<br />trois<br />quatre");
    }

    @Test
    void aBlankLineIsAParagraphBreakAndLongerGapsCollapseToIt() {
        assertThat(CommentText.render("a\n\nb").html()).isEqualTo("a<br /><br />b");
        assertThat(CommentText.render("a\n\n\n\n\nb").html()).isEqualTo("a<br /><br />b");
        assertThat(CommentText.render("a\r\n\r\n\r\n\r\nb").html()).isEqualTo("a<br /><br />b");
        assertThat(CommentText.render("a\n  \n\t\n \nb").html()).as("blank lines with spaces are blank")
                .isEqualTo("a<br />  <br />\t b");
    }

    @Test
    void whiteSpaceAtEitherEndIsDropped() {
        assertThat(CommentText.render("\n\n  salut \n\n").html()).isEqualTo("salut");
        assertThat(CommentText.render("<script>x</script>\n\nsalut\n<style>p{}</style>").html()).isEqualTo("salut");
    }

    @Test
    void aRemovedTagDoesNotLetLineBreaksPileUp() {
        assertThat(CommentText.render("a\n\n<span></span>\n\nb").html()).isEqualTo("a<br /><br />b");
        assertThat(CommentText.render("<b>a\n</b>\n\nb").html()).isEqualTo("<b>a</b><br /><br />b");
    }

    @Test
    void lineBreaksInsideFormattingAndLinksStayThere() {
        Document parsed = parse(CommentText.render("<b>un\ndeux</b> <a href=\"https://example.com/\">trois\nquatre</a>"));

        assertThat(parsed.select("b br")).hasSize(1);
        assertThat(parsed.select("a br")).hasSize(1);
    }

    // ---- allowed tags ----

    @Test
    void boldItalicAndLinksAreKept() {
        Document parsed = parse(CommentText.render(
                "<b>gras</b> <i>italique</i> <a href=\"https://example.com/page?a=1&amp;b=2\">lien</a>"));

        assertThat(parsed.select("b").text()).isEqualTo("gras");
        assertThat(parsed.select("i").text()).isEqualTo("italique");
        Element a = parsed.selectFirst("a");
        assertThat(a.text()).isEqualTo("lien");
        assertThat(a.attr("href")).isEqualTo("https://example.com/page?a=1&b=2");
    }

    @Test
    void strongAndEmBecomeBoldAndItalic() {
        assertThat(CommentText.render("<strong>s</strong> <em>e</em>").html()).isEqualTo("<b>s</b> <i>e</i>");
    }

    @Test
    void everyLinkIsNofollowUgcWhateverTheCommenterWrote() {
        Document parsed = parse(CommentText.render(
                "<a href=\"http://a.example/\">a</a> <a href=\"https://b.example/\" rel=\"opener\">b</a> "
                        + "<a href=\"mailto:c@example.com\" rel=\"follow\">c</a>"));

        assertThat(parsed.select("a")).hasSize(3).allSatisfy(a -> assertThat(a.attr("rel").split(" "))
                .containsExactlyInAnyOrder("nofollow", "ugc"));
    }

    @Test
    void aLinkNeverOpensANewWindow() {
        Element a = parse(CommentText.render("<a href=\"https://example.com/\" target=\"_blank\">x</a>")).selectFirst("a");

        assertThat(a.hasAttr("target")).isFalse();
        assertThat(a.attr("href")).isEqualTo("https://example.com/");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "&#106;avascript:alert(1)",
        "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)", "jav&#x09;ascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "vbscript:msgbox(1)",
        "/relative/page.html", "//evil.example/", "page.html", "#top", "ftp://example.com/file", "https://", ""
    })
    void aLinkWithoutAnAbsoluteWebOrMailAddressLosesTheTagAndKeepsTheText(String href) {
        Rendered rendered = CommentText.render("avant <a href=\"" + href + "\">le lien</a> après");

        assertThat(parse(rendered).select("a")).isEmpty();
        assertThat(rendered.text()).isEqualTo("avant le lien après");
        assertThat(rendered.links()).isZero();
    }

    @Test
    void aLinkWithoutHrefLosesTheTagAndKeepsTheText() {
        Rendered rendered = CommentText.render("<a name=\"x\" title=\"t\">texte</a>");

        assertThat(rendered.html()).isEqualTo("texte");
        assertThat(rendered.links()).isZero();
    }

    // ---- everything else ----

    @Test
    void otherTagsAreRemovedAndTheirTextKept() {
        assertThat(CommentText.render("<p>Un <span class=\"x\">avis</span> <u>souligné</u> <div>fin</div></p>").html())
                .isEqualTo("Un avis souligné fin");
    }

    @Test
    void scriptAndStyleContentIsDroppedEntirely() {
        Rendered rendered = CommentText.render("a<script>alert('x')</script>b<style>body{display:none}</style>c");

        assertThat(rendered.html()).isEqualTo("abc");
    }

    @Test
    void aLessThanSignThatStartsNoTagStaysVisible() {
        assertThat(CommentText.render("Merci <3").html()).isEqualTo("Merci &lt;3");
        assertThat(CommentText.render("a < b > c").text()).isEqualTo("a < b > c");
        assertThat(CommentText.render("1 <= 2 et 3 >= 2").text()).isEqualTo("1 <= 2 et 3 >= 2");
        assertThat(CommentText.render("<-- ici").text()).isEqualTo("<-- ici");
    }

    @Test
    void aTagThatIsNeverClosedStaysVisibleInsteadOfSwallowingTheRest() {
        assertThat(CommentText.render("si a<b alors c").text()).isEqualTo("si a<b alors c");
        assertThat(CommentText.render("si a<b alors <i>c</i>").html()).isEqualTo("si a&lt;b alors <i>c</i>");
        assertThat(CommentText.render("fin <b").text()).isEqualTo("fin <b");
    }

    @Test
    void butAClosedTagIsMarkupAsInHtml() {
        assertThat(CommentText.render("a<b>c</b>").html()).isEqualTo("a<b>c</b>");
        assertThat(CommentText.render("x <inconnu>y").html()).isEqualTo("x y");
    }

    @Test
    void entitiesAreDecodedAsInHtmlAndTheOutputEncoded() {
        Rendered rendered = CommentText.render("&lt;b&gt; &amp; \"guillemets\" 'apostrophes' &eacute;");

        assertThat(parse(rendered).select("b")).isEmpty();
        assertThat(rendered.text()).isEqualTo("<b> & \"guillemets\" 'apostrophes' é");
        assertThat(parse(rendered).text()).isEqualTo(rendered.text());
    }

    @Test
    void frenchTextSurvives() {
        String typed = "L’été dernier, à l’Hôtel-Dieu, j’ai relu « Les Misérables » — l’œuvre d’Hugo… "
                + "Ça coûte 10\u00a0€\u202f! Où ? Là : ici ; voilà. ÀÉÈÊÇÔŒ 😀";

        Rendered rendered = CommentText.render(typed);

        assertThat(rendered.text()).isEqualTo(typed);
        assertThat(parse(rendered).body().wholeText()).as("no-break spaces included").isEqualTo(typed);
    }

    // ---- hostile input ----

    static Stream<String> hostile() {
        return Stream.of(
                "<script>alert(1)</script>x",
                "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>x",
                "<scr<script>ipt>alert(1)</scr</script>ipt>",
                "<img src=x onerror=alert(1)>x",
                "<IMG SRC=x OnErRoR=alert(1)>x",
                "<svg onload=alert(1)>x",
                "<svg><script>alert(1)</script></svg>x",
                "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
                "<iframe src=\"https://evil.example/\"></iframe>x",
                "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>x",
                "<style>@import 'https://evil.example/x.css';</style>x",
                "<link rel=stylesheet href=https://evil.example/x.css>x",
                "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">x",
                "<body onload=alert(1)>x",
                "<details open ontoggle=alert(1)>x</details>",
                "<b onmouseover=alert(1)>x</b>",
                "<i onclick=\"alert(1)\" style=\"position:fixed\">x</i>",
                "<b/onmouseover=alert(1)>x</b>",
                "<a href=\"https://ok.example/\" onmouseover=\"alert(1)\" onclick=alert(2)>x</a>",
                "<a href=\"javascript:alert(1)\">x</a>",
                "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
                "<a href=\"&#106;avascript:alert(1)\">x</a>",
                "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)\">x</a>",
                "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">x</a>",
                "<a href=\"jav\tascript:alert(1)\">x</a>",
                "<a href=\" &#14;  javascript:alert(1)\">x</a>",
                "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
                "<a href=\"vbscript:msgbox(1)\">x</a>",
                "<a style=\"position:fixed;top:0;left:0;width:100%;height:100%\" href=\"https://ok.example/\">x</a>",
                "<a href=x target=_blank>x</a>",
                "<a href=\"https://ok.example/\" target=\"_blank\" rel=\"opener\">x</a>",
                "<a href=\"https://ok.example/\" title=\"\"><img src=x onerror=alert(1)>\">x</a>",
                "<a href=\"https://ok.example/\" id=\"x\" class=\"y\" name=\"z\" download ping=\"https://evil.example/\">x</a>",
                "<form action=\"https://evil.example/\"><input name=p type=password><button>go</button></form>x",
                "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
                "<![CDATA[<img src=x onerror=alert(1)>]]>x",
                "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
                "<textarea><img src=x onerror=alert(1)></textarea>",
                "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
                "<<script>alert(1);//<</script>x",
                "<img \"\"\"><script>alert(1)</script>\">",
                "<br onclick=alert(1)>x<br/style=x>",
                "x\n<b\nonmouseover=alert(1)>y</b>");
    }

    @Test
    void theHostileCorpusIsLargeEnoughToMeanSomething() {
        assertThat(hostile().count()).isGreaterThanOrEqualTo(25);
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileInputComesOutInert(String input) {
        String output;
        try {
            output = CommentText.render(input).html();
        } catch (Problem p) {
            assertThat(p.key()).isEqualTo("comment.empty"); // nothing left to show is fine too
            return;
        }
        Document parsed = Jsoup.parseBodyFragment(output);

        for (Element element : parsed.body().getAllElements()) {
            if (element == parsed.body()) {
                continue;
            }
            String tag = element.normalName();
            assertThat(ALLOWED_ELEMENTS).as("element <%s> in %s", tag, output).contains(tag);
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                assertThat(tag.equals("a") && (name.equals("href") || name.equals("rel")))
                        .as("attribute %s on <%s> in %s", name, tag, output).isTrue();
            }
            if (tag.equals("a")) {
                assertThat(element.attr("href")).as("href in %s", output)
                        .matches("(?i)(https?://|mailto:)\\S+");
                assertThat(element.attr("rel").split(" ")).containsExactlyInAnyOrder("nofollow", "ugc");
            }
        }
    }

    // ---- refusals ----

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
        "", " ", "\n\n", " \t\r\n ", "<script>x</script>", "<b></b>", "<i> </i>", "<a href=\"https://example.com/\"></a>",
        "<style>p{color:red}</style>\n", "<!-- rien -->", "<p>\u00a0</p>", "&nbsp;\n&nbsp;", "<img src=x onerror=alert(1)>"
    })
    void nothingToShowIsRefused(String source) {
        Problem problem = problemOf(source);

        assertThat(problem.key()).isEqualTo("comment.empty");
        assertThat(problem.kind()).isEqualTo(Problem.Kind.INVALID);
    }

    @Test
    void theLengthLimitIsExact() {
        assertThat(CommentText.render("é".repeat(CommentText.MAX_LENGTH)).text()).hasSize(CommentText.MAX_LENGTH);

        Problem problem = problemOf("é".repeat(CommentText.MAX_LENGTH + 1));
        assertThat(problem.key()).isEqualTo("comment.tooLong");
        assertThat(problem.kind()).isEqualTo(Problem.Kind.INVALID);
        assertThat(problem.args()).containsExactly(CommentText.MAX_LENGTH);
    }

    @Test
    void theLengthIsCountedInCharactersAsTyped() {
        int max = CommentText.MAX_LENGTH;
        assertThat(CommentText.render("😀".repeat(max)).text()).as("an emoji is one character").hasSize(2 * max);
        assertThat(CommentText.render("ab\r\n".repeat(max / 3) + "x").text())
                .as("a Windows line break is one character").hasSize(max);
        assertThat(CommentText.render("  \n" + "x".repeat(max) + "\n\n  ").text())
                .as("surrounding white space is not counted").hasSize(max);
        assertThatThrownBy(() -> CommentText.render("<b>" + "x".repeat(max - 3) + "</b>"))
                .as("markup counts: the limit is on what was typed").isInstanceOf(Problem.class);
    }

    // ---- links and text ----

    @Test
    void linksCountAnchorsAndBareUrls() {
        Rendered rendered = CommentText.render("Voir <a href=\"https://a.example/\">ceci</a> et "
                + "<a href=\"mailto:b@example.com\">cela</a>, ou encore https://c.example/page.");

        assertThat(rendered.links()).isEqualTo(3);
        assertThat(parse(rendered).select("a")).as("bare URLs are not linked").hasSize(2);
    }

    @Test
    void aUrlUsedAsLinkTextCountsOnce() {
        assertThat(CommentText.render("<a href=\"https://a.example/\">https://a.example/</a>").links()).isEqualTo(1);
    }

    @Test
    void bareUrlsAreCountedWhereverTheyAre() {
        assertThat(CommentText.render("HTTP://A.EXAMPLE\nhttp://b.example<b>https://c.example</b> x").links()).isEqualTo(3);
        assertThat(CommentText.render("pas de lien : http:// ni www.example.com ni a.example").links()).isZero();
    }

    @Test
    void textIsThePlainContent() {
        Rendered rendered = CommentText.render(
                "Bonjour <b>Marie</b>,\r\n\r\n\r\nvoir <a href=\"https://a.example/\">l’article</a> &amp; <i>merci</i> <3"
                        + "<script>alert(1)</script>");

        assertThat(rendered.text()).isEqualTo("Bonjour Marie,\n\nvoir l’article & merci <3");
    }
}
