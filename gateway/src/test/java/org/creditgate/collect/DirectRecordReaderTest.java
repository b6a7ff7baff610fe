package org.creditgate.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.creditgate.catalog.Category;
import org.creditgate.catalog.Field;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectRecordReaderTest {

    private static final Category PENALTY = TestCategories.adminPenalty();
    private static final FieldNames PENALTY_FIELDS = new FieldNames(PENALTY.fields().stream().map(Field::name).toList());

    private final DirectRecordReader reader = new DirectRecordReader();
    private final RawRecord record = new RawRecord();

    private boolean read(String line) {
        return read(line.getBytes(StandardCharsets.UTF_8));
    }

    private boolean read(byte[] line) {
        record.reset(line, line.length);
        return reader.read(line, 0, line.length, PENALTY_FIELDS, record);
    }

    @Test
    @DisplayName("every line of a generated corpus comes out the same whether read directly or by Jackson")
    void agreesWithJackson() {
        List<RecordValidator> direct = RecordCorpus.CATEGORIES.stream().map(c -> new RecordValidator(c, true)).toList();
        List<RecordValidator> jackson = RecordCorpus.CATEGORIES.stream().map(c -> new RecordValidator(c, false))
                .toList();
        List<FieldNames> fields = RecordCorpus.CATEGORIES.stream()
                .map(c -> new FieldNames(c.fields().stream().map(Field::name).toList())).toList();
        DirectRecordReader probe = new DirectRecordReader();
        RawRecord probed = new RawRecord();
        int readDirectly = 0;
        List<RecordCorpus.Sample> samples = RecordCorpus.generate(77L, 30_000);
        for (int i = 0; i < samples.size(); i++) {
            RecordCorpus.Sample sample = samples.get(i);
            byte[] line = sample.line();
            String expected = RecordCorpus.describe(jackson.get(sample.category()).validate(line, i + 1));
            String actual = RecordCorpus.describe(direct.get(sample.category()).validate(line, i + 1));
            assertThat(actual).as(new String(line, StandardCharsets.UTF_8)).isEqualTo(expected);
            probed.reset(line, line.length);
            readDirectly += probe.read(line, 0, line.length, fields.get(sample.category()), probed) ? 1 : 0;
        }
        // most lines are plausible records: the comparison above is about the direct reader, not only Jackson
        assertThat(readDirectly).isGreaterThan(samples.size() * 7 / 10);
    }

    @Test
    @DisplayName("plain decimals are made canonical as BigDecimal makes them, and nothing else is taken")
    void plainDecimals() {
        SplittableRandom random = new SplittableRandom(7);
        String[] pieces = {"0", "0", "1", "5", "9", "00", "000000", "123456789", ".", "-", "e", "E", "+", "x", " "};
        ByteBuilder out = new ByteBuilder(16);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = 1 + random.nextInt(7); k > 0; k--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String value = text.toString();
            byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
            out.setLength(0);
            boolean taken = DecimalValues.appendPlainCanonical(bytes, 0, bytes.length, out);
            java.math.BigDecimal parsed = DecimalValues.parseString(value);
            boolean plainAndInBounds = parsed != null && DecimalValues.boundsProblem(parsed) == null;
            assertThat(taken).as(value).isEqualTo(plainAndInBounds);
            if (taken) {
                assertThat(new String(out.array(), 0, out.length(), StandardCharsets.US_ASCII)).as(value)
                        .isEqualTo(DecimalValues.canonical(parsed));
                assertThat(DecimalValues.canonical(DecimalValues.parseNumber(value))).isEqualTo(
                        DecimalValues.canonical(parsed));
            }
        }
    }

    @Test
    @DisplayName("field names are found from text and from bytes, and no other key is")
    void fieldNames() {
        List<String> names = TestCategories.allFieldNames();
        FieldNames table = new FieldNames(names);
        for (int i = 0; i < names.size(); i++) {
            byte[] padded = ("x" + names.get(i) + "y").getBytes(StandardCharsets.UTF_8);
            assertThat(table.indexOf(names.get(i))).isEqualTo(i);
            assertThat(table.indexOf(padded, 1, padded.length - 1)).isEqualTo(i);
            assertThat(table.indexOf(padded, 0, padded.length - 1)).isEqualTo(FieldNames.NOT_FOUND);
            assertThat(table.indexOf(padded, 1, padded.length - 2)).isEqualTo(FieldNames.NOT_FOUND);
            assertThat(table.name(i)).isEqualTo(names.get(i));
        }
        byte[] empty = new byte[0];
        assertThat(table.indexOf(empty, 0, 0)).isEqualTo(FieldNames.NOT_FOUND);
        assertThat(table.indexOf("宗教信仰")).isEqualTo(FieldNames.NOT_FOUND);
    }

    @Test
    @DisplayName("the benchmark's lines are all read directly, and judged as Jackson judges them")
    void benchmarkLines() {
        RecordValidator direct = new RecordValidator(PENALTY, true);
        RecordValidator jackson = new RecordValidator(PENALTY, false);
        for (int n = 0; n < 2_000; n++) {
            byte[] line = BenchLikeLines.line(n).getBytes(StandardCharsets.UTF_8);
            assertThat(read(line)).isTrue();
            assertThat(RecordCorpus.describe(direct.validate(line, n))).isEqualTo(
                    RecordCorpus.describe(jackson.validate(line, n)));
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "{}", " {} ", "\t{\r\n}\n", "{'record_id':'R1'}", "{ 'record_id' : 'R1' , 'data' : { 'facts' : 'x' } }",
        "{'record_id':12,'subject_type':null,'subject_code':true,'action':false,'data':'x'}",
        "{'data':{'facts':-0.5e+10,'basis':0,'content':-1,'fine_amount':1E5,'legal_rep':null}}",
        "{'x':1,'y':2,'data':{'a':'1','b':'2'}}", "{'data':{'facts':'\\u00e9\\n\\\"\\\\\\/\\b\\f\\r\\t'}}",
        "{'':''}", "{'data':{'':1}}"})
    @DisplayName("flat records in any JSON spelling are read directly")
    void readsFlatRecords(String line) {
        assertThat(read(line.replace('\'', '"'))).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "", " ", "[]", "'x'", "1", "null", "{", "{'a'", "{'a':", "{'a':1", "{'a':1,", "{'a':1,}", "{,}", "{'a' 1}",
        "{'a':1}}", "{'a':1} x", "{'a':1}{}", "{a:1}", "{'a':'x'}x",
        "{'x':{}}", "{'x':[]}", "{'data':[]}", "{'data':{'facts':{}}}", "{'data':{'facts':[1]}}",
        "{'record_id':'R1','record_id':'R2'}", "{'data':{'facts':'a','facts':'b'}}", "{'x':1,'x':2}",
        "{'data':{'x':1,'x':2}}", "{'data':{},'data':{}}",
        "{'recor\\u0064_id':'R1'}", "{'data':{'f\\u0061cts':'x'}}",
        "{'a':01}", "{'a':-}", "{'a':1.}", "{'a':.5}", "{'a':1e}", "{'a':1e+}", "{'a':+1}", "{'a':0x10}",
        "{'a':NaN}", "{'a':tru}", "{'a':nul}", "{'a':falsey}", "{'a':True}", "{'a':1x}",
        "{'a':'\\x'}", "{'a':'\\u12'}", "{'a':'\\u12g4'}", "{'a':'unterminated}",
        "{'a':1 /* c */}", "{'a':1}#", "{'a':'x'} // c"})
    @DisplayName("everything else is left to Jackson")
    void declinesTheRest(String line) {
        assertThat(read(line.replace('\'', '"'))).isFalse();
    }

    @Test
    @DisplayName("raw control characters, a byte order mark and malformed UTF-8 are left to Jackson")
    void declinesBadBytes() {
        assertThat(read("{\"a\":\"tab\there\"}")).isFalse();
        assertThat(read("{\"a\":\"nul\u0000\"}")).isFalse();
        assertThat(read("{\"a\":1}\u0000")).isFalse();
        assertThat(read("\uFEFF{}")).isFalse();
        byte[][] badSequences = {
            {(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0x80},
            {(byte) 0xE4, (byte) 0xB8}, {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xC1, (byte) 0xBF}};
        for (byte[] bad : badSequences) {
            for (String text : List.of("", "ab", "中文", "abcdefghijklmnop", "中文中文中文中文")) {
                byte[] prefix = ("{\"data\":{\"facts\":\"" + text).getBytes(StandardCharsets.UTF_8);
                byte[] suffix = (text + "\"}}").getBytes(StandardCharsets.UTF_8);
                byte[] line = new byte[prefix.length + bad.length + suffix.length];
                System.arraycopy(prefix, 0, line, 0, prefix.length);
                System.arraycopy(bad, 0, line, prefix.length, bad.length);
                System.arraycopy(suffix, 0, line, prefix.length + bad.length, suffix.length);
                assertThat(read(line)).as(java.util.HexFormat.of().formatHex(line)).isFalse();
            }
        }
    }

    @Test
    @DisplayName("more than eight unknown keys in one object are left to Jackson, which finds duplicates by hashing")
    void manyUnknownKeys() {
        StringBuilder eight = new StringBuilder("{\"data\":{");
        for (int i = 0; i < 8; i++) {
            eight.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        assertThat(read(eight + "}}")).isTrue();
        assertThat(read(eight + ",\"k8\":1}}")).isFalse();
    }

    @Test
    @DisplayName("a string value is located with its flags and its length in code points")
    void stringValues() {
        String[][] cases = {
            {"plain ascii text", "2", "16"}, {"中文，标点。", "0", "6"}, {"𠀀😀 non-BMP", "0", "10"},
            {"é ü", "0", "3"}, {"C1 \u0085 here", "4", "9"}, {"DEL \u007f", "6", "5"}, {"", "2", "0"},
            {"long ascii run 0123456789abcdefghijklmnopqrstuvwxyz", "2", "51"}, {"\u00a0", "0", "1"},
            {"\u009f", "4", "1"}, {"\u00a1", "0", "1"}, {"\u0080", "4", "1"}};
        for (String[] c : cases) {
            String line = "{\"data\":{\"facts\":\"" + c[0] + "\"}}";
            assertThat(read(line)).as(c[0]).isTrue();
            assertThat(record.dataCount()).isEqualTo(1);
            assertThat(record.dataField(0)).isEqualTo(PENALTY_FIELDS.indexOf("facts"));
            assertThat(record.dataName(0)).isEqualTo("facts");
            assertThat(record.valueFlags(0)).as(c[0]).isEqualTo(Integer.parseInt(c[1]));
            assertThat(record.valueCodePoints(0)).as(c[0]).isEqualTo(Integer.parseInt(c[2]));
            assertThat(record.isVerbatim(0)).isTrue();
            assertThat(record.dataText(0)).isEqualTo(c[0]);
        }
    }

    @Test
    @DisplayName("escaped strings decode exactly as Jackson decodes them")
    void escapesDecodeAsJackson() throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        String[] pieces = {"a", "中", "𠀀", "\\n", "\\t", "\\r", "\\b", "\\f", "\\/", "\\\\", "\\\"", "\\u0000",
            "\\u00e9", "\\u4E2D", "\\ud840\\udc00", "\\ud800", "\\udc00", "\\uFFFF", "\\u001f", " ", "é"};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder value = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                value.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] line = ("{\"data\":{\"facts\":\"" + value + "\",\"k\":\"" + value + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(read(line)).isTrue();
            String expected = jacksonText(line);
            assertThat(record.dataText(0)).as(value.toString()).isEqualTo(expected);
            assertThat(record.dataName(1)).isEqualTo("k");
            assertThat(record.dataText(1)).isEqualTo(expected);
            assertThat(record.isVerbatim(0)).isEqualTo(value.indexOf("\\") < 0);
        }
    }

    @Test
    @DisplayName("envelope values are read as text, numbers as written")
    void envelope() {
        assertThat(read("{\"record_id\":\"R-\\u0031\",\"subject_type\":\"org\",\"subject_code\":-1.5e3,"
                + "\"action\":\"repair\",\"data\":null,\"extra\":true}")).isTrue();
        assertThat(record.recordIdKind).isEqualTo(ValueKind.STRING);
        assertThat(record.recordId).isEqualTo("R-1");
        assertThat(record.subjectType).isSameAs("org");
        assertThat(record.subjectCodeKind).isEqualTo(ValueKind.NUMBER);
        assertThat(record.subjectCode).isEqualTo("-1.5e3");
        assertThat(record.action).isEqualTo("repair");
        assertThat(record.dataKind).isEqualTo(ValueKind.NULL);
        assertThat(record.unknownKeys()).containsExactly("extra");
    }

    /** The value of the first key of the data object, as Jackson reads it. */
    private static String jacksonText(byte[] line) throws IOException {
        try (JsonParser parser = RecordJson.FACTORY.createParser(line)) {
            while (parser.nextToken() != JsonToken.VALUE_STRING) {
                assertThat(parser.currentToken()).isNotNull();
            }
            return parser.getText();
        }
    }
}
