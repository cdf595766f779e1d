package org.carnet.instance;

import java.util.Map;
import java.util.Optional;
import org.carnet.core.Problem;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Settings of the whole instance (not of one blog), kept in the database so every node agrees. */
public final class InstanceSettings {

    public static final String SIGNUP = "signup";
    /** Largest image file accepted, in megabytes (a phone's photo is 3 to 12 MB). */
    public static final String MEDIA_MAX_FILE_MB = "media-max-file-mb";
    /** Room for one blog's images (what is served, variants not counted), in megabytes. */
    public static final String MEDIA_BLOG_QUOTA_MB = "media-blog-quota-mb";
    /**
     * Most pixels of an image, in millions: checked from the file's header before any pixel is decoded, so a small
     * file declaring a huge picture (a decompression bomb) never takes the heap. 40 MP is more than any phone's
     * photo; decoded, it takes about 160 MB.
     */
    public static final String MEDIA_MAX_MEGAPIXELS = "media-max-megapixels";
    private static final Map<String, String> DEFAULTS = Map.of(SIGNUP, "open", MEDIA_MAX_FILE_MB, "20",
            MEDIA_BLOG_QUOTA_MB, "1024", MEDIA_MAX_MEGAPIXELS, "40");
    private static final java.util.Set<String> NUMBERS = java.util.Set.of(MEDIA_MAX_FILE_MB, MEDIA_BLOG_QUOTA_MB,
            MEDIA_MAX_MEGAPIXELS);

    private final Jdbi jdbi;

    public InstanceSettings(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public boolean signupOpen() {
        return "open".equals(get(SIGNUP));
    }

    public String get(String key) {
        return jdbi.withHandle(h -> find(h, key)).orElse(DEFAULTS.get(key));
    }

    public void set(String key, String value) {
        setAll(java.util.Collections.singletonMap(key, value));
    }

    /** Checks every change first, then stores them all in one transaction: all or nothing. */
    public void setAll(Map<String, String> changes) {
        changes.forEach(InstanceSettings::check);
        jdbi.useTransaction(h -> changes.forEach((key, value) -> put(h, key, value)));
    }

    /** A number setting (the media limits); a value gone bad in the database falls back to the default. */
    public long number(String key) {
        try {
            return Long.parseLong(get(key).trim());
        } catch (NumberFormatException | NullPointerException e) {
            return Long.parseLong(DEFAULTS.get(key));
        }
    }

    private static void check(String key, String value) {
        if (NUMBERS.contains(key)) {
            long n;
            try {
                n = Long.parseLong(value == null ? "" : value.trim());
            } catch (NumberFormatException e) {
                throw Problem.invalid("instance.setting.number.invalid", key, value);
            }
            if (n < 1 || n > 1_000_000) {
                throw Problem.invalid("instance.setting.number.invalid", key, value);
            }
            return;
        }
        if (!SIGNUP.equals(key)) {
            throw Problem.invalid("instance.setting.unknown", key);
        }
        if (!"open".equals(value) && !"closed".equals(value)) {
            throw Problem.invalid("instance.setting.signup.invalid", value);
        }
    }

    /**
     * A random secret of the instance, made on first use and shared by every node (the database holds it),
     * e.g. the key that signs comment forms' timestamps.
     */
    public byte[] secret(String name) {
        String key = "secret:" + name;
        return jdbi.inTransaction(h -> {
            putIfAbsent(h, key, org.carnet.core.Tokens.random());
            return find(h, key).orElseThrow();
        }).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    public static Optional<String> find(Handle h, String key) {
        return h.createQuery("SELECT setting_value FROM instance_setting WHERE setting_key = :k")
                .bind("k", key).mapTo(String.class).findOne();
    }

    /** Inserts the setting unless it exists; true when this call inserted it (a once-only latch). */
    public static boolean putIfAbsent(Handle h, String key, String value) {
        return h.createUpdate("""
                        INSERT INTO instance_setting (setting_key, setting_value) VALUES (:k, :v)
                        ON CONFLICT (setting_key) DO NOTHING""")
                .bind("k", key).bind("v", value).execute() == 1;
    }

    public static void put(Handle h, String key, String value) {
        h.createUpdate("""
                        INSERT INTO instance_setting (setting_key, setting_value) VALUES (:k, :v)
                        ON CONFLICT (setting_key) DO UPDATE SET setting_value = excluded.setting_value""")
                .bind("k", key).bind("v", value).execute();
    }
}
