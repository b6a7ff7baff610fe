package org.creditgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document served at {@code GET /openapi.yaml} must describe the API.md contract: every
 * endpoint, who may call it, and the problem+json shape of every error. These checks keep the document
 * from drifting away from the contract when either changes.
 */
class OpenApiDocumentTest {

    /** Every endpoint of API.md, as "METHOD path". */
    private static final List<String> CONTRACT_OPERATIONS = List.of(
            "GET /v1/catalog",
            "POST /v1/submissions/{category}",
            "POST /v1/lookups",
            "GET /v1/subjects/{code}",
            "GET /v1/subjects/{code}/queries",
            "POST /v1/authorizations",
            "DELETE /v1/authorizations/{id}",
            "POST /v1/objections",
            "POST /v1/objections/{id}/resolve",
            "GET /v1/audit/collections",
            "GET /v1/audit/queries",
            "GET /v1/audit/verify",
            "GET /admin/clients",
            "POST /admin/clients",
            "POST /admin/clients/{id}/keys",
            "GET /admin/stats/providers",
            "GET /health/live",
            "GET /health/ready",
            "GET /metrics",
            "GET /openapi.yaml");

    /** The endpoints API.md lets anyone call without a key. */
    private static final Set<String> PUBLIC_OPERATIONS = Set.of(
            "GET /v1/catalog",
            "GET /health/live",
            "GET /health/ready",
            "GET /metrics",
            "GET /openapi.yaml");

    /** Every error code API.md names, whole-request and per-record. */
    private static final List<String> CONTRACT_ERROR_CODES = List.of(
            "UNAUTHENTICATED", "FORBIDDEN", "CONFLICT", "NOT_FOUND", "BAD_REQUEST", "PAYLOAD_TOO_LARGE",
            "UNAVAILABLE", "QUOTA_EXCEEDED", "UNKNOWN_CATEGORY", "CATEGORY_NOT_ALLOWED", "UNSUPPORTED_MEDIA_TYPE",
            "TOO_MANY_SUBJECTS", "REASON_REQUIRED",
            "INVALID_JSON", "MISSING_FIELD", "UNKNOWN_FIELD", "INVALID_VALUE", "INVALID_SUBJECT_CODE",
            "SUBJECT_TYPE_NOT_ALLOWED", "PROHIBITED_FIELD", "UNKNOWN_RECORD", "RECORD_TOO_LARGE",
            "METHOD_NOT_ALLOWED", "NOT_ACCEPTABLE", "HEADERS_TOO_LARGE", "URI_TOO_LONG");

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    private static JsonNode document;
    private static Map<String, JsonNode> operations;

