package org.creditgate.access;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/** A client as the operator registers it, before it has a key. */
public record NewClient(String id, String name, Role role, List<String> categories,
                        OptionalInt requestsPerSecond, OptionalInt subjectsPerDay) {

    public NewClient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        categories = List.copyOf(categories);
        Objects.requireNonNull(requestsPerSecond, "requestsPerSecond");
        Objects.requireNonNull(subjectsPerDay, "subjectsPerDay");
    }
}
