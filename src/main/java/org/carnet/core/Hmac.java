package org.carnet.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs short messages with an instance secret (HMAC-SHA256, unpadded base64url: 43 characters). */
public final class Hmac {

    private static final String ALGORITHM = "HmacSHA256";
    /** HMAC keys shorter than this are guessable; a short secret is a configuration mistake. */
    private static final int MIN_SECRET_BYTES = 16;

    private final SecretKeySpec key;

    public Hmac(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("a signing secret needs at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    public String sign(String message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // a Mac is not thread-safe; a new one is cheap
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** True when signature is this key's signature of message; in constant time (no timing oracle). */
    public boolean verify(String message, String signature) {
        return signature != null && MessageDigest.isEqual(sign(message).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
