package org.carnet.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WpautopTest {

    @Test
    void blankLinesMakeParagraphsAndSingleLineBreaksMakeBreaks() {
        assertThat(Wpautop.paragraphs("Un.\n\nDeux\ntrois.")).isEqualTo("<p>Un.</p>\n\n<p>Deux<br>\ntrois.</p>");
        assertThat(Wpautop.paragraphs("Seul")).isEqualTo("<p>Seul</p>");
    }

    @Test
    void everyKindOfLineBreakCountsAndBlankLinesAreKeptAsWritten() {
        assertThat(Wpautop.paragraphs("Un.\r\n\r\n  \r\nDeux.")).isEqualTo("<p>Un.</p>\n\n  \n<p>Deux.</p>");
        assertThat(Wpautop.paragraphs("Un.\r\rDeux.")).isEqualTo("<p>Un.</p>\n\n<p>Deux.</p>");
        assertThat(Wpautop.paragraphs("Un.\n\t\nDeux.")).isEqualTo("<p>Un.</p>\n\t\n<p>Deux.</p>");
    }

    @Test
    void nothingButWhitespaceMakesNoParagraph() {
        assertThat(Wpautop.paragraphs("")).isEmpty();
        assertThat(Wpautop.paragraphs("  \n\n ")).isEqualTo("  \n\n ");
    }

    @Test
    void whitespaceAroundAPieceStaysOutsideItsParagraph() {
        assertThat(Wpautop.paragraphs("  Un.  \n\nDeux")).isEqualTo("  <p>Un.</p>  \n\n<p>Deux</p>");
    }

    @Test
    void inlineMarkupStaysInsideTheParagraph() {
        assertThat(Wpautop.paragraphs("<a href=\"/x\">lien</a> et <img src=\"a.png\">"))
                .isEqualTo("<p><a href=\"/x\">lien</a> et <img src=\"a.png\"></p>");
        // <progress> and <span> begin like <p> and <s>, but are neither block-level nor verbatim
        assertThat(Wpautop.paragraphs("<progress></progress> <span>x</span>"))
                .isEqualTo("<p><progress></progress> <span>x</span></p>");
    }

    @Test
    void aPieceWithABlockLevelTagOrACommentIsLeftAsItIs() {
        // the text inside a blockquote, apart from its tags, still gets its paragraph
        assertThat(Wpautop.paragraphs("<blockquote>\n\nCité\nici\n\n</blockquote>"))
                .isEqualTo("<blockquote>\n\n<p>Cité<br>\nici</p>\n\n</blockquote>");
        assertThat(Wpautop.paragraphs("<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n\nFin."))
                .isEqualTo("<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n\n<p>Fin.</p>");
        assertThat(Wpautop.paragraphs("<p>Déjà</p>\n\n<h2>Titre</h2>")).isEqualTo("<p>Déjà</p>\n\n<h2>Titre</h2>");
        assertThat(Wpautop.paragraphs("<div>Un\ndeux</div>")).isEqualTo("<div>Un\ndeux</div>");
        assertThat(Wpautop.paragraphs("Avant\n\n<HR>\n\nAprès")).isEqualTo("<p>Avant</p>\n\n<HR>\n\n<p>Après</p>");
        assertThat(Wpautop.paragraphs("Avant\n\n<!--more-->\n\nAprès"))
                .isEqualTo("<p>Avant</p>\n\n<!--more-->\n\n<p>Après</p>");
    }

    @Test
    void codeAndScriptsKeepTheirBlankLinesAndLineBreaks() {
        assertThat(Wpautop.paragraphs("Code :\n<pre>a\n\nb\nc</pre>\nFin"))
                .isEqualTo("<p>Code :</p>\n<pre>a\n\nb\nc</pre>\n<p>Fin</p>");
        assertThat(Wpautop.paragraphs("<PRE>a\n\nb</PRE>\n\nTexte\n\n<script>x\n\ny</script>"))
                .isEqualTo("<PRE>a\n\nb</PRE>\n\n<p>Texte</p>\n\n<script>x\n\ny</script>");
    }

    @Test
    void blockEditorContentIsAlreadyHtmlAndOnlyItsLineBreaksAreNormalised() {
        String blocks = "<!-- wp:paragraph -->\n<p>Un</p>\n<!-- /wp:paragraph -->\n\nTexte libre";
        assertThat(Wpautop.paragraphs(blocks)).isEqualTo(blocks);
        assertThat(Wpautop.paragraphs("<!-- wp:paragraph -->\r\n<p>Un</p>")).isEqualTo("<!-- wp:paragraph -->\n<p>Un</p>");
    }
}
