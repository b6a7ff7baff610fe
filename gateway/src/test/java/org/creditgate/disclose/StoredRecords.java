package org.creditgate.disclose;

import io.vertx.core.json.Json;
import org.creditgate.catalog.SubjectType;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** Stored records for tests: a valid active record, changed one property at a time. */
final class StoredRecords {

    static final String ORG_CODE = "914403001922038216";
    static final String PERSON_ID = "11010519491231002X";
    static final OffsetDateTime UPDATED_AT = OffsetDateTime.parse("2024-03-16T09:30:00+08:00");

    private StoredRecords() {
    }

    static Builder of(String category, SubjectType subjectType) {
        return new Builder(category, subjectType);
    }

    static final class Builder {
        private final String category;
        private final SubjectType subjectType;
        private RecordState state = RecordState.ACTIVE;
        private ObjectionState objection = ObjectionState.NONE;
        private LocalDate periodStart;
        private LocalDate periodEnd;
        private final Map<String, Object> data = new LinkedHashMap<>();

        private Builder(String category, SubjectType subjectType) {
            this.category = category;
            this.subjectType = subjectType;
        }

        Builder state(RecordState value) {
            state = value;
            return this;
        }

        Builder objection(ObjectionState value) {
            objection = value;
            return this;
        }

        Builder periodStart(String isoDate) {
            periodStart = isoDate == null ? null : LocalDate.parse(isoDate);
            return this;
        }

        Builder periodEnd(String isoDate) {
            periodEnd = isoDate == null ? null : LocalDate.parse(isoDate);
            return this;
        }

        Builder data(Map<String, ?> values) {
            data.putAll(values);
            return this;
        }

        Builder put(String field, Object value) {
            data.put(field, value);
            return this;
        }

        StoredRecord build() {
            String code = subjectType == SubjectType.PERSON ? PERSON_ID : ORG_CODE;
            return new StoredRecord("sz-amr", category, "R-1", 3, state, subjectType, code, json(data),
                    periodStart, periodEnd, UPDATED_AT, objection);
        }
    }

    /** Data as the database hands it over: a JSON object in UTF-8 (BigDecimal as a number, NaN as text). */
    static byte[] json(Map<String, ?> data) {
        return Json.encode(new LinkedHashMap<>(data)).getBytes(StandardCharsets.UTF_8);
    }
}
