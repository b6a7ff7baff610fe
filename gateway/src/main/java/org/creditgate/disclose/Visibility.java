package org.creditgate.disclose;

import org.creditgate.catalog.Category;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Whether a viewer sees a record (API.md, "Lookups" and "Objections"; DOMAIN.md, "Corrections, revocations,
 * objections, repair"). The rules, in the order they are applied:
 *
 * <ol>
 *   <li>A revoked record is seen by no one, judicial organs included: it was withdrawn, not archived.</li>
 *   <li>A record of a subject type its category does not allow (a person's tax arrears) is seen by no one: it could
 *       not have been collected lawfully, and the catalog no longer allows it.</li>
 *   <li>An archived record (repaired, deleted after an objection, or outside its {@link DisclosurePeriod}) is seen by
 *       judicial organs only. The subject's portal does not see it either: the contract discloses archives to
 *       {@code judicial} alone.</li>
 *   <li>A record under an open objection is, with {@link ObjectionPolicy#FLAG}, seen by all, flagged; with
 *       {@link ObjectionPolicy#WITHHOLD}, seen flagged by judicial organs (who see undisclosed records anyway) and by
 *       the subject itself through the portal (it raised the objection and must see what it disputes), and by no
 *       one else.</li>
 *   <li>Anything else is seen by every viewer; what each of them sees of it is {@link Projection}'s business.</li>
 * </ol>
 *
 * <p>Judicial organs see an archived record under an open objection flagged, too.
 */
public final class Visibility {

    private Visibility() {
    }

    /**
     * @param today the calendar day in Asia/Shanghai
     * @throws IllegalArgumentException when the record is not of {@code category}
     */
    public static Verdict decide(Category category, StoredRecord record, Viewer viewer, LocalDate today,
                                 ObjectionPolicy policy) {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(policy, "policy");
        if (!category.id().equals(record.category())) {
            throw new IllegalArgumentException(
                    "record of category " + record.category() + " judged by category " + category.id());
        }
        if (record.state() == RecordState.REVOKED || !category.allows(record.subjectType())) {
            return Verdict.HIDDEN;
        }
        boolean underObjection = record.objection() == ObjectionState.OPEN;
        if (isArchived(category, record, today)) {
            return viewer == Viewer.JUDICIAL ? seen(underObjection) : Verdict.HIDDEN;
        }
        if (underObjection && policy == ObjectionPolicy.WITHHOLD) {
            return viewer == Viewer.JUDICIAL || viewer == Viewer.PORTAL ? Verdict.VISIBLE_UNDER_OBJECTION : Verdict.HIDDEN;
        }
        return seen(underObjection);
    }

    private static boolean isArchived(Category category, StoredRecord record, LocalDate today) {
        return record.state() == RecordState.REPAIRED
                || record.objection() == ObjectionState.DELETED
                || !DisclosurePeriod.isInside(category, record, today);
    }

    private static Verdict seen(boolean underObjection) {
        return underObjection ? Verdict.VISIBLE_UNDER_OBJECTION : Verdict.VISIBLE;
    }
}
