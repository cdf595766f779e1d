package org.carnet.notify;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * How this instance reaches its outgoing SMTP server. Checked when built, so that a typo in the
 * configuration stops the server at start-up with a clear message instead of failing at the first
 * comment notification. Null strings are read as empty. A blank host means "no mail": see {@link #none()}.
 *
 * @param host     SMTP server name or address; blank when mail is off
 * @param port     SMTP port, 1..65535 when a host is set (587 for submission with STARTTLS, 25 for relay)
 * @param user     login for SMTP AUTH; blank for a server that does not need one
 * @param password password for SMTP AUTH; never printed (see {@link #toString()})
 * @param from     the From address, optionally with a name: {@code Carnet <blog@example.org>}
 * @param startTls upgrade the connection with STARTTLS, and refuse to send if the server cannot
 */
public record MailSettings(String host, int port, String user, String password, String from, boolean startTls) {

    public MailSettings {
        host = host == null ? "" : host.strip();
        user = user == null ? "" : user.strip();
        password = password == null ? "" : password;
        from = from == null ? "" : from.strip();
        if (!host.isEmpty()) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("mail port must be between 1 and 65535, not " + port);
            }
            // A host without a From would silently send nothing (configured() is false): say so instead.
            if (from.isEmpty()) {
                throw new IllegalArgumentException("mail from address is required when a mail host is set");
            }
        }
        if (!from.isEmpty()) {
            checkAddress(from);
        }
    }

    /** No SMTP server: the instance sends no mail. */
    public static MailSettings none() {
        return new MailSettings("", 0, "", "", "", false);
    }

    /** Whether mail can be sent at all. */
    public boolean configured() {
        return !host.isEmpty() && !from.isEmpty();
    }

    /** Whether the server wants SMTP AUTH. */
    public boolean authenticates() {
        return !user.isEmpty();
    }

    /** The From address, parsed; valid because the constructor checked it. */
    InternetAddress fromAddress() {
        try {
            return new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalStateException(e); // cannot happen: checked in the constructor
        }
    }

    /** Hides the password, which a record would otherwise print in every log line that shows the settings. */
    @Override
    public String toString() {
        return "MailSettings[host=" + host + ", port=" + port + ", user=" + user
                + ", password=" + (password.isEmpty() ? "" : "***") + ", from=" + from + ", startTls=" + startTls + "]";
    }

    private static void checkAddress(String from) {
        String problem = "mail from must be an address such as blog@example.org or Carnet <blog@example.org>, not: "
                + from;
        InternetAddress parsed;
        try {
            // Strict RFC 822 parsing; the constructor also refuses a list of several addresses.
            parsed = new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException(problem, e);
        }
        // Strict parsing still accepts a bare local name ("blog"); a From that other servers accept needs a domain.
        String address = parsed.getAddress();
        int at = address.lastIndexOf('@');
        if (at < 1 || at == address.length() - 1) {
            throw new IllegalArgumentException(problem);
        }
    }
}
