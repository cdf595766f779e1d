package org.carnet.notify;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;

/**
 * Sends mail through the instance's SMTP server with Jakarta Mail (Angus). Built once from the settings and
 * shared: a jakarta.mail Session is thread-safe, and each send opens its own short connection.
 * Every socket operation has a timeout, so a dead or stalled server costs a request thread at most a few
 * of those seconds instead of hanging it forever (Jakarta Mail's default is to wait indefinitely).
 */
public final class SmtpMailer implements Mailer {

    /** Connect, read and write timeout for each SMTP socket operation. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final MailSettings settings;
    private final Session session;
    private final InternetAddress from;

    public SmtpMailer(MailSettings settings) {
        if (!settings.configured()) {
            throw new IllegalArgumentException("SMTP mailer needs a mail host and a from address");
        }
        this.settings = settings;
        this.from = settings.fromAddress();
        // getInstance, not getDefaultInstance: the default Session is JVM-wide and would be shared with any
        // other library (or test) that configures mail differently.
        this.session = Session.getInstance(properties(settings));
    }

    private static Properties properties(MailSettings settings) {
        String millis = Long.toString(TIMEOUT.toMillis());
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", settings.host());
        p.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        p.setProperty("mail.smtp.auth", Boolean.toString(settings.authenticates()));
        p.setProperty("mail.smtp.connectiontimeout", millis);
        p.setProperty("mail.smtp.timeout", millis);
        p.setProperty("mail.smtp.writetimeout", millis);
        if (settings.startTls()) {
            // "required": never fall back to sending the password and the mail in clear text.
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
            // Check that the certificate names the host we meant, or TLS would not stop a man in the middle.
            p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        }
        return p;
    }

    @Override
    public void send(String to, String subject, String textBody) {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            // Strict parsing of exactly one address: a recipient typed by a user cannot smuggle in a list.
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to == null ? "" : to.strip(), true));
            // The charset makes non-ASCII titles ("« Été »") go out as RFC 2047 encoded words. A line break in
            // a title cannot add a header: Jakarta Mail folds it into a continuation line (a test keeps it so).
            message.setSubject(subject == null ? "" : subject, UTF_8);
            message.setText(textBody == null ? "" : textBody, UTF_8);
            message.setSentDate(new Date());
            if (settings.authenticates()) {
                Transport.send(message, settings.user(), settings.password());
            } else {
                Transport.send(message);
            }
        } catch (AddressException e) {
            throw new MailException("not a valid mail address: " + to, e);
        } catch (MessagingException e) {
            throw new MailException(failure(e), e);
        }
    }

    /** Says which server failed and how, in words an instance admin can act on, without the password. */
    private String failure(MessagingException e) {
        String server = "SMTP server " + settings.host() + ":" + settings.port();
        if (e instanceof AuthenticationFailedException) {
            return server + " refused the login of user " + settings.user();
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // Jakarta Mail does not put passwords in its messages, but a server's reply is quoted here verbatim:
        // mask the password should anything ever echo it.
        if (!settings.password().isEmpty()) {
            detail = detail.replace(settings.password(), "***");
        }
        return "could not send mail via " + server + ": " + detail.strip();
    }

    @Override
    public String toString() {
        return "SmtpMailer[" + settings.host() + ":" + settings.port() + "]";
    }
}
