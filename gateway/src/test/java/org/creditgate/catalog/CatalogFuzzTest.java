package org.creditgate.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Any category file gives either a catalog or a {@link CatalogException} naming the file's problems; never another
 * exception, and a category that loads is whole (an id, a name, subject types, fields). Runs its seed corpus
 * (CatalogFuzzTestInputs/, the shipped categories among it) in every build; set JAZZER_FUZZ=1 to fuzz.
 */
class CatalogFuzzTest {

    private static final Path DIRECTORY = temporaryDirectory();

    @FuzzTest
    void categoryFileLoadsOrExplains(FuzzedDataProvider data) throws IOException {
        Path file = DIRECTORY.resolve("fuzzed.yaml");
        Files.write(file, data.consumeRemainingAsBytes());
        Catalog catalog;
        try {
            catalog = CatalogLoader.load(DIRECTORY);
        } catch (CatalogException e) {
            assertThat(e.getMessage()).isNotBlank().contains("fuzzed.yaml");
            return;
        }
        assertThat(catalog.categories()).hasSize(1);
        Category category = catalog.categories().get(0);
        assertThat(category.id()).isNotBlank();
        assertThat(category.name()).isNotBlank();
        assertThat(category.subjectTypes()).isNotEmpty();
        assertThat(category.fields()).isNotEmpty();
    }

    private static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("creditgate-catalog-fuzz");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
