package org.creditgate.http;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

/** Tells a database that cannot be reached (503, try again) from a bug (500). */
final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /**
     * Class 22 (data exception: a value PostgreSQL cannot hold or convert) comes from what the client sent; input
     * checks should have caught it first, but if one did not, it is still the client's 400, not a 500.
     */
    static boolean isBadData(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = sqlState(t);
            if (state != null) {
                return state.startsWith("22");
            }
        }
        return false;
    }

    static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = sqlState(t);
            if (state != null) {
                // 08: connection exception, 53: insufficient resources, 57P: operator intervention (shutdown),
                // 57014: cancelled by statement_timeout, 25P03: idle transaction timed out
                return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                        || state.equals("57014") || state.equals("25P03");
            }
            // the writer connections' pool found no connection in time (its own exception carries no state)
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            // a socket to the database broken under a query (broken pipe, reset) surfaces as a plain IOException
            if (t instanceof java.io.IOException || t instanceof ConnectException || t instanceof TimeoutException
                    || t instanceof io.netty.channel.ConnectTimeoutException
                    || t.getClass().getName().startsWith("io.vertx.sqlclient")
                    || t.getClass().getName().equals("io.vertx.core.http.ConnectionPoolTooBusyException")) {
                return true;
            }
            if (t instanceof VertxException && t.getMessage() != null
                    && (t.getMessage().contains("Connection refused") || t.getMessage().contains("closed")
                    || t.getMessage().contains("Timeout"))) {
                return true;
            }
        }
        return false;
    }

    /** The SQLSTATE PostgreSQL gave, through the reactive client or the JDBC driver; null when none. */
    private static String sqlState(Throwable t) {
        if (t instanceof PgException pg) {
            return pg.getSqlState();
        }
        return t instanceof SQLException sql ? sql.getSQLState() : null;
    }
}
