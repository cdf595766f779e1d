package org.carnet.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.carnet.core.Messages;
import org.carnet.core.Once;
import org.carnet.core.Problem;
import org.carnet.core.Session;
import org.carnet.core.Tokens;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.instance.InstanceSettings;
import org.carnet.store.BlogWrites;
import org.carnet.store.RateLimitStore;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The rules of accounts and sessions: sign up, sign in (rate-limited), sign out, password and profile. */
public final class AccountService {

    public static final Duration SESSION_LIFETIME = Duration.ofDays(30);
    /** Failed sign-ins allowed for one account from one client address (or one known browser) in one window. */
    public static final int MAX_FAILURES_PER_ACCOUNT = 5;
    public static final int MAX_FAILURES_PER_DEVICE = MAX_FAILURES_PER_ACCOUNT;
    /** From one client address, whatever the accounts tried (guessing across accounts). */
    public static final int MAX_FAILURES_PER_ADDRESS = 20;
    /**
     * For one account from clients it has never seen, all addresses together (guessing from many addresses): past
     * it only browsers that signed in to it before get in, until the window ends.
     */
    public static final int MAX_UNKNOWN_FAILURES_PER_ACCOUNT = 50;
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
    private final BlogWrites writes;
    /** Made on first use: the key lives in the database. */
    private final java.util.function.Supplier<DeviceTokens> devices;

    public AccountService(Jdbi jdbi, UserStore users, SessionStore sessions, RateLimitStore limits,
                          InstanceSettings settings, Clock clock, BlogWrites writes) {
        this.jdbi = jdbi;
        this.writes = writes;
        this.users = users;
        this.sessions = sessions;
        this.limits = limits;
        this.settings = settings;
        this.clock = clock;
        this.devices = Once.of(() -> new DeviceTokens(settings.secret("device")));
    }

