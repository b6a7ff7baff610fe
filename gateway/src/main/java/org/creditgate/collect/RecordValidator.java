package org.creditgate.collect;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.creditgate.catalog.Category;
import org.creditgate.catalog.Field;
import org.creditgate.catalog.FieldType;
import org.creditgate.catalog.SubjectType;
import org.creditgate.subject.CreditCode;
import org.creditgate.subject.IdNumber;

/**
 * Judges the submitted lines of one category: each line gives a {@link ValidRecord} ready to store, or the one
 * {@link RecordError} that refuses it. Immutable and thread-safe; build one per category and reuse it.
 *
 * <p>The rules, in the order they are applied (the first that fails is reported):
 * <ol>
 *   <li>{@code INVALID_JSON}: not valid UTF-8, not one JSON object, a key twice in an object, content after it;</li>
 *   <li>{@code PROHIBITED_FIELD}: a key anywhere in the record, at the top, in {@code data} or deeper, names
 *       prohibited information ({@link ProhibitedFields}), whatever else is wrong: the record is refused whole;</li>
 *   <li>the envelope: {@code record_id}, unknown top-level keys, {@code subject_type} (and whether the category
 *       takes it), {@code subject_code} (checksummed for its type), {@code action}, {@code data} present and an
 *       object for an upsert (a revoke or repair needs none, and any it carries is not read further);</li>
 *   <li>the data: unknown fields, then each catalog field in catalog order: present when required for the
 *       subject type, and of its type.</li>
 * </ol>
 * A JSON null, or a string of only white space, counts as an absent field. Messages name the field and the rule,
 * never the value.
 *
 * <p>The canonical data is built as UTF-8 bytes, taken straight from the line where a value needs no change, and
 * hashed as built. Thread-safe: the validator itself is immutable, and the buffers a line is judged in belong to
 * the calling thread ({@link Workspace}), so one validator serves every event loop.
 */
public final class RecordValidator {

    /** Explanations quoting this many consecutive characters of a submitted code are not passed on. */
    private static final int QUOTE_WINDOW = 4;

    /** "upsert\norg\n"...: the start of the hashed content, by action and subject type. */
    private static final byte[][][] HASH_HEADERS = new byte[Action.values().length][SubjectType.values().length][];

