package org.creditgate.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A PostgreSQL location given as {@code postgresql://user:pass@host:port/db}. The password is kept out of
 * {@link #toString()} so the URL can be logged.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password) {

    /** Parses a URL, or explains what is wrong with it. */
    public static DatabaseUrl parse(String text) {
        String rest;
        if (text.startsWith("postgresql://")) {
            rest = text.substring("postgresql://".length());
        } else if (text.startsWith("postgres://")) {
            rest = text.substring("postgres://".length());
        } else {
            throw new IllegalArgumentException("must start with postgresql://");
        }
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        int slash = rest.indexOf('/');
        if (slash < 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException("must name a database: postgresql://user:pass@host:port/db");
        }
        String authority = rest.substring(0, slash);
        String database = decode(rest.substring(slash + 1));
        String user = "postgres";
        String password = "";
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo);
            password = colon >= 0 ? decode(userInfo.substring(colon + 1)) : "";
        }
        String host = authority;
        int port = 5432;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && !authority.endsWith("]")) {
            host = authority.substring(0, colon);
            try {
                port = Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("has a port that is not a number");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("has a port outside 1-65535");
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("must name a host");
        }
        if (user.isEmpty()) {
            throw new IllegalArgumentException("must name a user");
        }
        return new DatabaseUrl(host, port, database, user, password);
    }

    public static Optional<DatabaseUrl> parseOptional(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(parse(text.trim()));
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
