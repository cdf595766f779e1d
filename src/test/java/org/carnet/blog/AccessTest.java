package org.carnet.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.carnet.core.Problem;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.testkit.CarnetExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole permission matrix: every kind of viewer, every action, every visibility and comment policy.
 * The expectations are written out as a table here (not derived from the code under test), and checked both
 * on the pure rule and through the database (real users and memberships).
 */
class AccessTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    /** Who is asking, in the table's column order. */
    enum Who { ANONYMOUS, SIGNED_IN, READER, AUTHOR, ADMIN }

    /**
     * Expected answers, one character per Who (Y allowed, - refused). The COMMENT rows depend on the policy;
     * every other row is the same for all policies.
     */
    private static final String[][] PUBLIC_BLOG = {
            {"READ", "YYYYY"},
            {"WRITE_POST", "---YY"},
            {"EDIT_OTHERS_POSTS", "----Y"},
            {"MODERATE_COMMENTS", "----Y"},
            {"MANAGE_MEMBERS", "----Y"},
            {"CHANGE_SETTINGS", "----Y"},
            {"DELETE_BLOG", "----Y"},
            {"UPLOAD_MEDIA", "---YY"},
            {"DELETE_OTHERS_MEDIA", "----Y"},
    };
    private static final String[][] PRIVATE_BLOG = {
            {"READ", "--YYY"},
            {"WRITE_POST", "---YY"},
            {"EDIT_OTHERS_POSTS", "----Y"},
            {"MODERATE_COMMENTS", "----Y"},
            {"MANAGE_MEMBERS", "----Y"},
            {"CHANGE_SETTINGS", "----Y"},
            {"DELETE_BLOG", "----Y"},
            {"UPLOAD_MEDIA", "---YY"},
            {"DELETE_OTHERS_MEDIA", "----Y"},
    };
    private static final Map<CommentPolicy, String> COMMENT_ON_PUBLIC = Map.of(
            CommentPolicy.ANYONE, "YYYYY",
            CommentPolicy.REGISTERED, "-YYYY",
            CommentPolicy.MEMBERS, "--YYY",
            CommentPolicy.NOBODY, "-----");
    private static final Map<CommentPolicy, String> COMMENT_ON_PRIVATE = Map.of(
            CommentPolicy.ANYONE, "--YYY",
            CommentPolicy.REGISTERED, "--YYY",
            CommentPolicy.MEMBERS, "--YYY",
            CommentPolicy.NOBODY, "-----");

    private static final Map<Who, Viewer> VIEWERS = new EnumMap<>(Who.class);
    private static final List<Blog> BLOGS = new ArrayList<>();

    @BeforeAll
    static void membersOfEveryBlog() {
        String pw = "mot de passe de test";
        User admin = carnet.user("admin@access.test", "Admin", pw);
        User author = carnet.user("author@access.test", "Author", pw);
        User reader = carnet.user("reader@access.test", "Reader", pw);
        User stranger = carnet.user("stranger@access.test", "Stranger", pw);
        VIEWERS.put(Who.ANONYMOUS, Viewer.anonymous());
        VIEWERS.put(Who.SIGNED_IN, Viewer.of(stranger));
        VIEWERS.put(Who.READER, Viewer.of(reader));
        VIEWERS.put(Who.AUTHOR, Viewer.of(author));
        VIEWERS.put(Who.ADMIN, Viewer.of(admin));
        for (Visibility visibility : Visibility.values()) {
            for (CommentPolicy policy : CommentPolicy.values()) {
                String name = (visibility.name() + "-" + policy.name()).toLowerCase();
                Blog blog = carnet.blog(admin, name, "visibility", visibility.name(), "comment-policy", policy.name());
                carnet.services().memberships.setRole(blog, author.id(), Role.AUTHOR);
                carnet.services().memberships.setRole(blog, reader.id(), Role.READER);
                BLOGS.add(blog);
            }
        }
    }

    private static String expected(Blog blog, Action action) {
        if (action == Action.COMMENT) {
            return (blog.isPrivate() ? COMMENT_ON_PRIVATE : COMMENT_ON_PUBLIC).get(blog.commentPolicy());
        }
        for (String[] row : blog.isPrivate() ? PRIVATE_BLOG : PUBLIC_BLOG) {
            if (row[0].equals(action.name())) {
                return row[1];
            }
        }
        throw new AssertionError("no expectation for " + action);
    }

    private static Role roleOf(Who who) {
        return switch (who) {
            case READER -> Role.READER;
            case AUTHOR -> Role.AUTHOR;
            case ADMIN -> Role.ADMIN;
            default -> null;
        };
    }

    @Test
    void everyViewerActionAndSettingMatchesTheTable() {
        int checked = 0;
        for (Blog blog : BLOGS) {
            for (Action action : Action.values()) {
                String row = expected(blog, action);
                for (Who who : Who.values()) {
                    boolean allowed = row.charAt(who.ordinal()) == 'Y';
                    String what = who + " " + action + " on " + blog.name();
                    assertThat(Access.allows(roleOf(who), who != Who.ANONYMOUS, blog, action)).as(what)
                            .isEqualTo(allowed);
                    assertThat(carnet.services().access.may(VIEWERS.get(who), blog, action)).as(what + " (db)")
                            .isEqualTo(allowed);
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(2 * 4 * Action.values().length * Who.values().length);
    }

    @Test
    void refusalsSaySignInWhenThatWouldHelpAndGiveTheReason() {
        Blog privateBlog = BLOGS.stream().filter(b -> b.name().equals("private-members")).findFirst().orElseThrow();
        Blog publicMembers = BLOGS.stream().filter(b -> b.name().equals("public-members")).findFirst().orElseThrow();
        Access access = carnet.services().access;

        assertThatThrownBy(() -> access.require(Viewer.anonymous(), privateBlog, Action.READ))
                .isInstanceOfSatisfying(Problem.class, p -> {
                    assertThat(p.kind()).isEqualTo(Problem.Kind.SIGN_IN_REQUIRED);
                    assertThat(p.key()).isEqualTo("access.private");
                });
        assertThatThrownBy(() -> access.require(VIEWERS.get(Who.SIGNED_IN), privateBlog, Action.READ))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.FORBIDDEN));
        assertThatThrownBy(() -> access.require(VIEWERS.get(Who.SIGNED_IN), publicMembers, Action.COMMENT))
                .isInstanceOfSatisfying(Problem.class, p -> {
                    assertThat(p.kind()).isEqualTo(Problem.Kind.FORBIDDEN);
                    assertThat(p.message(org.carnet.core.Messages.of("fr")))
                            .isEqualTo("Remarque\u00a0: Seul un membre de ce blog est autorisé à enregistrer un commentaire.");
                    assertThat(p.message(org.carnet.core.Messages.of("en")))
                            .isEqualTo("Note: Only a member of this blog may post a comment.");
                });
        assertThatThrownBy(() -> access.require(VIEWERS.get(Who.READER), publicMembers, Action.CHANGE_SETTINGS))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.FORBIDDEN));
        access.require(VIEWERS.get(Who.ADMIN), privateBlog, Action.DELETE_BLOG);
    }
}
