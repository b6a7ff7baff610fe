package org.creditgate.access;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a client is to the platform (API.md, "Roles"); it decides which routes it may call and what it sees. */
public enum Role {
    /** 信源单位: submits records of its own categories. */
    PROVIDER("provider"),
    /** the credit website: public fields, desensitised. */
    PUBLIC("public"),
    /** 政务共享 users: public and shared fields, with a reason. */
    GOVERNMENT("government"),
    /** 信用服务机构: the bulk data port; authorized fields with the subject's authorization. */
    AGENCY("agency"),
    /** 司法机关: every class, archived records too. */
    JUDICIAL("judicial"),
    /** the self-service portal acting for one verified subject. */
    PORTAL("portal"),
    /** the platform operator. */
    ADMIN("admin");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Role> fromWire(String value) {
        for (Role role : values()) {
            if (role.wireName.equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Role::wireName).toList();
    }
}