    static {
        for (Action action : Action.values()) {
            for (SubjectType type : SubjectType.values()) {
                HASH_HEADERS[action.ordinal()][type.ordinal()] =
                        (action.wireName() + '\n' + type.wireName() + '\n').getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * What judging a line needs that is worth keeping from line to line, one per thread: a line is judged from
     * start to end on one thread, and nothing of it outlives the call (outcomes hold copies).
     */
    private static final class Workspace {
        final RawRecord raw = new RawRecord();
        final DirectRecordReader direct = new DirectRecordReader();
        /** The hashed content: action, subject type and code, then the canonical data. */
        final ByteBuilder content = new ByteBuilder(4096);
        final MessageDigest sha256;

        Workspace() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java platform", e);
            }
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private final Category category;
    private final FieldRule[] rules;
    private final String subjectTypesAllowed;
    private final RecordReader reader;
    /** False only in tests: every line then goes through Jackson, the reference reading. */
    private final boolean readDirectly;

    public RecordValidator(Category category) {
        this(category, true);
    }

    RecordValidator(Category category, boolean readDirectly) {
        this.category = category;
        this.readDirectly = readDirectly;
        List<Field> fields = category.fields();
        this.rules = new FieldRule[fields.size()];
        String startField = category.periodStartsFrom().orElse(null);
        String endField = category.periodEndsAt().orElse(null);
        for (int i = 0; i < rules.length; i++) {
            Field field = fields.get(i);
            rules[i] = new FieldRule(i, field, field.name().equals(startField), field.name().equals(endField));
        }
        this.reader = new RecordReader(new FieldNames(fields.stream().map(Field::name).toList()));
        this.subjectTypesAllowed = category.subjectTypes().stream().map(SubjectType::wireName).sorted()
                .collect(Collectors.joining(" and ")) + (category.subjectTypes().size() == 1 ? " only" : "");
    }

    public Category category() {
        return category;
    }

    /** Validates one line (without its terminator); {@code lineNumber} is reported in errors. */
    public RecordOutcome validate(byte[] buf, int off, int len, long lineNumber) {
        Workspace workspace = WORKSPACE.get();
        RawRecord raw = workspace.raw;
        try {
            reader.read(buf, off, len, raw, readDirectly ? workspace.direct : null);
            return new Judgement(raw, lineNumber, workspace).outcome();
        } catch (MalformedRecordException e) {
            return new RecordError(lineNumber, e.recordId(), ErrorCode.INVALID_JSON,
                    TextRules.reportableKey(e.field()), e.getMessage());
        } finally {
            // the line's buffer is the caller's, reused for the next chunk: keep no hold on it
            raw.reset(null, 0);
        }
    }

    public RecordOutcome validate(byte[] line, long lineNumber) {
        return validate(line, 0, line.length, lineNumber);
    }

    /** One catalog field, with what the per-record path asks of it worked out once. */
    private static final class FieldRule {
        final int index;
        final Field field;
        final String name;
        final FieldType.Kind kind;
        final Set<String> enumValues;
        final byte[][] enumValuesUtf8;
        final String enumValuesListed;
        /** The key as canonical JSON, and the colon: {@code "name":}. */
        final byte[] quotedName;
        final boolean periodStart;
        final boolean periodEnd;
        /** The prohibited topic of the field's own name (an operator's catalog could hold one), per subject type. */
        final String prohibitedForOrg;
        final String prohibitedForPerson;

        FieldRule(int index, Field field, boolean periodStart, boolean periodEnd) {
            this.index = index;
            this.field = field;
            this.name = field.name();
            this.kind = field.type().kind();
            this.enumValues = Set.copyOf(field.type().enumValues());
            this.enumValuesUtf8 = field.type().enumValues().stream()
                    .map(value -> value.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
            ByteBuilder key = new ByteBuilder(name.length() * 3 + 3);
            CanonicalJson.appendQuoted(key, name);
            key.append((byte) ':');
            this.quotedName = key.copyOfRange(0, key.length());
            this.enumValuesListed = String.join(", ", field.type().enumValues());
            this.periodStart = periodStart && kind == FieldType.Kind.DATE;
            this.periodEnd = periodEnd && kind == FieldType.Kind.DATE;
            this.prohibitedForOrg = ProhibitedFields.topicOrNull(name, SubjectType.ORG);
            this.prohibitedForPerson = ProhibitedFields.topicOrNull(name, SubjectType.PERSON);
        }

        String prohibitedTopic(SubjectType subjectType) {
            return subjectType == SubjectType.ORG ? prohibitedForOrg : prohibitedForPerson;
        }
    }

    /** The judgement of one record: the rules applied in order, stopping at the first broken one. */
    private final class Judgement {
        private final RawRecord raw;
        private final Workspace workspace;
        private final long line;
        private final String recordId;
        private final SubjectType subjectType;
        /** For each catalog field, the index of its data entry, or -1. */
        private final int[] entryOfField;
        private int firstUnknownEntry = -1;
        /** Set by canonicalData() when a field fails. */
        private RecordError fieldError;
        private LocalDate periodStart;
        private LocalDate periodEnd;

        Judgement(RawRecord raw, long line, Workspace workspace) {
            this.raw = raw;
            this.workspace = workspace;
            this.line = line;
            this.recordId = raw.recordIdKind == ValueKind.STRING && TextRules.isAcceptableRecordId(raw.recordId)
                    ? raw.recordId : null;
            this.subjectType = raw.subjectTypeKind == ValueKind.STRING ? subjectTypeOrNull(raw.subjectType) : null;
            this.entryOfField = new int[rules.length];
            Arrays.fill(entryOfField, -1);
            for (int i = 0, n = raw.dataCount(); i < n; i++) {
                int field = raw.dataField(i);
                if (field >= 0) {
                    entryOfField[field] = i;
                } else if (firstUnknownEntry < 0) {
                    firstUnknownEntry = i;
                }
            }
        }

        RecordOutcome outcome() {
            RecordError error = prohibitedKey();
            if (error == null) {
                error = envelopeProblem();
            }
            if (error != null) {
                return error;
            }
            Action action = actionOrNull();
            String subjectCode = raw.subjectCode;
            // newline-separated: none of the parts can hold a raw newline (canonical JSON escapes it)
            ByteBuilder content = workspace.content;
            content.setLength(0);
            content.append(HASH_HEADERS[action.ordinal()][subjectType.ordinal()]).appendUtf8(subjectCode)
                    .append((byte) '\n');
            if (action != Action.UPSERT) {
                return ValidRecord.withCanonicalUtf8(recordId, subjectType, subjectCode, action, null, null, null,
                        contentHash(content));
            }
            error = dataProblem();
            if (error != null) {
                return error;
            }
            int dataStart = content.length();
            if (!appendCanonicalData(content)) {
                return fieldError;
            }
            return ValidRecord.withCanonicalUtf8(recordId, subjectType, subjectCode, action,
                    content.copyOfRange(dataStart, content.length()), periodStart, periodEnd, contentHash(content));
        }

        private byte[] contentHash(ByteBuilder content) {
            MessageDigest digest = workspace.sha256;
            digest.reset();
            digest.update(content.array(), 0, content.length());
            return digest.digest();
        }

        private RecordError prohibitedKey() {
            // an invalid or absent subject_type reads as a person: the stricter reading
            SubjectType readAs = subjectType == null ? SubjectType.PERSON : subjectType;
            for (String key : raw.unknownKeys()) {
                String topic = ProhibitedFields.topicOrNull(key, readAs);
                if (topic != null) {
                    return prohibited(key, topic);
                }
            }
            for (FieldRule rule : rules) {
                String topic = entryOfField[rule.index] < 0 ? null : rule.prohibitedTopic(readAs);
                if (topic != null) {
                    return prohibited(rule.name, topic);
                }
            }
            if (firstUnknownEntry >= 0) {
                for (int i = firstUnknownEntry, n = raw.dataCount(); i < n; i++) {
                    String key = raw.dataName(i);
                    String topic = raw.dataField(i) >= 0 ? null : ProhibitedFields.topicOrNull(key, readAs);
                    if (topic != null) {
                        return prohibited(key, topic);
                    }
                }
            }
            for (String key : raw.nestedKeys()) {
                String topic = ProhibitedFields.topicOrNull(key, readAs);
                if (topic != null) {
                    return prohibited(key, topic);
                }
            }
            return null;
        }

        private RecordError prohibited(String key, String topic) {
            String field = TextRules.reportableKey(key);
            return error(ErrorCode.PROHIBITED_FIELD, field,
                    (field == null ? "a field" : "field " + field) + " names prohibited information (" + topic
                            + "), which may not be collected; the record is refused whole");
        }

        private RecordError envelopeProblem() {
            if (isAbsent(raw.recordIdKind)) {
                return error(ErrorCode.MISSING_FIELD, RecordReader.RECORD_ID, "record_id is required");
            }
            if (raw.recordIdKind != ValueKind.STRING) {
                return error(ErrorCode.INVALID_VALUE, RecordReader.RECORD_ID,
                        "record_id must be a string, found " + raw.recordIdKind.described());
            }
            if (recordId == null) {
                return error(ErrorCode.INVALID_VALUE, RecordReader.RECORD_ID,
                        "record_id must be 1 to " + TextRules.MAX_RECORD_ID_LENGTH
                                + " characters, not blank, without control characters");
            }
            if (!raw.unknownKeys().isEmpty()) {
                String key = TextRules.reportableKey(raw.unknownKeys().get(0));
                return error(ErrorCode.UNKNOWN_FIELD, key, (key == null ? "an unprintable or over-long key" : key)
                        + " is not a record field; a record holds record_id, subject_type, subject_code, action"
                        + " and data, the category's fields go inside data");
            }
            if (isAbsent(raw.subjectTypeKind)) {
                return error(ErrorCode.MISSING_FIELD, RecordReader.SUBJECT_TYPE, "subject_type is required");
            }
            if (subjectType == null) {
                return error(ErrorCode.INVALID_VALUE, RecordReader.SUBJECT_TYPE,
                        "subject_type must be \"org\" or \"person\"");
            }
            if (!category.allows(subjectType)) {
                return error(ErrorCode.SUBJECT_TYPE_NOT_ALLOWED, RecordReader.SUBJECT_TYPE, "category "
                        + category.id() + " takes records about " + subjectTypesAllowed + ", not "
                        + subjectType.wireName());
            }
            if (isAbsent(raw.subjectCodeKind)) {
                return error(ErrorCode.MISSING_FIELD, RecordReader.SUBJECT_CODE, "subject_code is required");
            }
            if (raw.subjectCodeKind != ValueKind.STRING) {
                return error(ErrorCode.INVALID_SUBJECT_CODE, RecordReader.SUBJECT_CODE,
                        "subject_code must be a string, found " + raw.subjectCodeKind.described());
            }
            String code = raw.subjectCode;
            String codeProblem = subjectType == SubjectType.ORG ? creditCodeProblem(code) : idNumberProblem(code);
            if (codeProblem != null) {
                return error(ErrorCode.INVALID_SUBJECT_CODE, RecordReader.SUBJECT_CODE,
                        "subject_code is not " + codeProblem);
            }
            Action action = actionOrNull();
            if (action == null) {
                return error(ErrorCode.INVALID_VALUE, RecordReader.ACTION,
                        "action must be \"upsert\", \"revoke\" or \"repair\"");
            }
            if (action == Action.UPSERT) {
                if (isAbsent(raw.dataKind)) {
                    return error(ErrorCode.MISSING_FIELD, RecordReader.DATA, "data is required for an upsert");
                }
                if (raw.dataKind != ValueKind.OBJECT) {
                    return error(ErrorCode.INVALID_VALUE, RecordReader.DATA,
                            "data must be a JSON object, found " + raw.dataKind.described());
                }
            }
            return null;
        }

        /** The action, UPSERT when absent or null, null when it names none. */
        private Action actionOrNull() {
            if (isAbsent(raw.actionKind)) {
                return Action.UPSERT;
            }
            return raw.actionKind == ValueKind.STRING ? Action.fromWireOrNull(raw.action) : null;
        }

        private RecordError dataProblem() {
            if (firstUnknownEntry >= 0) {
                String key = TextRules.reportableKey(raw.dataName(firstUnknownEntry));
                return error(ErrorCode.UNKNOWN_FIELD, key, (key == null ? "an unprintable or over-long key" : key)
                        + " is not a field of category " + category.id());
            }
            return null;
        }

        /** Appends the canonical data, checking each field on the way; false (with fieldError set) on a failure. */
        private boolean appendCanonicalData(ByteBuilder out) {
            out.append((byte) '{');
            boolean first = true;
            for (FieldRule rule : rules) {
                int entry = entryOfField[rule.index];
                ValueKind kind = entry < 0 ? null : raw.dataKind(entry);
                if (isAbsent(kind) || kind == ValueKind.STRING && isBlank(entry)) {
                    if (rule.field.requirement().requiredFor(subjectType)) {
                        fieldError = error(ErrorCode.MISSING_FIELD, rule.name, rule.name + " is required"
                                + (requiredForEveryone(rule) ? "" : " for " + subjectType.wireName() + " subjects"));
                        return false;
                    }
                    continue;
                }
                int mark = out.length();
                if (!first) {
                    out.append((byte) ',');
                }
                out.append(rule.quotedName);
                String problem = appendValue(out, rule, kind, entry);
                if (problem != null) {
                    out.setLength(mark);
                    fieldError = error(ErrorCode.INVALID_VALUE, rule.name, rule.name + " " + problem);
                    return false;
                }
                first = false;
            }
            out.append((byte) '}');
            return true;
        }

        /**
         * String.isBlank() of a string entry, answered from its first character for the usual value, which starts
         * visibly, without decoding it.
         */
        private boolean isBlank(int entry) {
            if (!raw.isVerbatim(entry)) {
                return RecordValidator.isBlank(raw.dataText(entry));
            }
            int start = raw.valueStart(entry);
            if (start == raw.valueEnd(entry)) {
                return true;
            }
            byte[] line = raw.line;
            int b = line[start] & 0xFF;
            int first;
            if (b < 0x80) {
                first = b;
            } else if (b < 0xE0) {
                first = (b & 0x1F) << 6 | line[start + 1] & 0x3F;
            } else if (b < 0xF0) {
                first = (b & 0x0F) << 12 | (line[start + 1] & 0x3F) << 6 | line[start + 2] & 0x3F;
            } else {
                return false;  // beyond the BMP: no white space there
            }
            return Character.isWhitespace(first) && raw.dataText(entry).isBlank();
        }

        /** Appends the canonical value, or returns what is wrong with it (a phrase following the field name). */
        private String appendValue(ByteBuilder out, FieldRule rule, ValueKind kind, int entry) {
            boolean verbatim = raw.isVerbatim(entry);
            int start = raw.valueStart(entry);
            int end = raw.valueEnd(entry);
            if (rule.kind == FieldType.Kind.DECIMAL) {
                if (verbatim && DecimalValues.appendPlainCanonical(raw.line, start, end, out)) {
                    return null;
                }
                String text = raw.dataText(entry);
                BigDecimal value = kind == ValueKind.NUMBER ? DecimalValues.parseNumber(text)
                        : kind == ValueKind.STRING ? DecimalValues.parseString(text) : null;
                if (value == null) {
                    return "must be a decimal number, as a JSON number or a string such as \"20.5\", with at most "
                            + DecimalValues.MAX_INTEGER_DIGITS + " digits before the point and "
                            + DecimalValues.MAX_FRACTION_DIGITS + " after it";
                }
                String bounds = DecimalValues.boundsProblem(value);
                if (bounds != null) {
                    return "must have " + bounds;
                }
                out.appendUtf8(DecimalValues.canonical(value));
                return null;
            }
            if (kind != ValueKind.STRING) {
                return "must be a JSON string, found " + kind.described();
            }
            switch (rule.kind) {
                case STRING -> {
                    if (verbatim) {
                        // the reader noted what printableLength would find: no decoding needed
                        if ((raw.valueFlags(entry) & RawRecord.CONTROL) != 0) {
                            return "contains a control character or an unpaired surrogate";
                        }
                        int max = rule.field.maxLength();
                        if (max > 0 && raw.valueCodePoints(entry) > max) {
                            return "is longer than " + max + " characters";
                        }
                        CanonicalJson.appendQuotedRaw(out, raw.line, start, end);
                        return null;
                    }
                    String text = raw.dataText(entry);
                    int length = TextRules.printableLength(text, true);
                    if (length < 0) {
                        return "contains a control character or an unpaired surrogate";
                    }
                    int max = rule.field.maxLength();
                    if (max > 0 && length > max) {
                        return "is longer than " + max + " characters";
                    }
                    CanonicalJson.appendQuoted(out, text);
                }
                case DATE -> {
                    LocalDate date = verbatim ? DateValues.parse(raw.line, start, end)
                            : DateValues.parse(raw.dataText(entry));
                    if (date == null) {
                        return "must be a date written YYYY-MM-DD, and that day must exist";
                    }
                    if (rule.periodStart) {
                        periodStart = date;
                    }
                    if (rule.periodEnd) {
                        periodEnd = date;
                    }
                    appendQuoted(out, entry, verbatim);
                }
                case ENUM -> {
                    if (verbatim ? !isOneOf(rule.enumValuesUtf8, raw.line, start, end)
                            : !rule.enumValues.contains(raw.dataText(entry))) {
                        return "must be one of: " + rule.enumValuesListed;
                    }
                    appendQuoted(out, entry, verbatim);
                }
                case CREDIT_CODE -> {
                    String text = raw.dataText(entry);
                    String problem = creditCodeProblem(text);
                    if (problem != null) {
                        return "is not " + problem;
                    }
                    appendQuoted(out, entry, verbatim);
                }
                case ID_NUMBER -> {
                    String text = raw.dataText(entry);
                    String problem = idNumberProblem(text);
                    if (problem != null) {
                        return "is not " + problem;
                    }
                    appendQuoted(out, entry, verbatim);
                }
                default -> throw new IllegalStateException("unhandled field type " + rule.kind);
            }
            return null;
        }

        /** A string entry as canonical JSON: its bytes when they are verbatim, else its text escaped. */
        private void appendQuoted(ByteBuilder out, int entry, boolean verbatim) {
            if (verbatim) {
                CanonicalJson.appendQuotedRaw(out, raw.line, raw.valueStart(entry), raw.valueEnd(entry));
            } else {
                CanonicalJson.appendQuoted(out, raw.dataText(entry));
            }
        }

        private RecordError error(ErrorCode code, String field, String message) {
            return new RecordError(line, recordId, code, field, message);
        }
    }

    private static boolean requiredForEveryone(FieldRule rule) {
        return rule.field.requirement().requiredFor(SubjectType.ORG)
                && rule.field.requirement().requiredFor(SubjectType.PERSON);
    }

    /**
     * "a unified social credit code (GB 32100): check character should be 'X'", or null when the code is valid.
     * The checker's explanation is kept only when it quotes no part of the code: an ID number's birth date is
     * personal data, and a message must not carry it.
     */
    /** What is wrong with a credit code, or null; valid codes (nearly all) take the check without messages. */
    private static String creditCodeProblem(String code) {
        return CreditCode.isValid(code) ? null
                : codeProblem(code, CreditCode.problem(code), "a unified social credit code (GB 32100)");
    }

    /** What is wrong with a resident ID number, or null; valid numbers take the check without messages. */
    private static String idNumberProblem(String number) {
        return IdNumber.isValid(number) ? null
                : codeProblem(number, IdNumber.problem(number), "a resident ID number (GB 11643)");
    }

    private static String codeProblem(String code, Optional<String> problem, String what) {
        if (problem.isEmpty()) {
            return null;
        }
        String explanation = problem.get();
        return explanation.isBlank() || quotesPartOf(explanation, code) ? what : what + ": " + explanation;
    }

    /** Whether the text holds any four consecutive characters of the value (or all of a shorter value). */
    private static boolean quotesPartOf(String text, String value) {
        int window = Math.min(QUOTE_WINDOW, value.length());
        if (window == 0) {
            return false;
        }
        for (int i = 0; i + window <= value.length(); i++) {
            if (text.contains(value.substring(i, i + window))) {
                return true;
            }
        }
        return false;
    }

    /** String.isBlank(), answered from the first character for the usual value, which starts visibly. */
    private static boolean isBlank(String text) {
        return text.isEmpty() || Character.isWhitespace(text.charAt(0)) && text.isBlank();
    }

    private static boolean isOneOf(byte[][] values, byte[] buf, int from, int to) {
        for (byte[] value : values) {
            if (Arrays.equals(value, 0, value.length, buf, from, to)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAbsent(ValueKind kind) {
        return kind == null || kind == ValueKind.NULL;
    }

    private static SubjectType subjectTypeOrNull(String wire) {
        for (SubjectType type : SubjectType.values()) {
            if (type.wireName().equals(wire)) {
                return type;
            }
        }
        return null;
    }
}
