package org.creditgate.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of checking the log chain.
 *
 * @param entries        the entries read (all of them, also past a bad one)
 * @param head           the hex hash of the last entry; only when ok
 * @param firstBadEntry  the seq of the first entry that does not verify; only when not ok
 * @param problem        what is wrong there, as a stable code ({@link Problem}); only when not ok
 * @param detail         the same for a person; only when not ok
 * @param checkpoints    signed checkpoints that matched the chain
 * @param anchor         the seq of the last entry retention dropped (the chain checked starts after it); 0: none
 */
public record VerifyResult(boolean ok, long entries, String head, Long firstBadEntry, Problem problem,
                           String detail, long checkpoints, long anchor) {

    /** Why an entry does not verify. */
    public enum Problem {
        /** an entry's seq is missing: entries were deleted (or are unsequenced) */
        MISSING_ENTRY,
        /** two entries claim one place, or an entry moved back */
        DUPLICATE_ENTRY,
        /** an entry does not name the hash of the one before it: an entry before it changed, moved or went */
        PREV_HASH_MISMATCH,
        /** an entry's content or hash changed */
        HASH_MISMATCH,
        /** the chain differs from what a signed checkpoint vouches for: it was rewritten after that point */
        CHECKPOINT_MISMATCH,
        /** a checkpoint's signature does not verify, or its key is not trusted */
        CHECKPOINT_INVALID,
        /** the newest retention anchor's signature does not verify, or its key is not trusted */
        ANCHOR_INVALID,
        /** the recorded head is not the last entry: entries at the end were deleted, or the head was moved */
        HEAD_MISMATCH;

        public String code() {
            return name().toLowerCase();
        }
    }

    static VerifyResult intact(long entries, byte[] head, long checkpoints, long anchor) {
        return new VerifyResult(true, entries, Hashes.hex(head), null, null, null, checkpoints, anchor);
    }

    static VerifyResult broken(long entries, long firstBadEntry, Problem problem, String detail, long checkpoints,
                               long anchor) {
        return new VerifyResult(false, entries, null, firstBadEntry, problem, detail, checkpoints, anchor);
    }

    /** The answer of {@code GET /v1/audit/verify} and {@code verify-log}, in that order. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ok", ok);
        map.put("entries", entries);
        if (ok) {
            map.put("head", head);
        } else {
            map.put("first_bad_entry", firstBadEntry);
            map.put("problem", problem.code());
            map.put("detail", detail);
        }
        map.put("checkpoints", checkpoints);
        if (anchor > 0) {
            map.put("anchor", anchor);
        }
        return map;
    }
}
