package org.creditgate.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One provider submitting admin_penalty records, one submission after another, for the fault drivers. Submission
 * {@code s} holds lines {@code s*size .. (s+1)*size-1} of the provider's {@link RecordGenerator}, so record ids never
 * repeat between submissions; it keeps a ledger of what it sent and what was acknowledged (answered 200).
 */
final class ProviderStream {

    /** A submission sent, and whether its 200 answer arrived (with the expected counts). */
    record Sent(int index, boolean acknowledged, long startedNanos, long endedNanos, int status, String code) {
    }

    private final String id;
    private final String apiKey;
    private final int size;
    private final RecordGenerator records;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Sent> ledger = Collections.synchronizedList(new ArrayList<>());
    private int next;

    ProviderStream(String id, String apiKey, int size, long subjectBase) {
        this.id = id;
        this.apiKey = apiKey;
        this.size = size;
        this.records = new RecordGenerator(id, subjectBase);
    }

    String id() {
        return id;
    }

    /** Sends the next new submission; returns what happened. */
    Sent sendNext(GatewayJar gateway) {
        Sent sent = send(gateway, next++);
        ledger.add(sent);
        return sent;
    }

    /** Sends submission {@code index} again (the same bytes); true when it was acknowledged. */
    Sent resend(GatewayJar gateway, int index) {
        return send(gateway, index);
    }

    int submissionsSent() {
        return next;
    }

    List<Sent> ledger() {
        synchronized (ledger) {
            return List.copyOf(ledger);
        }
    }

    /** The record ids of the valid lines of submission {@code index}: what its acknowledgement promises. */
    List<String> validRecordIds(int index) {
        List<String> ids = new ArrayList<>(size);
        for (long line = (long) index * size; line < (long) (index + 1) * size; line++) {
            if (RecordGenerator.isValid(line)) {
                ids.add(records.recordId(line));
            }
        }
        return ids;
    }

    private Sent send(GatewayJar gateway, int index) {
        StringBuilder body = new StringBuilder(size * 700);
        for (long line = (long) index * size; line < (long) (index + 1) * size; line++) {
            records.appendNdjsonLine(body, line);
        }
        long expectedAccepted = validRecordIds(index).size();
        HttpRequest request = HttpRequest.newBuilder(gateway.uri("/v1/submissions/" + RecordGenerator.CATEGORY))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toString().getBytes(StandardCharsets.UTF_8)))
                .build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long ended = System.nanoTime();
            if (response.statusCode() == 200) {
                SubmissionAnswer answer = SubmissionAnswer.parse(response.body());
                if (answer.accepted() != expectedAccepted) {
                    throw new IllegalStateException(id + " submission " + index + " answered " + answer
                            + ", expected " + expectedAccepted + " accepted");
                }
                return new Sent(index, true, started, ended, 200, null);
            }
            String code = response.body().replaceAll("(?s).*\"code\":\"([A-Z_]+)\".*", "$1");
            return new Sent(index, false, started, ended, response.statusCode(), code);
        } catch (IOException cut) {
            // the gateway went away under the request: sent, not acknowledged
            return new Sent(index, false, started, System.nanoTime(), -1, cut.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sent(index, false, started, System.nanoTime(), -1, "interrupted");
        }
    }
}
