package org.carnet.feed;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.carnet.blog.Access;
import org.carnet.blog.Blog;
import org.carnet.blog.MemberStore;
import org.carnet.core.Problem;
import org.carnet.core.Tokens;
import org.carnet.core.Viewer;
import org.jdbi.v3.core.Jdbi;

/**
 * Private feed addresses. A feed reader sends no cookie, so a member of a private blog subscribes with
 * ?token=...: the token stands for that member, and only while they are a member (asked of the membership
 * table on every request, so removing someone closes their feed too). Only its hash is stored, which means
 * the address can be shown once, when it is made; losing it means making a new one.
 */
public final class FeedTokens {

    private final Jdbi jdbi;
    private final FeedTokenStore tokens;
    private final MemberStore members;
    private final Access access;
    private final Clock clock;

    public FeedTokens(Jdbi jdbi, FeedTokenStore tokens, MemberStore members, Access access, Clock clock) {
        this.jdbi = jdbi;
        this.tokens = tokens;
        this.members = members;
        this.access = access;
        this.clock = clock;
    }

    /** Makes (or remakes) the viewer's token for the blog and returns it, the only time it is seen whole. */
    public String issue(Viewer viewer, Blog blog) {
        requireMember(viewer, blog);
        String token = Tokens.random();
        jdbi.useTransaction(h -> tokens.replace(h, blog.id(), viewer.userId(), Tokens.sha256(token),
                clock.instant()));
        return token;
    }

    /** When the viewer's current token was made, if they have one. */
    public Optional<Instant> issuedAt(Viewer viewer, Blog blog) {
        requireMember(viewer, blog);
        return jdbi.withHandle(h -> tokens.createdAt(h, blog.id(), viewer.userId()));
    }

    /** True when the token belongs to someone who is a member of the blog now. */
    public boolean grantsRead(Blog blog, String token) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return false;
        }
        String hash = Tokens.sha256(token);
        return jdbi.withHandle(h -> tokens.owner(h, blog.id(), hash)
                .flatMap(user -> members.role(h, blog.id(), user))
                .isPresent());
    }

    /** Any member (reader, author, admin) may have a private feed address; nobody else. */
    public void requireMember(Viewer viewer, Blog blog) {
        if (access.roleOf(viewer, blog).isEmpty()) {
            throw Problem.forbidden("access.denied");
        }
    }
}
