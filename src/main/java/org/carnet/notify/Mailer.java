package org.carnet.notify;

/**
 * Sends one plain-text mail. An interface so that features (comment notifications, invitations) depend on
 * "something that sends mail", and instances without SMTP, and tests, can plug in {@link #none()}.
 */
public interface Mailer {

    /**
     * Sends textBody as a UTF-8 text/plain mail to one address. Blocks until the server accepted it.
     *
     * @throws MailException when the address is not valid or the server cannot be reached or refuses the mail
     */
    void send(String to, String subject, String textBody) throws MailException;

    /** A mailer that drops every mail: for instances where no SMTP server is configured. */
    static Mailer none() {
        return NoMailer.INSTANCE;
    }

    /** The mailer the settings describe: SMTP when configured, otherwise {@link #none()}. */
    static Mailer of(MailSettings settings) {
        return settings.configured() ? new SmtpMailer(settings) : none();
    }
}
