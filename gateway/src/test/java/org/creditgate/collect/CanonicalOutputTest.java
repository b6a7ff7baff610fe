package org.creditgate.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins what the validator makes of lines, byte for byte: canonical data and content hashes are stored, and a
 * resubmission is recognised by its hash, so neither may change by accident.
 */
class CanonicalOutputTest {

    private static final String ENVELOPE = "{\"record_id\":\"R1\",\"subject_type\":\"org\","
            + "\"subject_code\":\"914403001922038216\",\"data\":{";
    private static final String REQUIRED = "\"subject_name\":\"某公司\",\"legal_rep\":\"张三\",\"decision_no\":\"1号\","
            + "\"violation_type\":\"v\",\"facts\":\"f\",\"basis\":\"b\",\"penalty_type\":\"罚款\",\"content\":\"c\","
            + "\"decision_date\":\"2024-03-15\",\"authority\":\"a\",\"authority_code\":\"11440300MB2C9460XM\"";

    private final RecordValidator penalties = new RecordValidator(TestCategories.adminPenalty());

    /** Lines whose data fields (admin_penalty) are given as JSON text, and the canonical data they give. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            facts | `"facts":"引号\\" 反斜杠\\\\ 斜杠\\/ 制表\\t 回车\\r 换行\\n \\u0009\\u000A\\u000d\\u0022\\u005C"` | `"facts":"引号\\" 反斜杠\\\\ 斜杠/ 制表\\t 回车\\r 换行\\n \\t\\n\\r\\"\\\\"`
            facts | `"facts":"non-BMP 𠀀𝄞😀 and \\ud840\\udc00 escaped, \\u00e9 \\u4E2D"` | `"facts":"non-BMP 𠀀𝄞😀 and 𠀀 escaped, é 中"`
            facts legal_rep | `"\\u0066\\u0061\\u0063\\u0074\\u0073":"x", "legal_rep":"\\u5f20\\u4e09"` | `"legal_rep":"张三","decision_no":"1号","violation_type":"v","facts":"x"`
            - | `"fine_amount":20.50` | `"fine_amount":20.5`
            - | `"fine_amount":"-00012.5000"` | `"fine_amount":-12.5`
            - | `"fine_amount":"-0.0"` | `"fine_amount":0`
            - | `"fine_amount":1E+2` | `"fine_amount":100`
            - | `"fine_amount":2.05e1` | `"fine_amount":20.5`
            - | `"fine_amount":"123456789012345678.123456"` | `"fine_amount":123456789012345678.123456`
            - | `"fine_amount":0.000100` | `"fine_amount":0.0001`
            - | `"fine_amount":null, "publish_until":"  "` | `"content":"c","decision_date":"2024-03-15","authority":"a"`
            penalty_type | `"publish_until":"2027-03-15", "penalty_type":"\\u8b66\\u544a"` | `"penalty_type":"警告","content":"c","decision_date":"2024-03-15","publish_until":"2027-03-15"`
            facts | `"facts":"Ÿ é ¡ 中文 ＡＢＣ"` | `"facts":"Ÿ é ¡ 中文 ＡＢＣ"`
            """)
    @DisplayName("canonical data: escapes rewritten one way, characters as themselves, decimals plain")
    void pinnedCanonicalData(String replaced, String fieldsJson, String expectedPart) {
        String required = REQUIRED;
        for (String name : replaced.split(" ")) {
            required = required.replaceFirst(",?\"" + name + "\":\"[^\"]*\"", "");
        }
        ValidRecord record = (ValidRecord) penalties.validate(
                (ENVELOPE + required + "," + fieldsJson + "}}").getBytes(StandardCharsets.UTF_8), 1);
        assertThat(record.canonicalData()).contains(expectedPart);
    }

    @Test
    @DisplayName("canonical data and hash of a full record, pinned")
    void pinnedRecord() {
        String line = ENVELOPE + REQUIRED.replace("\"facts\":\"f\",", "")
                + ",\"facts\":\"第一行\\n第二行 \\\"引\\\" 𠀀\",\"fine_amount\":\"020.50\",\"publish_until\":\"2027-03-15\"}}";
        ValidRecord record = (ValidRecord) penalties.validate(line.getBytes(StandardCharsets.UTF_8), 1);
        assertThat(record.canonicalData()).isEqualTo("{\"subject_name\":\"某公司\",\"legal_rep\":\"张三\","
                + "\"decision_no\":\"1号\",\"violation_type\":\"v\",\"facts\":\"第一行\\n第二行 \\\"引\\\" 𠀀\","
                + "\"basis\":\"b\",\"penalty_type\":\"罚款\",\"content\":\"c\",\"fine_amount\":20.5,"
                + "\"decision_date\":\"2024-03-15\",\"publish_until\":\"2027-03-15\",\"authority\":\"a\","
                + "\"authority_code\":\"11440300MB2C9460XM\"}");
        assertThat(HexFormat.of().formatHex(record.contentHash())).isEqualTo("0c4bd479fc21e5525af90e9de9f5466cc7328187c2a035da17016a311e906496");
    }

    @Test
    @DisplayName("the hash of a revoke covers action and subject only")
    void pinnedRevoke() {
        ValidRecord record = (ValidRecord) penalties.validate(("{\"record_id\":\"R1\",\"subject_type\":\"person\","
                + "\"subject_code\":\"11010519491231002X\",\"action\":\"revoke\"}").getBytes(StandardCharsets.UTF_8), 1);
        assertThat(HexFormat.of().formatHex(record.contentHash())).isEqualTo(sha256Hex(
                "revoke\nperson\n11010519491231002X\n"));
    }

    /**
     * Twenty thousand generated lines of every category, right and wrong in many ways: every part of every outcome
     * (canonical data, hash, error code, field and message) goes into one digest, pinned. A change to it is a
     * change of behaviour; {@code -Dcorpus.dump=FILE} writes the outcomes one a line, to compare two builds.
     */
    @Test
    @DisplayName("the outcomes of a generated corpus are pinned")
    void pinnedCorpus() throws IOException {
        List<RecordValidator> validators = RecordCorpus.CATEGORIES.stream().map(RecordValidator::new).toList();
        List<String> outcomes = new ArrayList<>();
        long valid = 0;
        long lineNumber = 0;
        for (RecordCorpus.Sample sample : RecordCorpus.generate(20260101L, 20_000)) {
            RecordOutcome outcome = validators.get(sample.category()).validate(sample.line(), ++lineNumber);
            valid += outcome instanceof ValidRecord ? 1 : 0;
            outcomes.add(RecordCorpus.describe(outcome));
        }
        String dump = System.getProperty("corpus.dump");
        if (dump != null) {
            Files.write(Path.of(dump), outcomes, StandardCharsets.UTF_8);
        }
        assertThat(valid).as("valid lines").isEqualTo(4916L);
        assertThat(sha256Hex(String.join("\n", outcomes))).isEqualTo("ee208e9fdadc70c92ca3e96f6c2d5d4dcc0a0fff164692b40d4ab48e4e6bd1f2");
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
