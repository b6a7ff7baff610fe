package org.creditgate.bench;

/** Values out of the gateway's {@code GET /metrics} (Prometheus text format). */
final class PrometheusText {

    private final String text;

    PrometheusText(String text) {
        this.text = text;
    }

    /** The sum of the samples of {@code metric} whose labels contain every fragment given (e.g. {@code result="hit"}). */
    double sum(String metric, String... labelFragments) {
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (!line.startsWith(metric) || line.length() == metric.length()) {
                continue;
            }
            char after = line.charAt(metric.length());
            if (after != '{' && after != ' ') {
                continue;
            }
            boolean matches = true;
            for (String fragment : labelFragments) {
                matches &= line.contains(fragment);
            }
            if (matches) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException("/metrics has no " + metric + " " + String.join(",", labelFragments));
        }
        return sum;
    }
}
