package org.creditgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs a Gatling simulation in this JVM, as {@code gatling:test} would in a forked one: its settings go in as
 * system properties, its results (simulation log and HTML report) into a folder of their own under
 * {@code resultsRoot}.
 */
final class GatlingRun {

    /** How a run ended: Gatling's status (0 passed, 2 an assertion failed) and its report folder. */
    record Result(int status, Path reportDirectory) {
        boolean assertionsPassed() {
            return status == 0;
        }

        Path indexHtml() {
            return reportDirectory.resolve("index.html");
        }
    }

    private GatlingRun() {
    }

    static Result run(Class<?> simulation, Path resultsRoot, Map<String, String> properties) throws IOException {
        Files.createDirectories(resultsRoot);
        List<Path> before = runDirectories(resultsRoot);
        properties.forEach(System::setProperty);
        int status;
        try {
            status = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
                "--simulation", simulation.getName(),
                "--results-folder", resultsRoot.toString(),
                "--launcher", "creditgate-bench"});
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
        List<Path> after = new ArrayList<>(runDirectories(resultsRoot));
        after.removeAll(before);
        if (after.size() != 1) {
            throw new IllegalStateException(simulation.getSimpleName() + " ended with status " + status
                    + " and left " + after.size() + " new result folders in " + resultsRoot);
        }
        return new Result(status, after.get(0));
    }

    private static List<Path> runDirectories(Path root) throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory).sorted(Comparator.naturalOrder()).toList();
        }
    }
}
