package org.creditgate.reliability;

import io.vertx.core.http.HttpMethod;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.creditgate.testing.Records.orgCode;
import static org.creditgate.testing.Records.penalty;
import static org.creditgate.testing.Records.personCode;

/**
 * Generates hostile requests from a seed: every endpoint, with path parameters, query parameters, headers and
 * bodies drawn from what attackers and broken clients send (traversal, injection, NUL, invalid UTF-8, deep nesting,
 * huge numbers, wrong JSON types in every member, random bytes, empty bodies), mixed with valid values so the
 * requests get past the first check and reach the deeper ones.
 */
final class HostileRequests {

    record Request(HttpMethod method, String uri, String role, String contentType, byte[] body) {
        @Override
        public String toString() {
            String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return method + " " + (uri.length() > 300 ? uri.substring(0, 300) + "..." : uri) + " as " + role
                    + " [" + contentType + "] " + shown;
        }
    }

    static final List<String> ROLES = List.of("admin", "provider", "agency", "portal", "public", "government",
            "judicial", "none", "garbage");

    /** JSON texts (not Java values) that are wrong for almost any member. */
    private static final List<String> HOSTILE_JSON = List.of(
            "null", "true", "false", "0", "-1", "1.5", "1e308", "-1e308", "1e999999", "123456789012345678901234567890",
            "9".repeat(400), "\"\"", "\" \"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udfff\\ud800\"",
            "\"' OR '1'='1\"", "\"'; DROP TABLE record_versions; --\"", "\"../../../../etc/passwd\"",
            "\"..\\\\..\\\\windows\\\\win.ini\"", "\"%00\"", "\"<script>alert(1)</script>\"", "\"${jndi:ldap://x/a}\"",
            "\"" + "x".repeat(70_000) + "\"", "\"" + "中".repeat(3000) + "\"", "[]", "{}", "[null]", "[1,2,3]",
            "[\"\"]", "[\"\\u0000\"]", "{\"a\":1}", "[" + "[".repeat(60) + "]".repeat(60) + "]",
            "{\"a\":".repeat(60) + "1" + "}".repeat(60), "\"2026-02-30T00:00:00+08:00\"",
            "\"+999999999-12-31T23:59:59+18:00\"", "\"-999999999-01-01T00:00:00-18:00\"", "\"１２３\"",
            "\"\uD83D\uDE00\"", "\"\\n\\r\\t\"", "\"a\\\"b\"");

    private static final List<String> HOSTILE_SEGMENTS = List.of(
            "..", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "....//....//etc/passwd",
            "%252e%252e%252f", "%ff%fe", "%c0%ae%c0%ae", "%zz", "%", "%e4%b8", "'%20OR%201=1--", "1;DROP%20TABLE%20x",
            "%E4%B8%AD%E6%96%87", "%0d%0aX-Injected:%201", "a".repeat(3000), "%20", "~", "null", "-1",
            "00000000-0000-0000-0000-000000000000", "not-a-uuid", "admin_penalty", "ADMIN_PENALTY", "%3Cscript%3E",
            "91440300192203821%2A", "%F0%9F%98%80");

    private static final List<String> HOSTILE_QUERY_VALUES = List.of(
            "", "-1", "0", "99999999999999999999", "abc", "%zz", "%", "%ff", "'%20OR%201=1--", "..%2F..%2F",
            "2026-13-45", "%2B999999999-12-31T23:59:59%2B18:00", "9999-12-31T23:59:59Z", "a".repeat(2000),
            "admin_penalty,admin_penalty", ",,,", "%E4%B8%AD", "1e9", "NaN", "true");

    private final SplittableRandom random;

    HostileRequests(long seed) {
        this.random = new SplittableRandom(seed);
    }

    List<Request> generate(int count) {
        List<Request> requests = new ArrayList<>(count);
        while (requests.size() < count) {
            requests.add(next());
        }
        return requests;
    }

