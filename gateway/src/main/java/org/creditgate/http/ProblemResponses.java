package org.creditgate.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * The one place failures become responses. Known problems keep their code; everything else becomes a 500 whose
 * detail says nothing but the request id, while the cause is logged with that id for the operator.
 */
public final class ProblemResponses implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);
    public static final String CONTENT_TYPE = "application/problem+json";

    @Override
    public void handle(RoutingContext ctx) {
        answer(ctx, 500);
    }

    /**
     * For the router's error handler of {@code status}: the router calls it for failures outside any route (an
     * undecodable path or query is its 400) without setting the status on the context, so the handler carries it.
     */
    public Handler<RoutingContext> forStatus(int status) {
        return ctx -> answer(ctx, status);
    }

    private void answer(RoutingContext ctx, int statusWhenUnknown) {
        ApiProblem problem = toProblem(ctx, statusWhenUnknown);
        if (problem.status() == 500) {
            LOG.error("request failed", kv("request_id", RequestIds.of(ctx)), kv("status", problem.status()),
                    ctx.failure());
        }
        send(ctx, problem);
    }

    /** The problem+json document of a problem, answered under this request id. */
    static JsonObject body(ApiProblem problem, String requestId) {
        return new JsonObject()
                .put("type", "https://creditgate.org/problems/" + problem.code().toLowerCase().replace('_', '-'))
                .put("title", problem.title())
                .put("status", problem.status())
                .put("detail", problem.detail())
                .put("code", problem.code())
                .put("request_id", requestId);
    }

    public static void send(RoutingContext ctx, ApiProblem problem) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            // the status line is out already (a streamed answer broke off); all that is left is to end it
            if (!response.ended()) {
                response.reset();
            }
            return;
        }
        JsonObject body = body(problem, RequestIds.of(ctx));
        response.setStatusCode(problem.status()).putHeader("Content-Type", CONTENT_TYPE);
        if (!ctx.request().isEnded() && hasBody(ctx)) {
            // the rest of the body will not be read: close the connection rather than leave it out of step
            response.putHeader("Connection", "close");
        }
        for (Map.Entry<String, String> header : problem.headers().entrySet()) {
            response.putHeader(header.getKey(), header.getValue());
        }
        response.end(body.toBuffer());
    }

    private static boolean hasBody(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        return ctx.request().getHeader("Transfer-Encoding") != null || (length != null && !length.equals("0"));
    }

    private static ApiProblem toProblem(RoutingContext ctx, int statusWhenUnknown) {
        Throwable failure = ctx.failure();
        if (failure instanceof ApiProblem problem) {
            return problem;
        }
        if (failure != null && DatabaseFailures.isBadData(failure)) {
            return ApiProblem.badRequest("A value in the request cannot be stored or compared.");
        }
        if (failure != null && DatabaseFailures.isUnavailable(failure)) {
            return ApiProblem.unavailable("The database cannot be reached; try again shortly.");
        }
        int status = ctx.statusCode() >= 400 && ctx.statusCode() < 600 ? ctx.statusCode() : statusWhenUnknown;
        return switch (status) {
            case 400 -> ApiProblem.badRequest("The request is malformed.");
            case 401 -> ApiProblem.unauthenticated("An API key is required.");
            case 403 -> ApiProblem.forbidden("This client may not do that.");
            case 404 -> ApiProblem.notFound("There is nothing at this address.");
            case 405 -> new ApiProblem(405, "METHOD_NOT_ALLOWED", "Method not allowed",
                    "This address does not accept that method.");
            case 406 -> new ApiProblem(406, "NOT_ACCEPTABLE", "Not acceptable",
                    "This address cannot answer in the requested media type.");
            case 413 -> new ApiProblem(413, "PAYLOAD_TOO_LARGE", "Payload too large",
                    "The request body is larger than this address accepts.");
            case 415 -> ApiProblem.unsupportedMediaType("This address does not accept that content type.");
            case 431 -> new ApiProblem(431, "HEADERS_TOO_LARGE", "Request header fields too large",
                    "The request headers are larger than the gateway accepts.");
            case 503 -> ApiProblem.unavailable("The service is unavailable; try again shortly.");
            default -> status >= 400 && status < 500
                    ? ApiProblem.badRequest("The request cannot be processed.")
                    : new ApiProblem(500, "INTERNAL", "Internal error",
                    "The gateway could not complete the request; quote the request id to the operator.");
        };
    }
}
