package org.creditgate.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The lookup benchmark's command line.
 *
 * <pre>
 * --subjects N          subjects in the data set, 1 to 3 records each (default 200000)
 * --hot N               subjects of the hot set of the cached phase (default 20000)
 * --batch N             subjects per lookup (default 1000, the gateway's limit)
 * --connections N       concurrent lookups of the cached phase (default: tuned, the best of 4, 8, 16 and 32 in
 *                       short runs of --tune-seconds each)
 * --tune-seconds N      length of each tuning run (default 8)
 * --cold-connections N  concurrent lookups of the cold phase, and JDBC connections of the baseline (default 8)
 * --seconds N           length of the cached phase (default 20)
 * --client jdk|vertx    the driver's HTTP client (default vertx: it costs the shared cores less)
 * --heap SIZE           the gateway's -Xmx (default 3g: the subject cache holds up to 500,000 subjects)
 * --jfr[=FILE]          after the cached phase, profile the gateway with JFR under the same load (default
 *                       /tmp/lookup.jfr), and during the cold warm-up (FILE with "-cold" before its extension)
 * --jfr-seconds N       length of that profile (default 15)
 * </pre>
 */
record LookupOptions(int subjects, int hot, int batch, int connections, int tuneSeconds, int coldConnections,
                     int seconds, String client, String heap, Path jfrFile, int jfrSeconds, Path projectRoot) {

    /** The concurrencies tried when --connections is not given. */
    static final List<Integer> TUNED_CONNECTIONS = List.of(4, 8, 16, 32);

    static LookupOptions parse(String[] args) {
        int subjects = 200_000;
        int hot = 20_000;
        int batch = 1000;
        int connections = 0;
        int tuneSeconds = 8;
        int coldConnections = 8;
        int seconds = 20;
        String client = "vertx";
        String heap = "3g";
        Path jfr = null;
        int jfrSeconds = 15;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--subjects" -> subjects = positive(arg, value(args, ++i, arg));
                case "--hot" -> hot = positive(arg, value(args, ++i, arg));
                case "--batch" -> batch = positive(arg, value(args, ++i, arg));
                case "--connections" -> connections = positive(arg, value(args, ++i, arg));
                case "--tune-seconds" -> tuneSeconds = positive(arg, value(args, ++i, arg));
                case "--cold-connections" -> coldConnections = positive(arg, value(args, ++i, arg));
                case "--seconds" -> seconds = positive(arg, value(args, ++i, arg));
                case "--client" -> client = value(args, ++i, arg);
                case "--heap" -> heap = value(args, ++i, arg);
                case "--jfr" -> jfr = Path.of("/tmp/lookup.jfr");
                case "--jfr-seconds" -> jfrSeconds = positive(arg, value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("--jfr=")) {
                        jfr = Path.of(arg.substring("--jfr=".length())).toAbsolutePath();
                    } else {
                        throw new IllegalArgumentException("unknown option " + arg + " (see LookupOptions)");
                    }
                }
            }
        }
        if (!client.equals("jdk") && !client.equals("vertx")) {
            throw new IllegalArgumentException("--client must be jdk or vertx, not " + client);
        }
        if (batch > 1000) {
            throw new IllegalArgumentException("--batch above 1000 is refused by the gateway (TOO_MANY_SUBJECTS)");
        }
        // the cold phases need fresh subjects for every lookup: at least ten sets per half beyond the hot set and the
        // warm-up
        if (subjects < hot + warmupSubjects(batch) + 20 * batch) {
            throw new IllegalArgumentException("--subjects must leave at least " + 20 * batch
                    + " subjects for the cold phase beyond --hot and the warm-up");
        }
        Path root = Path.of(System.getProperty("creditgate.root", ".")).toAbsolutePath().normalize();
        return new LookupOptions(subjects, hot, batch, connections, tuneSeconds, coldConnections, seconds, client, heap,
                jfr, jfrSeconds, root);
    }

    /** Subjects looked up once, before the cold phase, to warm the cold path of the gateway and of JDBC. */
    static int warmupSubjects(int batch) {
        return 30 * batch;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String option, String value) {
        int parsed = Integer.parseInt(value.replace("_", ""));
        if (parsed <= 0) {
            throw new IllegalArgumentException(option + " must be positive, got " + value);
        }
        return parsed;
    }
}
