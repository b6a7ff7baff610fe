package org.creditgate.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Defensive reading of JSON request bodies: every wrong shape is a 400 that says which member is wrong. */
public final class JsonBodies {

    /** The shipped limits, for a context the guard has not seen (it always has, on the gateway's routes). */
    private static final JsonBodyReader DEFAULT_READER = new JsonBodyReader(32, 65_536);

    private JsonBodies() {
    }

    public static JsonObject object(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && !type.toLowerCase().contains("json")) {
            throw ApiProblem.unsupportedMediaType("Send the body as application/json.");
        }
        Buffer body = ctx.body().buffer();
        JsonBodyReader reader = ctx.get(RequestGuard.JSON_READER_KEY);
        return (reader == null ? DEFAULT_READER : reader).object(body == null ? null : body.getBytes());
    }

    public static String requiredString(JsonObject body, String member, int maxLength) {
        return optionalString(body, member, maxLength)
                .orElseThrow(() -> ApiProblem.badRequest("'" + member + "' is required."));
    }

    public static Optional<String> optionalString(JsonObject body, String member, int maxLength) {
        Object value = body.getValue(member);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw ApiProblem.badRequest("'" + member + "' must be a string.");
        }
        if (text.isBlank() || text.length() > maxLength) {
            throw ApiProblem.badRequest("'" + member + "' must hold 1 to " + maxLength + " characters.");
        }
        return Optional.of(text);
    }

    public static Optional<List<String>> optionalStrings(JsonObject body, String member, int maxItems) {
        Object value = body.getValue(member);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof JsonArray array) || array.size() > maxItems) {
            throw ApiProblem.badRequest("'" + member + "' must be an array of at most " + maxItems + " strings.");
        }
        List<String> items = new ArrayList<>(array.size());
        for (Object item : array) {
            if (!(item instanceof String text) || text.isEmpty() || text.length() > 200) {
                throw ApiProblem.badRequest("'" + member + "' must be an array of non-empty strings.");
            }
            items.add(text);
        }
        return Optional.of(items);
    }

    /** A positive whole number, or empty when absent. */
    public static Optional<Integer> optionalPositiveInt(JsonObject body, String member) {
        Object value = body.getValue(member);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                || number.doubleValue() < 1 || number.doubleValue() > Integer.MAX_VALUE) {
            throw ApiProblem.badRequest("'" + member + "' must be a whole number of at least 1.");
        }
        return Optional.of(number.intValue());
    }

    public static Optional<JsonObject> optionalObject(JsonObject body, String member) {
        Object value = body.getValue(member);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof JsonObject object)) {
            throw ApiProblem.badRequest("'" + member + "' must be an object.");
        }
        return Optional.of(object);
    }
}