    @BeforeAll
    static void readDocument() throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.yaml")) {
            assertThat(in).as("openapi.yaml on the classpath").isNotNull();
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        operations = operationsOf(document);
    }

    @Test
    @DisplayName("the document is OpenAPI 3.1")
    void isOpenApi31() {
        assertThat(document.path("openapi").asText()).startsWith("3.1");
    }

    @Test
    @DisplayName("every endpoint of the contract is described")
    void describesEveryContractEndpoint() {
        assertThat(operations.keySet()).containsAll(CONTRACT_OPERATIONS);
    }

    @Test
    @DisplayName("every operation has a unique operationId, a summary, a known tag and names the roles allowed")
    void operationsAreDocumented() {
        Set<String> tags = Set.of("catalog", "collection", "disclosure", "authorizations", "objections", "audit",
                "admin", "operations");
        List<String> operationIds = new ArrayList<>();
        operations.forEach((name, operation) -> {
            operationIds.add(operation.path("operationId").asText());
            assertThat(operation.path("summary").asText()).as(name).isNotBlank();
            assertThat(operation.path("description").asText()).as(name).contains("Roles:");
            assertThat(operation.path("tags")).as(name).isNotEmpty();
            operation.path("tags").forEach(tag -> assertThat(tags).as(name).contains(tag.asText()));
        });
        assertThat(operationIds).doesNotContain("").doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("the security scheme is an API key sent as a bearer token")
    void securitySchemeIsBearer() {
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.size()).isEqualTo(1);
        JsonNode scheme = schemes.elements().next();
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualToIgnoringCase("bearer");
    }

    @Test
    @DisplayName("every operation except the public ones requires the bearer key")
    void nonPublicOperationsRequireTheKey() {
        operations.forEach((name, operation) -> {
            if (PUBLIC_OPERATIONS.contains(name)) {
                return;
            }
            List<String> schemes = effectiveSecuritySchemes(operation);
            assertThat(schemes).as(name).isNotEmpty();
            for (String scheme : schemes) {
                JsonNode definition = document.path("components").path("securitySchemes").path(scheme);
                assertThat(definition.path("type").asText()).as(name + " uses " + scheme).isEqualTo("http");
                assertThat(definition.path("scheme").asText()).as(name + " uses " + scheme)
                        .isEqualToIgnoringCase("bearer");
            }
        });
    }

    @Test
    @DisplayName("the catalog and the operations endpoints need no key")
    void publicOperationsNeedNoKey() {
        for (String name : PUBLIC_OPERATIONS) {
            JsonNode security = operations.get(name).get("security");
            assertThat(security).as(name + " declares its own security").isNotNull();
            assertThat(security.isArray() && security.isEmpty()).as(name + " has security: []").isTrue();
        }
    }

    @Test
    @DisplayName("every error response is application/problem+json following the Problem schema")
    void errorResponsesAreProblems() {
        forEachResponse((where, status, response) -> {
            if (!isError(status)) {
                return;
            }
            JsonNode content = response.path("content");
            assertThat(names(content)).as(where).containsExactly("application/problem+json");
            assertThat(content.path("application/problem+json").path("schema").path("$ref").asText())
                    .as(where).isEqualTo(PROBLEM_SCHEMA);
        });
    }

    @Test
    @DisplayName("every response carries X-Request-Id")
    void everyResponseCarriesTheRequestId() {
        forEachResponse((where, status, response) ->
                assertThat(names(response.path("headers"))).as(where).contains("X-Request-Id"));
    }

    @Test
    @DisplayName("401 answers carry WWW-Authenticate, 429 the rate-limit headers, 503 Retry-After")
    void errorResponsesCarryTheirHeaders() {
        forEachResponse((where, status, response) -> {
            List<String> headers = names(response.path("headers"));
            switch (status) {
                case "401" -> assertThat(headers).as(where).contains("WWW-Authenticate");
                case "429" -> assertThat(headers).as(where).contains("Retry-After", "RateLimit-Limit",
                        "RateLimit-Remaining", "RateLimit-Reset");
                case "503" -> assertThat(headers).as(where).contains("Retry-After");
                default -> { }
            }
        });
    }

    @Test
    @DisplayName("the Problem schema follows RFC 9457 and its code lists every code of the contract")
    void problemSchemaListsEveryCode() {
        JsonNode problem = resolve(document.at("/components/schemas/Problem"));
        assertThat(names(problem.path("properties"))).contains("type", "title", "status", "detail", "code");
        JsonNode code = resolve(problem.path("properties").path("code"));
        List<String> codes = new ArrayList<>();
        code.path("enum").forEach(value -> codes.add(value.asText()));
        assertThat(codes).containsExactlyInAnyOrderElementsOf(CONTRACT_ERROR_CODES);
    }

    @Test
    @DisplayName("a submission is an NDJSON body whose line schema requires record_id, subject_type and subject_code")
    void submissionsAreNdjson() {
        JsonNode body = resolve(operations.get("POST /v1/submissions/{category}").path("requestBody"));
        assertThat(names(body.path("content"))).containsExactly("application/x-ndjson");
        JsonNode line = resolve(document.at("/components/schemas/SubmissionRecord"));
        List<String> required = new ArrayList<>();
        line.path("required").forEach(field -> required.add(field.asText()));
        assertThat(required).containsExactlyInAnyOrder("record_id", "subject_type", "subject_code");
    }

    private interface ResponseCheck {
        void check(String where, String status, JsonNode response);
    }

    private static void forEachResponse(ResponseCheck check) {
        operations.forEach((name, operation) -> {
            Iterator<Map.Entry<String, JsonNode>> responses = operation.path("responses").fields();
            assertThat(responses.hasNext()).as(name + " has responses").isTrue();
            while (responses.hasNext()) {
                Map.Entry<String, JsonNode> response = responses.next();
                check.check(name + " " + response.getKey(), response.getKey(), resolve(response.getValue()));
            }
        });
    }

    private static boolean isError(String status) {
        return status.startsWith("4") || status.startsWith("5");
    }

    /** The security requirements in force for an operation: its own, or else the document's. */
    private static List<String> effectiveSecuritySchemes(JsonNode operation) {
        JsonNode security = operation.has("security") ? operation.get("security") : document.path("security");
        List<String> schemes = new ArrayList<>();
        security.forEach(requirement -> schemes.addAll(names(requirement)));
        return schemes;
    }

    /** Follows a local {@code $ref} ("#/components/...") to what it points at. */
    private static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            String ref = current.get("$ref").asText();
            assertThat(ref).as("a local reference").startsWith("#/");
            JsonNode target = document.at(ref.substring(1));
            assertThat(target.isMissingNode()).as(ref + " resolves").isFalse();
            current = target;
        }
        return current;
    }

    private static Map<String, JsonNode> operationsOf(JsonNode root) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        root.path("paths").fields().forEachRemaining(path ->
                path.getValue().fields().forEachRemaining(entry -> {
                    if (HTTP_METHODS.contains(entry.getKey())) {
                        found.put(entry.getKey().toUpperCase() + " " + path.getKey(), entry.getValue());
                    }
                }));
        return found;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
