package org.creditgate.audit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Checkpoint signing keys and signatures")
class CheckpointSignerTest {

    private static final byte[] HEAD = Hashes.chain(Hashes.GENESIS, new byte[]{1});

    @Test
    @DisplayName("the key pair is generated once under keys/, the private half readable by its owner only")
    void keysPersist(@TempDir Path dataDir) throws IOException {
        Path keys = dataDir.resolve("keys");
        CheckpointSigner first = CheckpointSigner.loadOrCreate(keys);
        CheckpointSigner again = CheckpointSigner.loadOrCreate(keys);
        assertThat(again.publicKey()).isEqualTo(first.publicKey());
        assertThat(Files.getPosixFilePermissions(keys.resolve(CheckpointSigner.PRIVATE_FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String publicPem = Files.readString(keys.resolve(CheckpointSigner.PUBLIC_FILE));
        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(CheckpointSigner.parsePublicKey(publicPem)).isEqualTo(first.publicKey());
        assertThat(CheckpointSigner.parsePublicKey(first.publicKeyBase64())).isEqualTo(first.publicKey());
        try (var listing = Files.list(keys)) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(CheckpointSigner.PRIVATE_FILE, CheckpointSigner.PUBLIC_FILE);
        }
        // a signature by the reloaded key verifies under the first one's public key
        Checkpoint checkpoint = again.sign(3, HEAD, Instant.now());
        assertThat(checkpoint.publicKey()).isEqualTo(first.publicKey());
        assertThat(CheckpointSigner.signatureValid(checkpoint)).isTrue();
    }

    @Test
    @DisplayName("the signature covers the documented text: seq, head, entries and time, to the microsecond")
    void signedBytes(@TempDir Path keys) {
        Instant at = Instant.parse("2026-05-01T08:00:00.123456789Z");
        assertThat(new String(CheckpointSigner.signedBytes(12, HEAD, 12, at), StandardCharsets.UTF_8))
                .isEqualTo("creditgate-log-checkpoint-v1\n12\n" + Hashes.hex(HEAD) + "\n12\n2026-05-01T08:00:00.123456Z");
        Checkpoint checkpoint = CheckpointSigner.loadOrCreate(keys).sign(12, HEAD, at);
        assertThat(checkpoint.signedAt()).isEqualTo(Instant.parse("2026-05-01T08:00:00.123456Z"));
        assertThat(checkpoint.signature()).hasSize(64);
        assertThat(CheckpointSigner.signatureValid(checkpoint)).isTrue();
        for (Checkpoint changed : new Checkpoint[]{
                new Checkpoint(13, checkpoint.headHash(), 12, checkpoint.signedAt(), checkpoint.publicKey(),
                        checkpoint.signature()),
                new Checkpoint(12, Hashes.GENESIS, 12, checkpoint.signedAt(), checkpoint.publicKey(),
                        checkpoint.signature()),
                new Checkpoint(12, checkpoint.headHash(), 11, checkpoint.signedAt(), checkpoint.publicKey(),
                        checkpoint.signature()),
                new Checkpoint(12, checkpoint.headHash(), 12, checkpoint.signedAt().plusNanos(1000),
                        checkpoint.publicKey(), checkpoint.signature()),
                new Checkpoint(12, checkpoint.headHash(), 12, checkpoint.signedAt(), new byte[]{1, 2, 3},
                        checkpoint.signature())}) {
            assertThat(CheckpointSigner.signatureValid(changed)).isFalse();
        }
    }

    @Test
    @DisplayName("a damaged key file stops the start with a clear message, and is not replaced")
    void damagedKey(@TempDir Path keys) throws IOException {
        Files.createDirectories(keys);
        Files.writeString(keys.resolve(CheckpointSigner.PRIVATE_FILE), "not a key");
        assertThatThrownBy(() -> CheckpointSigner.loadOrCreate(keys)).hasMessageContaining("not an Ed25519 pair");
        assertThat(Files.readString(keys.resolve(CheckpointSigner.PRIVATE_FILE))).isEqualTo("not a key");
    }
}
