package org.creditgate.collect;

import java.util.List;
import java.util.Set;

/**
 * What a batch does to the store: the versions to append, the records refused because of what is stored, and
 * how many records count as accepted (new versions plus unchanged resubmissions).
 */
public record VersionPlan(List<VersionRow> writes, List<RecordError> errors, int accepted,
                          Set<String> changedSubjects) {
}
