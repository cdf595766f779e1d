package org.carnet.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id hashing with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane). Verification reads the
 * parameters from the stored hash itself, so raising them later keeps old hashes valid.
 */
public final class Passwords {

    /**
     * Set by the test runner only (surefire's configuration): the tests sign in thousands of times, and OWASP's cost
     * is most of their time. Every hash names its own cost, so hashes of either kind verify. `carnet serve` refuses
     * to start with it.
     */
    public static final String TEST_COST_PROPERTY = "carnet.test.cheapPasswords";

    private static final Argon2Function ARGON2ID = Boolean.getBoolean(TEST_COST_PROPERTY)
            ? Argon2Function.getInstance(1_024, 1, 1, 32, Argon2.ID)
            : Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);

    /** Checked when an account does not exist, so that a wrong email takes as long as a wrong password. */
    private static final String DUMMY_HASH = hash("carnet-dummy-password-for-timing");

    private Passwords() {
    }

    public static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    public static boolean matches(String password, String hash) {
        if (hash == null) {
            Password.check(password, DUMMY_HASH).with(Argon2Function.getInstanceFromHash(DUMMY_HASH));
            return false;
        }
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }
}
