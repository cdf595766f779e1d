package org.carnet.media;

import java.security.MessageDigest;
import java.util.HexFormat;

/** The SHA-256 of bytes as the address carries it (lower-case hex). */
final class ImageIntakeHash {

    private ImageIntakeHash() {
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
