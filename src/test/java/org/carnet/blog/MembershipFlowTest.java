package org.carnet.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.WebClient.Response;
import org.carnet.testkit.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Membership through HTTP: invitation links, roles, removal, leaving, and the last admin rule. */
class MembershipFlowTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    private static final String PW = "mot de passe des tests";

    private WebClient signedIn(String email) {
        return carnet.signedIn(email, PW);
    }

    private User user(String email) {
        return carnet.services().accounts.byEmail(email).orElseThrow();
    }

    private java.util.Optional<Role> roleOf(String email, String blog) {
        return carnet.services().access.roleOf(Viewer.of(user(email)),
                carnet.services().blogs.find(blog).orElseThrow());
    }

    private String invitationLink(WebClient admin, String blog, String role) {
        Response r = admin.submit("/" + blog + "/admin/members", "form#invite", Map.of("role", role));
        assertThat(r.status()).isEqualTo(200);
        String link = r.doc().selectFirst("#invitation-link").attr("value");
        assertThat(link).startsWith(carnet.baseUrl() + "/account/invitations/");
        return link.substring(carnet.baseUrl().length());
    }

    @Test
    void anInvitationLinkMakesTheInviteeAMemberOnceOnly() {
        WebClient admin = signedIn("admin@members.test");
        carnet.blog(user("admin@members.test"), "equipe");
        String link = invitationLink(admin, "equipe", "author");

        WebClient invitee = carnet.client();
        Response mustSignIn = invitee.get(link);
        assertThat(mustSignIn.status()).isEqualTo(303);
        assertThat(mustSignIn.location()).startsWith("/account/signin?next=%2Faccount%2Finvitations%2F");

        carnet.user("invitee@members.test", "Invitee", PW);
        Response signIn = invitee.submit(mustSignIn.location(), "form#signin",
                Map.of("email", "invitee@members.test", "password", PW));
        assertThat(signIn.location()).isEqualTo(link);
        Response page = invitee.follow(signIn);
        assertThat(page.text()).contains("You are invited to join “Blog equipe” as Author.");
        Response accepted = invitee.submit(page, "form#accept", Map.of());
        assertThat(accepted.status()).isEqualTo(303);
        assertThat(accepted.location()).isEqualTo("/equipe/");
        assertThat(roleOf("invitee@members.test", "equipe")).contains(Role.AUTHOR);
        assertThat(invitee.get("/dashboard").doc().select("tr[data-blog=equipe]").text()).contains("Author");

        WebClient second = signedIn("second@members.test");
        Response reused = second.get(link);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.text()).contains("This invitation has already been used.");
        String token = second.csrfToken("/dashboard");
        assertThat(second.post(link, Map.of("_csrf", token)).status()).isEqualTo(400);
        assertThat(carnet.services().access.roleOf(Viewer.of(user("second@members.test")),
                carnet.services().blogs.find("equipe").orElseThrow())).isEmpty();
    }

    @Test
    void anInvitationSurvivesSignInAndSignUpForSomeoneWithoutAnAccount() {
        WebClient admin = signedIn("admin-new@members.test");
        carnet.blog(user("admin-new@members.test"), "nouveaux");
        String link = invitationLink(admin, "nouveaux", "author");

        WebClient newcomer = carnet.client();
        Response signInPage = newcomer.follow(newcomer.get(link));
        assertThat(signInPage.doc().selectFirst("#invitation-notice").text())
                .contains("You are accepting an invitation to join “Blog nouveaux” as Author.");
        String signUpPath = signInPage.doc().selectFirst("#signup-link").attr("href");
        assertThat(signUpPath).startsWith("/account/signup?next=%2Faccount%2Finvitations%2F");

        Response signUpPage = newcomer.get(signUpPath);
        assertThat(signUpPage.doc().selectFirst("#invitation-notice").text())
                .contains("You are accepting an invitation to join “Blog nouveaux” as Author.");
        assertThat(signUpPage.doc().selectFirst("#signin-link").attr("href"))
                .isEqualTo(signInPage.doc().selectFirst("#signup-link").attr("href").replace("signup", "signin"));
        Response signedUp = newcomer.submit(signUpPage, "form#signup", Map.of("email", "newcomer@members.test",
                "name", "Newcomer", "password", PW, "password2", PW));
        assertThat(signedUp.status()).isEqualTo(303);
        assertThat(signedUp.location()).isEqualTo(link);

        Response invitation = newcomer.follow(signedUp);
        assertThat(invitation.text()).contains("You are invited to join “Blog nouveaux” as Author.");
        // Nothing is joined before the newcomer says so.
        assertThat(roleOf("newcomer@members.test", "nouveaux")).isEmpty();
        newcomer.submit(invitation, "form#accept", Map.of());
        assertThat(roleOf("newcomer@members.test", "nouveaux")).contains(Role.AUTHOR);
        assertThat(newcomer.get("/dashboard").doc().select("tr[data-blog=nouveaux]").text()).contains("Author");
    }

    @Test
    void signUpNeverSendsAnywhereButALocalPath() {
        WebClient visitor = carnet.client();
        for (String next : new String[] {"https://evil.test/", "//evil.test/", "/\\evil.test"}) {
            Response page = visitor.get("/account/signup?next="
                    + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(page.doc().selectFirst("form#signup input[name=next]").attr("value")).isEqualTo("/dashboard");
            assertThat(page.doc().selectFirst("#invitation-notice")).isNull();
        }
        String token = visitor.csrfToken("/account/signup");
        Response r = visitor.post("/account/signup", Map.of("_csrf", token, "email", "elsewhere@members.test",
                "name", "Elsewhere", "password", PW, "password2", PW, "next", "//evil.test/"));
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.location()).isEqualTo("/dashboard");
    }

    @Test
    void pendingInvitationsSayWhomTheyAreFor() {
        WebClient admin = signedIn("admin-for@members.test");
        carnet.blog(user("admin-for@members.test"), "pourqui");
        Response made = admin.submit("/pourqui/admin/members", "form#invite",
                Map.of("role", "reader", "invitee", "  claire@example.org "));
        assertThat(made.status()).isEqualTo(200);
        admin.submit("/pourqui/admin/members", "form#invite", Map.of("role", "author"));

        Response page = admin.get("/pourqui/admin/members");
        var pending = page.doc().select("li[data-invitation]");
        assertThat(pending).hasSize(2);
        assertThat(pending.select(".invitee").eachText()).containsExactly("for claire@example.org");
        assertThat(pending.text()).contains("for claire@example.org — Reader");

        Response tooLong = admin.submit("/pourqui/admin/members", "form#invite",
                Map.of("role", "reader", "invitee", "x".repeat(255)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.doc().select("[role=alert]").text()).contains("at most 254 characters");
        assertThat(admin.get("/pourqui/admin/members").doc().select("li[data-invitation]")).hasSize(2);
    }

    @Test
    void unknownAndExpiredInvitationsAreRefused() {
        WebClient admin = signedIn("admin2@members.test");
        carnet.blog(user("admin2@members.test"), "expire");
        String link = invitationLink(admin, "expire", "reader");
        WebClient invitee = signedIn("late@members.test");
        Response unknown = invitee.get("/account/invitations/no-such-token");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).contains("This invitation link is not valid.");

        carnet.clock().advance(MembershipService.INVITATION_LIFETIME.plus(Duration.ofMinutes(1)));
        try {
            Response expired = invitee.get(link);
            assertThat(expired.status()).isEqualTo(400);
            assertThat(expired.text()).contains("This invitation has expired.");
            String token = invitee.csrfToken("/dashboard");
            assertThat(invitee.post(link, Map.of("_csrf", token)).status()).isEqualTo(400);
            assertThat(roleOf("late@members.test", "expire")).isEmpty();
        } finally {
            carnet.clock().advance(Duration.ofDays(-8));
        }
    }

    @Test
    void theLastAdminCanNeitherLeaveNorBeDemotedNorRemoved() {
        WebClient admin = signedIn("solo@members.test");
        carnet.blog(user("solo@members.test"), "solitaire");
        long soloId = user("solo@members.test").id();

        Response demote = admin.submit("/solitaire/admin/members", "form[action=/solitaire/admin/members/" + soloId
                + "/role]", Map.of("role", "author"));
        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.text()).contains("The last administrator of a blog cannot be given another role.");
        // The only admin is not offered to leave, and is told why, on the dashboard and the members page.
        Response dashboard = admin.get("/dashboard");
        assertThat(dashboard.doc().select("form[action=/solitaire/admin/leave]")).isEmpty();
        assertThat(dashboard.doc().select("tr[data-blog=solitaire] .only-admin").text())
                .isEqualTo("You are the only administrator: make someone else administrator before you can leave.");
        Response members = admin.get("/solitaire/admin/members");
        assertThat(members.doc().select("form#leave")).isEmpty();
        assertThat(members.doc().select("#only-admin").text()).startsWith("You are the only administrator");
        // Sent anyway (an old page), the refusal is explained in words on the members page, not a bare 409.
        Response leave = admin.post("/solitaire/admin/leave", Map.of("_csrf", admin.csrfToken("/dashboard")));
        assertThat(leave.status()).isEqualTo(409);
        assertThat(leave.doc().select("[role=alert]").text())
                .contains("You are the last administrator of this blog: make someone else administrator");
        assertThat(leave.doc().select("table#members tr[data-user]")).hasSize(1);
        assertThat(leave.doc().select("form#invite")).hasSize(1);
        Response remove = admin.submit("/solitaire/admin/members", "form[action=/solitaire/admin/members/" + soloId
                + "/remove]", Map.of());
        assertThat(remove.status()).isEqualTo(409);
        assertThat(roleOf("solo@members.test", "solitaire")).contains(Role.ADMIN);

        // With a second admin, the first may step down and leave.
        carnet.user("deputy@members.test", "Deputy", PW);
        carnet.services().memberships.setRole(carnet.services().blogs.find("solitaire").orElseThrow(),
                user("deputy@members.test").id(), Role.READER);
        long deputyId = user("deputy@members.test").id();
        Response promote = admin.submit("/solitaire/admin/members", "form[action=/solitaire/admin/members/"
                + deputyId + "/role]", Map.of("role", "admin"));
        assertThat(promote.status()).isEqualTo(303);
        assertThat(roleOf("deputy@members.test", "solitaire")).contains(Role.ADMIN);
        assertThat(admin.get("/dashboard").doc().select("form[action=/solitaire/admin/leave]")).hasSize(1);
        Response left = admin.submit("/solitaire/admin/members", "form#leave", Map.of());
        assertThat(left.status()).isEqualTo(303);
        assertThat(roleOf("solo@members.test", "solitaire")).isEmpty();
    }

    @Test
    void adminsRemoveMembersAndOnlyAdminsManageMembers() {
        WebClient admin = signedIn("boss@members.test");
        Blog blog = carnet.blog(user("boss@members.test"), "redaction");
        WebClient reader = signedIn("reader@members.test");
        carnet.services().memberships.setRole(blog, user("reader@members.test").id(), Role.READER);

        assertThat(reader.get("/redaction/admin/members").status()).isEqualTo(403);
        String token = reader.csrfToken("/dashboard");
        assertThat(reader.post("/redaction/admin/members/invite", Map.of("_csrf", token, "role", "admin")).status())
                .isEqualTo(403);
        assertThat(reader.post("/redaction/admin/members/" + user("reader@members.test").id() + "/role",
                Map.of("_csrf", token, "role", "admin")).status()).isEqualTo(403);
        assertThat(roleOf("reader@members.test", "redaction")).contains(Role.READER);
        // An admin changes the roles of members; nobody becomes one without accepting an invitation.
        long outsider = carnet.user("outsider@members.test", "Outsider", PW).id();
        String bossToken = admin.csrfToken("/dashboard");
        assertThat(admin.post("/redaction/admin/members/" + outsider + "/role", Map.of("_csrf", bossToken,
                "role", "admin")).status()).isEqualTo(404);
        assertThat(admin.post("/redaction/admin/members/999999999/role", Map.of("_csrf", bossToken,
                "role", "admin")).status()).isEqualTo(404);
        assertThat(roleOf("outsider@members.test", "redaction")).isEmpty();
        assertThat(carnet.services().memberships.pendingInvitations(Viewer.of(user("boss@members.test")), blog))
                .isEmpty();

        long readerId = user("reader@members.test").id();
        Response removed = admin.submit("/redaction/admin/members", "form[action=/redaction/admin/members/"
                + readerId + "/remove]", Map.of());
        assertThat(removed.status()).isEqualTo(303);
        assertThat(roleOf("reader@members.test", "redaction")).isEmpty();
    }

    @Test
    void aMemberCanLeaveAndAnAdminCanCancelAnInvitation() {
        WebClient admin = signedIn("chief@members.test");
        Blog blog = carnet.blog(user("chief@members.test"), "partants");
        WebClient author = signedIn("author@members.test");
        carnet.services().memberships.setRole(blog, user("author@members.test").id(), Role.AUTHOR);
        Response left = author.submit("/dashboard", "form[action=/partants/admin/leave]", Map.of());
        assertThat(left.status()).isEqualTo(303);
        assertThat(roleOf("author@members.test", "partants")).isEmpty();

        String link = invitationLink(admin, "partants", "reader");
        Response page = admin.get("/partants/admin/members");
        Response cancelled = admin.submit(page, "form[action^=/partants/admin/invitations/]", Map.of());
        assertThat(cancelled.status()).isEqualTo(303);
        WebClient late = signedIn("cancelled@members.test");
        assertThat(late.get(link).status()).isEqualTo(404);
    }
}
