package org.creditgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statistics table of a Gatling HTML report ({@code index.html}), read back: Gatling 3.15 writes no JSON
 * statistics, and this table is what its assertions are evaluated against. The smoke test reads it, so a Gatling
 * upgrade that changes the table fails the build rather than the benchmark.
 */
final class GatlingStats {

    /** One row: a request name (or "All Requests"), counts, rate and response times in milliseconds. */
    record Request(String name, long total, long ok, long ko, double perSecond, double min, double p50, double p75,
                   double p95, double p99, double max, double mean) {
    }

    private static final Pattern ROW = Pattern.compile("<tr id=\"[^\"]*\"[^>]*>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">([^<]*)</span>");
    private static final Pattern CELL = Pattern.compile("<td class=\"value [a-z]+ col-(\\d+)\">([^<]*)</td>");
    private static final Pattern ERROR = Pattern.compile("<td class=\"error-col-1 total ko\">([^<]*)<span[^>]*>[^<]*"
            + "</span></td>\\s*<td class=\"value error-col-2 total ko\">([^<]*)</td>");

    private final Map<String, Request> requests;
    private final Map<String, Long> errors;

    private GatlingStats(Map<String, Request> requests, Map<String, Long> errors) {
        this.requests = requests;
        this.errors = errors;
    }

    static GatlingStats read(Path reportDirectory) throws IOException {
        String html = Files.readString(reportDirectory.resolve("index.html"));
        Map<String, Request> requests = new LinkedHashMap<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            Matcher name = NAME.matcher(row.group(1));
            if (!name.find()) {
                continue;
            }
            Map<Integer, Double> cells = new LinkedHashMap<>();
            Matcher cell = CELL.matcher(row.group(1));
            while (cell.find()) {
                cells.put(Integer.parseInt(cell.group(1)), number(cell.group(2)));
            }
            if (cells.size() < 13) {
                continue;
            }
            String requestName = unescape(name.group(1));
            requests.put(requestName, new Request(requestName, cells.get(2).longValue(), cells.get(3).longValue(),
                    cells.get(4).longValue(), cells.get(6), cells.get(7), cells.get(8), cells.get(9), cells.get(10),
                    cells.get(11), cells.get(12), cells.get(13)));
        }
        if (requests.isEmpty()) {
            throw new IllegalStateException("no statistics table in " + reportDirectory.resolve("index.html"));
        }
        Map<String, Long> errors = new LinkedHashMap<>();
        Matcher error = ERROR.matcher(html);
        while (error.find()) {
            errors.put(unescape(error.group(1).trim()), (long) number(error.group(2)));
        }
        return new GatlingStats(requests, errors);
    }

    /** The report's errors table: each failed check or I/O error, with how often it happened. */
    Map<String, Long> errors() {
        return errors;
    }

    /** The row of {@code name}; fails when the report has none. */
    Request request(String name) {
        Request request = requests.get(name);
        if (request == null) {
            throw new IllegalArgumentException("the report has no request '" + name + "', only " + requests.keySet());
        }
        return request;
    }

    private static double number(String text) {
        String trimmed = text.trim().replace(",", "");
        return trimmed.isEmpty() || trimmed.equals("-") ? Double.NaN : Double.parseDouble(trimmed);
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
