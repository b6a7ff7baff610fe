package org.creditgate.http;

import java.util.Map;

/**
 * A failure the client should hear about, rendered as {@code application/problem+json} (RFC 9457) with one of
 * the contract's upper-case codes. The detail is written for the client: never exception text, SQL or another
 * party's data.
 */
public final class ApiProblem extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final Map<String, String> headers;

    public ApiProblem(int status, String code, String title, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.headers = Map.copyOf(headers);
    }

    public ApiProblem(int status, String code, String title, String detail) {
        this(status, code, title, detail, Map.of());
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "BAD_REQUEST", "Bad request", detail);
    }

    public static ApiProblem badRequest(String code, String detail) {
        return new ApiProblem(400, code, "Bad request", detail);
    }

    public static ApiProblem unauthenticated(String detail) {
        return new ApiProblem(401, "UNAUTHENTICATED", "Unauthenticated", detail,
                Map.of("WWW-Authenticate", "Bearer realm=\"creditgate\""));
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "FORBIDDEN", "Forbidden", detail);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "NOT_FOUND", "Not found", detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "CONFLICT", "Conflict", detail);
    }

    public static ApiProblem unsupportedMediaType(String detail) {
        return new ApiProblem(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type", detail);
    }

    public static ApiProblem unavailable(String detail) {
        return new ApiProblem(503, "UNAVAILABLE", "Service unavailable", detail, Map.of("Retry-After", "2"));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, String> headers() {
        return headers;
    }
}
