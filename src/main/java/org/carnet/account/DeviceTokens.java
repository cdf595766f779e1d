package org.carnet.account;

import java.util.Optional;
import java.util.regex.Pattern;
import org.carnet.core.Hmac;
import org.carnet.core.Tokens;

/**
 * Device cookies (OWASP's answer to account lock-out): a browser that signed in to an account gets a token, signed
 * with an instance secret, naming that account. Sign-in failures from a browser with a valid token are counted for
 * that token alone, so a guesser elsewhere cannot lock the account's owner out of their own browser.
 */
final class DeviceTokens {

    /** The account's id, a random nonce, and the signature of both. */
    private static final Pattern TOKEN = Pattern.compile("([1-9][0-9]{0,18})\\.([A-Za-z0-9_-]{43})\\.([A-Za-z0-9_-]{43})");

    private final Hmac hmac;

    DeviceTokens(byte[] secret) {
        this.hmac = new Hmac(secret);
    }

    String issue(long userId) {
        String nonce = Tokens.random();
        return userId + "." + nonce + "." + hmac.sign(message(userId, nonce));
    }

    /** The token's nonce when it is one this instance issued for that account; empty otherwise. */
    Optional<String> nonceOf(String token, long userId) {
        if (token == null || token.length() > 120) {
            return Optional.empty();
        }
        var m = TOKEN.matcher(token);
        if (!m.matches() || !m.group(1).equals(Long.toString(userId))) {
            return Optional.empty();
        }
        return hmac.verify(message(userId, m.group(2)), m.group(3)) ? Optional.of(m.group(2)) : Optional.empty();
    }

    private static String message(long userId, String nonce) {
        return "device|" + userId + "|" + nonce;
    }
}
