package org.creditgate.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.creditgate.catalog.Category;

/**
 * Arbitrary bodies through the whole pure collection path: splitter, reader, validator. Runs its seed corpus
 * (RecordValidatorFuzzTestInputs/) in every build; set JAZZER_FUZZ=1 to fuzz.
 *
 * <p>The input's last two bytes choose the category and the chunking; the rest is the body.
 */
class RecordValidatorFuzzTest {

    private static final int MAX_LINE_BYTES = 600;
    private static final List<Category> CATEGORIES = TestCategories.all();
    private static final List<RecordValidator> VALIDATORS = CATEGORIES.stream().map(RecordValidator::new).toList();
    /** The same categories read by Jackson alone, the reference reading the direct reader must agree with. */
    private static final List<RecordValidator> JACKSON_ONLY = CATEGORIES.stream()
            .map(category -> new RecordValidator(category, false)).toList();
    /** Decimals read exactly, as the validator does: a double would round them. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    /** A line as the splitter delivered it, and what came of it. */
    private record Emitted(long line, byte[] content, RecordOutcome outcome) {
    }

    @FuzzTest
    void splitAndValidate(FuzzedDataProvider data) throws IOException {
        int categoryIndex = Math.floorMod(data.consumeByte(), VALIDATORS.size());
        long chunkSeed = data.consumeByte();
        byte[] body = data.consumeRemainingAsBytes();
        RecordValidator validator = VALIDATORS.get(categoryIndex);
        RecordValidator reference = JACKSON_ONLY.get(categoryIndex);

        List<Emitted> emitted = new ArrayList<>();
        NdjsonLineSplitter splitter = new NdjsonLineSplitter(MAX_LINE_BYTES, new NdjsonLineSplitter.Listener() {
            @Override
            public void onLine(long lineNumber, byte[] buf, int off, int len) {
                RecordOutcome outcome = validator.validate(buf, off, len, lineNumber);
                emitted.add(new Emitted(lineNumber, Arrays.copyOfRange(buf, off, off + len), outcome));
            }

            @Override
            public void onOversizedLine(long lineNumber) {
                emitted.add(new Emitted(lineNumber, null, RecordError.recordTooLarge(lineNumber, MAX_LINE_BYTES)));
            }
        });
        SplittableRandom random = new SplittableRandom(chunkSeed);
        for (int off = 0; off < body.length; ) {
            int size = Math.min(body.length - off, 1 + random.nextInt(64));
            splitter.feed(body, off, size);
            off += size;
        }
        splitter.end();

        List<ReferenceLines.Line> expected = ReferenceLines.split(body, MAX_LINE_BYTES);
        assertThat(emitted).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Emitted actual = emitted.get(i);
            assertThat(actual.line()).isEqualTo(expected.get(i).number());
            assertThat(actual.content()).isEqualTo(expected.get(i).content());
            checkOutcome(validator, actual);
            if (actual.content() != null) {
                assertThat(RecordCorpus.describe(actual.outcome())).isEqualTo(
                        RecordCorpus.describe(reference.validate(actual.content(), actual.line())));
            }
        }
    }

    private static void checkOutcome(RecordValidator validator, Emitted emitted) throws IOException {
        RecordOutcome outcome = emitted.outcome();
        assertThat(outcome).isNotNull();
        if (outcome instanceof RecordError error) {
            assertThat(error.line()).isEqualTo(emitted.line());
            assertThat(error.message()).isNotBlank();
            assertThat(error.code() == ErrorCode.RECORD_TOO_LARGE).isEqualTo(emitted.content() == null);
            return;
        }
        ValidRecord record = (ValidRecord) outcome;
        // the same line judged again gives the same record: nothing depends on hidden state
        assertThat(validator.validate(emitted.content(), emitted.line())).isEqualTo(record);
        if (record.canonicalData() != null) {
            // the canonical data is JSON, and submitting it again changes nothing: canonical form is a fixed point
            JsonNode data = JSON.readTree(record.canonicalData());
            assertThat(data.isObject()).isTrue();
            ObjectNode again = JSON.createObjectNode();
            again.put("record_id", record.recordId());
            again.put("subject_type", record.subjectType().wireName());
            again.put("subject_code", record.subjectCode());
            again.set("data", data);
            RecordOutcome resubmitted = validator.validate(JSON.writeValueAsBytes(again), emitted.line());
            assertThat(resubmitted).isInstanceOf(ValidRecord.class);
            assertThat(((ValidRecord) resubmitted).canonicalData()).isEqualTo(record.canonicalData());
            assertThat(((ValidRecord) resubmitted).contentHash()).isEqualTo(record.contentHash());
        }
    }
}
