package org.creditgate.collect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.creditgate.catalog.Category;
import org.creditgate.catalog.Field;
import org.creditgate.catalog.SubjectType;

/**
 * Lines of every shipped category, generated from a seed: mostly plausible records written in every way JSON
 * allows (escapes, white space, key order), many with one thing wrong (a value, a key, the JSON itself, the
 * UTF-8 under it). The same seed always gives the same lines, so their outcomes can be pinned or compared.
 */
final class RecordCorpus {

    static final List<Category> CATEGORIES = TestCategories.all();

    /** A line and the category it is submitted to. */
    record Sample(int category, byte[] line) {
    }

    private static final String[] ORG_CODES = {"914403001922038216", "11440300MB2C9460XM", "12100000400000123X"};
    private static final String[] PERSON_IDS = {"11010519491231002X", "440304199001011233"};
    private static final String[] TEXTS = {
        "深圳市某某科技有限公司", "张三", "深市监罚〔2024〕123号", "虚假广告", "《中华人民共和国广告法》第五十五条",
        "经查，当事人自2023-01-01起在经营场所从事虚假广告行为，违法所得1200元。", "Acme Trading Co., Ltd.", "a/b",
        "引号\" 反斜杠\\ 制表\t 回车\r 换行\n end", "non-BMP 𠀀𝄞 😀", "café", "ÿ", "\u3000全角空格开头", "\u2028",
        "\u00a0nbsp", " leading space", "x", "罚款", "警告", "全部未履行", "水", "国家级", "男", "本科", "0012345",
        "13800001234", "2024-03-15", "20.5", "-0.0", "SECRET", "Ÿ¡©±·°", "\u00ad\u00a0\u1680x"};
    /** Texts no stored string may hold, or that count as absent. */
    private static final String[] BAD_TEXTS = {"\u0085NEL", "DEL\u007f", "ctrl\u0001", "lone\ud800",
        "lone\udc00low", "  ", "", "\t", "\u3000", "\u2003 \u3000"};
    private static final String[] DATES = {"2024-03-15", "2024-02-29", "2023-02-29", "2026-02-30", "2024-13-01",
        "2024-3-15", "0000-01-01", "9999-12-31", "2024/03/15", " 2024-03-15", "２０２４-03-15", "1900-02-29"};
    private static final String[] NUMBERS = {"20.5", "0", "-0", "-0.0", "1E+2", "2.05e1", "205E-1", "20.500000",
        "-3.25", "123456789012345678.123456", "1234567890123456789", "0.0000001", "1e19", "1e999999999",
        "1.0000000", "100", "0.000", "999999999999999999", "12.3456789", "7"};
    private static final String[] NUMERIC_STRINGS = {"20.5", "20.50", "020.5", "-0.0", "100", "1e3", "20.", ".5",
        "+1", "1,000", "0x10", "123456789012345678.123456", "1234567890123456789", "0.1234567", "00.000100",
        "-00012.5000", "0", "-0"};
    private static final String[] UNKNOWN_KEYS = {"extra", "fine", "decision-date", "tax_paid", "religion",
        "bloodType", "宗教信仰", "income", "note", "good_faith", "salary", "x"};

    private final SplittableRandom random;
    /** Whether the current line escapes characters that need no escape, now and then. */
    private boolean escapeMore;

    private RecordCorpus(long seed) {
        this.random = new SplittableRandom(seed);
    }

