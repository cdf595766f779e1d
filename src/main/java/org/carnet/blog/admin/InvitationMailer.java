package org.carnet.blog.admin;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.carnet.blog.Blog;
import org.carnet.blog.MembershipService.NewInvitation;
import org.carnet.core.Messages;
import org.carnet.core.User;
import org.carnet.notify.MailException;
import org.carnet.notify.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an invitation's link to the address an admin typed, when the instance has a mail server. The mail is
 * written in the blog's language (the invitee may have no account, hence no language of their own). It is sent
 * while the admin waits, so that the page says truthfully whether the server took it; the link is shown to copy
 * either way, so a refused mail loses nothing.
 */
final class InvitationMailer {

    private static final Logger LOG = LoggerFactory.getLogger(InvitationMailer.class);

    private final Mailer mailer;
    private final boolean configured;

    InvitationMailer(Mailer mailer, boolean configured) {
        this.mailer = mailer;
        this.configured = configured;
    }

    boolean configured() {
        return configured;
    }

    /** Whether the mail server accepted the mail. */
    boolean send(String to, User inviter, Blog blog, NewInvitation invitation, String link) {
        Messages m = Messages.of(blog.language());
        String role = m.t("role." + invitation.role().name().toLowerCase(Locale.ROOT));
        String until = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(Locale.forLanguageTag(blog.language())).withZone(ZoneId.of(blog.timeZone()))
                .format(invitation.expiresAt());
        try {
            mailer.send(to, m.t("invitation.mail.subject", inviter.displayName(), blog.title()),
                    m.t("invitation.mail.body", inviter.displayName(), blog.title(), role, link, until));
            return true;
        } catch (MailException e) {
            // The admin is told and has the link to send themselves; the log names no token.
            LOG.warn("the invitation {} to blog {} could not be mailed: {}", invitation.id(), blog.id(),
                    e.getMessage());
            return false;
        }
    }
}
