package org.creditgate.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * API keys: 256 random bits, shown to the client once, kept only as a SHA-256 hash. A fast hash is enough here:
 * the keys are random, not passwords, so there is nothing to guess from a hash.
 */
public final class ApiKeys {

    /** Marks a creditgate key, so a leaked one is recognisable by secret scanners. */
    public static final String PREFIX = "cg_";
    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Every authenticated request hashes its key: one digest per thread, reused, rather than one per request. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(ApiKeys::newSha256);

    private ApiKeys() {
    }

    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String key) {
        return SHA256.get().digest(key.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Compares two hashes in time independent of where they differ. */
    public static boolean matches(byte[] expectedHash, byte[] actualHash) {
        return MessageDigest.isEqual(expectedHash, actualHash);
    }
}
