package org.carnet.account;

import org.carnet.core.Session;
import org.carnet.core.User;

/**
 * A new session: the raw token goes into the cookie and nowhere else. deviceToken: the browser's new device
 * cookie, which lets it through when others have failed to sign in to this account (see AccountService.signIn).
 */
public record SignIn(String token, Session session, User user, String deviceToken) {
}
