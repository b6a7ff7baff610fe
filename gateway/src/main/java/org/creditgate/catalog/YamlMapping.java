package org.creditgate.catalog;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A YAML mapping of the catalog with a fixed set of keys. Unknown keys are reported at once, with the closest known
 * key when it looks like a typo: a misspelt {@code requird: true} would otherwise silently make a field optional.
 * The getters report values of the wrong shape and return empty for them, so reading goes on and finds more problems.
 */
final class YamlMapping {

    private final JsonNode node;
    private final Problems problems;

    YamlMapping(JsonNode node, List<String> knownKeys, Problems problems) {
        this.node = node;
        this.problems = problems;
        for (String key : (Iterable<String>) () -> node.fieldNames()) {
            if (!knownKeys.contains(key)) {
                problems.add("unknown key '" + key + "' " + hint(key, knownKeys));
            }
        }
    }

    /** YAML's own name for a node's shape, for messages such as "expected a mapping, found a list". */
    static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isBoolean()) {
            return "a boolean (" + node.asText() + ")";
        }
        if (node.isNumber()) {
            return "a number (" + node.asText() + ")";
        }
        return "'" + node.asText() + "'";
    }

    /** A scalar as written ('stars'), for "unknown ..." messages; anything else described. */
    static String quote(JsonNode node) {
        return node.isValueNode() ? "'" + node.asText() + "'" : describe(node);
    }

    boolean has(String key) {
        return value(key).isPresent();
    }

    /** The raw value; empty when the key is absent or null ({@code key:} or {@code key: ~}). */
    Optional<JsonNode> value(String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    /** A single value as text; blank counts as absent. Numbers and booleans are taken as written. */
    Optional<String> text(String key) {
        Optional<JsonNode> value = value(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get().isContainerNode()) {
            problems.add(key + " must be a single value, not " + describe(value.get()));
            return Optional.empty();
        }
        String text = value.get().asText().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    Optional<String> requiredText(String key) {
        Optional<String> text = text(key);
        if (text.isEmpty() && !isContainer(key)) {
            problems.add("missing '" + key + "'");
        }
        return text;
    }

    Optional<Boolean> bool(String key) {
        Optional<JsonNode> value = value(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.get().isBoolean()) {
            problems.add(key + " must be true or false, not " + describe(value.get()));
            return Optional.empty();
        }
        return Optional.of(value.get().booleanValue());
    }

    /** A list; a single value where a list belongs is reported rather than guessed into a one-element list. */
    Optional<List<JsonNode>> list(String key) {
        Optional<JsonNode> value = value(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.get().isArray()) {
            problems.add(key + " must be a list, not " + describe(value.get()));
            return Optional.empty();
        }
        List<JsonNode> items = new ArrayList<>();
        value.get().forEach(items::add);
        return Optional.of(items);
    }

    private boolean isContainer(String key) {
        return value(key).map(JsonNode::isContainerNode).orElse(false);
    }

    private static String hint(String key, List<String> knownKeys) {
        String closest = null;
        int best = Integer.MAX_VALUE;
        for (String known : knownKeys) {
            int distance = editDistance(key, known);
            if (distance < best) {
                best = distance;
                closest = known;
            }
        }
        if (closest != null && best <= 2) {
            return "(did you mean '" + closest + "'?)";
        }
        return "(expected one of " + String.join(", ", knownKeys) + ")";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
