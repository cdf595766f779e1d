package org.carnet.account;

import java.util.regex.Pattern;
import org.carnet.blog.MembershipService;
import org.carnet.core.Problem;

/**
 * The invitation a visitor was following when sign-in or sign-up interrupted them: its link is the page they
 * return to afterwards (the "next" path), so the sign-in and sign-up pages can say what they are about to join.
 */
final class InvitationNotice {

    private static final Pattern INVITATION_PATH = Pattern.compile("/account/invitations/([A-Za-z0-9_-]{1,100})");

    private final MembershipService memberships;

    InvitationNotice(MembershipService memberships) {
        this.memberships = memberships;
    }

    /** The invitation the (already safe) next path leads to; null when it leads elsewhere or is no longer good
     *  (the invitation page itself will then say why, once they are signed in). */
    MembershipService.PendingInvitation forNext(String next) {
        var m = INVITATION_PATH.matcher(next == null ? "" : next);
        if (!m.matches()) {
            return null;
        }
        try {
            return memberships.lookUp(m.group(1));
        } catch (Problem unusable) {
            return null;
        }
    }
}
