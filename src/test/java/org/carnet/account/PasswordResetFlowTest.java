package org.carnet.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carnet.core.Problem;
import org.carnet.core.User;
import org.carnet.core.Viewer;
import org.carnet.notify.Mailer;
import org.carnet.store.RateLimitStore;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.LocalSmtp;
import org.carnet.testkit.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Password reset by email (issue 14), through the pages and a real SMTP server. */
class PasswordResetFlowTest {

    /** Chosen before both extensions start: the server must know where GreenMail listens. */
    private static final int SMTP_PORT = LocalSmtp.freePort();

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqliteWithMail(SMTP_PORT);

    @RegisterExtension
    static final GreenMailExtension smtp = LocalSmtp.at(SMTP_PORT);

    private static final Pattern LINK = Pattern.compile("http://localhost:\\d+(/account/reset\\?token=[A-Za-z0-9_-]+)");
    private static final String OLD = "ancien mot de passe";
    private static final String NEW = "nouveau mot de passe solide";

    @Test
    void aMailedLinkSetsTheNewPasswordEndsEverySessionAndWorksOnce() throws Exception {
        User user = carnet.user("oubli@mail.test", "Oubli", OLD);
        carnet.services().accounts.updateProfile(Viewer.of(user), "Oubli", "", "fr");
        WebClient before = carnet.signedIn("oubli@mail.test", OLD);
        assertThat(before.get("/account/profile").status()).isEqualTo(200);

        WebClient visitor = carnet.client();
        assertThat(visitor.get("/account/signin").doc().selectFirst("a#forgot-link").attr("href"))
                .isEqualTo("/account/forgot");
        WebClient.Response asked = visitor.submit("/account/forgot", "form#forgot", Map.of("email", "Oubli@mail.test"));
        assertThat(asked.status()).isEqualTo(303);
        assertThat(visitor.follow(asked).doc().selectFirst("#reset-sent")).isNotNull();

        MimeMessage mail = onlyMailTo("oubli@mail.test");
        assertThat(mail.getSubject()).isEqualTo("Réinitialisation de votre mot de passe");
        String body = mail.getContent().toString();
        assertThat(body).contains("Bonjour Oubli").contains("60 minutes");
        String link = linkIn(body);

        WebClient.Response form = visitor.get(link);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.header("Referrer-Policy")).isEqualTo("no-referrer");
        WebClient.Response mismatch = visitor.submit(form, "form#reset", Map.of("password", NEW, "password2", NEW + "!"));
        assertThat(mismatch.status()).isEqualTo(400);
        WebClient.Response done = visitor.submit(visitor.get(link), "form#reset",
                Map.of("password", NEW, "password2", NEW));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.doc().selectFirst("#reset-done").text()).contains("oubli@mail.test");

        // The session opened with the old password is over; the old password no longer works, the new one does.
        assertThat(before.get("/account/profile").status()).isEqualTo(303);
        assertThat(carnet.client().signIn("oubli@mail.test", OLD).status()).isEqualTo(400);
        assertThat(carnet.client().signIn("oubli@mail.test", NEW).status()).isEqualTo(303);

        // The link was used up: opening it again says so and offers to ask again; posting it again changes nothing.
        WebClient.Response again = visitor.get(link);
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.doc().text()).contains("This link has already been used");
        assertThat(again.doc().selectFirst("a#ask-again").attr("href")).isEqualTo("/account/forgot");
        assertThat(again.doc().selectFirst("form#reset")).isNull();
        String token = link.substring(link.indexOf('=') + 1);
        assertThat(visitor.post("/account/reset", Map.of("token", token, "password", "un troisième mot de passe",
                "password2", "un troisième mot de passe", "_csrf", visitor.csrfToken("/account/forgot"))).status())
                .isEqualTo(410);
        assertThat(carnet.client().signIn("oubli@mail.test", NEW).status()).isEqualTo(303);
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndNoMail() throws Exception {
        carnet.user("connu@mail.test", "Connu", OLD);
        WebClient visitor = carnet.client();
        WebClient.Response unknown = visitor.submit("/account/forgot", "form#forgot",
                Map.of("email", "personne@mail.test"));
        WebClient.Response known = visitor.submit("/account/forgot", "form#forgot", Map.of("email", "connu@mail.test"));
        assertThat(unknown.status()).isEqualTo(known.status()).isEqualTo(303);
        assertThat(unknown.location()).isEqualTo(known.location());
        assertThat(visitor.follow(unknown).doc().selectFirst("#reset-sent").text())
                .isEqualTo(visitor.follow(known).doc().selectFirst("#reset-sent").text());
        // Whether to send is decided before answering: the known address's mail is the only one.
        onlyMailTo("connu@mail.test");
    }

    @Test
    void anExpiredLinkIsRefusedAndChangesNothing() throws Exception {
        carnet.user("lent@mail.test", "Lent", OLD);
        WebClient visitor = carnet.client();
        visitor.submit("/account/forgot", "form#forgot", Map.of("email", "lent@mail.test"));
        String link = linkIn(onlyMailTo("lent@mail.test").getContent().toString());
        WebClient.Response form = visitor.get(link);
        assertThat(form.status()).isEqualTo(200);

        carnet.clock().advance(PasswordResets.LINK_LIFETIME.plusMinutes(1));
        WebClient.Response late = visitor.submit(form, "form#reset", Map.of("password", NEW, "password2", NEW));
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.doc().text()).contains("This link has expired.");
        assertThat(late.doc().selectFirst("a#ask-again")).isNotNull();
        assertThat(visitor.get(link).status()).isEqualTo(410);
        assertThat(carnet.client().signIn("lent@mail.test", NEW).status()).isEqualTo(400);
        assertThat(carnet.client().signIn("lent@mail.test", OLD).status()).isEqualTo(303);
    }

    @Test
    void aDisabledAccountGetsNoMailAndAnUnknownLinkIsRefused() throws Exception {
        User admin = carnet.services().accounts.create("chef@mail.test", "Chef", OLD, true);
        User off = carnet.user("eteint@mail.test", "Éteint", OLD);
        carnet.user("allume@mail.test", "Allumé", OLD);
        carnet.services().accounts.setDisabled(Viewer.of(admin), off.id(), true);
        WebClient visitor = carnet.client();
        assertThat(visitor.submit("/account/forgot", "form#forgot", Map.of("email", "eteint@mail.test")).status())
                .isEqualTo(303);
        visitor.submit("/account/forgot", "form#forgot", Map.of("email", "allume@mail.test"));
        onlyMailTo("allume@mail.test");

        WebClient.Response forged = visitor.get("/account/reset?token=" + "x".repeat(43));
        assertThat(forged.status()).isEqualTo(404);
        assertThat(forged.doc().selectFirst("form#reset")).isNull();
    }

    @Test
    void requestsAreLimitedPerAddressAndPerClient() throws Exception {
        carnet.user("inonde@mail.test", "Inondé", OLD);
        PasswordResets resets = resetsOf(carnet);
        // From three different clients: the address's own limit.
        for (int i = 0; i < PasswordResets.MAX_PER_EMAIL; i++) {
            resets.request("inonde@mail.test", "10.1.0." + i);
        }
        assertThatThrownBy(() -> resets.request("inonde@mail.test", "10.1.0.99"))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.TOO_MANY));
        // Through the page too, with the message and 429, and no more mail than the limit.
        WebClient.Response refused = carnet.client().submit("/account/forgot", "form#forgot",
                Map.of("email", "inonde@mail.test"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.doc().text()).contains("Too many reset requests");
        assertThat(smtp.waitForIncomingEmail(Duration.ofSeconds(20).toMillis(), PasswordResets.MAX_PER_EMAIL)).isTrue();
        Thread.sleep(500);
        assertThat(smtp.getReceivedMessages()).hasSize(PasswordResets.MAX_PER_EMAIL);

        // One client asking for many addresses (none of them with an account) is stopped too.
        for (int i = 0; i < PasswordResets.MAX_PER_CLIENT; i++) {
            resets.request("nobody" + i + "@mail.test", "10.2.0.1");
        }
        assertThatThrownBy(() -> resets.request("nobody-else@mail.test", "10.2.0.1"))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.TOO_MANY));
    }

    @Test
    void withoutMailNothingIsSentAndNoLinkExists() {
        List<String> sent = new ArrayList<>();
        Mailer recording = (to, subject, body) -> sent.add(to);
        PasswordResets noMail = new PasswordResets(carnet.services().db.jdbi(), new UserStore(), new SessionStore(),
                new RateLimitStore(), carnet.clock(), recording, false, () -> "http://x");
        carnet.user("sansmail@mail.test", "Sans", OLD);
        noMail.request("sansmail@mail.test", "10.3.0.1");
        assertThat(sent).isEmpty();
        long links = carnet.services().db.jdbi().withHandle(h -> h.createQuery("""
                SELECT COUNT(*) FROM password_reset r JOIN app_user u ON u.id = r.user_id
                WHERE u.email = 'sansmail@mail.test'""").mapTo(Long.class).one());
        assertThat(links).isZero();
        // The page says whom to ask; this server has mail, so it does not.
        assertThat(carnet.client().get("/account/forgot").doc().selectFirst("#reset-no-mail")).isNull();
    }

    /** The service as the server wires it, over the same database and clock, mailing to GreenMail. */
    private static PasswordResets resetsOf(CarnetExtension carnet) {
        return new PasswordResets(carnet.services().db.jdbi(), new UserStore(), new SessionStore(),
                new RateLimitStore(), carnet.clock(), Mailer.of(new org.carnet.notify.MailSettings("127.0.0.1",
                SMTP_PORT, "", "", "carnet@mail.test", false)), true, carnet::baseUrl);
    }

    /** Waits for the one mail of this test and checks it went to the address. */
    private static MimeMessage onlyMailTo(String address) throws Exception {
        assertThat(smtp.waitForIncomingEmail(Duration.ofSeconds(20).toMillis(), 1)).as("a mail arrives").isTrue();
        Thread.sleep(300);
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo(address);
        return received[0];
    }

    /** The path and query of the reset link in a mail's body. */
    private static String linkIn(String body) {
        Matcher m = LINK.matcher(body);
        assertThat(m.find()).as("a reset link in:\n" + body).isTrue();
        assertThat(URI.create(m.group()).getPort()).isEqualTo(carnet.port());
        return m.group(1);
    }

}
