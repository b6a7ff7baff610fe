package org.creditgate.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reads the statistics and errors tables of a real Gatling 3.15 report (an excerpt of a PublicLookupSimulation run
 * against an overloaded gateway, where most lookups were answered 503).
 */
class GatlingStatsTest {

    @TempDir
    Path report;

    @Test
    void readsEveryColumnOfARequestAndTheErrors() throws Exception {
        try (InputStream excerpt = getClass().getResourceAsStream("/gatling-report-excerpt.html")) {
            Files.copy(excerpt, report.resolve("index.html"));
        }

        GatlingStats stats = GatlingStats.read(report);

        GatlingStats.Request lookups = stats.request("subject lookup");
        assertThat(lookups).isEqualTo(new GatlingStats.Request("subject lookup", 2775, 699, 2076, 396.43, 11, 563,
                1307, 3472, 4935, 5241, 1066));
        assertThat(stats.request("All Requests").total()).isEqualTo(2775);
        assertThat(stats.errors()).isEqualTo(Map.of("status.find.is(200), found 503", 2076L));
        assertThatThrownBy(() -> stats.request("bulk lookup")).hasMessageContaining("subject lookup");
    }

    @Test
    void aPageWithoutAStatisticsTableIsRefused() throws Exception {
        Files.writeString(report.resolve("index.html"), "<html><body>no run</body></html>");

        assertThatThrownBy(() -> GatlingStats.read(report)).hasMessageContaining("no statistics table");
    }
}
