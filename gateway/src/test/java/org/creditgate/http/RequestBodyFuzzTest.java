package org.creditgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.creditgate.access.NewClient;
import org.creditgate.catalog.Catalog;
import org.creditgate.catalog.CatalogLoader;
import org.creditgate.disclose.LookupRequest;
import org.creditgate.testing.RunningGateway;
import org.creditgate.testing.Records;

/**
 * Every JSON request body the gateway reads, through the reader and the endpoint's parser, exactly as a request
 * takes them: whatever the bytes, the outcome is a parsed request that keeps the endpoint's promises, or an
 * {@link ApiProblem} with a 4xx status, a contract-style code and a detail free of exception text. Any other
 * exception fails. Runs its seed corpus (RequestBodyFuzzTestInputs/) in every build; set JAZZER_FUZZ=1 to fuzz.
 *
 * <p>The input's last byte chooses the shape: odd, the rest is the body as is; even, the rest drives a generator
 * of JSON objects with the endpoint's member names and values of every type, so the fuzzer reaches the checks of
 * each member rather than stopping at the JSON syntax.
 */
class RequestBodyFuzzTest {

    private static final int MAX_DEPTH = 32;
    private static final int MAX_STRING = 65_536;
    private static final JsonBodyReader READER = new JsonBodyReader(MAX_DEPTH, MAX_STRING);
    private static final Catalog CATALOG = CatalogLoader.load(RunningGateway.projectRoot().resolve("config/catalog"));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-15T00:00:00Z"), ZoneOffset.UTC);
    private static final int MAX_SUBJECTS = 1000;
    private static final LookupHandler LOOKUPS = new LookupHandler(null, null, CATALOG, MAX_SUBJECTS, 100, null, null);
    private static final ConsentHandler CONSENTS = new ConsentHandler(null, CATALOG, CLOCK);
    private static final ClientsHandler CLIENTS = new ClientsHandler(null, CATALOG, null);

    @FuzzTest
    void lookupBodies(FuzzedDataProvider data) {
        LookupRequest request = parse(data, List.of("subjects", "categories", "reason", "on_behalf_of"),
                LOOKUPS::parse);
        if (request != null) {
            assertThat(request.subjects()).isNotEmpty().hasSizeLessThanOrEqualTo(MAX_SUBJECTS)
                    .allSatisfy(code -> assertThat(code.length()).isLessThanOrEqualTo(64));
            request.categories().ifPresent(ids -> assertThat(ids).allSatisfy(id ->
                    assertThat(CATALOG.category(id)).isPresent()));
            if (request.reason() != null) {
                assertThat(request.reason()).isNotBlank().hasSizeLessThanOrEqualTo(500);
            }
        }
    }

    @FuzzTest
    void authorizationBodies(FuzzedDataProvider data) {
        ConsentHandler.Grant grant = parse(data, List.of("subject_code", "grantee", "categories", "expires_at",
                "evidence"), CONSENTS::parseGrant);
        if (grant != null) {
            assertThat(isSubjectCode(grant.subject())).isTrue();
            assertThat(grant.grantee()).isNotBlank().hasSizeLessThanOrEqualTo(64);
            assertThat(grant.expiresAt().toInstant()).isAfter(CLOCK.instant());
            assertThat(grant.categories()).allSatisfy(id -> assertThat(CATALOG.category(id)).isPresent());
        }
    }

    @FuzzTest
    void objectionBodies(FuzzedDataProvider data) {
        ConsentHandler.Objection objection = parse(data, List.of("subject_code", "category", "record_id", "reason"),
                CONSENTS::parseObjection);
        if (objection != null) {
            assertThat(isSubjectCode(objection.subject())).isTrue();
            assertThat(CATALOG.category(objection.category())).isPresent();
            assertThat(objection.recordId()).isNotBlank().hasSizeLessThanOrEqualTo(128);
            assertThat(objection.reason()).isNotBlank().hasSizeLessThanOrEqualTo(2000);
        }
    }

