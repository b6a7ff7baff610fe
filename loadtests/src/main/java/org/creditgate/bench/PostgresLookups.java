package org.creditgate.bench;

import org.creditgate.config.DatabaseUrl;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor to compare cold lookups with: the gateway's own query for the current records of a set of subjects
 * ({@code DisclosureQueries}' CURRENT, copied here as is), sent straight to PostgreSQL over JDBC by as many
 * connections as the gateway had concurrent lookups, every column of every row read. The driver takes the values
 * as the bytes the server sent (no decoding into strings): it shares the cores with PostgreSQL, and the baseline is
 * what PostgreSQL can serve, not what a client can make of it.
 */
final class PostgresLookups implements AutoCloseable {

    static final String CURRENT = """
            SELECT DISTINCT ON (provider, category, record_id)
                   provider, category, record_id, version, action, subject_type, subject_code, data::text AS data,
                   period_start, period_end, created_at
            FROM record_versions
            WHERE subject_code = ANY($1)
            ORDER BY provider, category, record_id, version DESC
            """.replace("$1", "?");
    private static final int COLUMNS = 11;

    private final SubjectPopulation population;
    private final List<Connection> connections = new ArrayList<>();
    private final List<PreparedStatement> statements = new ArrayList<>();

    PostgresLookups(DatabaseUrl database, int connections, SubjectPopulation population) throws SQLException {
        this.population = population;
        for (int i = 0; i < connections; i++) {
            Connection connection = BenchPostgres.connect(database);
            this.connections.add(connection);
            statements.add(connection.prepareStatement(CURRENT));
        }
    }

    /** Queries every set once; each answer must hold exactly the records the data set gives its subjects. */
    ClosedLoop.Outcome run(SubjectSets sets) throws Exception {
        return ClosedLoop.run(connections.size(), sets, Duration.ofHours(1), this::query);
    }

    private long query(int worker, int[] subjects) throws SQLException {
        String[] codes = new String[subjects.length];
        long expected = 0;
        for (int i = 0; i < subjects.length; i++) {
            codes[i] = population.code(subjects[i]);
            expected += SubjectPopulation.recordCount(subjects[i]);
        }
        PreparedStatement statement = statements.get(worker);
        Array array = connections.get(worker).createArrayOf("text", codes);
        statement.setArray(1, array);
        long rows = 0;
        long bytes = 0;
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                for (int column = 1; column <= COLUMNS; column++) {
                    byte[] value = rs.getBytes(column);
                    bytes += value == null ? 0 : value.length;
                }
                rows++;
            }
        }
        if (rows != expected || bytes < rows * 100) {
            throw new IllegalStateException("PostgreSQL answered " + rows + " rows for " + subjects.length
                    + " subjects, expected " + expected);
        }
        return rows;
    }

    @Override
    public void close() throws SQLException {
        for (Connection connection : connections) {
            connection.close();
        }
    }
}
