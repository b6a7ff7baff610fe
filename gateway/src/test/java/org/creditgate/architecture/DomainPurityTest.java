package org.creditgate.architecture;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The domain is plain Java: unit-testable and fuzzable without a server, and free to outlive the web stack. */
@DisplayName("Domain packages import nothing from Vert.x")
class DomainPurityTest {

    private static final Path SOURCES = Path.of(System.getProperty("creditgate.root", "."))
            .resolve("gateway/src/main/java/org/creditgate");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"calendar", "catalog", "subject", "config",
            "collect/NdjsonLineSplitter.java", "collect/RecordValidator.java", "collect/RecordReader.java",
            "collect/ProhibitedFields.java", "collect/VersionPlanner.java",
            "disclose/Visibility.java", "disclose/Projection.java", "disclose/DisclosurePolicy.java",
            "disclose/DisclosurePeriod.java", "disclose/StoredRecord.java"})
    @DisplayName("no io.vertx import in the domain package or class")
    void noVertx(String pkg) throws IOException {
        Path dir = SOURCES.resolve(pkg);
        assertThat(dir).exists();
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(dir)) {
            offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return Files.readString(f).contains("import io.vertx");
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }).toList();
        }
        assertThat(offenders).isEmpty();
    }
}
