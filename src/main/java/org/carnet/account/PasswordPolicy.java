package org.carnet.account;

import java.util.Locale;
import java.util.Set;
import org.carnet.core.Problem;

/**
 * What a password must be: long enough to resist guessing (NIST SP 800-63B), not one of the passwords every
 * attacker tries first, and not so long that hashing it becomes a denial of service.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 256;

    private static final Set<String> COMMON = Set.of(
            "1234567890", "0123456789", "12345678910", "1234567890a", "password12", "password123",
            "password1234", "motdepasse", "motdepasse1", "motdepasse123", "azertyuiop", "qwertyuiop",
            "iloveyou12", "1q2w3e4r5t", "qwerty1234", "azerty1234", "abcdefghij", "administrator",
            "letmein123", "welcome123", "bienvenue1", "bienvenue123", "soleil1234", "carnet1234");

    private PasswordPolicy() {
    }

    public static void check(String password, String email) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw Problem.invalid("password.tooShort", MIN_LENGTH);
        }
        if (password.length() > MAX_LENGTH) {
            throw Problem.invalid("password.tooLong", MAX_LENGTH);
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower) || lower.chars().distinct().count() < 4
                || (email != null && lower.equals(email.toLowerCase(Locale.ROOT)))) {
            throw Problem.invalid("password.tooWeak");
        }
    }
}
