package org.carnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ETagsTest {

    @Test
    void ifNoneMatchUsesTheWeakComparison() {
        assertThat(ETags.matches("\"a\"", "\"a\"")).isTrue();
        assertThat(ETags.matches("W/\"a\"", "\"a\"")).isTrue();
        assertThat(ETags.matches("\"b\", W/\"a\"", "\"a\"")).isTrue();
        assertThat(ETags.matches("*", "\"a\"")).isTrue();
        assertThat(ETags.matches("\"b\"", "\"a\"")).isFalse();
        assertThat(ETags.matches("\"a-1\"", "\"a\"")).isFalse();
        assertThat(ETags.matches(null, "\"a\"")).isFalse();
    }

    @Test
    void gzipIsAcceptedWhenNamedOrCoveredByAStarWithAQualityAboveZero() {
        assertThat(ETags.acceptsGzip("gzip, deflate, br")).isTrue();
        assertThat(ETags.acceptsGzip("br;q=1.0, GZIP;q=0.5")).isTrue();
        assertThat(ETags.acceptsGzip("*")).isTrue();
        assertThat(ETags.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(ETags.acceptsGzip("*, gzip;q=0")).isFalse();
        assertThat(ETags.acceptsGzip("br, deflate")).isFalse();
        assertThat(ETags.acceptsGzip("identity")).isFalse();
        assertThat(ETags.acceptsGzip("")).isFalse();
        assertThat(ETags.acceptsGzip(null)).isFalse();
    }
}
