package org.carnet.account;

/** A new session: the raw token goes into the cookie and nowhere else. */
public record SignIn(String token, Session session, User user) {
}
