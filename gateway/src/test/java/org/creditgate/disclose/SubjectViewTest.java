package org.creditgate.disclose;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("SubjectView")
class SubjectViewTest {

    private static final OffsetDateTime UPDATED = OffsetDateTime.parse("2026-11-23T10:00:00+08:00");

    private static DisclosedRecord record(String category, String id, Map<String, Object> data) {
        return new DisclosedRecord(category, id, "sz-amr", 1, UPDATED, false, data);
    }

    private static final DisclosedRecord PENALTY = record("admin_penalty", "P-1",
            Map.of("decision_no", "罚〔2026〕1号"));
    private static final DisclosedRecord ARREARS = record("tax_arrears", "T-1",
            new LinkedHashMap<>(Map.of("amount", new BigDecimal("12.50"), "note", "quote \" and \\ and \n")));
    private static final DisclosedRecord PENALTY_2 = record("admin_penalty", "P-2",
            Map.of("decision_no", "罚〔2026〕2号"));

    @Test
    @DisplayName("keeping some categories gives the bytes a rendering of just those records would give")
    void onlyIsARenderingOfTheKeptRecords() {
        SubjectView whole = ViewRenderer.render("91440300MA5XXXXX1X", List.of(PENALTY, ARREARS, PENALTY_2));

        assertThat(text(whole.only(Set.of("admin_penalty"))))
                .isEqualTo(text(ViewRenderer.render("91440300MA5XXXXX1X", List.of(PENALTY, PENALTY_2))));
        assertThat(text(whole.only(Set.of("tax_arrears"))))
                .isEqualTo(text(ViewRenderer.render("91440300MA5XXXXX1X", List.of(ARREARS))));
        assertThat(text(whole.only(Set.of("court_defaulter"))))
                .isEqualTo(text(ViewRenderer.render("91440300MA5XXXXX1X", List.of())));
        assertThat(whole.only(Set.of("admin_penalty", "tax_arrears", "honor"))).isSameAs(whole);
    }

    @Test
    @DisplayName("a view names the categories it shows, sorted, also after keeping some, and can be cut again")
    void categories() {
        SubjectView whole = ViewRenderer.render("91440300MA5XXXXX1X", List.of(PENALTY, ARREARS, PENALTY_2));
        assertThat(whole.categories()).containsExactly("admin_penalty", "tax_arrears");
        SubjectView penalties = whole.only(Set.of("admin_penalty"));
        assertThat(penalties.categories()).containsExactly("admin_penalty");
        assertThat(text(penalties.only(Set.of("tax_arrears"))))
                .isEqualTo(text(ViewRenderer.render("91440300MA5XXXXX1X", List.of())));
        // what goes into an answer after the separating comma is a JSON object
        assertThat(new JsonObject(text(penalties).substring(1)).getJsonArray("records")).hasSize(2);
    }

    private static String text(SubjectView view) {
        return new String(view.separatedJson(), StandardCharsets.UTF_8);
    }
}
