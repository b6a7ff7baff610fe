package org.creditgate.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The chain check over plain JDBC, for the offline {@code verify-log} command: no gateway, no Vert.x. Entries
 * stream through a server-side cursor, {@link ChainSql#PAGE} rows at a time; checkpoints are read as the entries
 * reach them.
 */
public final class JdbcChainCheck {

    private JdbcChainCheck() {
    }

    public static VerifyResult verify(Connection connection, Collection<byte[]> trustedKeys) throws SQLException {
        ChainVerifier verifier = new ChainVerifier(trustedKeys);
        boolean autoCommit = connection.getAutoCommit();
        // a cursor needs a transaction; the snapshot makes entries, checkpoints and head agree
        connection.setAutoCommit(false);
        try {
            try (Statement snapshot = connection.createStatement()) {
                snapshot.execute(ChainSql.SNAPSHOT);
            }
            try (Statement statement = connection.createStatement();
                 ResultSet anchors = statement.executeQuery(ChainSql.ANCHOR)) {
                ResultSetColumns columns = new ResultSetColumns(anchors);
                while (anchors.next()) {
                    verifier.anchor(columns.checkpoint());
                }
            }
            try (PreparedStatement entries = connection.prepareStatement(ChainSql.ENTRIES,
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                 PreparedStatement checkpoints = connection.prepareStatement(
                         ChainSql.jdbc(ChainSql.CHECKPOINTS_BETWEEN))) {
                entries.setFetchSize(ChainSql.PAGE);
                long checkpointsThrough = verifier.anchorSeq();
                try (ResultSet rows = entries.executeQuery()) {
                    ResultSetColumns columns = new ResultSetColumns(rows);
                    while (rows.next()) {
                        ChainEntry entry = columns.entry();
                        if (entry.seq() != null && entry.seq() > checkpointsThrough) {
                            long upTo = ChainSql.windowEnd(entry.seq());
                            expectCheckpoints(checkpoints, verifier, checkpointsThrough, upTo);
                            checkpointsThrough = upTo;
                        }
                        verifier.entry(entry);
                    }
                }
                expectCheckpoints(checkpoints, verifier, checkpointsThrough, Long.MAX_VALUE);
            }
            ChainHead head = null;
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(ChainSql.HEAD)) {
                if (rows.next()) {
                    head = new ChainHead(rows.getLong("seq"), rows.getBytes("hash"));
                }
            }
            return verifier.finish(head);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void expectCheckpoints(PreparedStatement checkpoints, ChainVerifier verifier, long after,
                                          long upTo) throws SQLException {
        if (upTo <= after) {
            return;
        }
        checkpoints.setLong(1, after);
        checkpoints.setLong(2, upTo);
        try (ResultSet rows = checkpoints.executeQuery()) {
            ResultSetColumns columns = new ResultSetColumns(rows);
            while (rows.next()) {
                verifier.expect(columns.checkpoint());
            }
        }
    }

    private record ResultSetColumns(ResultSet rows) implements LogColumns {

        @Override
        public String text(String column) {
            try {
                return rows.getString(column);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Long number(String column) {
            try {
                long value = rows.getLong(column);
                return rows.wasNull() ? null : value;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public OffsetDateTime time(String column) {
            try {
                return rows.getObject(column, OffsetDateTime.class);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<String> texts(String column) {
            try {
                Array array = rows.getArray(column);
                return array == null ? null : Arrays.asList((String[]) array.getArray());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public byte[] bytes(String column) {
            try {
                return rows.getBytes(column);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
