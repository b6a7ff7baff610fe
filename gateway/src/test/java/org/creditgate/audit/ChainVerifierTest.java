package org.creditgate.audit;

import org.creditgate.audit.VerifyResult.Problem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The chain verifier")
class ChainVerifierTest {

    private static final Instant NOW = Instant.parse("2026-05-01T08:00:00.123456Z");
    private static CheckpointSigner signer;
    private static CheckpointSigner stranger;

    @BeforeAll
    static void keys(@TempDir Path keys) {
        signer = CheckpointSigner.loadOrCreate(keys.resolve("ours"));
        stranger = CheckpointSigner.loadOrCreate(keys.resolve("theirs"));
    }

    /** Entry {@code seq} as the trigger would chain it after {@code prev}, with a payload naming the querier. */
    private static ChainEntry entry(long seq, byte[] prev, String client) {
        byte[] content = content(seq, client);
        return new ChainEntry(CanonicalContent.QUERY_LOG, seq, prev, Hashes.chain(prev, content), content);
    }

    private static byte[] content(long seq, String client) {
        return CanonicalContent.queryEntry(seq, seq + 100, "00000000-0000-0000-0000-00000000000" + (seq % 10), client,
                "agency", "batch", "审查", null, List.of("914403001922038216"), List.of("admin_penalty"),
                OffsetDateTime.of(2026, 5, 1, 8, 0, 0, 0, ZoneOffset.UTC).plusSeconds(seq));
    }

    /** An intact chain of {@code n} entries. */
    private static List<ChainEntry> chain(int n) {
        List<ChainEntry> entries = new ArrayList<>();
        byte[] prev = Hashes.GENESIS;
        for (long seq = 1; seq <= n; seq++) {
            ChainEntry entry = entry(seq, prev, "client-" + seq);
            entries.add(entry);
            prev = entry.hash();
        }
        return entries;
    }

    private static ChainHead headOf(List<ChainEntry> entries) {
        ChainEntry last = entries.get(entries.size() - 1);
        return new ChainHead(last.seq(), last.hash());
    }

    private static VerifyResult verify(List<ChainEntry> entries, ChainHead head, List<Checkpoint> checkpoints) {
        return verify(entries, head, checkpoints, List.of());
    }

    /** Feeds checkpoints the way the readers do: each before the entry at its seq, those past the end last. */
    private static VerifyResult verify(List<ChainEntry> entries, ChainHead head, List<Checkpoint> checkpoints,
                                       Collection<byte[]> trusted) {
        ChainVerifier verifier = new ChainVerifier(trusted);
        int next = 0;
        for (ChainEntry entry : entries) {
            while (next < checkpoints.size() && checkpoints.get(next).seq() <= entry.seq()) {
                verifier.expect(checkpoints.get(next++));
            }
            verifier.entry(entry);
        }
        while (next < checkpoints.size()) {
            verifier.expect(checkpoints.get(next++));
        }
        return verifier.finish(head);
    }

    private static Checkpoint checkpointAt(List<ChainEntry> entries, int seq, CheckpointSigner by) {
        return by.sign(seq, entries.get(seq - 1).hash(), NOW);
    }

    @Test
    @DisplayName("an intact chain verifies, with its entry count and the last hash as head")
    void intact() {
        List<ChainEntry> entries = chain(50);
        VerifyResult result = verify(entries, headOf(entries), List.of());
        assertThat(result.ok()).isTrue();
        assertThat(result.entries()).isEqualTo(50);
        assertThat(result.head()).isEqualTo(Hashes.hex(entries.get(49).hash()));
        assertThat(result.toMap()).containsOnlyKeys("ok", "entries", "head", "checkpoints");
    }

    @Test
    @DisplayName("an empty chain verifies against the genesis head")
    void empty() {
        VerifyResult result = verify(List.of(), new ChainHead(0, Hashes.GENESIS), List.of());
        assertThat(result.ok()).isTrue();
        assertThat(result.entries()).isZero();
        assertThat(result.head()).isEqualTo("0".repeat(64));
    }

