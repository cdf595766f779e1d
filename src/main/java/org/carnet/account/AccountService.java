package org.carnet.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.carnet.core.Messages;
import org.carnet.core.Problem;
import org.carnet.core.Tokens;
import org.carnet.instance.InstanceSettings;
import org.carnet.store.RateLimitStore;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The rules of accounts and sessions: sign up, sign in (rate-limited), sign out, password and profile. */
public final class AccountService {

    public static final Duration SESSION_LIFETIME = Duration.ofDays(30);
    /** Failed sign-ins allowed per account, and per client address, in one window. */
    public static final int MAX_FAILURES_PER_ACCOUNT = 5;
    public static final int MAX_FAILURES_PER_ADDRESS = 20;
    public static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private static final int MAX_NAME = 80;
    private static final int MAX_ABOUT = 2000;

    private final Jdbi jdbi;
    private final UserStore users;
    private final SessionStore sessions;
    private final RateLimitStore limits;
    private final InstanceSettings settings;
    private final Clock clock;

    public AccountService(Jdbi jdbi, UserStore users, SessionStore sessions, RateLimitStore limits,
                          InstanceSettings settings, Clock clock) {
        this.jdbi = jdbi;
        this.users = users;
        this.sessions = sessions;
        this.limits = limits;
        this.settings = settings;
        this.clock = clock;
    }

    /** Self-service sign-up, when the instance allows it. */
    public User signUp(String email, String displayName, String password) {
        if (!settings.signupOpen()) {
            throw Problem.forbidden("signup.closed");
        }
        return create(email, displayName, password, false);
    }

    /** Creates an account (sign-up, the CLI, the first admin). */
    public User create(String email, String displayName, String password, boolean instanceAdmin) {
        String normalEmail = normaliseEmail(email);
        String name = requireName(displayName);
        PasswordPolicy.check(password, normalEmail);
        String hash = Passwords.hash(password);
        Instant now = clock.instant();
        try {
            return jdbi.inTransaction(h -> {
                if (users.byEmail(h, normalEmail).isPresent()) {
                    throw Problem.conflict("account.email.taken");
                }
                long id = users.insert(h, normalEmail, name, hash, instanceAdmin, now);
                return users.byId(h, id).orElseThrow();
            });
        } catch (UnableToExecuteStatementException e) {
            // Two sign-ups with one email at the same instant: the unique index decides.
            if (jdbi.withHandle(h -> users.byEmail(h, normalEmail)).isPresent()) {
                throw Problem.conflict("account.email.taken");
            }
            throw e;
        }
    }

    /**
     * Checks the password and opens a session. Failures are counted per account and per client address;
     * past the limit every attempt is refused (even a right one) until the window ends.
     */
    public SignIn signIn(String email, String password, String clientAddress) {
        String normalEmail = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        String accountBucket = "signin:account:" + normalEmail;
        String addressBucket = "signin:address:" + clientAddress;
        Instant now = clock.instant();
        refuseIfLimited(accountBucket, MAX_FAILURES_PER_ACCOUNT, now);
        refuseIfLimited(addressBucket, MAX_FAILURES_PER_ADDRESS, now);
        // Every attempt is counted before the (slow) password check, so that many attempts sent at once cannot
        // all pass the check above; a successful one is taken back below.
        boolean overLimit = jdbi.inTransaction(h -> {
            limits.hit(h, accountBucket, FAILURE_WINDOW, now);
            limits.hit(h, addressBucket, FAILURE_WINDOW, now);
            return limits.hits(h, accountBucket, FAILURE_WINDOW, now) > MAX_FAILURES_PER_ACCOUNT
                    || limits.hits(h, addressBucket, FAILURE_WINDOW, now) > MAX_FAILURES_PER_ADDRESS;
        });
        if (overLimit) {
            refuseIfLimited(accountBucket, MAX_FAILURES_PER_ACCOUNT, now);
            refuseIfLimited(addressBucket, MAX_FAILURES_PER_ADDRESS, now);
        }

        Optional<User> user = jdbi.withHandle(h -> users.byEmail(h, normalEmail));
        String hash = user.flatMap(u -> jdbi.withHandle(h -> users.passwordHash(h, u.id()))).orElse(null);
        boolean ok = password != null && password.length() <= PasswordPolicy.MAX_LENGTH
                && Passwords.matches(password, hash) && user.isPresent();
        if (!ok) {
            throw Problem.invalid("signin.failed");
        }
        String token = Tokens.random();
        Session session = new Session(Tokens.sha256(token), user.get().id(), Tokens.random(), now,
                now.plus(SESSION_LIFETIME));
        jdbi.useTransaction(h -> {
            sessions.insert(h, session);
            limits.clear(h, accountBucket);
            limits.unhit(h, addressBucket);
        });
        return new SignIn(token, session, user.get());
    }

