package org.carnet.account;

import gg.jte.generated.precompiled.Templates;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import org.carnet.blog.MembershipService;
import org.carnet.core.Problem;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.instance.InstanceSettings;
import org.carnet.web.Forms;
import org.carnet.web.Pages;
import org.carnet.web.Web;

/** HTTP for accounts: sign up, sign in, sign out, profile and password. */
public final class AccountRoutes {

    /** A browser that has signed in to an account before (see AccountService.signIn). */
    static final String DEVICE_COOKIE = "carnet_device";
    private static final java.time.Duration DEVICE_LIFETIME = java.time.Duration.ofDays(365);

    private final AccountService accounts;
    private final InstanceSettings instance;
    private final Pages pages;
    private final Templates templates;
    private final boolean secureCookies;
    private final InvitationNotice invitations;

    public AccountRoutes(AccountService accounts, InstanceSettings instance, MembershipService memberships,
                         Pages pages, boolean secureCookies) {
        this.accounts = accounts;
        this.invitations = new InvitationNotice(memberships);
        this.instance = instance;
        this.pages = pages;
        this.templates = pages.templates();
        this.secureCookies = secureCookies;
    }

    public void register(RoutesConfig r) {
        r.get("/account/signup", this::signUpForm);
        r.post("/account/signup", this::signUp);
        r.get("/account/signin", this::signInForm);
        r.post("/account/signin", this::signIn);
        r.post("/account/signout", this::signOut);
        // Signing out changes state, so only POST does it; a GET (a link, a prefetch) is told so.
        r.get("/account/signout", ctx -> {
            ctx.header("Allow", "POST");
            throw new HttpResponseException(405, "Method not allowed");
        });
        r.get("/account/profile", this::profileForm);
        r.post("/account/profile", this::saveProfile);
        r.get("/account/password", this::passwordForm);
        r.post("/account/password", this::changePassword);
    }

    private void signUpForm(Context ctx) {
        showSignUp(ctx, "", "", safeNext(ctx.queryParam("next")), null);
    }

    private void showSignUp(Context ctx, String email, String name, String next, String error) {
        var invitation = invitations.forNext(next);
        pages.render(ctx, templates.accountSignup(pages.page(ctx, "signup.title"),
                instance.signupOpen() || invitation != null, email, name, next, invitation, error,
                PasswordPolicy.MIN_LENGTH));
    }

    /** A new account goes where the visitor was headed (an invitation link they followed), else the dashboard. */
    private void signUp(Context ctx) {
        String next = safeNext(ctx.formParam("next"));
        String email = Forms.field(ctx, "email");
        String name = Forms.field(ctx, "name");
        String password = Forms.raw(ctx, "password");
        Forms.submit(ctx, () -> {
            if (!password.equals(Forms.raw(ctx, "password2"))) {
                throw Problem.invalid("password.mismatch");
            }
            // Whoever follows a good invitation may create an account even when sign-up is closed: an admin of
            // the blog chose to let them in.
            accounts.signUp(email, name, password, invitations.forNext(next) != null);
            startSession(ctx, accounts.signIn(email, password, Web.clientAddress(ctx), ctx.cookie(DEVICE_COOKIE)));
            ctx.redirect(next, HttpStatus.SEE_OTHER);
        }, error -> showSignUp(ctx, email, name, next, error));
    }

    private void signInForm(Context ctx) {
        if (Web.viewer(ctx).signedIn()) {
            ctx.redirect(safeNext(ctx.queryParam("next")), HttpStatus.SEE_OTHER);
            return;
        }
        showSignIn(ctx, "", safeNext(ctx.queryParam("next")), null);
    }

    private void showSignIn(Context ctx, String email, String next, String error) {
        var invitation = invitations.forNext(next);
        pages.render(ctx, templates.accountSignin(pages.page(ctx, "signin.title"), email, next, invitation, error,
                instance.signupOpen() || invitation != null));
    }

    private void signIn(Context ctx) {
        String email = Forms.field(ctx, "email");
        String next = safeNext(ctx.formParam("next"));
        Forms.submit(ctx, () -> {
            SignIn signIn = accounts.signIn(email, Forms.raw(ctx, "password"), Web.clientAddress(ctx),
                    ctx.cookie(DEVICE_COOKIE));
            startSession(ctx, signIn);
            ctx.redirect(next, HttpStatus.SEE_OTHER);
        }, error -> showSignIn(ctx, email, next, error));
    }

    private void signOut(Context ctx) {
        accounts.signOut(Web.viewer(ctx));
        ctx.cookie(sessionCookie(ctx, "", 0));
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    private void profileForm(Context ctx) {
        User user = Web.requireUser(ctx);
        showProfile(ctx, user.displayName(), user.about(), user.language(), null, ctx.queryParam("saved") != null);
    }

    private void showProfile(Context ctx, String name, String about, String language, String error, boolean saved) {
        pages.render(ctx, templates.accountProfile(pages.page(ctx, "profile.title"), name, about,
                language == null ? "" : language, error, saved));
    }

    private void saveProfile(Context ctx) {
        Web.requireUser(ctx);
        String name = Forms.field(ctx, "name");
        String about = Forms.field(ctx, "about");
        String language = Forms.field(ctx, "language");
        Forms.submit(ctx, () -> {
            accounts.updateProfile(Web.viewer(ctx), name, about, language);
            ctx.redirect("/account/profile?saved", HttpStatus.SEE_OTHER);
        }, error -> showProfile(ctx, name, about, language, error, false));
    }

    private void passwordForm(Context ctx) {
        Web.requireUser(ctx);
        showPassword(ctx, null, ctx.queryParam("saved") != null);
    }

    private void showPassword(Context ctx, String error, boolean saved) {
        pages.render(ctx, templates.accountPassword(pages.page(ctx, "password.title"), error, saved,
                PasswordPolicy.MIN_LENGTH));
    }

    private void changePassword(Context ctx) {
        Web.requireUser(ctx);
        Forms.submit(ctx, () -> {
            String next = Forms.raw(ctx, "password");
            if (!next.equals(Forms.raw(ctx, "password2"))) {
                throw Problem.invalid("password.mismatch");
            }
            accounts.changePassword(Web.viewer(ctx), Forms.raw(ctx, "current"), next);
            ctx.redirect("/account/password?saved", HttpStatus.SEE_OTHER);
        }, error -> showPassword(ctx, error, false));
    }

    /** The signed-in user, or a redirect to the sign-in page. */
    private void startSession(Context ctx, SignIn signIn) {
        // A browser that was signed in as someone else leaves that session behind for good.
        accounts.signOut(Web.viewer(ctx));
        ctx.cookie(sessionCookie(ctx, signIn.token(), (int) AccountService.SESSION_LIFETIME.toSeconds()));
        // Only the sign-in form reads it; kept a year, renewed at each sign-in.
        ctx.cookie(new Cookie(DEVICE_COOKIE, signIn.deviceToken(), "/account", (int) DEVICE_LIFETIME.toSeconds(),
                secureCookies || Web.isHttps(ctx), true, null, SameSite.STRICT));
    }

    private Cookie sessionCookie(Context ctx, String value, int maxAge) {
        return new Cookie(Web.SESSION_COOKIE, value, "/", maxAge, secureCookies || Web.isHttps(ctx), true,
                null, SameSite.LAX);
    }

    /** Only a local path may follow sign-in: never another site (an open redirect). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.length() > 2000 || next.chars().anyMatch(c -> c < 0x20)) {
            return "/dashboard";
        }
        return next;
    }
}
