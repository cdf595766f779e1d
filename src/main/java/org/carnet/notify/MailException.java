package org.carnet.notify;

/**
 * A mail could not be sent. Unchecked because a notification that fails must not undo the action that
 * caused it (a comment is still saved when its notification mail bounces); callers log it and go on.
 * The message is safe to log and to show an instance admin: it names the server, never the password.
 */
public final class MailException extends RuntimeException {

    public MailException(String message, Throwable cause) {
        super(message, cause);
    }
}
