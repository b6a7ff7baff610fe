package org.creditgate.audit;

import org.creditgate.config.DatabaseUrl;
import org.creditgate.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

class ScratchPerfTest {
    @Test
    void perf() throws Exception {
        DatabaseUrl url = TestPostgres.freshDatabase();
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password()); Statement s = c.createStatement()) {
            String insert = "INSERT INTO query_log (query_id, client_id, role, channel, reason, subjects, categories) "
                + "SELECT gen_random_uuid(), 'c', 'agency', 'batch', 'r', ARRAY['914403001922038216'], ARRAY['admin_penalty'] FROM generate_series(1, %d)";
            for (String mode : List.of("chain", "plain", "chain")) {
                if (mode.equals("plain")) s.execute("ALTER TABLE query_log DISABLE TRIGGER USER");
                else s.execute("ALTER TABLE query_log ENABLE TRIGGER USER");
                for (int batch : List.of(1, 500, 2000)) {
                    double best = Double.MAX_VALUE;
                    for (int rep = 0; rep < 7; rep++) {
                        String sql = mode.equals("plain")
                            ? insert.formatted(batch).replace("(query_id,", "(seq, prev_hash, hash, query_id,").replace("SELECT gen_random_uuid()", "SELECT -nextval('query_log_id_seq'), '\\x00', '\\x00', gen_random_uuid()")
                            : insert.formatted(batch);
                        long t = System.nanoTime();
                        s.execute(sql);
                        best = Math.min(best, (System.nanoTime() - t) / 1e6);
                    }
                    System.out.printf("%s batch %d: best %.2f ms = %.1f us/row%n", mode, batch, best, best * 1000 / batch);
                }
            }
        }
    }
}
