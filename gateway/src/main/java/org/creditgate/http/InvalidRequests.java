package org.creditgate.http;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * Requests the HTTP decoder could not read (oversized headers or request line, bytes that are not HTTP) never
 * reach the router. They still get a problem+json answer where HTTP allows one, and the connection is closed:
 * after a decoding failure the rest of the stream cannot be trusted to be in step.
 */
final class InvalidRequests implements Handler<HttpServerRequest> {

    @Override
    public void handle(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        ApiProblem problem;
        if (cause instanceof TooLongHttpHeaderException || isTooLong(cause, "HTTP header is larger")) {
            problem = new ApiProblem(431, "HEADERS_TOO_LARGE", "Request header fields too large",
                    "The request headers are larger than the gateway accepts.");
        } else if (cause instanceof TooLongHttpLineException || isTooLong(cause, "An HTTP line is larger")) {
            problem = new ApiProblem(414, "URI_TOO_LONG", "URI too long",
                    "The request line is longer than the gateway accepts.");
        } else if (request.response().headWritten() || request.response().ended()) {
            request.connection().close();
            return;
        } else {
            problem = ApiProblem.badRequest("The request is not valid HTTP/1.1.");
        }
        String requestId = "invalid-" + UUID.randomUUID();
        JsonObject body = ProblemResponses.body(problem, requestId);
        request.response()
                .setStatusCode(problem.status())
                .putHeader("Content-Type", ProblemResponses.CONTENT_TYPE)
                .putHeader(RequestIds.HEADER, requestId)
                .putHeader("Connection", "close")
                .end(body.toBuffer())
                .onComplete(done -> request.connection().close());
    }

    private static boolean isTooLong(Throwable cause, String messageStart) {
        return cause instanceof TooLongFrameException && cause.getMessage() != null
                && cause.getMessage().startsWith(messageStart);
    }
}