    static List<Sample> generate(long seed, int count) {
        RecordCorpus corpus = new RecordCorpus(seed);
        List<Sample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int category = corpus.random.nextInt(CATEGORIES.size());
            samples.add(new Sample(category, corpus.line(CATEGORIES.get(category))));
        }
        return samples;
    }

    /** What a line came to, every part of it, for comparing outcomes. */
    static String describe(RecordOutcome outcome) {
        if (outcome instanceof RecordError e) {
            return "ERROR line=" + e.line() + " id=" + e.recordId() + " code=" + e.code() + " field=" + e.field()
                    + " message=" + e.message();
        }
        ValidRecord r = (ValidRecord) outcome;
        return "VALID id=" + r.recordId() + " type=" + r.subjectType() + " code=" + r.subjectCode() + " action="
                + r.action() + " start=" + r.periodStart() + " end=" + r.periodEnd() + " hash="
                + HexFormat.of().formatHex(r.contentHash()) + " data=" + r.canonicalData();
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private byte[] line(Category category) {
        escapeMore = chance(10);
        List<String[]> top = new ArrayList<>();
        boolean person = category.allows(SubjectType.PERSON)
                && (!category.allows(SubjectType.ORG) || random.nextBoolean());
        if (!chance(3)) {
            top.add(new String[] {"record_id", chance(96) ? string("R-" + random.nextInt(1_000_000))
                    : pick(new String[] {"12", "null", string(""), string(" "), string("r\u0001"),
                        string("x".repeat(129)), string("引号\"id"), "true"})});
        }
        if (!chance(3)) {
            top.add(new String[] {"subject_type", chance(96) ? string(person ? "person" : "org")
                    : pick(new String[] {string("Org"), "1", "null", string("nobody"), string(person ? "org" : "person")})});
        }
        if (!chance(3)) {
            String code = person ? pick(PERSON_IDS) : pick(ORG_CODES);
            top.add(new String[] {"subject_code", chance(95) ? string(code)
                    : pick(new String[] {string(code.toLowerCase()), "914403001922038216", "null",
                        string("914403001922038217"), string("11010519900230001X"), string(pick(ORG_CODES))})});
        }
        if (chance(60)) {
            top.add(new String[] {"action", chance(80) ? string("upsert")
                    : pick(new String[] {string("revoke"), string("repair"), "null", string("UPSERT"), "1"})});
        }
        if (!chance(3)) {
            top.add(new String[] {"data", chance(94) ? data(category, person)
                    : pick(new String[] {"null", "[]", string("{}"), "[{\"fingerprint\":1}]", "{}"})});
        }
        if (chance(3)) {
            top.add(new String[] {pick(UNKNOWN_KEYS), chance(80) ? string("v") : "{\"marital_status\":[1]}"});
        }
        if (chance(2) && !top.isEmpty()) {
            top.add(top.get(random.nextInt(top.size())));
        }
        shuffleSometimes(top);
        String text = object(top);
        if (chance(2)) {
            text = "\uFEFF" + text;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return chance(8) ? mutate(bytes) : bytes;
    }

    private String data(Category category, boolean person) {
        List<String[]> entries = new ArrayList<>();
        for (Field field : category.fields()) {
            if (chance(2) || !field.requirement().requiredFor(person ? SubjectType.PERSON : SubjectType.ORG)
                    && chance(30)) {
                continue;
            }
            entries.add(new String[] {field.name(), value(field)});
        }
        if (chance(3)) {
            entries.add(new String[] {pick(UNKNOWN_KEYS), chance(70) ? string("v") : "[1,{\"k\":null}]"});
        }
        if (chance(2) && !entries.isEmpty()) {
            entries.add(entries.get(random.nextInt(entries.size())));
        }
        shuffleSometimes(entries);
        return object(entries);
    }

    private String value(Field field) {
        if (chance(2)) {
            return pick(new String[] {"null", "true", "12", string(""), string("   "), "{\"income\":1}", "[]",
                string(pick(TEXTS)), string(pick(BAD_TEXTS))});
        }
        return switch (field.type().kind()) {
            case STRING -> string(chance(3) ? pick(TEXTS).repeat(1 + random.nextInt(60))
                    : chance(3) ? pick(BAD_TEXTS) : pick(TEXTS));
            case DATE -> chance(85) ? string("20" + (10 + random.nextInt(20)) + "-0" + (1 + random.nextInt(9)) + "-"
                    + (10 + random.nextInt(19))) : chance(50) ? string(pick(DATES)) : "20240315";
            case DECIMAL -> chance(60) ? pick(NUMBERS) : string(pick(NUMERIC_STRINGS));
            case ENUM -> string(chance(90) ? field.type().enumValues().get(
                    random.nextInt(field.type().enumValues().size())) : pick(TEXTS));
            case CREDIT_CODE -> string(chance(90) ? pick(ORG_CODES) : pick(PERSON_IDS));
            case ID_NUMBER -> string(chance(90) ? pick(PERSON_IDS) : pick(new String[] {"11010519900230001X",
                "110105194912310021", ORG_CODES[0]}));
        };
    }

    private void shuffleSometimes(List<String[]> entries) {
        if (chance(20)) {
            for (int i = entries.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                String[] t = entries.get(i);
                entries.set(i, entries.get(j));
                entries.set(j, t);
            }
        }
    }

    private String object(List<String[]> entries) {
        StringBuilder out = new StringBuilder();
        out.append(space()).append('{');
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                out.append(space()).append(',');
            }
            out.append(space()).append(string(entries.get(i)[0])).append(space()).append(':').append(space())
                    .append(entries.get(i)[1]);
        }
        return out.append(space()).append('}').append(space()).toString();
    }

    private String space() {
        if (!chance(6)) {
            return "";
        }
        return pick(new String[] {" ", "\t", "  ", "\r", "\n", " \t "});
    }

    /** The text as a JSON string literal: raw where JSON allows it, now and then escaped where it need not be. */
    private String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n' || c == '\t' || c == '\r') {
                out.append(random.nextBoolean() ? (c == '\n' ? "\\n" : c == '\t' ? "\\t" : "\\r") : unicode(c));
            } else if (c < 0x20 || Character.isSurrogate(c) && !paired && !Character.isLowSurrogate(c)
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
                out.append(unicode(c));
            } else if (escapeMore && chance(10)) {
                out.append(c == '/' ? "\\/" : c == '\b' ? "\\b" : unicode(c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private String unicode(char c) {
        String hex = String.format("%04x", (int) c);
        return "\\u" + (random.nextBoolean() ? hex : hex.toUpperCase());
    }

    private static final byte[][] INSERTS = {{'"'}, {'\\'}, {'{'}, {'}'}, {'['}, {']'}, {','}, {':'}, {' '}, {0},
        {0x7F}, {'\n'}, {'\t'}, {'0'}, {'e'}, {'-'}, {'.'}, {'/'}, {(byte) 0xC2, (byte) 0x85},
        {(byte) 0xE3, (byte) 0x80, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xEF, (byte) 0xBB,
        (byte) 0xBF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80},
        {(byte) 0xE4, (byte) 0xB8}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}, {'\\', 'u', '0', '0', '0'},
        {'\\', 'u', 'd', '8', '0', '0'}, {'n', 'u', 'l', 'l'}, {'t', 'r', 'u', 'e'}, {'\\', 'n'}, {'1'}, {'+'}};

    /** One to three byte-level changes: an insertion, a deletion, or a cut. */
    private byte[] mutate(byte[] line) {
        byte[] out = line;
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes && out.length > 0; c++) {
            int at = random.nextInt(out.length + 1);
            int kind = random.nextInt(10);
            if (kind < 6) {
                byte[] insert = pick(INSERTS);
                byte[] grown = new byte[out.length + insert.length];
                System.arraycopy(out, 0, grown, 0, at);
                System.arraycopy(insert, 0, grown, at, insert.length);
                System.arraycopy(out, at, grown, at + insert.length, out.length - at);
                out = grown;
            } else if (kind < 9 && at < out.length) {
                byte[] shrunk = new byte[out.length - 1];
                System.arraycopy(out, 0, shrunk, 0, at);
                System.arraycopy(out, at + 1, shrunk, at, out.length - at - 1);
                out = shrunk;
            } else {
                out = java.util.Arrays.copyOf(out, at);
            }
        }
        return out;
    }
}