    @FuzzTest
    void resolutionBodies(FuzzedDataProvider data) {
        String outcome = parse(data, List.of("outcome"), ConsentHandler::parseOutcome);
        if (outcome != null) {
            assertThat(outcome).isIn("upheld", "corrected", "deleted");
        }
    }

    @FuzzTest
    void clientBodies(FuzzedDataProvider data) {
        NewClient client = parse(data, List.of("id", "name", "role", "categories", "quota",
                "requests_per_second", "subjects_per_day"), CLIENTS::parse);
        if (client != null) {
            assertThat(client.id()).matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
            assertThat(client.name()).isNotBlank();
            assertThat(client.role()).isNotNull();
            assertThat(client.categories()).doesNotHaveDuplicates()
                    .allSatisfy(id -> assertThat(CATALOG.category(id)).isPresent());
            client.requestsPerSecond().ifPresent(rps -> assertThat(rps).isPositive());
            client.subjectsPerDay().ifPresent(spd -> assertThat(spd).isPositive());
        }
    }

    /**
     * Reads the input as the body of a request to one endpoint; the parsed request, or null when the body was
     * refused with a proper 4xx problem.
     */
    private static <T> T parse(FuzzedDataProvider data, List<String> members, Function<JsonObject, T> parser) {
        boolean raw = (data.consumeByte() & 1) == 1;
        byte[] body = raw ? data.consumeRemainingAsBytes()
                : FuzzJson.object(data, members).getBytes(StandardCharsets.UTF_8);
        try {
            JsonObject object = READER.object(body);
            T parsed = parser.apply(object);
            assertThat(parsed).isNotNull();
            return parsed;
        } catch (ApiProblem problem) {
            assertThat(problem.status()).isBetween(400, 499);
            assertThat(problem.code()).matches("[A-Z][A-Z_]+");
            assertThat(problem.detail()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
            return null;
        }
    }

    private static boolean isSubjectCode(String code) {
        return org.creditgate.disclose.LookupService.subjectType(code).isPresent();
    }

    /** JSON text of objects with given member names and values of every type, driven by the fuzzer. */
    static final class FuzzJson {

        private static final List<String> SAMPLES = List.of(Records.orgCode(1), Records.personCode(1),
                "admin_penalty", "utility_arrears", "agency-1", "2027-01-01T00:00:00+08:00", "upheld", "agency",
                "provider", "贷款审查", "' OR 1=1--", "../../etc/passwd", "\\u0000", "\\ud800", "１２３");

        private FuzzJson() {
        }

        static String object(FuzzedDataProvider data, List<String> names) {
            StringBuilder out = new StringBuilder("{");
            int members = data.consumeInt(0, names.size() + 1);
            for (int i = 0; i < members; i++) {
                if (i > 0) {
                    out.append(',');
                }
                String name = data.consumeInt(0, 9) == 0 ? escape(data.consumeString(12))
                        : names.get(data.consumeInt(0, names.size() - 1));
                out.append('"').append(name).append("\":");
                value(data, out, names, 0);
            }
            return out.append('}').toString();
        }

        private static void value(FuzzedDataProvider data, StringBuilder out, List<String> names, int depth) {
            switch (data.consumeInt(0, depth > 3 ? 7 : 9)) {
                case 0 -> out.append("null");
                case 1 -> out.append(data.consumeBoolean());
                case 2 -> out.append(data.consumeLong());
                case 3 -> out.append(data.consumeRegularDouble());
                case 4 -> out.append('"').append(SAMPLES.get(data.consumeInt(0, SAMPLES.size() - 1))).append('"');
                case 5, 6 -> out.append('"').append(escape(data.consumeString(80))).append('"');
                case 7 -> out.append(data.consumeInt(-3, 100_000));
                case 8 -> {
                    out.append('[');
                    int items = data.consumeInt(0, 4);
                    for (int i = 0; i < items; i++) {
                        if (i > 0) {
                            out.append(',');
                        }
                        value(data, out, names, depth + 1);
                    }
                    out.append(']');
                }
                default -> out.append(object(data, names));
            }
        }

        private static String escape(String text) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20 || Character.isSurrogate(c)) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}
