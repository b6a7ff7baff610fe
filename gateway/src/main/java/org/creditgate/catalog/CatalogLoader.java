package org.creditgate.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the catalog from a directory of YAML files, one category per file ({@code config/catalog/*.yaml}), and
 * refuses to start on any mistake: a wrong catalog would accept or disclose the wrong data.
 */
public final class CatalogLoader {

    // a repeated key would otherwise silently keep only its last value
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private CatalogLoader() {
    }

    /**
     * Reads every {@code *.yaml} and {@code *.yml} file of {@code directory}, in file name order.
     *
     * @throws CatalogException listing every problem of every file, one per line
     */
    public static Catalog load(Path directory) {
        Problems problems = Problems.collect();
        List<Path> files = categoryFiles(directory, problems);
        Map<String, Path> fileById = new HashMap<>();
        List<Category> categories = new ArrayList<>();
        for (Path file : files) {
            Problems inFile = problems.in(file.toString());
            Optional<Category> category = readDocument(file, inFile)
                    .flatMap(document -> CategoryReader.read(document, file.getFileName().toString(), inFile));
            category.ifPresent(c -> {
                Path earlier = fileById.putIfAbsent(c.id(), file);
                if (earlier == null) {
                    categories.add(c);
                } else {
                    inFile.add("duplicate category id '" + c.id() + "' (already defined in " + earlier + ")");
                }
            });
        }
        if (problems.count() > 0) {
            throw new CatalogException(problems.all());
        }
        return new Catalog(categories);
    }

    private static List<Path> categoryFiles(Path directory, Problems problems) {
        Problems inDirectory = problems.in(directory.toString());
        if (!Files.isDirectory(directory)) {
            inDirectory.add("not a directory");
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> entries = Files.list(directory)) {
            files = entries.filter(CatalogLoader::isCategoryFile).sorted().toList();
        } catch (IOException e) {
            inDirectory.add("cannot be listed (" + e.getMessage() + ")");
            return List.of();
        }
        if (files.isEmpty()) {
            inDirectory.add("no category files (*.yaml, *.yml)");
        }
        return files;
    }

    /** Hidden files are skipped: editors leave backups and lock files such as .honor.yaml next to the real ones. */
    private static boolean isCategoryFile(Path path) {
        String name = path.getFileName().toString();
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(path);
    }

    private static Optional<JsonNode> readDocument(Path file, Problems inFile) {
        List<JsonNode> documents = new ArrayList<>();
        // one value at a time rather than ObjectMapper.readValues, which would take a top-level list for documents;
        // decoded up front so that a file in another encoding is named as such, not as a YAML error
        try (JsonParser parser = YAML.createParser(Files.readString(file, StandardCharsets.UTF_8))) {
            while (parser.nextToken() != null) {
                JsonNode document = YAML.readTree(parser);
                // a trailing "---" yields an empty document, which is harmless
                if (document != null && !document.isNull()) {
                    documents.add(document);
                }
            }
        } catch (JsonProcessingException e) {
            inFile.add(syntaxError(e));
            return Optional.empty();
        } catch (CharacterCodingException e) {
            inFile.add("is not UTF-8 text");
            return Optional.empty();
        } catch (IOException e) {
            inFile.add("cannot be read (" + e.getMessage() + ")");
            return Optional.empty();
        }
        if (documents.isEmpty()) {
            inFile.add("is empty (expected a category: id, name, subject_types, disclosure, fields)");
            return Optional.empty();
        }
        if (documents.size() > 1) {
            // every document after the first would be ignored without a word
            inFile.add("holds " + documents.size() + " YAML documents (put one category per file)");
            return Optional.empty();
        }
        return Optional.of(documents.get(0));
    }

    /** SnakeYAML's own message is several lines with a caret drawing; keep its one-line problem and position. */
    private static String syntaxError(JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                Mark mark = yaml.getProblemMark();
                return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)
                        + ": invalid YAML: " + yaml.getProblem();
            }
        }
        String message = e.getOriginalMessage();
        if (message.startsWith("Duplicate field ")) {
            message = "duplicate key " + message.substring("Duplicate field ".length());
        }
        JsonLocation location = e.getLocation();
        String where = location != null && location.getLineNr() > 0 ? "line " + location.getLineNr() + ": " : "";
        return where + "invalid YAML: " + message;
    }
}
