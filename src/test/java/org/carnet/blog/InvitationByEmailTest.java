package org.carnet.blog;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carnet.core.User;
import org.carnet.instance.InstanceSettings;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.LocalSmtp;
import org.carnet.testkit.WebClient;
import org.carnet.testkit.WebClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Invitations mailed by the server when it has a mail server (the link still shown to copy), and an invited
 * person who has no account joins even though sign-up is closed to everyone else.
 */
class InvitationByEmailTest {

    /** Chosen before both extensions start: the server must know where GreenMail listens. */
    private static final int SMTP_PORT = LocalSmtp.freePort();

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqliteWithMail(SMTP_PORT);

    @RegisterExtension
    static final GreenMailExtension smtp = LocalSmtp.at(SMTP_PORT);

    private static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/account/invitations/[A-Za-z0-9_-]+)");
    private static final String PW = "mot de passe des tests";

    @Test
    void theLinkIsMailedAndTheInviteeJoinsThoughSignUpIsClosed() throws Exception {
        User admin = carnet.user("chef@invite.test", "Chef de rédaction", PW);
        carnet.blog(admin, "redaction", "language", "fr", "title", "La Rédaction");
        carnet.services().instance.set(InstanceSettings.SIGNUP, "closed");
        assertThat(carnet.services().instance.signupOpen()).isFalse();

        WebClient boss = carnet.signedIn("chef@invite.test", PW);
        Response members = boss.get("/redaction/admin/members");
        assertThat(members.doc().select("form#invite input#invite-email")).hasSize(1);
        Response created = boss.submit(members, "form#invite", Map.of("role", "author",
                "email", "Nouvelle@Invite.test"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.doc().selectFirst("#invitation-sent").text()).contains("nouvelle@invite.test");
        String shown = created.doc().selectFirst("#invitation-link").attr("value");
        // Whom the pending invitation is for: the address, when no other note was given.
        assertThat(created.doc().select("li[data-invitation] .invitee").text()).contains("nouvelle@invite.test");

        assertThat(smtp.waitForIncomingEmail(Duration.ofSeconds(20).toMillis(), 1)).as("a mail arrives").isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("nouvelle@invite.test");
        assertThat(mail.getSubject()).isEqualTo("Chef de rédaction vous invite sur «\u00a0La Rédaction\u00a0»");
        String body = mail.getContent().toString();
        assertThat(body).contains("avec le rôle Auteur");
        Matcher link = LINK.matcher(body);
        assertThat(link.find()).as("a link in:\n" + body).isTrue();
        assertThat(link.group()).isEqualTo(shown);

        // Sign-up is closed, yet the invited person, who has no account, is offered it and joins.
        WebClient invitee = carnet.client();
        Response toSignIn = invitee.get(link.group(1));
        assertThat(toSignIn.status()).isEqualTo(303);
        Response signIn = invitee.follow(toSignIn);
        assertThat(signIn.doc().select("a#signup-link")).hasSize(1);
        Response signUp = invitee.get(signIn.doc().selectFirst("a#signup-link").attr("href"));
        assertThat(signUp.doc().select("form#signup")).hasSize(1);
        Response made = invitee.submit(signUp, "form#signup", Map.of("email", "nouvelle@invite.test",
                "name", "Nouvelle", "password", PW, "password2", PW));
        assertThat(made.status()).isEqualTo(303);
        assertThat(made.location()).isEqualTo(link.group(1));
        Response accept = invitee.follow(made);
        Response joined = invitee.submit(accept, "form#accept", Map.of());
        assertThat(joined.status()).isEqualTo(303);
        java.util.List<String> roles = carnet.services().db.jdbi().withHandle(h -> h.createQuery("SELECT m.role "
                + "FROM blog_member m JOIN app_user u ON u.id = m.user_id JOIN blog b ON b.id = m.blog_id "
                + "WHERE u.email = 'nouvelle@invite.test' AND b.name = 'redaction'").mapTo(String.class).list());
        assertThat(roles).containsExactly("AUTHOR");

        // Without an invitation, sign-up stays closed: the page says so and a forged post creates nobody.
        WebClient stranger = carnet.client();
        assertThat(stranger.get("/account/signup").doc().select("form#signup")).isEmpty();
        Response forged = stranger.post("/account/signup", Map.of("email", "intrus@invite.test", "name", "Intrus",
                "password", PW, "password2", PW, "next", "/dashboard"));
        assertThat(forged.status()).isIn(400, 403);
        int intruders = carnet.services().db.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM app_user WHERE email = 'intrus@invite.test'").mapTo(Integer.class).one());
        assertThat(intruders).isZero();
    }

    @Test
    void aMalformedAddressIsRefusedAndCreatesNoInvitation() {
        User admin = carnet.user("soin@invite.test", "Soin", PW);
        carnet.blog(admin, "soin", "language", "en");
        WebClient boss = carnet.signedIn("soin@invite.test", PW);
        Response refused = boss.submit(boss.get("/soin/admin/members"), "form#invite", Map.of("role", "reader",
                "email", "not an address", "invitee", "Paul"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.doc().select(".error").text()).isNotBlank();
        // What was typed is kept for correcting it; nothing was created.
        assertThat(refused.doc().selectFirst("input#invite-for").attr("value")).isEqualTo("Paul");
        assertThat(refused.doc().select("select#invite-role option[selected]").attr("value")).isEqualTo("reader");
        assertThat(refused.doc().select("li[data-invitation]")).isEmpty();
    }
}
