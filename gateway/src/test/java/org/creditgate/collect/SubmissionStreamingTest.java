package org.creditgate.collect;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import org.creditgate.config.DatabaseUrl;
import org.creditgate.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.Records.ndjson;
import static org.creditgate.testing.Records.orgCode;
import static org.creditgate.testing.Records.penalty;

@DisplayName("Streaming submissions: size, broken connections, change announcements")
class SubmissionStreamingTest {

    private static RunningGateway gateway;
    private static String provider;

    /** Small batches, so that a break after 3,000 of 5,000 records comes after some of them have committed. */
    private static final int BATCH_SIZE = 1000;

    @BeforeAll
    static void start() {
        gateway = RunningGateway.start(config ->
                config.withSubmissions(config.submissions().withBatchSize(BATCH_SIZE)));
        provider = gateway.createClient(new JsonObject().put("id", "stream-amr").put("name", "市场监管")
                .put("role", "provider").put("categories", new JsonArray().add("admin_penalty")));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static long count(String sql, Object... params) {
        return gateway.pool().preparedQuery(sql).execute(Tuple.from(params)).await().iterator().next().getLong(0);
    }

    private static Buffer body(String prefix, int from, int to) {
        Buffer body = Buffer.buffer();
        for (int i = from; i < to; i++) {
            body.appendString(penalty(prefix + i, orgCode(i), "2025-05-01").encode()).appendString("\n");
        }
        return body;
    }

    @Test
    @DisplayName("a 200,000-record submission is accepted whole and stored once")
    void largeSubmission() {
        JsonObject result = SubmissionsTest.submit(gateway, provider, "admin_penalty", body("BULK-", 0, 200_000));
        assertThat(result.getLong("received")).isEqualTo(200_000);
        assertThat(result.getLong("accepted")).isEqualTo(200_000);
        assertThat(count("SELECT count(*) FROM record_versions WHERE provider = $1 AND record_id LIKE 'BULK-%'",
                "stream-amr")).isEqualTo(200_000);
    }

    @Test
    @DisplayName("a connection broken mid-stream keeps what was committed; resubmitting the body adds no duplicate")
    void brokenConnection() throws Exception {
        Buffer whole = body("BRK-", 0, 5_000);
        byte[] bytes = whole.getBytes();
        int firstPart = bytes.length * 3 / 5;
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/submissions/admin_penalty HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + provider + "\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write((Integer.toHexString(firstPart) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, 0, firstPart);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long deadline = System.currentTimeMillis() + 20_000;
            while (count("SELECT count(*) FROM record_versions WHERE record_id LIKE 'BRK-%'") < BATCH_SIZE
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            socket.setSoLinger(true, 0);
        }
        long committed = count("SELECT count(*) FROM record_versions WHERE record_id LIKE 'BRK-%'");
        assertThat(committed).isBetween((long) BATCH_SIZE, 4999L);

        JsonObject again = SubmissionsTest.submit(gateway, provider, "admin_penalty", whole);
        assertThat(again.getLong("accepted")).isEqualTo(5_000);
        assertThat(count("SELECT count(*) FROM record_versions WHERE record_id LIKE 'BRK-%'")).isEqualTo(5_000);
        assertThat(count("SELECT count(*) FROM record_versions WHERE record_id LIKE 'BRK-%' AND version > 1")).isZero();

        long deadline = System.currentTimeMillis() + 10_000;
        while (count("SELECT count(*) FROM collection_log WHERE provider = $1 AND outcome = 'interrupted'",
                "stream-amr") == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(count("SELECT count(*) FROM collection_log WHERE provider = $1 AND outcome = 'interrupted'",
                "stream-amr")).isEqualTo(1);
    }

    @Test
    @DisplayName("committed changes are announced on the subjects channel, unchanged resubmissions are not")
    void announcesChangedSubjects() throws Exception {
        DatabaseUrl url = gateway.database();
        PgConnection listener = PgConnection.connect(gateway.vertx(), new PgConnectOptions().setHost(url.host())
                .setPort(url.port()).setDatabase(url.database()).setUser(url.user()).setPassword(url.password()))
                .await();
        List<String> payloads = new CopyOnWriteArrayList<>();
        listener.notificationHandler(n -> {
            if (n.getChannel().equals(RecordQueries.SUBJECTS_CHANNEL)) {
                payloads.add(n.getPayload());
            }
        });
        listener.query("LISTEN " + RecordQueries.SUBJECTS_CHANNEL).execute().await();
        try {
            SubmissionsTest.submit(gateway, provider, "admin_penalty", ndjson(penalty("NOTE-1", orgCode(777_001), "2025-01-01")));
            long deadline = System.currentTimeMillis() + 5_000;
            while (payloads.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(String.join(",", payloads)).contains(orgCode(777_001));
            payloads.clear();
            SubmissionsTest.submit(gateway, provider, "admin_penalty", ndjson(penalty("NOTE-1", orgCode(777_001), "2025-01-01")));
            Thread.sleep(300);
            assertThat(payloads).isEmpty();
        } finally {
            listener.close().await();
        }
    }
}
