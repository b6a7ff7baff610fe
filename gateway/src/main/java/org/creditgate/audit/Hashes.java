package org.creditgate.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as the chain uses it, and the hex form hashes are shown in. */
public final class Hashes {

    /** The prev_hash of the first entry, and the head of an empty chain. */
    public static final byte[] GENESIS = new byte[32];

    private static final HexFormat HEX = HexFormat.of();

    /** One digest per thread, reused: the writer hashes every query log entry, the verifier the whole chain. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Hashes::newSha256);

    private Hashes() {
    }

    /** {@code sha256(prev || content)}: an entry's hash. */
    public static byte[] chain(byte[] prev, byte[] content) {
        MessageDigest sha256 = SHA256.get();
        sha256.update(prev);
        sha256.update(content);
        // digest() also resets it for the next entry
        return sha256.digest();
    }

    public static String hex(byte[] bytes) {
        return bytes == null ? null : HEX.formatHex(bytes);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
