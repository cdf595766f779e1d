package org.carnet.web;

import io.javalin.http.Context;
import java.util.function.Consumer;
import org.carnet.core.Problem;

/**
 * The shape of every form post: try the action; when the input was bad (invalid, conflicting, too many
 * attempts), show the form again with the message and the right status. Anything else (forbidden, not found)
 * goes on to the error pages.
 */
public final class Forms {

    private Forms() {
    }

    public interface Action {
        void run();
    }

    public static void submit(Context ctx, Action action, Consumer<String> showFormWithError) {
        try {
            action.run();
        } catch (Problem p) {
            switch (p.kind()) {
                case INVALID, CONFLICT, TOO_MANY, TOO_LARGE -> {
                    ctx.status(p.kind().status);
                    showFormWithError.accept(p.message(Web.messagesForErrors(ctx)));
                }
                default -> throw p;
            }
        }
    }

    /** An id from a form field, path or query parameter; null when absent or not a number. */
    public static Long id(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The ids of a repeated field (the ticked rows of a list); what is not a number is ignored. */
    public static java.util.List<Long> ids(Context ctx, String name) {
        return ctx.formParams(name).stream().map(Forms::id).filter(java.util.Objects::nonNull).toList();
    }

    /** A form field, trimmed; "" when absent. */
    public static String field(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v.trim();
    }

    /** A form field exactly as sent (passwords: spaces count). */
    public static String raw(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v;
    }
}
