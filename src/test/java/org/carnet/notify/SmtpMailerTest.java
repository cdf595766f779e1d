package org.carnet.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sending through a real SMTP server (GreenMail, in-process), and checking the mail settings. */
class SmtpMailerTest {

    private static final String USER = "carnet";
    private static final String PASSWORD = "pw-9f2c-secret";

    /**
     * Port 0 so the OS picks a free port (ServerSetupTest.SMTP is a fixed 3025 that would clash with
     * anything else on the machine), and 127.0.0.1 because GreenMail's default is to listen on 0.0.0.0.
     * The configured user lets the AUTH tests log in; GreenMail still accepts mail without AUTH.
     */
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, PASSWORD));

    private static MailSettings settings(String user, String password) {
        return new MailSettings("127.0.0.1", greenMail.getSmtp().getPort(), user, password,
                "Carnet <blog@carnet.test>", false);
    }

    private static MimeMessage onlyMessage() {
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    @Test
    void aFrenchMailArrivesIntact() throws Exception {
        String body = "Bonjour,\n\nÉlodie a écrit sous « Été » :\n"
                + "« Très beau billet, merci ! » — à bientôt\n";
        new SmtpMailer(settings("", "")).send("autrice@carnet.test", "Nouveau commentaire sur « Été »", body);

        MimeMessage m = onlyMessage();
        assertThat(m.getSubject()).isEqualTo("Nouveau commentaire sur « Été »");
        // Encoded as RFC 2047 words on the wire: raw 8-bit headers are mangled by some relays.
        assertThat(m.getHeader("Subject")[0]).startsWith("=?UTF-8?");
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("blog@carnet.test");
        assertThat(from.getPersonal()).isEqualTo("Carnet");
        assertThat(m.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("autrice@carnet.test");
        assertThat(m.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(m.getSentDate()).isNotNull();
        // SMTP carries lines as CRLF, and GreenMail drops the last line break (it reads it as part of the
        // end-of-data marker); what matters is that every line and character comes back.
        assertThat(((String) m.getContent()).replace("\r\n", "\n")).isEqualTo(body.stripTrailing());
    }

    @Test
    void lineBreaksInTheSubjectCannotAddHeaders() throws Exception {
        new SmtpMailer(settings("", "")).send("autrice@carnet.test", "Salut\r\nBcc: intrus@evil.test", "corps");

        // Jakarta Mail folds the break into a continuation line, so it stays part of the subject.
        MimeMessage m = onlyMessage();
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(m.getSubject()).isEqualTo("Salut Bcc: intrus@evil.test");
    }

    @Test
    void theRightLoginDelivers() throws Exception {
        new SmtpMailer(settings(USER, PASSWORD)).send("autrice@carnet.test", "Avec login", "corps");

        assertThat(onlyMessage().getSubject()).isEqualTo("Avec login");
    }

    @Test
    void aWrongPasswordFailsWithoutShowingIt() {
        String wrong = "wrong-pw-71d3";
        SmtpMailer mailer = new SmtpMailer(settings(USER, wrong));

        assertThatThrownBy(() -> mailer.send("autrice@carnet.test", "Sans login", "corps"))
                .isInstanceOf(MailException.class)
                .hasMessageContaining("127.0.0.1:" + greenMail.getSmtp().getPort())
                .hasMessageContaining(USER)
                .message().doesNotContain(wrong).doesNotContain(PASSWORD);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void withStartTlsNothingGoesOutInClearText() {
        // This GreenMail listens in plain SMTP and offers no STARTTLS: the mailer must refuse, not fall back.
        MailSettings plain = settings(USER, PASSWORD);
        SmtpMailer mailer = new SmtpMailer(
                new MailSettings(plain.host(), plain.port(), USER, PASSWORD, plain.from(), true));

        assertThatThrownBy(() -> mailer.send("autrice@carnet.test", "Chiffré", "corps"))
                .isInstanceOf(MailException.class).hasMessageContaining("STARTTLS")
                .message().doesNotContain(PASSWORD);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void anUnreachableServerFails() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort(); // free a moment ago, and nothing listens on it once closed
        }
        SmtpMailer mailer = new SmtpMailer(
                new MailSettings("127.0.0.1", closedPort, USER, PASSWORD, "blog@carnet.test", false));

        assertThatThrownBy(() -> mailer.send("autrice@carnet.test", "Perdu", "corps"))
                .isInstanceOf(MailException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .message().doesNotContain(PASSWORD);
    }

    @Test
    void aBadRecipientIsAMailException() {
        SmtpMailer mailer = new SmtpMailer(settings("", ""));
        for (String bad : new String[] {"", "pas une adresse", "a@carnet.test, b@carnet.test", null}) {
            assertThatThrownBy(() -> mailer.send(bad, "Sujet", "corps")).as(bad).isInstanceOf(MailException.class);
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void settingsAreCheckedWhenBuilt() {
        assertThatThrownBy(() -> new MailSettings("smtp.carnet.test", 0, "", "", "blog@carnet.test", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> new MailSettings("smtp.carnet.test", 65536, "", "", "blog@carnet.test", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        for (String bad : new String[] {"pas une adresse", "blog", "blog@", "@carnet.test", "a@x.test, b@x.test"}) {
            assertThatThrownBy(() -> new MailSettings("smtp.carnet.test", 587, "", "", bad, true)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("mail from").hasMessageContaining(bad);
        }
        assertThatThrownBy(() -> new MailSettings("smtp.carnet.test", 587, "", "", " ", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from");

        MailSettings ok = new MailSettings(" smtp.carnet.test ", 587, USER, PASSWORD,
                "Carnet <blog@carnet.test>", true);
        assertThat(ok.configured()).isTrue();
        assertThat(ok.host()).isEqualTo("smtp.carnet.test");
        assertThat(ok.toString()).contains("smtp.carnet.test").doesNotContain(PASSWORD);
    }

    @Test
    void withoutSettingsNoMailIsSent() {
        MailSettings none = MailSettings.none();
        assertThat(none.configured()).isFalse();
        assertThat(new MailSettings(null, 0, null, null, null, false).configured()).isFalse();
        assertThatThrownBy(() -> new SmtpMailer(none)).isInstanceOf(IllegalArgumentException.class);

        Mailer mailer = Mailer.of(none);
        assertThat(mailer).isSameAs(Mailer.none());
        mailer.send("autrice@carnet.test", "Sujet", "corps"); // does nothing, and does not fail
        assertThat(Mailer.of(settings("", ""))).isInstanceOf(SmtpMailer.class);
    }
}
