package org.carnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebTest {

    @Test
    void acceptLanguagePicksTheBestSupportedLanguage() {
        assertThat(Web.preferredLanguage("fr-FR,fr;q=0.9,en;q=0.8")).isEqualTo("fr");
        assertThat(Web.preferredLanguage("de-DE,de;q=0.9,fr;q=0.5,en;q=0.4")).isEqualTo("fr");
        assertThat(Web.preferredLanguage("en;q=0.3,fr;q=0.7")).isEqualTo("fr");
        assertThat(Web.preferredLanguage("de")).isEqualTo("en");
        assertThat(Web.preferredLanguage(null)).isEqualTo("en");
        assertThat(Web.preferredLanguage(";;;garbage==")).isEqualTo("en");
    }

    @Test
    void serverPathsAreNeverRewrittenOnABlogsOwnHost() {
        assertThat(HostBlogFilter.isServerPath("/account/signin")).isTrue();
        assertThat(HostBlogFilter.isServerPath("/static/carnet.css")).isTrue();
        assertThat(HostBlogFilter.isServerPath("/healthz")).isTrue();
        assertThat(HostBlogFilter.isServerPath("/")).isFalse();
        assertThat(HostBlogFilter.isServerPath("/2022/01/post.html")).isFalse();
        assertThat(HostBlogFilter.isServerPath("/accounting.html")).isFalse();
    }
}