    private Request next() {
        return switch (random.nextInt(12)) {
            case 0, 1, 2 -> jsonRequest(HttpMethod.POST, "/v1/lookups", lookup(),
                    "agency", "government", "judicial", "public", "portal");
            case 3 -> jsonRequest(HttpMethod.POST, "/v1/authorizations", authorization(), "portal", "admin");
            case 4 -> jsonRequest(HttpMethod.POST, "/v1/objections", objection(), "portal", "admin");
            case 5 -> jsonRequest(HttpMethod.POST, "/v1/objections/" + segment() + "/resolve", resolve(), "admin");
            case 6 -> jsonRequest(HttpMethod.POST, "/admin/clients", client(), "admin");
            case 7 -> submission();
            case 8 -> new Request(HttpMethod.GET, "/v1/subjects/" + segment() + query("categories", "reason",
                    "on_behalf_of"), role("agency", "government", "judicial", "public", "portal"), null, null);
            case 9 -> new Request(HttpMethod.GET, "/v1/subjects/" + segment() + "/queries" + query("limit", "cursor",
                    "on_behalf_of"), role("portal", "admin"), null, null);
            case 10 -> new Request(HttpMethod.GET, pick(List.of("/v1/audit/collections", "/v1/audit/queries",
                    "/admin/stats/providers", "/admin/clients")) + query("provider", "client_id", "category",
                    "from", "to", "limit", "cursor", "subject"), role("admin"), null, null);
            default -> oddRequest();
        };
    }

    private Request jsonRequest(HttpMethod method, String uri, byte[] body, String... rightRoles) {
        String type = random.nextInt(10) == 0 ? pick(List.of("text/plain", "application/x-ndjson", "", "json",
                "application/json; charset=latin1", "multipart/form-data; boundary=x")) : "application/json";
        return new Request(method, uri, role(rightRoles), type, body);
    }

