package org.carnet.blog;

/** A member's role on one blog, from most to least powerful. */
public enum Role {
    ADMIN, AUTHOR, READER;

    /** A role as people type it (admin, author, reader; any case), or a clear refusal. */
    public static Role parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw org.carnet.core.Problem.invalid("member.role.invalid", value);
        }
    }
}
