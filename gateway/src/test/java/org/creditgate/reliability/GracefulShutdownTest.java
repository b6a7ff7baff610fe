package org.creditgate.reliability;

import org.creditgate.testing.TestPostgres;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.Records.orgCode;
import static org.creditgate.testing.Records.penalty;

/**
 * SIGTERM to the gateway process while requests are in flight: it stops accepting at once, lets a submission and a
 * lookup that were under way finish (both answered, both durable: records and query log), cuts a submission that
 * outlasts the grace period without answering it, and exits.
 */
@DisplayName("Graceful shutdown of the gateway process on SIGTERM")
class GracefulShutdownTest {

    private static final int GRACE_SECONDS = 8;
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\":(\\d+)");
    private static final Pattern QUERY_ID = Pattern.compile("\"query_id\":\"([0-9a-f-]{36})\"");

    @Test
    @DisplayName("in-flight requests finish and are durable, new connections are refused, a cut one is unanswered")
    void sigtermDrainsInFlightRequests(@TempDir Path workDir) throws Exception {
        try {
            drain(workDir);
        } catch (AssertionError | IOException e) {
            // the gateway's own account of its stop is the first thing to read when this fails
            throw new AssertionError(e.getMessage() + "\n--- gateway log ---\n"
                    + java.nio.file.Files.readString(workDir.resolve("gateway.log")), e);
        }
    }

    private void drain(Path workDir) throws Exception {
        try (GatewayJvm gateway = GatewayJvm.start(TestPostgres.freshDatabase(), workDir,
                yaml -> yaml.replace("shutdown_grace_seconds: 20", "shutdown_grace_seconds: " + GRACE_SECONDS))) {
            String provider = gateway.createClient("{\"id\":\"drain-amr\",\"name\":\"市场监管\",\"role\":\"provider\","
                    + "\"categories\":[\"admin_penalty\"]}");
            String agency = gateway.createClient("{\"id\":\"drain-agency\",\"name\":\"信用服务\",\"role\":\"agency\"}");

            // the lookup's headers and the start of its body go first: by the time the submissions below have
            // streamed, the gateway has long received it, so it is in flight when SIGTERM comes (a request whose
            // headers had not arrived yet would rightly be refused, not drained)
            String lookup = "{\"subjects\":[\"" + orgCode(1) + "\"],\"reason\":\"贷款审查 shutdown\"}";
            byte[] lookupBytes = lookup.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            RawHttp lookingUp = new RawHttp(gateway.port);
            lookingUp.send("POST /v1/lookups HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + agency
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + lookupBytes.length + "\r\n\r\n");
            lookingUp.send(java.util.Arrays.copyOf(lookupBytes, 10));
            RawHttp finishing = new RawHttp(gateway.port);
            openSubmission(finishing, provider);
            int finishingRecords = 0;
            for (; finishingRecords < 1500; finishingRecords++) {
                finishing.chunk(penalty("DRAIN-" + finishingRecords, orgCode(finishingRecords), "2025-05-01").encode() + "\n");
            }
            RawHttp cut = new RawHttp(gateway.port);
            openSubmission(cut, provider);
            for (int i = 0; i < 1200; i++) {
                cut.chunk(penalty("CUT-" + i, orgCode(10_000 + i), "2025-05-01").encode() + "\n");
            }

            Thread.sleep(500);
            long sigterm = System.nanoTime();
            gateway.process.destroy();
            // the shutdown hook runs within moments (longer on a loaded machine); from then on nothing new is accepted
            long refusingBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS - 3);
            boolean refusing = false;
            while (!refusing && System.nanoTime() < refusingBy) {
                Thread.sleep(100);
                refusing = refusesConnections(gateway.port);
            }
            assertThat(refusing).as("no new connections after SIGTERM").isTrue();
            System.out.printf("refusing connections %d ms after SIGTERM%n", (System.nanoTime() - sigterm) / 1_000_000);

            // the requests under way go on and finish
            String lookupAnswer;
            try {
                lookingUp.send(java.util.Arrays.copyOfRange(lookupBytes, 10, lookupBytes.length));
                lookupAnswer = lookingUp.readAll(10_000);
            } catch (IOException e) {
                throw new AssertionError("the lookup in flight was cut: " + e + "; it had received '"
                        + lookingUp.readAll(100) + "'", e);
            }
            assertThat(lookupAnswer).startsWith("HTTP/1.1 200");
            for (; finishingRecords < 2500; finishingRecords++) {
                finishing.chunk(penalty("DRAIN-" + finishingRecords, orgCode(finishingRecords), "2025-05-01").encode() + "\n");
            }
            finishing.send("0\r\n\r\n");
            String finishedAnswer = finishing.readAll(15_000);
            assertThat(finishedAnswer).startsWith("HTTP/1.1 200");

            // the other one outlasts the grace period: it is cut, and not answered
            String cutAnswer = "";
            try {
                for (int i = 0; i < 100 && System.nanoTime() - sigterm < TimeUnit.SECONDS.toNanos(GRACE_SECONDS + 5); i++) {
                    cut.chunk(penalty("CUT-" + (1200 + i), orgCode(20_000 + i), "2025-05-01").encode() + "\n");
                    Thread.sleep(100);
                }
                cutAnswer = cut.readAll(5_000);
            } catch (IOException closed) {
                // the connection was closed under the writer: that is the cut
            }
            assertThat(cutAnswer).as("a submission cut by shutdown is not acknowledged").doesNotContain(" 200 ");

            assertThat(gateway.process.waitFor(GRACE_SECONDS + 30, TimeUnit.SECONDS)).as("the process exits").isTrue();
            assertThat(gateway.process.exitValue()).isIn(0, 143);
            assertThat(gateway.logText()).contains("stopped");

            // what was answered is durable: every acknowledged record once, the lookup's query log entry
            Matcher accepted = ACCEPTED.matcher(finishedAnswer);
            assertThat(accepted.find()).isTrue();
            assertThat(Long.parseLong(accepted.group(1))).isEqualTo(2500);
            assertThat(gateway.count("SELECT count(*) FROM record_versions WHERE record_id LIKE 'DRAIN-%'"))
                    .isEqualTo(2500);
            assertThat(gateway.count("SELECT count(DISTINCT record_id) FROM record_versions WHERE record_id LIKE 'DRAIN-%'"))
                    .isEqualTo(2500);
            Matcher queryId = QUERY_ID.matcher(lookupAnswer);
            assertThat(queryId.find()).isTrue();
            assertThat(gateway.count("SELECT count(*) FROM query_log WHERE query_id = ?",
                    UUID.fromString(queryId.group(1)))).isEqualTo(1);
            // the cut submission's committed batches stay (resubmitting is safe); nothing of it was acknowledged
            assertThat(gateway.count("SELECT count(*) FROM collection_log WHERE outcome = 'complete' AND accepted >= 2500"))
                    .isEqualTo(1);
            finishing.close();
            cut.close();
            lookingUp.close();
        }
    }

    private static void openSubmission(RawHttp raw, String key) throws IOException {
        raw.send("POST /v1/submissions/admin_penalty HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n");
    }

    private static boolean refusesConnections(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2000);
            socket.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            return socket.getInputStream().read() < 0;
        } catch (IOException refused) {
            return true;
        }
    }
}
