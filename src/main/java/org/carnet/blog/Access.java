package org.carnet.blog;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.carnet.core.Problem;
import org.carnet.core.Viewer;
import org.jdbi.v3.core.Jdbi;

/**
 * The one place that answers "may this viewer do this on this blog?". Pages, forms, the CLI and (later) the
 * API all ask here; nothing else decides a permission.
 */
public final class Access {

    private final Jdbi jdbi;
    private final MemberStore members;

    public Access(Jdbi jdbi, MemberStore members) {
        this.jdbi = jdbi;
        this.members = members;
    }

    /** The rule itself, as a pure function of who the viewer is on this blog (role null: not a member). */
    public static boolean allows(Role role, boolean signedIn, Blog blog, Action action) {
        boolean member = role != null;
        boolean canRead = !blog.isPrivate() || member;
        return switch (action) {
            case READ -> canRead;
            case WRITE_POST, UPLOAD_MEDIA -> role == Role.ADMIN || role == Role.AUTHOR;
            case EDIT_OTHERS_POSTS, DELETE_OTHERS_MEDIA, MODERATE_COMMENTS, MANAGE_MEMBERS, CHANGE_SETTINGS, DELETE_BLOG ->
                    role == Role.ADMIN;
            case COMMENT -> canRead && switch (blog.commentPolicy()) {
                case ANYONE -> true;
                case REGISTERED -> signedIn;
                case MEMBERS -> member;
                case NOBODY -> false;
            };
        };
    }

    public Optional<Role> roleOf(Viewer viewer, Blog blog) {
        if (!viewer.signedIn()) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> members.roleByBlogName(h, blog.name(), viewer.userId()));
    }

    public boolean may(Viewer viewer, Blog blog, Action action) {
        return allows(roleOf(viewer, blog).orElse(null), viewer.signedIn(), blog, action);
    }

    /**
     * Throws unless allowed: a signed-out visitor who could gain the right by signing in is asked to sign in;
     * everyone else is refused with the reason (for comments, the note that states the blog's policy).
     */
    public void require(Viewer viewer, Blog blog, Action action) {
        Role role = roleOf(viewer, blog).orElse(null);
        if (allows(role, viewer.signedIn(), blog, action)) {
            return;
        }
        if (!viewer.signedIn()) {
            boolean couldAsMember = allows(Role.ADMIN, true, blog, action);
            if (couldAsMember) {
                throw new Problem(Problem.Kind.SIGN_IN_REQUIRED, refusalKey(blog, action));
            }
        }
        throw Problem.forbidden(refusalKey(blog, action));
    }

    /**
     * May the viewer edit (or delete) a post written by authorId? Authors edit their own posts, admins edit
     * everyone's; readers and strangers edit nothing.
     */
    public boolean mayEditPost(Viewer viewer, Blog blog, Long authorId) {
        return mayEditPost(allowed(viewer, blog), viewer, authorId);
    }

    /** The same rule, for a page that already asked what the viewer may do on the blog (see {@link #allowed}). */
    public static boolean mayEditPost(Set<Action> allowed, Viewer viewer, Long authorId) {
        boolean own = authorId != null && viewer.signedIn() && authorId == viewer.userId();
        return allowed.contains(Action.WRITE_POST) && (own || allowed.contains(Action.EDIT_OTHERS_POSTS));
    }

    /** Everything the viewer may do on the blog, from one look-up of their role. */
    public Set<Action> allowed(Viewer viewer, Blog blog) {
        Role role = roleOf(viewer, blog).orElse(null);
        Set<Action> allowed = EnumSet.noneOf(Action.class);
        for (Action a : Action.values()) {
            if (allows(role, viewer.signedIn(), blog, a)) {
                allowed.add(a);
            }
        }
        return Set.copyOf(allowed);
    }

    /**
     * May the viewer delete an image uploaded by uploaderId (null: an account since deleted, or an import)?
     * Like posts: those who may upload delete their own images, admins delete everyone's.
     */
    public static boolean mayDeleteMedia(Set<Action> allowed, Viewer viewer, Long uploaderId) {
        boolean own = uploaderId != null && viewer.signedIn() && uploaderId == viewer.userId();
        return allowed.contains(Action.UPLOAD_MEDIA) && (own || allowed.contains(Action.DELETE_OTHERS_MEDIA));
    }

    public void requireDeleteMedia(Viewer viewer, Blog blog, Long uploaderId) {
        if (!mayDeleteMedia(allowed(viewer, blog), viewer, uploaderId)) {
            throw Problem.forbidden("media.delete.denied");
        }
    }

    public void requireEditPost(Viewer viewer, Blog blog, Long authorId) {
        if (!mayEditPost(viewer, blog, authorId)) {
            throw Problem.forbidden("post.edit.denied");
        }
    }

    /**
     * Refuses a comment the viewer may not post, always with a 403 that states the blog's policy (the note
     * under every post): a comment is never a reason to bounce someone to the sign-in page mid-sentence.
     */
    public void requireComment(Viewer viewer, Blog blog) {
        if (!may(viewer, blog, Action.COMMENT)) {
            throw Problem.forbidden(refusalKey(blog, Action.COMMENT));
        }
    }

    /** The message that explains a refusal. */
    public static String refusalKey(Blog blog, Action action) {
        if (action == Action.READ) {
            return "access.private";
        }
        if (action == Action.COMMENT) {
            return blog.isPrivate() ? "access.private" : commentPolicyNoteKey(blog.commentPolicy());
        }
        return "access.denied";
    }

    /** The note under a post that states who may comment ("Only a member of this blog may post a comment."). */
    public static String commentPolicyNoteKey(CommentPolicy policy) {
        return "comment.policy." + policy.name().toLowerCase(java.util.Locale.ROOT);
    }
}