    @Test
    @DisplayName("a changed entry fails its own hash, and the rest is still counted")
    void changedEntry() {
        List<ChainEntry> entries = new ArrayList<>(chain(20));
        ChainEntry original = entries.get(6);
        entries.set(6, new ChainEntry(original.log(), 7L, original.prevHash(), original.hash(), content(7, "forged")));
        VerifyResult result = verify(entries, headOf(entries), List.of());
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBadEntry()).isEqualTo(7);
        assertThat(result.problem()).isEqualTo(Problem.HASH_MISMATCH);
        assertThat(result.entries()).isEqualTo(20);
        assertThat(result.toMap()).containsEntry("first_bad_entry", 7L).containsEntry("problem", "hash_mismatch")
                .doesNotContainKey("head");
    }

    @Test
    @DisplayName("a deleted entry leaves a gap at its seq")
    void deletedEntry() {
        List<ChainEntry> entries = new ArrayList<>(chain(20));
        entries.remove(11);
        VerifyResult result = verify(entries, headOf(entries), List.of());
        assertThat(result.firstBadEntry()).isEqualTo(12);
        assertThat(result.problem()).isEqualTo(Problem.MISSING_ENTRY);
        assertThat(result.entries()).isEqualTo(19);
    }

    @Test
    @DisplayName("entries deleted and renumbered still break the chain where the first one was")
    void deletedAndRenumbered() {
        List<ChainEntry> entries = new ArrayList<>(chain(20));
        entries.remove(11);
        for (int i = 11; i < entries.size(); i++) {
            ChainEntry e = entries.get(i);
            entries.set(i, new ChainEntry(e.log(), e.seq() - 1, e.prevHash(), e.hash(), e.content()));
        }
        VerifyResult result = verify(entries, headOf(entries), List.of());
        assertThat(result.firstBadEntry()).isEqualTo(12);
        assertThat(result.problem()).isEqualTo(Problem.PREV_HASH_MISMATCH);
    }

    @Test
    @DisplayName("two entries that swapped places are caught at the first of them")
    void swappedEntries() {
        List<ChainEntry> entries = new ArrayList<>(chain(20));
        ChainEntry fourth = entries.get(3);
        ChainEntry ninth = entries.get(8);
        // the rows keep their content but exchange seq: read in seq order, the ninth now comes fourth
        entries.set(3, new ChainEntry(ninth.log(), 4L, ninth.prevHash(), ninth.hash(), ninth.content()));
        entries.set(8, new ChainEntry(fourth.log(), 9L, fourth.prevHash(), fourth.hash(), fourth.content()));
        VerifyResult result = verify(entries, headOf(entries), List.of());
        assertThat(result.firstBadEntry()).isEqualTo(4);
        assertThat(result.problem()).isEqualTo(Problem.PREV_HASH_MISMATCH);
    }

    @Test
    @DisplayName("two entries that swapped contents fail at the first of them")
    void swappedContents() {
        List<ChainEntry> entries = new ArrayList<>(chain(20));
        ChainEntry fourth = entries.get(3);
        ChainEntry ninth = entries.get(8);
        entries.set(3, new ChainEntry(fourth.log(), 4L, fourth.prevHash(), fourth.hash(), content(4, "client-9")));
        entries.set(8, new ChainEntry(ninth.log(), 9L, ninth.prevHash(), ninth.hash(), content(9, "client-4")));
        VerifyResult result = verify(entries, headOf(entries), List.of());
        assertThat(result.firstBadEntry()).isEqualTo(4);
        assertThat(result.problem()).isEqualTo(Problem.HASH_MISMATCH);
    }

    @Test
    @DisplayName("a second entry claiming a seq is a duplicate")
    void duplicate() {
        List<ChainEntry> entries = new ArrayList<>(chain(10));
        entries.add(5, entries.get(4));
        VerifyResult result = verify(entries, headOf(chain(10)), List.of());
        assertThat(result.firstBadEntry()).isEqualTo(5);
        assertThat(result.problem()).isEqualTo(Problem.DUPLICATE_ENTRY);
    }

    @Test
    @DisplayName("an entry outside the chain (no seq) is a missing entry at the end")
    void unsequenced() {
        List<ChainEntry> entries = new ArrayList<>(chain(10));
        entries.add(new ChainEntry(CanonicalContent.QUERY_LOG, null, null, null, content(11, "x")));
        VerifyResult result = verify(entries, headOf(chain(10)), List.of());
        assertThat(result.firstBadEntry()).isEqualTo(11);
        assertThat(result.problem()).isEqualTo(Problem.MISSING_ENTRY);
    }

    @Test
    @DisplayName("entries deleted at the end no longer reach the head")
    void truncatedTail() {
        List<ChainEntry> entries = chain(10);
        VerifyResult result = verify(entries.subList(0, 8), headOf(entries), List.of());
        assertThat(result.firstBadEntry()).isEqualTo(9);
        assertThat(result.problem()).isEqualTo(Problem.HEAD_MISMATCH);
    }

    @Test
    @DisplayName("a head that is not the last entry's hash is reported; a missing head too")
    void badHead() {
        List<ChainEntry> entries = chain(10);
        assertThat(verify(entries, new ChainHead(10, Hashes.GENESIS), List.of()).problem())
                .isEqualTo(Problem.HEAD_MISMATCH);
        VerifyResult missing = verify(entries, null, List.of());
        assertThat(missing.problem()).isEqualTo(Problem.HEAD_MISMATCH);
        assertThat(missing.firstBadEntry()).isEqualTo(11);
    }

    @Test
    @DisplayName("signed checkpoints that match the chain are counted")
    void checkpointsMatch() {
        List<ChainEntry> entries = chain(30);
        List<Checkpoint> checkpoints = List.of(checkpointAt(entries, 10, signer), checkpointAt(entries, 10, stranger),
                checkpointAt(entries, 30, signer));
        VerifyResult result = verify(entries, headOf(entries), checkpoints);
        assertThat(result.ok()).isTrue();
        assertThat(result.checkpoints()).isEqualTo(3);
    }

    @Test
    @DisplayName("a chain recomputed after a change is caught by the checkpoint signed before it")
    void rewrittenChain() {
        List<ChainEntry> original = chain(30);
        List<Checkpoint> checkpoints = List.of(checkpointAt(original, 10, signer),
                checkpointAt(original, 20, signer), checkpointAt(original, 30, signer));
        // entry 15 changed, then every hash from it on recomputed: internally consistent, but not what was signed
        List<ChainEntry> rewritten = new ArrayList<>(original.subList(0, 14));
        byte[] prev = rewritten.get(13).hash();
        for (long seq = 15; seq <= 30; seq++) {
            ChainEntry entry = entry(seq, prev, seq == 15 ? "forged" : "client-" + seq);
            rewritten.add(entry);
            prev = entry.hash();
        }
        VerifyResult result = verify(rewritten, headOf(rewritten), checkpoints);
        assertThat(result.ok()).isFalse();
        assertThat(result.problem()).isEqualTo(Problem.CHECKPOINT_MISMATCH);
        assertThat(result.firstBadEntry()).as("the first entry after the last checkpoint that held").isEqualTo(11);
        assertThat(result.checkpoints()).isEqualTo(1);
    }

    @Test
    @DisplayName("entries deleted at the end with the head moved back are caught by a checkpoint past them")
    void truncatedTailBehindCheckpoint() {
        List<ChainEntry> entries = chain(30);
        List<ChainEntry> kept = entries.subList(0, 25);
        VerifyResult result = verify(kept, headOf(kept), List.of(checkpointAt(entries, 30, signer)));
        assertThat(result.firstBadEntry()).isEqualTo(26);
        assertThat(result.problem()).isEqualTo(Problem.MISSING_ENTRY);
    }

    @Test
    @DisplayName("a checkpoint whose signature does not verify, or whose key is not trusted, is invalid")
    void invalidCheckpoints() {
        List<ChainEntry> entries = chain(10);
        Checkpoint good = checkpointAt(entries, 5, signer);
        byte[] signature = good.signature().clone();
        signature[0] ^= 1;
        Checkpoint forged = new Checkpoint(5, good.headHash(), 5, good.signedAt(), good.publicKey(), signature);
        VerifyResult result = verify(entries, headOf(entries), List.of(forged));
        assertThat(result.problem()).isEqualTo(Problem.CHECKPOINT_INVALID);
        assertThat(result.firstBadEntry()).isEqualTo(5);

        Checkpoint moved = new Checkpoint(5, good.headHash(), 5, good.signedAt().plusSeconds(1), good.publicKey(),
                good.signature());
        assertThat(verify(entries, headOf(entries), List.of(moved)).problem()).isEqualTo(Problem.CHECKPOINT_INVALID);

        Checkpoint theirs = checkpointAt(entries, 5, stranger);
        assertThat(verify(entries, headOf(entries), List.of(theirs), List.of(signer.publicKey())).problem())
                .isEqualTo(Problem.CHECKPOINT_INVALID);
        assertThat(verify(entries, headOf(entries), List.of(good), List.of(signer.publicKey())).ok()).isTrue();
    }

    @Test
    @DisplayName("after retention the chain continues from a signed anchor; a forged anchor or a skipped entry is caught")
    void anchors() {
        List<ChainEntry> entries = chain(6);
        List<ChainEntry> kept = entries.subList(3, 6);
        ChainEntry lastDropped = entries.get(2);
        Checkpoint anchor = signer.sign(3, lastDropped.hash(), NOW);
        List<byte[]> trusted = List.of(signer.publicKey());

        ChainVerifier intact = new ChainVerifier(trusted);
        intact.anchor(anchor);
        // a checkpoint of the dropped part cannot be checked any more, and is no reason to fail
        intact.expect(signer.sign(2, entries.get(1).hash(), NOW));
        kept.forEach(intact::entry);
        VerifyResult ok = intact.finish(headOf(entries));
        assertThat(ok.ok()).as(ok.toString()).isTrue();
        assertThat(ok.entries()).isEqualTo(3);
        assertThat(ok.anchor()).isEqualTo(3);

        ChainVerifier forged = new ChainVerifier(trusted);
        forged.anchor(stranger.sign(3, lastDropped.hash(), NOW));
        kept.forEach(forged::entry);
        VerifyResult untrusted = forged.finish(headOf(entries));
        assertThat(untrusted.ok()).isFalse();
        assertThat(untrusted.problem()).isEqualTo(VerifyResult.Problem.ANCHOR_INVALID);
        assertThat(untrusted.firstBadEntry()).isEqualTo(3);

        ChainVerifier gap = new ChainVerifier(trusted);
        gap.anchor(anchor);
        kept.subList(1, 3).forEach(gap::entry);
        VerifyResult missing = gap.finish(headOf(entries));
        assertThat(missing.problem()).isEqualTo(VerifyResult.Problem.MISSING_ENTRY);
        assertThat(missing.firstBadEntry()).isEqualTo(4);
    }
}
