package org.carnet.core;

import java.util.Arrays;

/**
 * A failure the user caused or may be told about: it carries a message key (translated where it is shown,
 * in the page's or the terminal's language) and a kind that routes turn into a status code and the CLI
 * into an exit code. Anything that is not a Problem is a bug: logged, never shown.
 */
public class Problem extends RuntimeException {

    public enum Kind {
        INVALID(400), SIGN_IN_REQUIRED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409),
        TOO_LARGE(413), TOO_MANY(429);

        public final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    private final Kind kind;
    private final String key;
    private final transient Object[] args;

    public Problem(Kind kind, String key, Object... args) {
        super(key + (args.length == 0 ? "" : " " + Arrays.toString(args)), null, false, false);
        this.kind = kind;
        this.key = key;
        this.args = args;
    }

    public static Problem invalid(String key, Object... args) {
        return new Problem(Kind.INVALID, key, args);
    }

    public static Problem forbidden(String key, Object... args) {
        return new Problem(Kind.FORBIDDEN, key, args);
    }

    public static Problem notFound(String key, Object... args) {
        return new Problem(Kind.NOT_FOUND, key, args);
    }

    public static Problem conflict(String key, Object... args) {
        return new Problem(Kind.CONFLICT, key, args);
    }

    public Kind kind() {
        return kind;
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args.clone();
    }

    /** The message in the given language. */
    public String message(Messages messages) {
        return messages.t(key, args);
    }
}
