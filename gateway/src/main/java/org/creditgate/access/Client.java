package org.creditgate.access;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A registered client of the gateway. {@code categories} are what a provider may submit; the quota values are
 * the client's own, empty when the configured defaults apply.
 */
public record Client(String id, String name, Role role, List<String> categories,
                     OptionalInt requestsPerSecond, OptionalInt subjectsPerDay, OffsetDateTime createdAt) {

    public Client {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        categories = List.copyOf(categories);
        Objects.requireNonNull(requestsPerSecond, "requestsPerSecond");
        Objects.requireNonNull(subjectsPerDay, "subjectsPerDay");
    }

    public boolean mayCollect(String category) {
        return role == Role.PROVIDER && categories.contains(category);
    }
}
