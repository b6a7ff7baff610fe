package org.creditgate.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.creditgate.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.Records.orgCode;

/** The access log line of a request, read from the logger of a gateway running in this JVM. */
@DisplayName("Access log")
class AccessLogTest {

    private static RunningGateway gateway;
    private static final ListAppender<ILoggingEvent> LINES = new ListAppender<>();
    private static final Logger ACCESS = (Logger) LoggerFactory.getLogger("creditgate.access");

    @BeforeAll
    static void start() {
        gateway = RunningGateway.start();
        LINES.start();
        ACCESS.addAppender(LINES);
    }

    @AfterAll
    static void stop() {
        ACCESS.detachAppender(LINES);
        gateway.close();
    }

    @Test
    @DisplayName("a request refused by its handler or its role check is logged under its route, not as unmatched")
    void refusedRequestsNameTheirRoute() {
        String agency = gateway.createClient(new JsonObject().put("id", "log-agency").put("name", "征信机构")
                .put("role", "agency"));
        JsonObject withoutReason = new JsonObject().put("subjects", new JsonArray().add(orgCode(1)));
        assertThat(gateway.post("/v1/lookups", agency, withoutReason).statusCode()).isEqualTo(400);
        assertThat(gateway.get("/admin/clients", agency).statusCode()).isEqualTo(403);

        assertThat(lineOf(400)).contains("route=/v1/lookups").contains("client_id=log-agency");
        assertThat(lineOf(403)).contains("route=/admin/clients");
    }

    /** The arguments of the first line logged with this status (waiting for it: lines are written at the end). */
    private static String lineOf(int status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (ILoggingEvent event : List.copyOf(LINES.list)) {
                String arguments = Arrays.toString(event.getArgumentArray());
                if (arguments.contains("status=" + status)) {
                    return arguments;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no access log line with status " + status + " in " + LINES.list);
    }
}
