package org.carnet.core;

/** Who is asking: a signed-in user with their session, or an anonymous visitor (user and session null). */
public record Viewer(User user, Session session) {

    private static final Viewer ANONYMOUS = new Viewer(null, null);

    public static Viewer anonymous() {
        return ANONYMOUS;
    }

    public static Viewer of(User user) {
        return new Viewer(user, null);
    }

    public boolean signedIn() {
        return user != null;
    }

    public long userId() {
        if (user == null) {
            throw new IllegalStateException("anonymous viewer has no user id");
        }
        return user.id();
    }
}
