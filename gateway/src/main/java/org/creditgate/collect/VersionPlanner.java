package org.creditgate.collect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, record by record, what a batch changes, given the stored heads of its records. The rules
 * (API.md "Submissions", DOMAIN.md "Corrections, revocations, objections, repair"):
 * <ul>
 *   <li>upsert: version 1 for a new record; a new version when the content changed; nothing when it is the
 *       content of the last upsert (an identical resubmission, also after a revoke or a repair, changes nothing
 *       and counts as accepted, so resubmitting a whole body is safe);</li>
 *   <li>an upsert cannot move a record to another subject, nor bring back a revoked record;</li>
 *   <li>revoke and repair need an existing record; repeating them changes nothing; a revoked record stays
 *       revoked (a repair of it changes nothing).</li>
 * </ul>
 * The same record may appear several times in one batch: each occurrence is planned against the state the
 * earlier ones left.
 */
public final class VersionPlanner {

    private VersionPlanner() {
    }

    public static VersionPlan plan(List<PendingRecord> batch, Map<String, CurrentVersion> stored) {
        Map<String, Head> heads = new HashMap<>();
        for (CurrentVersion current : stored.values()) {
            heads.put(current.recordId(), Head.of(current));
        }
        List<VersionRow> writes = new ArrayList<>();
        List<RecordError> errors = new ArrayList<>();
        Set<String> changedSubjects = new LinkedHashSet<>();
        int accepted = 0;

        for (PendingRecord pending : batch) {
            ValidRecord record = pending.record();
            Head head = heads.get(record.recordId());
            Outcome outcome = switch (record.action()) {
                case UPSERT -> upsert(pending, head);
                case REVOKE, REPAIR -> withdraw(pending, head);
            };
            if (outcome.error != null) {
                errors.add(outcome.error);
                continue;
            }
            accepted++;
            if (outcome.row != null) {
                writes.add(outcome.row);
                heads.put(record.recordId(), Head.of(outcome.row));
                changedSubjects.add(outcome.row.subjectCode());
            }
        }
        return new VersionPlan(writes, errors, accepted, changedSubjects);
    }

    private static Outcome upsert(PendingRecord pending, Head head) {
        ValidRecord record = pending.record();
        if (head == null) {
            return Outcome.write(newVersion(record, 1));
        }
        if (Arrays.equals(head.contentHash, record.contentHash())) {
            return Outcome.unchanged();
        }
        if (head.action == Action.REVOKE) {
            return Outcome.error(new RecordError(pending.line(), record.recordId(), ErrorCode.INVALID_VALUE, "action",
                    "the record is revoked and cannot be changed; submit it under a new record_id"));
        }
        if (!head.subjectCode.equals(record.subjectCode())) {
            return Outcome.error(new RecordError(pending.line(), record.recordId(), ErrorCode.INVALID_VALUE,
                    "subject_code", "a record keeps its subject; revoke it and submit a new record_id instead"));
        }
        return Outcome.write(newVersion(record, head.version + 1));
    }

    private static Outcome withdraw(PendingRecord pending, Head head) {
        ValidRecord record = pending.record();
        if (head == null) {
            return Outcome.error(RecordError.unknownRecord(pending.line(), record.recordId(), record.action()));
        }
        if (head.action == record.action() || head.action == Action.REVOKE) {
            return Outcome.unchanged();
        }
        VersionRow previous = head.row;
        if (previous != null) {
            // the upsert it withdraws is in this batch, not yet stored: carry its content here
            return Outcome.write(new VersionRow(record.recordId(), head.version + 1, record.action(),
                    previous.subjectType(), previous.subjectCode(), previous.data(), previous.contentHash(),
                    previous.periodStart(), previous.periodEnd()));
        }
        return Outcome.write(new VersionRow(record.recordId(), head.version + 1, record.action(),
                record.subjectType(), head.subjectCode, null, head.contentHash, null, null));
    }

    private static VersionRow newVersion(ValidRecord record, int version) {
        return new VersionRow(record.recordId(), version, Action.UPSERT, record.subjectType(), record.subjectCode(),
                record.canonicalDataUtf8(), record.contentHash(), record.periodStart(), record.periodEnd());
    }

    /** The head of a record while a batch is planned: stored, or written earlier in the same batch. */
    private record Head(int version, Action action, String subjectCode, byte[] contentHash, VersionRow row) {
        static Head of(CurrentVersion current) {
            return new Head(current.version(), current.action(), current.subjectCode(), current.contentHash(), null);
        }

        static Head of(VersionRow row) {
            // a row that copies its previous version carries no data of its own; neither can a later row copy it
            return new Head(row.version(), row.action(), row.subjectCode(), row.contentHash(),
                    row.copiesPrevious() ? null : row);
        }
    }

    private record Outcome(VersionRow row, RecordError error) {
        static Outcome write(VersionRow row) {
            return new Outcome(row, null);
        }

        static Outcome unchanged() {
            return new Outcome(null, null);
        }

        static Outcome error(RecordError error) {
            return new Outcome(null, error);
        }
    }
}
