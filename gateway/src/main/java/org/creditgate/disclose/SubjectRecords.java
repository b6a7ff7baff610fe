package org.creditgate.disclose;

import java.util.List;

/** The current versions of every record of one subject, with their objection states: what the cache holds. */
public record SubjectRecords(String subjectCode, List<StoredRecord> records) {

    public SubjectRecords {
        records = List.copyOf(records);
    }
}
