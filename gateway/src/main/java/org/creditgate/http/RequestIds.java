package org.creditgate.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives every request an id, echoed from {@code X-Request-Id} when the client sent a sane one, and puts it on
 * the response and in every log line about the request.
 */
public final class RequestIds implements Handler<RoutingContext> {

    public static final String HEADER = "X-Request-Id";
    static final String CONTEXT_KEY = "requestId";
    private static final int MAX_LENGTH = 128;

    /** Ids are an instance prefix and a counter: unique, cheap, and they do not need a random source per request. */
    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    public RequestIds() {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        this.prefix = HexFormat.of().formatHex(random) + "-";
    }

    @Override
    public void handle(RoutingContext ctx) {
        String given = ctx.request().getHeader(HEADER);
        String id = isSane(given) ? given : prefix + Long.toString(counter.incrementAndGet(), 36);
        ctx.put(CONTEXT_KEY, id);
        ctx.response().putHeader(HEADER, id);
        ctx.next();
    }

    public static String of(RoutingContext ctx) {
        String id = ctx.get(CONTEXT_KEY);
        return id == null ? "-" : id;
    }

    /** Only short ids of safe characters are echoed: the id ends up in headers and logs. */
    static boolean isSane(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
