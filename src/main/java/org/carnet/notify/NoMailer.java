package org.carnet.notify;

/**
 * The mailer of an instance without SMTP settings. Mail is optional in Carnet (notifications are a
 * convenience, the blog works without them), so sending quietly does nothing rather than failing.
 */
final class NoMailer implements Mailer {

    static final NoMailer INSTANCE = new NoMailer();

    private NoMailer() {
    }

    @Override
    public void send(String to, String subject, String textBody) {
        // Nothing to do: without a server there is nowhere to send it.
    }

    @Override
    public String toString() {
        return "NoMailer";
    }
}
