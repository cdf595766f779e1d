package org.carnet.blog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.carnet.core.Problem;
import org.carnet.core.Tokens;
import org.carnet.core.Viewer;
import org.carnet.store.BlogWrites;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The rules of membership: invitations by single-use link, roles, removal and leaving. A blog always keeps
 * at least one admin.
 */
public final class MembershipService {

    public static final Duration INVITATION_LIFETIME = Duration.ofDays(7);

    private final Jdbi jdbi;
    private final MemberStore members;
    private final InvitationStore invitations;
    private final BlogStore blogs;
    private final Access access;
    private final Clock clock;
    private final BlogWrites writes;

    /**
     * Membership is part of what readers see (an author's page on the blog exists while they are a member), so
     * every change of it is a write of the blog's content (BlogWrites), which also holds the blog's row: changes of
     * one blog's members happen one after the other, and two admins demoting each other at the same instant
     * cannot leave the blog without one.
     */
    public MembershipService(Jdbi jdbi, MemberStore members, InvitationStore invitations, BlogStore blogs,
                             Access access, Clock clock, BlogWrites writes) {
        this.jdbi = jdbi;
        this.members = members;
        this.invitations = invitations;
        this.blogs = blogs;
        this.access = access;
        this.clock = clock;
        this.writes = writes;
    }

    /** Longest note of whom an invitation is for (an email address is at most 254 characters). */
    public static final int INVITEE_MAX = 254;

    /** A new invitation; the returned token is shown once, in the link the admin passes on. */
    public NewInvitation invite(Viewer viewer, Blog blog, Role role) {
        return invite(viewer, blog, role, null);
    }

    /** A new invitation with a note of whom it is for (blank: none), shown with the pending invitations. */
    public NewInvitation invite(Viewer viewer, Blog blog, Role role, String invitee) {
        access.require(viewer, blog, Action.MANAGE_MEMBERS);
        String note = invitee == null || invitee.isBlank() ? null : invitee.strip();
        if (note != null && (note.length() > INVITEE_MAX || note.chars().anyMatch(Character::isISOControl))) {
            throw Problem.invalid("members.invite.for.invalid", INVITEE_MAX);
        }
        String token = Tokens.random();
        Instant now = clock.instant();
        long id = jdbi.inTransaction(h -> invitations.insert(h, blog.id(), Tokens.sha256(token), role,
                viewer.userId(), now, now.plus(INVITATION_LIFETIME), note));
        return new NewInvitation(id, token, role, now.plus(INVITATION_LIFETIME));
    }

    /** The invitation behind a link and its blog, if the link is still good. */
    public PendingInvitation lookUp(String token) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> {
            Invitation inv = findUsable(h, token, now);
            Blog blog = blogs.byId(h, inv.blogId()).orElseThrow();
            return new PendingInvitation(inv, blog);
        });
    }

    /** Accepts an invitation: the viewer becomes a member with the invited role (an existing member keeps
     *  the higher of the two roles). The token is used up. */
    public Blog accept(Viewer viewer, String token) {
        Instant now = clock.instant();
        long blogId = jdbi.withHandle(h -> findUsable(h, token, now)).blogId();
        return writes.inTransaction(blogId, w -> {
            Handle h = w.handle();
            Invitation inv = findUsable(h, token, now);
            if (!invitations.markAccepted(h, inv.id(), viewer.userId(), now)) {
                throw Problem.invalid("invitation.used");
            }
            var current = members.role(h, inv.blogId(), viewer.userId());
            if (current.isEmpty()) {
                members.insert(h, inv.blogId(), viewer.userId(), inv.role(), now);
            } else if (inv.role().ordinal() < current.get().ordinal()) {
                members.setRole(h, inv.blogId(), viewer.userId(), inv.role());
            }
            return blogs.byId(h, inv.blogId()).orElseThrow();
        });
    }

    public void cancelInvitation(Viewer viewer, Blog blog, long invitationId) {
        access.require(viewer, blog, Action.MANAGE_MEMBERS);
        jdbi.useTransaction(h -> invitations.delete(h, blog.id(), invitationId));
    }

    public List<Member> members(Viewer viewer, Blog blog) {
        access.require(viewer, blog, Action.MANAGE_MEMBERS);
        return jdbi.withHandle(h -> members.list(h, blog.id()));
    }

    public List<Invitation> pendingInvitations(Viewer viewer, Blog blog) {
        access.require(viewer, blog, Action.MANAGE_MEMBERS);
        Instant now = clock.instant();
        return jdbi.withHandle(h -> invitations.pending(h, blog.id(), now));
    }

    /** Changes an existing member's role (people join only by accepting an invitation). */
    public void changeRole(Viewer viewer, Blog blog, long userId, Role role) {
        access.require(viewer, blog, Action.MANAGE_MEMBERS);
        if (jdbi.withHandle(h -> members.role(h, blog.id(), userId)).isEmpty()) {
            throw Problem.notFound("member.notFound");
        }
        setRole(blog, userId, role);
    }

    /** Adds a member or changes their role directly (the CLI). The last admin cannot be demoted. */
    public void setRole(Blog blog, long userId, Role role) {
        writes.useTransaction(blog.id(), w -> {
            Handle h = w.handle();
            Role current = members.role(h, blog.id(), userId).orElse(null);
            if (current == null) {
                members.insert(h, blog.id(), userId, role, clock.instant());
                return;
            }
            if (current == Role.ADMIN && role != Role.ADMIN && members.countAdmins(h, blog.id()) <= 1) {
                throw Problem.conflict("member.lastAdmin.demote");
            }
            members.setRole(h, blog.id(), userId, role);
        });
    }

    public void remove(Viewer viewer, Blog blog, long userId) {
        access.require(viewer, blog, Action.MANAGE_MEMBERS);
        removeMember(blog, userId, "member.lastAdmin.remove");
    }

    /** A member leaves a blog of their own accord. */
    public void leave(Viewer viewer, Blog blog) {
        if (access.roleOf(viewer, blog).isEmpty()) {
            throw Problem.invalid("member.notMember");
        }
        removeMember(blog, viewer.userId(), "member.lastAdmin.leave");
    }

    private void removeMember(Blog blog, long userId, String lastAdminKey) {
        writes.useTransaction(blog.id(), w -> {
            Handle h = w.handle();
            Role current = members.role(h, blog.id(), userId)
                    .orElseThrow(() -> Problem.notFound("member.notFound"));
            if (current == Role.ADMIN && members.countAdmins(h, blog.id()) <= 1) {
                throw Problem.conflict(lastAdminKey);
            }
            members.delete(h, blog.id(), userId);
        });
    }

    private Invitation findUsable(Handle h, String token, Instant now) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            throw Problem.notFound("invitation.unknown");
        }
        Invitation inv = invitations.byTokenHash(h, Tokens.sha256(token))
                .orElseThrow(() -> Problem.notFound("invitation.unknown"));
        if (inv.acceptedAt() != null) {
            throw Problem.invalid("invitation.used");
        }
        if (!inv.usable(now)) {
            throw Problem.invalid("invitation.expired");
        }
        return inv;
    }

    public record NewInvitation(long id, String token, Role role, Instant expiresAt) {
    }

    public record PendingInvitation(Invitation invitation, Blog blog) {
    }
}
