package org.carnet.account;

import gg.jte.generated.precompiled.Templates;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.carnet.web.Forms;
import org.carnet.web.Pages;
import org.carnet.web.Web;

/** HTTP for password reset: the "forgot your password?" form and the page a mailed link opens. */
public final class PasswordResetRoutes {

    private final PasswordResets resets;
    private final Pages pages;
    private final Templates templates;

    public PasswordResetRoutes(PasswordResets resets, Pages pages) {
        this.resets = resets;
        this.pages = pages;
        this.templates = pages.templates();
    }

    public void register(RoutesConfig r) {
        r.get("/account/forgot", this::forgotForm);
        r.post("/account/forgot", this::forgot);
        r.get("/account/reset", this::resetForm);
        r.post("/account/reset", this::reset);
    }

    private void forgotForm(Context ctx) {
        showForgot(ctx, "", ctx.queryParam("sent") != null, null);
    }

    private void showForgot(Context ctx, String email, boolean sent, String error) {
        pages.render(ctx, templates.accountForgot(pages.page(ctx, "reset.forgot.title"), email, sent,
                resets.mailConfigured(), error));
    }

    /** Every address gets the same redirect to the same page: whether an account has it is not said. */
    private void forgot(Context ctx) {
        String email = Forms.field(ctx, "email");
        Forms.submit(ctx, () -> {
            resets.request(email, Web.clientAddress(ctx));
            ctx.redirect("/account/forgot?sent", HttpStatus.SEE_OTHER);
        }, error -> showForgot(ctx, email, false, error));
    }

    private void resetForm(Context ctx) {
        String token = ctx.queryParam("token");
        PasswordResets.LinkState state = resets.check(token);
        showReset(ctx, token, state, null, null);
    }

    private void showReset(Context ctx, String token, PasswordResets.LinkState state, String doneEmail,
                           String error) {
        // The token is in this page's address: no link on it may send it to another site in a Referer.
        ctx.header("Referrer-Policy", "no-referrer");
        String dead = state == PasswordResets.LinkState.VALID ? null
                : Web.messagesForErrors(ctx).t(PasswordResets.messageKey(state));
        if (dead != null && doneEmail == null) {
            ctx.status(state == PasswordResets.LinkState.UNKNOWN ? HttpStatus.NOT_FOUND : HttpStatus.GONE);
        }
        pages.render(ctx, templates.accountReset(pages.page(ctx, "reset.title"), token == null ? "" : token,
                doneEmail == null ? dead : null, doneEmail, error, PasswordPolicy.MIN_LENGTH));
    }

    private void reset(Context ctx) {
        String token = Forms.raw(ctx, "token");
        PasswordResets.LinkState state = resets.check(token);
        if (state != PasswordResets.LinkState.VALID) {
            showReset(ctx, token, state, null, null);
            return;
        }
        Forms.submit(ctx, () -> {
            String next = Forms.raw(ctx, "password");
            if (!next.equals(Forms.raw(ctx, "password2"))) {
                throw org.carnet.core.Problem.invalid("password.mismatch");
            }
            var user = resets.reset(token, next);
            // Every session of the account has just ended, this browser's too if it had one: sign in afresh.
            showReset(ctx, token, PasswordResets.LinkState.VALID, user.email(), null);
        }, error -> showReset(ctx, token, resets.check(token), null, error));
    }
}
