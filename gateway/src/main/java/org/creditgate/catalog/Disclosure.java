package org.creditgate.catalog;

import java.util.Optional;

/**
 * A data item's disclosure class (公开 / 共享 / 查询). It is also the name of an audience:
 * {@code public} callers, {@code shared} government users, {@code authorized} agencies holding the
 * subject's authorization.
 */
public enum Disclosure {
    /** 社会公开: anyone. */
    PUBLIC("public"),
    /** 政务共享: government users, for their duties. */
    SHARED("shared"),
    /** 授权查询: only with the subject's authorization. */
    AUTHORIZED("authorized");

    private final String wireName;

    Disclosure(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Disclosure> fromWire(String value) {
        for (Disclosure d : values()) {
            if (d.wireName.equals(value)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
