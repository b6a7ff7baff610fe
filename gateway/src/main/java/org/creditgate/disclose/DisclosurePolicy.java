package org.creditgate.disclose;

import org.creditgate.catalog.Category;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Disclosure of one record to one viewer: {@link Visibility} first, then {@link Projection}. Going through here
 * rather than calling {@link Projection} directly makes it impossible to show a field of a record the viewer may not
 * see at all.
 */
public final class DisclosurePolicy {

    private final ObjectionPolicy objectionPolicy;

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
        return Projection.project(category, record, viewer, authorizedForCategory)
                .map(data -> new DisclosedRecord(record.category(), record.recordId(), record.provider(),
                        record.version(), record.updatedAt(), verdict.objection(), data));
    }
}
