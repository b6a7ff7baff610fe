package org.creditgate.disclose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.creditgate.disclose.ShippedCatalog.category;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import org.creditgate.catalog.Category;
import org.creditgate.catalog.SubjectType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Visibility: who sees a stored record at all")
class VisibilityTest {

    /** A day well inside every shipped period for the records below, which start on 2024-03-15. */
    private static final LocalDate INSIDE = LocalDate.parse("2024-06-01");

    private static StoredRecords.Builder penalty(SubjectType subjectType) {
        return StoredRecords.of("admin_penalty", subjectType).periodStart("2024-03-15");
    }

    /** The verdict of every viewer. */
    private static Map<Viewer, Verdict> verdicts(StoredRecord record, LocalDate today, ObjectionPolicy policy) {
        Category category = category(record.category());
        Map<Viewer, Verdict> verdicts = new EnumMap<>(Viewer.class);
        for (Viewer viewer : Viewer.values()) {
            verdicts.put(viewer, Visibility.decide(category, record, viewer, today, policy));
        }
        return verdicts;
    }

    private static Map<Viewer, Verdict> everyone(Verdict verdict) {
        Map<Viewer, Verdict> verdicts = new EnumMap<>(Viewer.class);
        for (Viewer viewer : Viewer.values()) {
            verdicts.put(viewer, verdict);
        }
        return verdicts;
    }

    private static Map<Viewer, Verdict> onlyJudicial(Verdict verdict) {
        Map<Viewer, Verdict> verdicts = everyone(Verdict.HIDDEN);
        verdicts.put(Viewer.JUDICIAL, verdict);
        return verdicts;
    }

    @Nested
    @DisplayName("disclosure periods")
    class Periods {

        @ParameterizedTest(name = "{0} {1} from {2}, valid_to {3}: shown through {4}, archived from {5}")
        @CsvSource({
            // admin_penalty: P3Y for organisations, P5Y for natural persons, from decision_date
            "admin_penalty,   org,    2021-03-15,           , 2024-03-14, 2024-03-15",
            "admin_penalty,   person, 2021-03-15,           , 2026-03-14, 2026-03-15",
            // admin_license: through valid_to when the record has one (later or earlier than P3Y), else P3Y
            "admin_license,   org,    2021-03-15,           , 2024-03-14, 2024-03-15",
            "admin_license,   person, 2021-03-15,           , 2024-03-14, 2024-03-15",
            "admin_license,   org,    2020-01-10, 2030-06-30, 2030-06-30, 2030-07-01",
            "admin_license,   person, 2023-01-10, 2024-06-30, 2024-06-30, 2024-07-01",
            // court_defaulter: P5Y from publish_date; from a 29 February, the period ends on 28 February
            "court_defaulter, org,    2019-07-01,           , 2024-06-30, 2024-07-01",
            "court_defaulter, person, 2020-02-29,           , 2025-02-27, 2025-02-28",
            // tax_arrears P3Y from announce_date, utility_arrears P5Y from since
            "tax_arrears,     org,    2021-03-15,           , 2024-03-14, 2024-03-15",
            "utility_arrears, person, 2021-03-15,           , 2026-03-14, 2026-03-15",
            "utility_arrears, org,    2021-03-15,           , 2026-03-14, 2026-03-15",
        })
        @DisplayName("a record is disclosed through its last day and archived, for judicial eyes only, the day after")
        void bothEdges(String categoryId, String subjectType, String periodStart, String periodEnd,
                       LocalDate lastShown, LocalDate firstArchived) {
            StoredRecord record = StoredRecords.of(categoryId, SubjectType.fromWire(subjectType).orElseThrow())
                    .periodStart(periodStart).periodEnd(periodEnd).build();

            assertThat(verdicts(record, LocalDate.parse(periodStart), ObjectionPolicy.FLAG))
                    .as("on its first day").isEqualTo(everyone(Verdict.VISIBLE));
            assertThat(verdicts(record, lastShown, ObjectionPolicy.FLAG))
                    .as("on its last day").isEqualTo(everyone(Verdict.VISIBLE));
            assertThat(verdicts(record, firstArchived, ObjectionPolicy.FLAG))
                    .as("the day after").isEqualTo(onlyJudicial(Verdict.VISIBLE));
            assertThat(verdicts(record, firstArchived.plusYears(20), ObjectionPolicy.FLAG))
                    .as("long after").isEqualTo(onlyJudicial(Verdict.VISIBLE));
        }

