package org.carnet.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The slow tiers of the suite, as JUnit tags: a test class without one is in the fast tier. {@code mvn -B verify}
 * runs every tier (the fast one first: TiersInOrder); {@code -DexcludedGroups=browser,postgres,volume} runs the fast
 * tier alone, {@code -Dgroups=browser} one tier. Cluster tests (*IT) are a tier of their own: failsafe runs them
 * after the jar is built.
 */
public final class Tier {

    public static final String BROWSER = "browser";
    public static final String POSTGRES = "postgres";
    public static final String VOLUME = "volume";

    private Tier() {
    }

    /** Drives Chromium (one browser class at a time: two would share two cores with their servers). */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Tag(BROWSER)
    @ResourceLock("chromium")
    public @interface Browser {
    }

    /** Runs on the embedded PostgreSQL (started once per test JVM, in a few seconds). */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Tag(POSTGRES)
    public @interface Postgres {
    }

    /** Reads, writes or indexes thousands of entries. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Tag(VOLUME)
    public @interface Volume {
    }
}
