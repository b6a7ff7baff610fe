package org.creditgate.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How the driver sends {@code POST /v1/lookups}: HTTP/1.1 with keep-alive, one connection per worker, blocking the
 * worker until the whole answer is in. Two implementations, to load the gateway with whichever costs the shared
 * cores less.
 */
interface LookupTransport extends AutoCloseable {

    record Answer(int status, byte[] body) {
    }

    Answer post(String apiKey, byte[] body) throws Exception;

    @Override
    void close();

    static LookupTransport create(String kind, GatewayProcess gateway, int connections) {
        return switch (kind) {
            case "jdk" -> new Jdk(gateway.uri("/v1/lookups"));
            case "vertx" -> new VertxClient(gateway.port(), connections);
            default -> throw new IllegalArgumentException("--client must be jdk or vertx, not " + kind);
        };
    }

    /** The JDK's HttpClient. */
    final class Jdk implements LookupTransport {
        private final URI uri;
        private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        Jdk(URI uri) {
            this.uri = uri;
        }

        @Override
        public Answer post(String apiKey, byte[] body) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + apiKey)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body());
        }

        @Override
        public void close() {
            // the JDK 17 client has no close: its connections go when it is collected
        }
    }

    /** Vert.x's HttpClient on one event loop of the driver's own. */
    final class VertxClient implements LookupTransport {
        private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        private final HttpClient http;
        private final int port;

        VertxClient(int port, int connections) {
            this.port = port;
            this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(connections));
        }

        @Override
        public Answer post(String apiKey, byte[] body) throws Exception {
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                    .setPort(port).setURI("/v1/lookups")
                    .putHeader("Authorization", "Bearer " + apiKey)
                    .putHeader("Content-Type", "application/json");
            return http.request(options)
                    .compose(request -> request.send(Buffer.buffer(body)))
                    .compose(response -> response.body().map(answer -> new Answer(response.statusCode(),
                            answer.getBytes())))
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
