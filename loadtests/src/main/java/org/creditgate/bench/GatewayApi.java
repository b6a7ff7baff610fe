package org.creditgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * What a benchmark or a simulation needs of a running gateway before it loads it, through the public API only:
 * clients registered with the admin key, submissions, authorizations, and {@code /metrics}.
 */
public final class GatewayApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RETRIES = 30;

    private final String baseUri;
    private final String adminKey;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** @param baseUri e.g. {@code http://127.0.0.1:8080}, without a trailing slash */
    public GatewayApi(String baseUri, String adminKey) {
        this.baseUri = baseUri.endsWith("/") ? baseUri.substring(0, baseUri.length() - 1) : baseUri;
        this.adminKey = adminKey;
    }

    public String baseUri() {
        return baseUri;
    }

    /** An address of this gateway. */
    public URI uri(String path) {
        return URI.create(baseUri + path);
    }

    /** Registers a provider of {@code category} and returns its API key. */
    public String registerProvider(String id, String category) throws IOException, InterruptedException {
        ObjectNode client = JSON.createObjectNode().put("id", id).put("name", "基准测试报送单位 " + id)
                .put("role", "provider");
        client.putArray("categories").add(category);
        return register(client);
    }

    /**
     * Registers a client that looks subjects up ({@code agency}, {@code public}, ...) and returns its API key. Its
     * quota is far above anything a benchmark asks, so that what is measured is the lookup path, not the limits.
     */
    public String registerLookupClient(String id, String role) throws IOException, InterruptedException {
        ObjectNode client = JSON.createObjectNode().put("id", id).put("name", "基准测试查询方 " + id).put("role", role);
        client.putObject("quota").put("requests_per_second", 1_000_000).put("subjects_per_day", 2_000_000_000);
        return register(client);
    }

    private String register(ObjectNode client) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/admin/clients"))
                .header("Authorization", "Bearer " + adminKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(client.toString()))
                .build();
        HttpResponse<String> response = sendPatiently(request, RETRIES).join();
        if (response.statusCode() != 201) {
            throw new IllegalStateException("registering " + client.path("id").asText() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("api_key").asText();
    }

    /** Streams {@code body} as one submission of {@code category}; completes with the 200 answer's counts. */
    public CompletableFuture<SubmissionAnswer> submit(String apiKey, String category, InputStream body) {
        HttpRequest request = HttpRequest.newBuilder(uri("/v1/submissions/" + category))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the submission answered " + response.statusCode() + ": "
                        + response.body());
            }
            return SubmissionAnswer.parse(response.body());
        });
    }

    /** As the operator: the subject authorizes the agency {@code grantee} for all categories until {@code expires}. */
    public CompletableFuture<Void> authorize(String subject, String grantee, OffsetDateTime expires) {
        ObjectNode grant = JSON.createObjectNode().put("subject_code", subject).put("grantee", grantee)
                .put("expires_at", expires.toString()).put("evidence", "基准测试 书面授权");
        HttpRequest request = HttpRequest.newBuilder(uri("/v1/authorizations"))
                .header("Authorization", "Bearer " + adminKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(grant.toString()))
                .build();
        return sendPatiently(request, RETRIES).thenAccept(response -> {
            if (response.statusCode() != 201) {
                throw new IllegalStateException("authorizing " + grantee + " for " + subject + " answered "
                        + response.statusCode() + ": " + response.body());
            }
        });
    }

    /**
     * Sends a request that has a body of its own (not a stream), again after {@code Retry-After} while the gateway
     * answers 429: a gateway not started by the bench holds the operator's key to its default rate.
     */
    private CompletableFuture<HttpResponse<String>> sendPatiently(HttpRequest request, int retries) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose(response -> {
            if (response.statusCode() != 429 || retries == 0) {
                return CompletableFuture.completedFuture(response);
            }
            long seconds = Math.max(1, response.headers().firstValueAsLong("Retry-After").orElse(1));
            Executor later = CompletableFuture.delayedExecutor(seconds, TimeUnit.SECONDS);
            return CompletableFuture.supplyAsync(() -> request, later)
                    .thenCompose(again -> sendPatiently(again, retries - 1));
        });
    }

    /** The Prometheus text of {@code GET /metrics}. */
    public String metrics() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Whether {@code GET /health/ready} answers 200 now. */
    boolean ready() throws InterruptedException {
        try {
            HttpRequest ready = HttpRequest.newBuilder(uri("/health/ready")).timeout(Duration.ofSeconds(2)).build();
            return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }
}
