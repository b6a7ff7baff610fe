package org.creditgate.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode view;

    @BeforeAll
    static void render() throws Exception {
        String json = JSON.writeValueAsString(CatalogView.of(CatalogLoaderTest.shipped()));
        view = JSON.readTree(json);
    }

    @Test
    @DisplayName("lists the categories in id order under \"categories\"")
    void categoriesInIdOrder() {
        assertThat(keys(view)).containsExactly("categories");
        List<String> ids = new ArrayList<>();
        view.get("categories").forEach(c -> ids.add(c.get("id").asText()));
        assertThat(ids).containsExactly("admin_license", "admin_penalty", "court_defaulter", "honor", "person_basic",
                "tax_arrears", "utility_arrears");
    }

    @Test
    @DisplayName("renders a category with the keys of API.md first, then the rest of its disclosure rules")
    void categoryShape() throws Exception {
        JsonNode penalty = category("admin_penalty");
        assertThat(keys(penalty)).containsExactly("id", "name", "subject_types", "disclosure_period",
                "period_starts_from", "person_disclosure_period", "disclosure", "subject_may_delete", "fields");
        assertThat(penalty.get("name").asText()).isEqualTo("行政处罚");
        assertThat(penalty.get("subject_types")).isEqualTo(JSON.readTree("[\"org\", \"person\"]"));
        assertThat(penalty.get("disclosure_period").asText()).isEqualTo("P3Y");
        assertThat(penalty.get("person_disclosure_period").asText()).isEqualTo("P5Y");
        assertThat(penalty.get("period_starts_from").asText()).isEqualTo("decision_date");
        assertThat(penalty.get("disclosure").asText()).isEqualTo("public");
        assertThat(penalty.get("subject_may_delete").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("renders a field exactly as the API.md example, with its max_length")
    void fieldAsApiExample() throws Exception {
        assertThat(keys(field("admin_penalty", "decision_no")))
                .containsExactly("name", "label", "type", "required", "disclosure", "max_length");
        assertThat(field("admin_penalty", "decision_no")).isEqualTo(JSON.readTree("""
                {"name": "decision_no", "label": "处罚决定书文号", "type": "string", "required": true,
                 "disclosure": "public", "max_length": 100}"""));
    }

    @Test
    @DisplayName("an enum lists its values; a date has no max_length")
    void enumAndDate() throws Exception {
        assertThat(field("honor", "level")).isEqualTo(JSON.readTree("""
                {"name": "level", "label": "级别", "type": "enum", "values": ["国家级", "省级", "市级", "县级"],
                 "required": true, "disclosure": "public"}"""));
        assertThat(keys(field("honor", "grant_date"))).containsExactly("name", "label", "type", "required", "disclosure");
    }

    @Test
    @DisplayName("a field required for one subject type only is not required, and says for which")
    void requiredFor() throws Exception {
        JsonNode legalRep = field("admin_penalty", "legal_rep");
        assertThat(legalRep.get("required").isBoolean()).isTrue();
        assertThat(legalRep.get("required").asBoolean()).isFalse();
        assertThat(legalRep.get("required_for")).isEqualTo(JSON.readTree("[\"org\"]"));
        assertThat(field("admin_penalty", "fine_amount").has("required_for")).isFalse();
    }

    @Test
    @DisplayName("masks are shown by audience")
    void masks() throws Exception {
        assertThat(field("tax_arrears", "legal_rep_id")).isEqualTo(JSON.readTree("""
                {"name": "legal_rep_id", "label": "法定代表人身份证号码", "type": "id_number", "required": true,
                 "disclosure": "shared", "masks": {"public": "id_number"}}"""));
        assertThat(field("utility_arrears", "contact_phone").get("masks"))
                .isEqualTo(JSON.readTree("{\"authorized\": \"phone\"}"));
    }

    @Test
    @DisplayName("a category without expiry has a null disclosure_period and period_starts_from")
    void noExpiry() {
        JsonNode honor = category("honor");
        assertThat(honor.has("disclosure_period")).isTrue();
        assertThat(honor.get("disclosure_period").isNull()).isTrue();
        assertThat(honor.get("period_starts_from").isNull()).isTrue();
        assertThat(honor.has("person_disclosure_period")).isFalse();
        assertThat(honor.get("subject_may_delete").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("admin_license says which date field ends its disclosure")
    void periodEndsAt() {
        assertThat(category("admin_license").get("period_ends_at").asText()).isEqualTo("valid_to");
        assertThat(category("court_defaulter").has("period_ends_at")).isFalse();
    }

    private static JsonNode category(String id) {
        for (JsonNode category : view.get("categories")) {
            if (category.get("id").asText().equals(id)) {
                return category;
            }
        }
        throw new AssertionError("no category " + id);
    }

    private static JsonNode field(String categoryId, String name) {
        for (JsonNode field : category(categoryId).get("fields")) {
            if (field.get("name").asText().equals(name)) {
                return field;
            }
        }
        throw new AssertionError("no field " + name + " in " + categoryId);
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