        @Test
        @DisplayName("on an organisation's P3Y anniversary its penalty is archived while a person's, P5Y, is still shown")
        void personsAndOrganisationsDiffer() {
            LocalDate anniversary = LocalDate.parse("2027-03-15");
            StoredRecord org = penalty(SubjectType.ORG).build();
            StoredRecord person = penalty(SubjectType.PERSON).build();

            assertThat(Visibility.decide(category("admin_penalty"), org, Viewer.PUBLIC, anniversary,
                    ObjectionPolicy.FLAG)).isEqualTo(Verdict.HIDDEN);
            assertThat(Visibility.decide(category("admin_penalty"), person, Viewer.PUBLIC, anniversary,
                    ObjectionPolicy.FLAG)).isEqualTo(Verdict.VISIBLE);
        }

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource({"honor, org", "honor, person", "person_basic, person"})
        @DisplayName("honours and basic personal information never expire")
        void noExpiry(String categoryId, String subjectType) {
            StoredRecord record = StoredRecords.of(categoryId, SubjectType.fromWire(subjectType).orElseThrow()).build();

            assertThat(verdicts(record, LocalDate.parse("2999-12-31"), ObjectionPolicy.FLAG))
                    .isEqualTo(everyone(Verdict.VISIBLE));
        }

        @Test
        @DisplayName("a record of a category with a period but without its start date is not disclosed (fail closed)")
        void missingStartDate() {
            StoredRecord record = StoredRecords.of("admin_penalty", SubjectType.ORG).build();

            assertThat(verdicts(record, INSIDE, ObjectionPolicy.FLAG)).isEqualTo(onlyJudicial(Verdict.VISIBLE));
        }

        @Test
        @DisplayName("an end date counts only in a category whose catalog entry has period_ends_at")
        void endDateOnlyWhereTheCatalogSaysSo() {
            StoredRecord penalty = penalty(SubjectType.ORG).periodEnd("2024-04-01").build();
            StoredRecord license = StoredRecords.of("admin_license", SubjectType.ORG)
                    .periodStart("2024-03-15").periodEnd("2024-04-01").build();

            assertThat(DisclosurePeriod.isInside(category("admin_penalty"), penalty, INSIDE)).isTrue();
            assertThat(DisclosurePeriod.isInside(category("admin_license"), license, INSIDE)).isFalse();
        }
    }

    @Nested
    @DisplayName("revocation and repair")
    class States {

        @ParameterizedTest(name = "objection {0}")
        @EnumSource(ObjectionState.class)
        @DisplayName("a revoked record is seen by no one, judicial organs included, under either objection policy")
        void revoked(ObjectionState objection) {
            StoredRecord record = penalty(SubjectType.PERSON).state(RecordState.REVOKED).objection(objection).build();

            for (ObjectionPolicy policy : ObjectionPolicy.values()) {
                assertThat(verdicts(record, INSIDE, policy)).as("%s", policy).isEqualTo(everyone(Verdict.HIDDEN));
            }
        }

        @Test
        @DisplayName("a repaired record is an archive: seen by judicial organs only, the subject's portal included")
        void repaired() {
            StoredRecord record = penalty(SubjectType.ORG).state(RecordState.REPAIRED).build();

            for (ObjectionPolicy policy : ObjectionPolicy.values()) {
                assertThat(verdicts(record, INSIDE, policy)).as("%s", policy)
                        .isEqualTo(onlyJudicial(Verdict.VISIBLE));
            }
        }

        @Test
        @DisplayName("an active record inside its period, without objection, is seen by every viewer")
        void active() {
            StoredRecord record = penalty(SubjectType.ORG).build();

            for (ObjectionPolicy policy : ObjectionPolicy.values()) {
                assertThat(verdicts(record, INSIDE, policy)).as("%s", policy).isEqualTo(everyone(Verdict.VISIBLE));
            }
        }

        @Test
        @DisplayName("a record of a subject type its category does not allow is seen by no one")
        void subjectTypeNotAllowed() {
            StoredRecord personsTaxArrears = StoredRecords.of("tax_arrears", SubjectType.PERSON)
                    .periodStart("2024-03-15").build();

            assertThat(verdicts(personsTaxArrears, INSIDE, ObjectionPolicy.FLAG)).isEqualTo(everyone(Verdict.HIDDEN));
        }