    /**
     * Self-service sign-up, when the instance allows it, or for someone following a usable invitation to a blog
     * (invited: checked by the caller, which knows the link they followed).
     */
    public User signUp(String email, String displayName, String password, boolean invited) {
        if (!invited && !settings.signupOpen()) {
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
     * Checks the password and opens a session, without letting anyone lock an account out (OWASP's "device
     * cookies"). Failures are counted per account and client address, per address, and per account over all
     * addresses; past a limit, attempts from that client are refused (even a right one) until the window ends. A
     * browser that signed in to this account before carries a device token: it is counted on its own and is not
     * refused because of what other clients did. So a guesser blocks only themselves, and a right password from
     * another address or a known browser still gets in.
     *
     * @param deviceToken the device cookie, or null; see {@link SignIn#deviceToken()} for the new one
     */
    public SignIn signIn(String email, String password, String clientAddress, String deviceToken) {
        String normalEmail = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        Optional<User> user = jdbi.withHandle(h -> users.byEmail(h, normalEmail));
        String device = user.flatMap(u -> devices.get().nonceOf(deviceToken, u.id())).orElse(null);
        List<Limit> limits = device != null
                ? List.of(new Limit("signin:device:" + device, MAX_FAILURES_PER_DEVICE))
                : List.of(new Limit("signin:pair:" + normalEmail + "|" + clientAddress, MAX_FAILURES_PER_ACCOUNT),
                        new Limit("signin:address:" + clientAddress, MAX_FAILURES_PER_ADDRESS),
                        new Limit("signin:account:" + normalEmail, MAX_UNKNOWN_FAILURES_PER_ACCOUNT));
        Instant now = clock.instant();
        for (Limit l : limits) {
            refuseIfLimited(l, now);
        }
        // Every attempt is counted before the (slow) password check, so that many attempts sent at once cannot
        // all pass the check above; a successful one is taken back below.
        boolean overLimit = jdbi.inTransaction(h -> {
            boolean over = false;
            for (Limit l : limits) {
                this.limits.hit(h, l.bucket(), FAILURE_WINDOW, now);
                over |= this.limits.hits(h, l.bucket(), FAILURE_WINDOW, now) > l.max();
            }
            return over;
        });
        if (overLimit) {
            for (Limit l : limits) {
                refuseIfLimited(l, now);
            }
        }

        String hash = user.flatMap(u -> jdbi.withHandle(h -> users.passwordHash(h, u.id()))).orElse(null);
        boolean ok = password != null && password.length() <= PasswordPolicy.MAX_LENGTH
                && Passwords.matches(password, hash) && user.isPresent();
        if (!ok) {
            throw Problem.invalid("signin.failed");
        }
        // Said only to whoever knows the password: a disabled account is not revealed to a guesser.
        if (jdbi.withHandle(h -> users.isDisabled(h, user.get().id()))) {
            throw Problem.forbidden("signin.disabled");
        }
        String token = Tokens.random();
        Session session = new Session(Tokens.sha256(token), user.get().id(), Tokens.random(), now,
                now.plus(SESSION_LIFETIME));
        jdbi.useTransaction(h -> {
            sessions.insert(h, session);
            for (Limit l : limits) {
                // The right password ends what this client's mistakes started; what others did stays counted.
                if (l.bucket().startsWith("signin:pair:") || l.bucket().startsWith("signin:device:")) {
                    this.limits.clear(h, l.bucket());
                } else {
                    this.limits.unhit(h, l.bucket());
                }
            }
        });
        return new SignIn(token, session, user.get(), devices.get().issue(user.get().id()));
    }

    /** Failures allowed in one window in a bucket. */
    private record Limit(String bucket, int max) {
    }

    private void refuseIfLimited(Limit limit, Instant now) {
        jdbi.useHandle(h -> {
            if (limits.hits(h, limit.bucket(), FAILURE_WINDOW, now) >= limit.max()) {
                Instant end = limits.windowEnd(h, limit.bucket(), FAILURE_WINDOW, now);
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
                .flatMap(s -> users.activeById(h, s.userId()).map(u -> new Viewer(u, s))))
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

    /**
     * Sets a password without the current one: the CLI, run by whoever holds the server (an instance without
     * mail has no other way back in). Every session of the account ends, as after a reset by email.
     */
    public User resetPassword(String email, String next) {
        User user = jdbi.withHandle(h -> users.byEmail(h, normaliseEmail(email)))
                .orElseThrow(() -> Problem.notFound("account.notFound", email));
        PasswordPolicy.check(next, user.email());
        String newHash = Passwords.hash(next);
        jdbi.useTransaction(h -> {
            users.updatePasswordHash(h, user.id(), newHash);
            sessions.deleteOthers(h, user.id(), "");
        });
        return user;
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
        // The name appears on the pages of the blogs they write in or comment on: each of those is written to.
        List<Long> blogs = jdbi.withHandle(h -> users.blogsShowing(h, id));
        return writes.inTransaction(blogs, w -> {
            users.updateProfile(w.handle(), id, name, text, lang);
            return users.byId(w.handle(), id).orElseThrow();
        });
    }

    /** Every account (instance admins only). */
    public List<Account> accounts(Viewer viewer) {
        requireInstanceAdmin(viewer);
        return jdbi.withHandle(h -> users.all(h, 1000));
    }

    /**
     * Disables or enables an account (instance admins only): a disabled account cannot sign in and its sessions end
     * at once; nothing it wrote changes. No one disables themselves, nor the last active instance admin.
     */
    public void setDisabled(Viewer viewer, long userId, boolean disabled) {
        requireInstanceAdmin(viewer);
        if (disabled && userId == viewer.userId()) {
            throw Problem.conflict("account.disable.self");
        }
        jdbi.useTransaction(h -> {
            User target = users.byId(h, userId).orElseThrow(() -> Problem.notFound("account.gone"));
            users.setDisabled(h, userId, disabled ? clock.instant() : null);
            if (disabled) {
                sessions.deleteOthers(h, userId, "");
                if (target.instanceAdmin() && users.activeInstanceAdmins(h) == 0) {
                    throw Problem.conflict("account.lastInstanceAdmin");
                }
            }
        });
    }

    /** Makes an account an instance admin, or no longer one (instance admins only; one active admin stays). */
    public void setInstanceAdmin(Viewer viewer, long userId, boolean admin) {
        requireInstanceAdmin(viewer);
        jdbi.useTransaction(h -> {
            users.byId(h, userId).orElseThrow(() -> Problem.notFound("account.gone"));
            users.setInstanceAdmin(h, userId, admin);
            if (!admin && users.activeInstanceAdmins(h) == 0) {
                throw Problem.conflict("account.lastInstanceAdmin");
            }
        });
    }

    private static void requireInstanceAdmin(Viewer viewer) {
        if (!viewer.signedIn() || !viewer.user().instanceAdmin()) {
            throw Problem.forbidden("access.denied");
        }
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
