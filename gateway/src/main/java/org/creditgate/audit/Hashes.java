package org.creditgate.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as the chain uses it, and the hex form hashes are shown in. */
public final class Hashes {

    /** The prev_hash of the first entry, and the head of an empty chain. */
    public static final byte[] GENESIS = new byte[32];

    private static final HexFormat HEX = HexFormat.of();

    private Hashes() {
    }

    /** {@code sha256(prev || content)}: an entry's hash. */
    public static byte[] chain(byte[] prev, byte[] content) {
        MessageDigest sha256 = sha256();
        sha256.update(prev);
        sha256.update(content);
        return sha256.digest();
    }

    public static String hex(byte[] bytes) {
        return bytes == null ? null : HEX.formatHex(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
