package org.creditgate.http;

import io.vertx.ext.web.RoutingContext;

/** Query parameters the paged lists share, read strictly: a bad value is a 400 that names the parameter. */
final class QueryParams {

    private QueryParams() {
    }

    static int intParam(RoutingContext ctx, String name, int defaultValue, int min, int max) {
        String text = ctx.queryParams().get(name);
        if (text == null || text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw ApiProblem.badRequest("'" + name + "' must be between " + min + " and " + max + ".");
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("'" + name + "' must be a whole number.");
        }
    }

    /** The {@code cursor} of a paged list (the id the next page starts below), or null for the first page. */
    static Long cursor(RoutingContext ctx) {
        String value = ctx.queryParams().get("cursor");
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("'cursor' is not a cursor this gateway gave out.");
        }
    }
}
