package org.creditgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads typed settings out of a parsed YAML tree by dotted name ({@code http.port}), records every
 * problem instead of stopping at the first, and reports settings nobody asked for (typos).
 */
final class SettingsReader {

    private final JsonNode root;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> known = new HashSet<>();

    SettingsReader(JsonNode root) {
        this.root = root == null ? MissingNode.getInstance() : root;
    }

    int integer(String name, int defaultValue, int min, int max) {
        JsonNode node = node(name);
        if (node.isMissingNode() || node.isNull()) {
            return defaultValue;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            problem(name, "must be a whole number between " + min + " and " + max);
            return defaultValue;
        }
        return bounded(name, node.intValue(), min, max, defaultValue);
    }

    /** A whole number given as text, e.g. by an environment variable. */
    int integer(String name, String text, int min, int max, int defaultValue) {
        known.add(name);
        try {
            return bounded(name, Integer.parseInt(text.trim()), min, max, defaultValue);
        } catch (NumberFormatException e) {
            problem(name, "must be a whole number between " + min + " and " + max + ", got '" + text + "'");
            return defaultValue;
        }
    }

    private int bounded(String name, int value, int min, int max, int defaultValue) {
        if (value < min || value > max) {
            problem(name, "must be between " + min + " and " + max + ", got " + value);
            return defaultValue;
        }
        return value;
    }

    double decimal(String name, double defaultValue, double min, double max) {
        JsonNode node = node(name);
        if (node.isMissingNode() || node.isNull()) {
            return defaultValue;
        }
        if (!node.isNumber() || node.doubleValue() < min || node.doubleValue() > max) {
            problem(name, "must be a number between " + min + " and " + max);
            return defaultValue;
        }
        return node.doubleValue();
    }

    boolean bool(String name, boolean defaultValue) {
        JsonNode node = node(name);
        if (node.isMissingNode() || node.isNull()) {
            return defaultValue;
        }
        if (!node.isBoolean()) {
            problem(name, "must be true or false");
            return defaultValue;
        }
        return node.booleanValue();
    }

    String string(String name, String defaultValue) {
        JsonNode node = node(name);
        if (node.isMissingNode() || node.isNull()) {
            return defaultValue;
        }
        if (!node.isTextual()) {
            problem(name, "must be a string");
            return defaultValue;
        }
        return node.textValue();
    }

    <E extends Enum<E>> E choice(String name, Class<E> type, E defaultValue) {
        String text = string(name, null);
        if (text == null) {
            return defaultValue;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.name().toLowerCase());
        }
        problem(name, "must be one of " + String.join(", ", allowed) + ", got '" + text + "'");
        return defaultValue;
    }

    void problem(String name, String what) {
        problems.add("'" + name + "' " + what);
    }

    /** Every problem found, including settings present in the file that no reader asked for. */
    List<String> problems() {
        List<String> all = new ArrayList<>(problems);
        collectUnknown(root, "", all);
        return all;
    }

    private void collectUnknown(JsonNode node, String prefix, List<String> out) {
        if (!node.isObject()) {
            return;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            String full = prefix.isEmpty() ? key : prefix + "." + key;
            JsonNode child = node.get(key);
            if (known.contains(full)) {
                continue;
            }
            if (child.isObject() && known.stream().anyMatch(k -> k.startsWith(full + "."))) {
                collectUnknown(child, full, out);
            } else {
                out.add("'" + full + "' is not a known setting");
            }
        }
    }

    private JsonNode node(String name) {
        known.add(name);
        JsonNode node = root;
        for (String part : name.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }
}
