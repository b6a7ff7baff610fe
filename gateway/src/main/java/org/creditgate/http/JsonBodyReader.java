package org.creditgate.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON request body within the configured limits: nesting depth, string and member-name length, number
 * length. Every way a body can be wrong (not JSON, not UTF-8, duplicate members, trailing data, NUL characters or
 * unpaired surrogates in a string, too deep, too long) is a 400 that says which; nothing else escapes.
 */
public final class JsonBodyReader {

    /** Digits in one number: far beyond any quota or count, far below what makes arithmetic on it costly. */
    private static final int MAX_NUMBER_CHARS = 100;

    private final ObjectMapper mapper;
    private final int maxDepth;
    private final int maxStringChars;

    public JsonBodyReader(int maxDepth, int maxStringChars) {
        this.maxDepth = maxDepth;
        this.maxStringChars = maxStringChars;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .maxStringLength(maxStringChars)
                        .maxNameLength(maxStringChars)
                        .maxNumberLength(MAX_NUMBER_CHARS)
                        .build())
                .build();
        this.mapper = new ObjectMapper(factory)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The body as a JSON object, or an {@link ApiProblem} (400) saying why it is not an acceptable one. */
    public JsonObject object(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiProblem.badRequest("The request needs a JSON object body.");
        }
        Object parsed;
        try {
            parsed = mapper.readValue(body, Object.class);
        } catch (StreamConstraintsException e) {
            throw ApiProblem.badRequest("The body exceeds a JSON limit: at most " + maxDepth
                    + " levels of nesting, " + maxStringChars + " characters per string and "
                    + MAX_NUMBER_CHARS + " digits per number.");
        } catch (IOException | RuntimeException e) {
            // the parser's message names positions and tokens of the caller's own body; it is not echoed
            throw ApiProblem.badRequest("The body is not valid JSON in UTF-8.");
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw ApiProblem.badRequest("The body must be a JSON object.");
        }
        checkStrings(map);
        @SuppressWarnings("unchecked")
        Map<String, Object> members = (Map<String, Object>) map;
        return new JsonObject(members);
    }

    /** NUL and lone surrogates are valid JSON escapes but not text PostgreSQL (or anyone downstream) can hold. */
    private static void checkStrings(Object value) {
        if (value instanceof String text) {
            checkText(text);
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                checkText((String) entry.getKey());
                checkStrings(entry.getValue());
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                checkStrings(item);
            }
        }
    }

    private static void checkText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw ApiProblem.badRequest("Strings in the body must not contain NUL characters.");
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    throw ApiProblem.badRequest("Strings in the body must not contain unpaired surrogates.");
                }
                i++;
            }
        }
    }
}
