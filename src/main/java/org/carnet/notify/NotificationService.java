package org.carnet.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.carnet.core.Messages;
import org.carnet.core.Viewer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications in the app, and their emails: rows are written with what caused them; a periodic job sends
 * the ones not yet emailed when SMTP is configured. A row is claimed before sending, so with several nodes
 * each email goes out once; one that fails is given back and tried again later.
 */
public final class NotificationService {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);

    private final Jdbi jdbi;
    private final NotificationStore store;
    private final Clock clock;

    public NotificationService(Jdbi jdbi, NotificationStore store, Clock clock) {
        this.jdbi = jdbi;
        this.store = store;
        this.clock = clock;
    }

    public List<Notification> unread(Viewer viewer) {
        return jdbi.withHandle(h -> store.unread(h, viewer.userId(), 50));
    }

    public int markAllRead(Viewer viewer) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> store.markAllRead(h, viewer.userId(), now));
    }

    /** Sends the emails not sent yet; returns how many went out. baseUrl makes the links absolute. */
    public int sendEmails(Mailer mailer, String baseUrl) {
        int sent = 0;
        for (long id : jdbi.withHandle(h -> store.unsent(h, 100))) {
            Instant now = clock.instant();
            if (!jdbi.withHandle(h -> store.claim(h, id, now))) {
                continue;
            }
            try {
                Notification n = jdbi.withHandle(h -> store.byId(h, id)).orElseThrow();
                String to = jdbi.withHandle(h -> store.emailOf(h, n.userId())).orElseThrow();
                Messages m = Messages.of(n.blogLanguage());
                mailer.send(to, subject(m, n), body(m, n, baseUrl));
                sent++;
            } catch (RuntimeException e) {
                LOG.warn("notification {} could not be emailed; it will be tried again: {}", id, e.getMessage());
                jdbi.useHandle(h -> store.unclaim(h, id));
                break;
            }
        }
        return sent;
    }

    static String subject(Messages m, Notification n) {
        String post = n.postTitle() == null ? "" : n.postTitle();
        return n.kind() == Notification.Kind.COMMENT_WAITING
                ? m.t("notify.waiting.subject", post) : m.t("notify.comment.subject", post);
    }

    static String body(Messages m, Notification n, String baseUrl) {
        String author = n.commentAuthor() == null ? "" : n.commentAuthor();
        String text = n.commentText() == null ? "" : n.commentText();
        String link = n.kind() == Notification.Kind.COMMENT_WAITING
                ? baseUrl + "/" + n.blogName() + "/admin/comments"
                : baseUrl + "/" + n.blogName() + (n.postPath() == null ? "/" : n.postPath()) + "#c" + n.commentId();
        return m.t(n.kind() == Notification.Kind.COMMENT_WAITING ? "notify.waiting.body" : "notify.comment.body",
                author, n.postTitle() == null ? "" : n.postTitle(), n.blogTitle()) + "\n\n" + text + "\n\n" + link
                + "\n";
    }
}