    private Request submission() {
        String category = random.nextInt(4) == 0 ? segment() : pick(List.of("admin_penalty", "tax_arrears",
                "admin_license", "court_judgment"));
        StringBuilder lines = new StringBuilder();
        int count = 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            Map<String, String> record = new LinkedHashMap<>();
            String code = random.nextBoolean() ? orgCode(random.nextInt(1000)) : personCode(random.nextInt(1000));
            record.put("record_id", "\"H-" + random.nextInt(1_000_000) + "\"");
            record.put("subject_type", random.nextBoolean() ? "\"org\"" : "\"person\"");
            record.put("subject_code", "\"" + code + "\"");
            record.put("action", pick(List.of("\"upsert\"", "\"revoke\"", "\"repair\"")));
            record.put("data", penalty("x", code, "2025-05-01").getJsonObject("data").encode());
            lines.append(mutate(record)).append(random.nextInt(5) == 0 ? "\r\n" : "\n");
        }
        byte[] body = random.nextInt(6) == 0 ? randomBytes() : lines.toString().getBytes(StandardCharsets.UTF_8);
        String type = random.nextInt(8) == 0 ? "application/json" : "application/x-ndjson";
        return new Request(HttpMethod.POST, "/v1/submissions/" + category, role("provider"), type, body);
    }

    /** Methods that no route takes, paths that do not exist, bodies where none is expected. */
    private Request oddRequest() {
        HttpMethod method = pick(List.of(HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS,
                HttpMethod.GET, HttpMethod.POST, HttpMethod.HEAD));
        String uri = pick(List.of("/", "/v1", "/v1/", "/admin", "/v1/catalog", "/health/live", "/metrics",
                "/openapi.yaml", "/v1/lookups", "/v1/subjects", "/v1/authorizations/" + segment(),
                "/admin/clients/" + segment() + "/keys", "/" + segment() + "/" + segment(), "/v1/../admin/clients",
                "/v1/%2e%2e/admin/clients", "//v1//lookups", "/v1/catalog/../../etc/passwd"));
        byte[] body = random.nextBoolean() ? randomBytes() : null;
        return new Request(method, uri + query("x", "limit"), role(), random.nextBoolean() ? "application/json" : null,
                body);
    }

    private byte[] lookup() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("subjects", "[\"" + orgCode(random.nextInt(100)) + "\",\"" + personCode(random.nextInt(100)) + "\"]");
        body.put("categories", "[\"admin_penalty\"]");
        body.put("reason", "\"贷款审查\"");
        if (random.nextBoolean()) {
            body.put("on_behalf_of", "\"" + orgCode(1) + "\"");
        }
        return body(body);
    }

    private byte[] authorization() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("subject_code", "\"" + personCode(random.nextInt(100)) + "\"");
        body.put("grantee", "\"hostile-agency\"");
        body.put("categories", "[\"utility_arrears\"]");
        body.put("expires_at", "\"2030-01-01T00:00:00+08:00\"");
        body.put("evidence", "\"签字授权书\"");
        return body(body);
    }

    private byte[] objection() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("subject_code", "\"" + orgCode(random.nextInt(100)) + "\"");
        body.put("category", "\"admin_penalty\"");
        body.put("record_id", "\"H-1\"");
        body.put("reason", "\"记录有误\"");
        return body(body);
    }

    private byte[] resolve() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("outcome", pick(List.of("\"upheld\"", "\"corrected\"", "\"deleted\"")));
        return body(body);
    }

    private byte[] client() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("id", "\"h-" + random.nextInt(1_000_000_000) + "\"");
        body.put("name", "\"某单位\"");
        String role = pick(List.of("provider", "agency", "public", "portal"));
        body.put("role", "\"" + role + "\"");
        if (role.equals("provider")) {
            body.put("categories", "[\"admin_penalty\"]");
        }
        body.put("quota", "{\"requests_per_second\":5,\"subjects_per_day\":100}");
        return body(body);
    }

    /** A body from valid members, mutated one of several ways, or not JSON at all. */
    private byte[] body(Map<String, String> members) {
        int how = random.nextInt(20);
        if (how == 0) {
            return randomBytes();
        }
        if (how == 1) {
            return new byte[0];
        }
        if (how == 2) {
            // invalid UTF-8 inside an otherwise valid body
            byte[] valid = render(members).getBytes(StandardCharsets.UTF_8);
            int at = random.nextInt(valid.length);
            valid[at] = (byte) (int) pick(List.of(0xff, 0xc0, 0x80, 0xed, 0xf8));
            return valid;
        }
        if (how == 3) {
            return pick(List.of("[]", "null", "\"text\"", "42", "{", "}", "{\"a\":}", "{,}", "{\"a\":1,}",
                    "[" .repeat(5000), "{\"subjects\":[\"x\"]} {}", "\uFEFF{}")).getBytes(StandardCharsets.UTF_8);
        }
        return mutate(members).getBytes(StandardCharsets.UTF_8);
    }

    private String mutate(Map<String, String> members) {
        Map<String, String> mutated = new LinkedHashMap<>(members);
        List<String> names = new ArrayList<>(mutated.keySet());
        int changes = 1 + random.nextInt(2);
        for (int i = 0; i < changes; i++) {
            switch (random.nextInt(4)) {
                case 0 -> mutated.remove(pick(names));
                case 1 -> mutated.put(pick(List.of("unknown", "__proto__", "constructor", "\\u0000", "", "a\"b",
                        "subjects ", "ＳＵＢＪＥＣＴＳ")), pick(HOSTILE_JSON));
                default -> mutated.put(pick(names), pick(HOSTILE_JSON));
            }
        }
        return render(mutated);
    }

    private static String render(Map<String, String> members) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, String> member : members.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(member.getKey()).append("\":").append(member.getValue());
        }
        return out.append('}').toString();
    }

    private String segment() {
        return random.nextInt(5) == 0 ? pick(List.of(orgCode(random.nextInt(100)), personCode(random.nextInt(100))))
                : pick(HOSTILE_SEGMENTS);
    }

    private String query(String... names) {
        if (random.nextInt(3) == 0) {
            return "";
        }
        StringBuilder query = new StringBuilder("?");
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                query.append('&');
            }
            query.append(random.nextInt(8) == 0 ? pick(HOSTILE_SEGMENTS) : pick(List.of(names)))
                    .append('=').append(pick(HOSTILE_QUERY_VALUES));
        }
        return query.toString();
    }

    private String role() {
        return pick(ROLES);
    }

    /** Mostly a role that may call the endpoint, so the request reaches the checks behind authorization. */
    private String role(String... rightRoles) {
        return random.nextInt(5) == 0 ? role() : pick(List.of(rightRoles));
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(2000)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
