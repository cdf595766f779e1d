package org.carnet.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.carnet.core.Messages;
import org.carnet.core.Problem;
import org.carnet.core.Tokens;
import org.carnet.core.User;
import org.carnet.notify.Mailer;
import org.carnet.store.RateLimitStore;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password reset by email (issue 14): a visitor gives an address; when an active account has it and mail is
 * configured, it receives a single-use link that expires; the link sets a new password and ends every session.
 * Whoever asks is told the same thing whatever the address, so the form reveals no account. Without mail nothing
 * is sent and no link is ever shown: an administrator resets the password with {@code carnet user}.
 */
public final class PasswordResets {

    public static final Duration LINK_LIFETIME = Duration.ofHours(1);
    /** Requests for one address in one window: enough to ask again, too few to flood someone's mailbox. */
    public static final int MAX_PER_EMAIL = 3;
    /** Requests from one client address in one window, whatever the addresses asked for. */
    public static final int MAX_PER_CLIENT = 10;
    public static final Duration WINDOW = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(PasswordResets.class);

    /** What a link is worth when it is opened. */
    public enum LinkState { VALID, UNKNOWN, USED, EXPIRED }

    private final Jdbi jdbi;
    private final UserStore users;
    private final SessionStore sessions;
    private final PasswordResetStore links;
    private final RateLimitStore limits;
    private final Clock clock;
    private final Mailer mailer;
    private final boolean mailConfigured;
    private final Supplier<String> baseUrl;

    /**
     * @param baseUrl the instance's public URL for the link; never the request's Host header, which a visitor
     *                chooses (a link to their own site, mailed to the victim, would hand them the token)
     */
    public PasswordResets(Jdbi jdbi, UserStore users, SessionStore sessions, RateLimitStore limits, Clock clock,
                          Mailer mailer, boolean mailConfigured, Supplier<String> baseUrl) {
        this.jdbi = jdbi;
        this.users = users;
        this.sessions = sessions;
        this.links = new PasswordResetStore();
        this.limits = limits;
        this.clock = clock;
        this.mailer = mailer;
        this.mailConfigured = mailConfigured;
        this.baseUrl = baseUrl;
    }

    public boolean mailConfigured() {
        return mailConfigured;
    }

    /**
     * Asks for a link for email. Returns normally whether or not an account has the address (the caller answers
     * the same either way); throws only for a malformed address or too many requests, which say nothing of the
     * account either: they are counted for every address alike. The mail is sent in the background so that the
     * time of the answer does not tell either.
     */
    public void request(String email, String clientAddress) {
        String normalEmail = AccountService.normaliseEmail(email);
        Instant now = clock.instant();
        List<Limit> buckets = List.of(new Limit("reset:email:" + normalEmail, MAX_PER_EMAIL),
                new Limit("reset:address:" + clientAddress, MAX_PER_CLIENT));
        jdbi.useTransaction(h -> {
            for (Limit l : buckets) {
                if (limits.hits(h, l.bucket(), WINDOW, now) >= l.max()) {
                    Instant end = limits.windowEnd(h, l.bucket(), WINDOW, now);
                    long minutes = Math.max(1, (Duration.between(now, end).toSeconds() + 59) / 60);
                    throw new Problem(Problem.Kind.TOO_MANY, "reset.tooMany", minutes);
                }
            }
            for (Limit l : buckets) {
                limits.hit(h, l.bucket(), WINDOW, now);
            }
        });
        if (!mailConfigured) {
            return;
        }
        Optional<User> user = jdbi.withHandle(h -> users.byEmail(h, normalEmail)
                .filter(u -> !users.isDisabled(h, u.id())));
        if (user.isEmpty()) {
            return;
        }
        String token = Tokens.random();
        jdbi.useHandle(h -> links.insert(h, Tokens.sha256(token), user.get().id(), now, now.plus(LINK_LIFETIME)));
        String link = baseUrl.get() + "/account/reset?token=" + token;
        CompletableFuture.runAsync(() -> send(user.get(), link));
    }

    private void send(User user, String link) {
        Messages m = Messages.of(user.language() != null ? user.language() : Messages.DEFAULT_LANGUAGE);
        try {
            mailer.send(user.email(), m.t("reset.mail.subject"),
                    m.t("reset.mail.body", user.displayName(), user.email(), LINK_LIFETIME.toMinutes(), link));
        } catch (RuntimeException e) {
            // The visitor was already answered; they can ask again. The log names no token.
            LOG.warn("the password reset mail for account {} could not be sent: {}", user.id(), e.getMessage());
        }
    }

    /** Whether a link still works; a disabled account's link is as good as unknown. */
    public LinkState check(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return LinkState.UNKNOWN;
        }
        Instant now = clock.instant();
        return jdbi.withHandle(h -> links.find(h, Tokens.sha256(token))
                .map(l -> users.isDisabled(h, l.userId()) ? LinkState.UNKNOWN
                        : l.usedAt() != null ? LinkState.USED
                        : !l.expiresAt().isAfter(now) ? LinkState.EXPIRED
                        : LinkState.VALID)
                .orElse(LinkState.UNKNOWN));
    }

    /**
     * Sets the new password through a valid link (the same policy and hashing as every other password), uses the
     * link up, removes the account's other links and ends every session of the account, in one transaction.
     *
     * @return the account, so that the caller can tell the visitor which address to sign in with
     */
    public User reset(String token, String next) {
        LinkState state = check(token);
        if (state != LinkState.VALID) {
            throw Problem.invalid(messageKey(state));
        }
        String hash = Tokens.sha256(token);
        long userId = jdbi.withHandle(h -> links.find(h, hash)).orElseThrow().userId();
        User user = jdbi.withHandle(h -> users.byId(h, userId)).orElseThrow();
        PasswordPolicy.check(next, user.email());
        String newHash = Passwords.hash(next);
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            if (!links.useUp(h, hash, now)) {
                throw Problem.invalid(messageKey(LinkState.USED));
            }
            users.updatePasswordHash(h, userId, newHash);
            links.deleteOthers(h, userId, hash);
            // "" is no session's hash: none is kept, whoever had the old password is signed out everywhere.
            sessions.deleteOthers(h, userId, "");
        });
        return user;
    }

    /** The message that tells a visitor why their link does not work. */
    public static String messageKey(LinkState state) {
        return switch (state) {
            case USED -> "reset.link.used";
            case EXPIRED -> "reset.link.expired";
            default -> "reset.link.unknown";
        };
    }

    private record Limit(String bucket, int max) {
    }
}
