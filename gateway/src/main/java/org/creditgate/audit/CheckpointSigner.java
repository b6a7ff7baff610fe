package org.creditgate.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs checkpoints of the log chain with this instance's Ed25519 key, and verifies anyone's.
 *
 * <p>The key pair lives in {@code <data_dir>/keys/}: {@value #PRIVATE_FILE} holds both halves (PEM blocks
 * "PRIVATE KEY", PKCS#8, and "PUBLIC KEY", X.509 SubjectPublicKeyInfo; readable by its owner only) and is the
 * source of truth; {@value #PUBLIC_FILE} is a copy of the public half for operators ({@code openssl pkey -pubin}
 * reads it). The pair is generated on first start. Keep a copy of the public key away from the database: a
 * checkpoint proves something only under a key the verifier trusts.
 *
 * <p>The signed bytes are the UTF-8 text (fields separated by a line feed, no trailing one):
 * <pre>
 * creditgate-log-checkpoint-v1
 * &lt;seq, decimal&gt;
 * &lt;head hash, 64 lower-case hex digits&gt;
 * &lt;entries, decimal&gt;
 * &lt;signed_at, UTC, yyyy-MM-ddTHH:mm:ss.ffffffZ&gt;
 * </pre>
 */
public final class CheckpointSigner {

    public static final String PRIVATE_FILE = "checkpoint-ed25519.key";
    public static final String PUBLIC_FILE = "checkpoint-ed25519.pub";
    private static final String ALGORITHM = "Ed25519";
    private static final String FORMAT = "creditgate-log-checkpoint-v1";

    private final PrivateKey privateKey;
    private final byte[] publicKey;

    private CheckpointSigner(KeyPair keys) {
        this.privateKey = keys.getPrivate();
        this.publicKey = keys.getPublic().getEncoded();
    }

    /** Reads the key pair in {@code keysDirectory}, or generates and stores one when there is none. Blocking. */
    public static CheckpointSigner loadOrCreate(Path keysDirectory) {
        Path privateFile = keysDirectory.resolve(PRIVATE_FILE);
        Path publicFile = keysDirectory.resolve(PUBLIC_FILE);
        try {
            if (!Files.exists(privateFile)) {
                Files.createDirectories(keysDirectory);
                KeyPair generated = generate();
                // instances sharing a data dir may start together: the first pair written wins, whole
                createOnce(privateFile, pem("PRIVATE KEY", generated.getPrivate().getEncoded())
                        + pem("PUBLIC KEY", generated.getPublic().getEncoded()));
            }
            String both = Files.readString(privateFile, StandardCharsets.US_ASCII);
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(pemBlock(both, "PRIVATE KEY")));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(pemBlock(both, "PUBLIC KEY")));
            String publicPem = pem("PUBLIC KEY", publicKey.getEncoded());
            if (!Files.exists(publicFile) || !Files.readString(publicFile, StandardCharsets.US_ASCII).equals(publicPem)) {
                Files.writeString(publicFile, publicPem, StandardCharsets.US_ASCII);
            }
            return new CheckpointSigner(new KeyPair(publicKey, privateKey));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the checkpoint keys in " + keysDirectory, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the checkpoint keys in " + keysDirectory + " are not an Ed25519 pair", e);
        }
    }

    /** The public key, X.509 SubjectPublicKeyInfo encoded. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey);
    }

    /** A checkpoint of the chain at {@code seq} (which is also its number of entries), signed now. */
    public Checkpoint sign(long seq, byte[] headHash, Instant now) {
        Instant signedAt = now.truncatedTo(ChronoUnit.MICROS);
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(signedBytes(seq, headHash, seq, signedAt));
            return new Checkpoint(seq, headHash.clone(), seq, signedAt, publicKey(), signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a checkpoint", e);
        }
    }

    /** Whether the checkpoint's signature verifies under the key it names. */
    public static boolean signatureValid(Checkpoint checkpoint) {
        try {
            PublicKey key = KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(checkpoint.publicKey()));
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(signedBytes(checkpoint.seq(), checkpoint.headHash(), checkpoint.entries(),
                    checkpoint.signedAt()));
            return signature.verify(checkpoint.signature());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The bytes a checkpoint's signature covers (see the class comment). */
    public static byte[] signedBytes(long seq, byte[] headHash, long entries, Instant signedAt) {
        Objects.requireNonNull(headHash, "headHash");
        String text = FORMAT + "\n" + seq + "\n" + Hashes.hex(headHash) + "\n" + entries + "\n"
                + CanonicalContent.timeText(signedAt.atOffset(ZoneOffset.UTC));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A public key given as PEM or bare base64 (the form the gateway prints and serves), as X.509 bytes. */
    public static byte[] parsePublicKey(String text) {
        byte[] encoded = decodePem(text);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no Ed25519", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBlock(String text, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no " + type + " block");
        }
        return decodePem(text.substring(from + begin.length(), to));
    }

    private static byte[] decodePem(String text) {
        StringBuilder base64 = new StringBuilder();
        for (String line : text.split("\\R")) {
            if (!line.startsWith("-----")) {
                base64.append(line.strip());
            }
        }
        return Base64.getDecoder().decode(base64.toString());
    }

    /** Creates the file, owner-only, unless it exists; atomically, so no reader sees half of it. */
    private static void createOnce(Path file, String content) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system decides who may read it
            }
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            try {
                // a link fails when the name exists: create-if-absent in one step
                Files.createLink(file, temporary);
            } catch (UnsupportedOperationException noLinks) {
                Files.move(temporary, file);
            }
        } catch (FileAlreadyExistsException anotherInstanceWasFirst) {
            // its pair stands
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
