package org.creditgate.audit;

import org.creditgate.audit.VerifyResult.Problem;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks the log chain as it streams past, in constant memory: entries in seq order ({@link #entry}), the signed
 * checkpoints among them ({@link #expect}, before the entries they vouch for), and finally the recorded head
 * ({@link #finish}). Every hash is recomputed from the entry's content and the hash before it, so the database's
 * own word is never taken.
 *
 * <p>What breaks where: a changed entry fails its own hash; a deleted one leaves a gap in seq (and the next entry
 * names a hash nobody has); a reordering fails seq or prev_hash at the first entry out of place; entries deleted
 * at the end no longer reach the head, nor a checkpoint past them; a chain recomputed after a change no longer
 * matches the checkpoints signed before it. The first problem is reported; entries are counted to the end.
 */
public final class ChainVerifier {

    private final Set<ByteBuffer> trustedKeys;
    private final Deque<Checkpoint> pending = new ArrayDeque<>();

    private long entries;
    private long expectedSeq = 1;
    private long lastSeq;
    private long anchorSeq;
    private byte[] previousHash = Hashes.GENESIS;
    private long lastMatchedCheckpointSeq;
    private long checkpointsMatched;

    private Long firstBadEntry;
    private Problem problem;
    private String detail;

    /**
     * @param trustedKeys the public keys (X.509 encoded) checkpoints must be signed with; empty: any key, as long
     *                    as the signature verifies under the key the checkpoint names
     */
    public ChainVerifier(Collection<byte[]> trustedKeys) {
        this.trustedKeys = new HashSet<>();
        trustedKeys.forEach(key -> this.trustedKeys.add(ByteBuffer.wrap(key.clone())));
    }

    /**
     * Where the retained chain starts, when retention dropped older entries: the last dropped entry's seq and hash,
     * signed like a checkpoint. Given before any entry; the chain then continues from it, and checkpoints at or
     * before it vouch for entries that are gone (they are skipped).
     */
    public void anchor(Checkpoint anchor) {
        if (!signedByTrustedKey(anchor)) {
            fail(anchor.seq(), Problem.ANCHOR_INVALID, "the retention anchor at entry " + anchor.seq()
                    + " does not verify under a trusted key: it was forged or changed");
            return;
        }
        anchorSeq = anchor.seq();
        expectedSeq = anchor.seq() + 1;
        lastSeq = anchor.seq();
        lastMatchedCheckpointSeq = anchor.seq();
        previousHash = anchor.headHash().clone();
    }

    /** The seq of the last entry retention dropped; 0 when none was. */
    public long anchorSeq() {
        return anchorSeq;
    }

    /** A checkpoint, given in seq order, before the entry at its seq. */
    public void expect(Checkpoint checkpoint) {
        if (checkpoint.seq() <= anchorSeq) {
            return;
        }
        pending.addLast(checkpoint);
    }

    /** The next entry in seq order. */
    public void entry(ChainEntry entry) {
        entries++;
        if (firstBadEntry != null) {
            pending.clear();
            return;
        }
        if (entry.seq() == null || entry.seq() > expectedSeq) {
            fail(expectedSeq, Problem.MISSING_ENTRY, entry.seq() == null
                    ? "an entry of " + entry.log() + " is outside the chain (no seq)"
                    : "entries " + expectedSeq + " to " + (entry.seq() - 1) + " are missing");
            return;
        }
        long seq = entry.seq();
        if (seq < expectedSeq) {
            fail(seq, Problem.DUPLICATE_ENTRY, "more than one entry claims seq " + seq);
            return;
        }
        checkpointsWithoutEntryBefore(seq);
        if (firstBadEntry != null) {
            return;
        }
        if (!Arrays.equals(entry.prevHash(), previousHash)) {
            fail(seq, Problem.PREV_HASH_MISMATCH, "entry " + seq + " does not follow entry " + (seq - 1)
                    + ": an entry before it was changed, removed or moved");
            return;
        }
        if (!Arrays.equals(entry.hash(), Hashes.chain(previousHash, entry.content()))) {
            fail(seq, Problem.HASH_MISMATCH, "the content of entry " + seq + " (" + entry.log()
                    + ") does not match its hash: it was changed");
            return;
        }
        previousHash = entry.hash();
        lastSeq = seq;
        expectedSeq = seq + 1;
        checkpointsAt(seq);
    }

    /**
     * The verdict, once every entry and checkpoint has been given.
     *
     * @param head the recorded head; null when it is missing
     */
    public VerifyResult finish(ChainHead head) {
        if (firstBadEntry == null) {
            if (!pending.isEmpty()) {
                fail(lastSeq + 1, Problem.MISSING_ENTRY, "a checkpoint vouches for entry " + pending.peekFirst().seq()
                        + ", but the chain ends at " + lastSeq + ": entries at the end were deleted");
            } else if (head == null) {
                fail(lastSeq + 1, Problem.HEAD_MISMATCH, "the chain's head record is missing");
            } else if (head.seq() != lastSeq) {
                long bad = Math.max(Math.min(head.seq(), lastSeq), anchorSeq) + 1;
                fail(bad, Problem.HEAD_MISMATCH, "the head records " + head.seq() + " entries, the chain has "
                        + lastSeq + (head.seq() > lastSeq ? ": entries at the end were deleted" : ""));
            } else if (!Arrays.equals(head.hash(), previousHash)) {
                fail(Math.max(lastSeq, 1), Problem.HEAD_MISMATCH, "the head's hash is not the last entry's");
            }
        }
        if (firstBadEntry != null) {
            return VerifyResult.broken(entries, firstBadEntry, problem, detail, checkpointsMatched, anchorSeq);
        }
        return VerifyResult.intact(entries, previousHash, checkpointsMatched, anchorSeq);
    }

    /** Checkpoints for seqs no entry had (the entries were deleted; the seq gap has already been reported). */
    private void checkpointsWithoutEntryBefore(long seq) {
        if (!pending.isEmpty() && pending.peekFirst().seq() < seq) {
            Checkpoint orphan = pending.removeFirst();
            fail(orphan.seq(), Problem.MISSING_ENTRY, "a checkpoint vouches for entry " + orphan.seq()
                    + ", which is not in the chain");
        }
    }

    private void checkpointsAt(long seq) {
        while (!pending.isEmpty() && pending.peekFirst().seq() == seq) {
            Checkpoint checkpoint = pending.removeFirst();
            if (!signedByTrustedKey(checkpoint)) {
                fail(seq, Problem.CHECKPOINT_INVALID, "the checkpoint at entry " + seq + " signed at "
                        + checkpoint.signedAt() + " does not verify under a trusted key: it was forged or changed");
                return;
            }
            if (!Arrays.equals(checkpoint.headHash(), previousHash)) {
                fail(lastMatchedCheckpointSeq + 1, Problem.CHECKPOINT_MISMATCH, "the chain up to entry " + seq
                        + " is not the one signed at " + checkpoint.signedAt() + ": an entry after "
                        + lastMatchedCheckpointSeq + " was changed and the chain recomputed");
                return;
            }
            lastMatchedCheckpointSeq = seq;
            checkpointsMatched++;
        }
    }

    private boolean signedByTrustedKey(Checkpoint checkpoint) {
        return CheckpointSigner.signatureValid(checkpoint) && checkpoint.entries() == checkpoint.seq()
                && (trustedKeys.isEmpty() || trustedKeys.contains(ByteBuffer.wrap(checkpoint.publicKey())));
    }

    private void fail(long seq, Problem what, String why) {
        firstBadEntry = seq;
        problem = what;
        detail = why;
    }
}
