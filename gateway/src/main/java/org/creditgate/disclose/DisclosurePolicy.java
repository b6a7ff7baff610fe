package org.creditgate.disclose;

import org.creditgate.catalog.Category;
import org.creditgate.catalog.SubjectType;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Disclosure of one record to one viewer: {@link Visibility} first, then {@link Projection}. Going through here
 * rather than calling {@link Projection} directly makes it impossible to show a field of a record the viewer may not
 * see at all.
 */
public final class DisclosurePolicy {

    private final ObjectionPolicy objectionPolicy;
    /** Projection plans, decided once per category (by identity), viewer, authorization and subject type. */
    private final Map<PlanKey, Projection.Plan> plans = new ConcurrentHashMap<>();

    public DisclosurePolicy(ObjectionPolicy objectionPolicy) {
        this.objectionPolicy = Objects.requireNonNull(objectionPolicy, "objectionPolicy");
    }

    public ObjectionPolicy objectionPolicy() {
        return objectionPolicy;
    }

    /**
     * The record as the viewer sees it; empty when it sees nothing of it (hidden, or no field of it visible).
     *
     * @param authorizedForCategory whether the subject authorized this agency for the record's category (agencies only)
     * @param today                 the calendar day in Asia/Shanghai
     */
    public Optional<DisclosedRecord> disclose(Category category, StoredRecord record, Viewer viewer,
                                              boolean authorizedForCategory, LocalDate today) {
        Verdict verdict = Visibility.decide(category, record, viewer, today, objectionPolicy);
        if (!verdict.visible()) {
            return Optional.empty();
        }
        PlanKey key = new PlanKey(category, viewer, authorizedForCategory, record.subjectType());
        Projection.Plan plan = plans.get(key);
        if (plan == null) {
            plan = Projection.plan(category, viewer, authorizedForCategory, record.subjectType());
            // a gateway's catalog is fixed: the keys are few; a bound keeps a policy used with many catalogs in check
            if (plans.size() > 10_000) {
                plans.clear();
            }
            plans.put(key, plan);
        }
        return Projection.project(plan, record)
                .map(data -> new DisclosedRecord(record.category(), record.recordId(), record.provider(),
                        record.version(), record.updatedAt(), verdict.objection(), data));
    }

    /** A category is its own key (compared by identity: hashing a whole category per record would cost more). */
    private record PlanKey(Category category, Viewer viewer, boolean authorized, SubjectType subjectType) {

        @Override
        public boolean equals(Object other) {
            return other instanceof PlanKey key && key.category == category && key.viewer == viewer
                    && key.authorized == authorized && key.subjectType == subjectType;
        }

        @Override
        public int hashCode() {
            return ((System.identityHashCode(category) * 31 + viewer.ordinal()) * 31 + (authorized ? 1 : 0)) * 31
                    + subjectType.ordinal();
        }
    }
}