        @Test
        @DisplayName("a record judged with another category's rules is a programming error")
        void wrongCategory() {
            StoredRecord record = penalty(SubjectType.ORG).build();

            assertThatIllegalArgumentException().isThrownBy(() -> Visibility.decide(category("admin_license"), record,
                    Viewer.JUDICIAL, INSIDE, ObjectionPolicy.FLAG));
        }

        @ParameterizedTest(name = "{0} → {1}")
        @CsvSource({"upsert, ACTIVE", "revoke, REVOKED", "repair, REPAIRED"})
        @DisplayName("the head version's action gives the record's state")
        void fromAction(String action, RecordState state) {
            assertThat(RecordState.fromAction(action)).isEqualTo(state);
        }

        @Test
        @DisplayName("an unknown action is refused rather than taken for an active record")
        void unknownAction() {
            assertThatIllegalArgumentException().isThrownBy(() -> RecordState.fromAction("delete"));
        }
    }

    @Nested
    @DisplayName("objections")
    class Objections {

        @Test
        @DisplayName("with the flag policy, a record under an open objection is seen by every viewer, flagged")
        void flagged() {
            StoredRecord record = penalty(SubjectType.PERSON).objection(ObjectionState.OPEN).build();

            assertThat(verdicts(record, INSIDE, ObjectionPolicy.FLAG))
                    .isEqualTo(everyone(Verdict.VISIBLE_UNDER_OBJECTION));
        }

        @Test
        @DisplayName("with the withhold policy, only judicial organs and the subject's portal see it, flagged")
        void withheld() {
            StoredRecord record = penalty(SubjectType.PERSON).objection(ObjectionState.OPEN).build();

            assertThat(verdicts(record, INSIDE, ObjectionPolicy.WITHHOLD)).isEqualTo(Map.of(
                    Viewer.PUBLIC, Verdict.HIDDEN,
                    Viewer.GOVERNMENT, Verdict.HIDDEN,
                    Viewer.AGENCY, Verdict.HIDDEN,
                    Viewer.JUDICIAL, Verdict.VISIBLE_UNDER_OBJECTION,
                    Viewer.PORTAL, Verdict.VISIBLE_UNDER_OBJECTION));
        }

        @Test
        @DisplayName("a record deleted after an objection is an archive for judicial organs only, under either policy")
        void deleted() {
            StoredRecord record = penalty(SubjectType.PERSON).objection(ObjectionState.DELETED).build();

            for (ObjectionPolicy policy : ObjectionPolicy.values()) {
                assertThat(verdicts(record, INSIDE, policy)).as("%s", policy)
                        .isEqualTo(onlyJudicial(Verdict.VISIBLE));
            }
        }

        @Test
        @DisplayName("an expired record under an open objection is seen by judicial organs only, flagged")
        void expiredUnderObjection() {
            StoredRecord record = penalty(SubjectType.ORG).objection(ObjectionState.OPEN).build();

            for (ObjectionPolicy policy : ObjectionPolicy.values()) {
                assertThat(verdicts(record, LocalDate.parse("2027-03-15"), policy)).as("%s", policy)
                        .isEqualTo(onlyJudicial(Verdict.VISIBLE_UNDER_OBJECTION));
            }
        }

        @ParameterizedTest(name = "{0} → {1}")
        @CsvSource({"upheld, NONE", "corrected, NONE", "deleted, DELETED"})
        @DisplayName("a resolved objection ends, or removes the record from disclosure for good")
        void outcomes(String outcome, ObjectionState state) {
            assertThat(ObjectionState.afterOutcome(outcome)).contains(state);
            assertThat(ObjectionState.afterOutcome("withdrawn")).isEmpty();
        }

        @ParameterizedTest(name = "{0} and {1} → {2}")
        @CsvSource({
            "NONE, NONE, NONE", "NONE, OPEN, OPEN", "OPEN, NONE, OPEN", "OPEN, OPEN, OPEN",
            "DELETED, OPEN, DELETED", "OPEN, DELETED, DELETED", "NONE, DELETED, DELETED", "DELETED, NONE, DELETED",
        })
        @DisplayName("several objections: a deletion is final, one open objection flags the record")
        void combined(ObjectionState first, ObjectionState second, ObjectionState combined) {
            assertThat(first.and(second)).isEqualTo(combined);
        }
    }
}