    private void refuseIfLimited(String bucket, int max, Instant now) {
        jdbi.useHandle(h -> {
            if (limits.hits(h, bucket, FAILURE_WINDOW, now) >= max) {
                Instant end = limits.windowEnd(h, bucket, FAILURE_WINDOW, now);
                long minutes = Math.max(1, (Duration.between(now, end).toSeconds() + 59) / 60);
                throw new Problem(Problem.Kind.TOO_MANY, "signin.tooMany", minutes);
            }
        });
    }

    /** The viewer of a session cookie, or anonymous when it is missing, unknown or expired. */
    public Viewer viewerFor(String sessionToken) {
        if (sessionToken == null || sessionToken.isEmpty() || sessionToken.length() > 100) {
            return Viewer.anonymous();
        }
        Instant now = clock.instant();
        return jdbi.withHandle(h -> sessions.find(h, Tokens.sha256(sessionToken), now)
                .flatMap(s -> users.byId(h, s.userId()).map(u -> new Viewer(u, s))))
                .orElse(Viewer.anonymous());
    }

    public void signOut(Viewer viewer) {
        if (viewer.session() != null) {
            jdbi.useHandle(h -> sessions.delete(h, viewer.session().tokenHash()));
        }
    }

    /** Changes the password after checking the current one; other sessions of the account are closed. */
    public void changePassword(Viewer viewer, String current, String next) {
        User user = viewer.user();
        String hash = jdbi.withHandle(h -> users.passwordHash(h, user.id())).orElseThrow();
        if (current == null || current.length() > PasswordPolicy.MAX_LENGTH || !Passwords.matches(current, hash)) {
            throw Problem.invalid("password.currentWrong");
        }
        PasswordPolicy.check(next, user.email());
        String newHash = Passwords.hash(next);
        jdbi.useTransaction(h -> {
            users.updatePasswordHash(h, user.id(), newHash);
            if (viewer.session() != null) {
                sessions.deleteOthers(h, user.id(), viewer.session().tokenHash());
            }
        });
    }

    /** Sets a password without the current one: the CLI, run by whoever holds the server. */
    public void resetPassword(String email, String next) {
        User user = jdbi.withHandle(h -> users.byEmail(h, normaliseEmail(email)))
                .orElseThrow(() -> Problem.notFound("account.notFound", email));
        PasswordPolicy.check(next, user.email());
        String newHash = Passwords.hash(next);
        jdbi.useTransaction(h -> users.updatePasswordHash(h, user.id(), newHash));
    }

    public User updateProfile(Viewer viewer, String displayName, String about, String language) {
        String name = requireName(displayName);
        String text = about == null ? "" : about.strip();
        if (text.length() > MAX_ABOUT) {
            throw Problem.invalid("profile.about.tooLong", MAX_ABOUT);
        }
        String lang = language == null || language.isBlank() ? null : language;
        if (lang != null && !Messages.supports(lang)) {
            throw Problem.invalid("language.invalid", lang);
        }
        long id = viewer.userId();
        return jdbi.inTransaction(h -> {
            users.updateProfile(h, id, name, text, lang);
            return users.byId(h, id).orElseThrow();
        });
    }

    public int deleteExpiredSessions() {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> sessions.deleteExpired(h, now));
    }

    public Optional<User> byEmail(String email) {
        return jdbi.withHandle(h -> users.byEmail(h, email == null ? "" : email.trim().toLowerCase(Locale.ROOT)));
    }

    /** The oldest instance admin: the default owner of blogs created from the CLI. */
    public Optional<User> firstInstanceAdmin() {
        return jdbi.withHandle(h -> users.firstInstanceAdmin(h));
    }

    public Optional<User> byId(long id) {
        return jdbi.withHandle(h -> users.byId(h, id));
    }

    public static String normaliseEmail(String email) {
        String e = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        if (e.length() > 254 || !EMAIL.matcher(e).matches()) {
            throw Problem.invalid("account.email.invalid");
        }
        return e;
    }

    private static String requireName(String displayName) {
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty()) {
            throw Problem.invalid("account.name.required");
        }
        if (name.length() > MAX_NAME) {
            throw Problem.invalid("account.name.tooLong", MAX_NAME);
        }
        return name;
    }
}
