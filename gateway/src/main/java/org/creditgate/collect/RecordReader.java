package org.creditgate.collect;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;

/**
 * Reads one NDJSON line into a {@link RawRecord}. Only the JSON itself is judged here (well-formed UTF-8, one
 * object, no duplicate keys, nothing after it); what the values mean is {@link RecordValidator}'s business.
 *
 * <p>The usual line, a flat record, is read by {@link DirectRecordReader} straight from its bytes. Every other
 * line, and every malformed one, is read by Jackson's streaming parser (no tree is built, values are kept as the
 * text sent), which makes the judgement and gives the error: the two readers read what they both accept the same
 * way. Immutable and thread-safe; the mutable state of a read is the caller's, per thread.
 */
final class RecordReader {

    static final String RECORD_ID = "record_id";
    static final String SUBJECT_TYPE = "subject_type";
    static final String SUBJECT_CODE = "subject_code";
    static final String ACTION = "action";
    static final String DATA = "data";

    private final FieldNames fields;

    /** @param fields the category's data fields, which entries are matched against */
    RecordReader(FieldNames fields) {
        this.fields = fields;
    }

    /** Reads the line into {@code record}, reusing it; {@code direct} is the calling thread's own. */
    void read(byte[] buf, int off, int len, RawRecord record, DirectRecordReader direct)
            throws MalformedRecordException {
        record.reset(buf, len);
        if (direct != null && direct.read(buf, off, len, fields, record)) {
            return;
        }
        record.reset(buf, len);
        readWithJackson(buf, off, len, record);
    }

    private void readWithJackson(byte[] buf, int off, int len, RawRecord record) throws MalformedRecordException {
        try (JsonParser parser = RecordJson.FACTORY.createParser(buf, off, len)) {
            try {
                readObject(parser, record);
            } catch (MalformedRecordException e) {
                throw Utf8.isWellFormed(buf, off, len) ? e : notUtf8(record);
            } catch (IOException e) {
                if (!Utf8.isWellFormed(buf, off, len)) {
                    throw notUtf8(record);
                }
                throw malformed(parser, e, record);
            }
        } catch (IOException e) {
            // closing a parser over a byte array does no I/O; nothing to report beyond what was read
            throw malformed("the line could not be read as JSON", record);
        }
        // Jackson does not refuse every malformed sequence (overlong forms, encoded surrogates): check them all
        if (!Utf8.isWellFormed(buf, off, len)) {
            throw notUtf8(record);
        }
    }

    private static MalformedRecordException notUtf8(RawRecord record) {
        return malformed("the line is not valid UTF-8", record);
    }

    private void readObject(JsonParser parser, RawRecord record) throws IOException, MalformedRecordException {
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new MalformedRecordException(first == null
                    ? "the line holds no JSON value"
                    : "a record must be a JSON object, found " + ValueKind.of(first).described(), null, null);
        }
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            ValueKind kind = ValueKind.of(value);
            switch (name) {
                case RECORD_ID -> {
                    record.recordIdKind = kind;
                    record.recordId = scalarText(parser, kind);
                }
                case SUBJECT_TYPE -> {
                    record.subjectTypeKind = kind;
                    record.subjectType = scalarText(parser, kind);
                }
                case SUBJECT_CODE -> {
                    record.subjectCodeKind = kind;
                    record.subjectCode = scalarText(parser, kind);
                }
                case ACTION -> {
                    record.actionKind = kind;
                    record.action = scalarText(parser, kind);
                }
                case DATA -> {
                    record.dataKind = kind;
                    if (kind == ValueKind.OBJECT) {
                        readData(parser, record);
                    }
                }
                default -> record.addUnknownKey(name);
            }
            boolean nested = kind == ValueKind.ARRAY || kind == ValueKind.OBJECT;
            if (nested && !(DATA.equals(name) && kind == ValueKind.OBJECT)) {
                collectNestedKeys(parser, record);
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IllegalStateException("unexpected token " + token);
        }
        if (parser.nextToken() != null) {
            throw new MalformedRecordException("unexpected content after the JSON object", readRecordId(record), null);
        }
    }

    private void readData(JsonParser parser, RawRecord record) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            ValueKind kind = ValueKind.of(parser.nextToken());
            record.addData(name, fields.indexOf(name), kind, scalarText(parser, kind));
            if (kind == ValueKind.ARRAY || kind == ValueKind.OBJECT) {
                collectNestedKeys(parser, record);
            }
        }
    }

    /** Walks a nested value the parser has just opened, to its end, noting its keys. */
    private static void collectNestedKeys(JsonParser parser, RawRecord record) throws IOException {
        int depth = 1;
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new JsonEOFException(parser, null, "end of input inside a nested value");
            }
            switch (token) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                case FIELD_NAME -> record.addNestedKey(parser.currentName());
                default -> {
                    // scalars inside nested values are never stored: nothing to keep
                }
            }
        }
    }

    private static String scalarText(JsonParser parser, ValueKind kind) throws IOException {
        return kind == ValueKind.STRING || kind == ValueKind.NUMBER ? parser.getText() : null;
    }

    private static MalformedRecordException malformed(String message, RawRecord record) {
        return new MalformedRecordException(message, readRecordId(record), null);
    }

    /** Jackson's own messages quote the offending input, so they are replaced, keeping only the position. */
    private static MalformedRecordException malformed(JsonParser parser, IOException e, RawRecord record) {
        if (e instanceof StreamConstraintsException) {
            return malformed("the JSON is nested too deeply or holds an over-long token", record);
        }
        if (e instanceof JsonEOFException) {
            return malformed("the JSON object is incomplete", record);
        }
        String original = e instanceof JacksonException je ? je.getOriginalMessage() : null;
        if (original != null && original.startsWith("Duplicate field")) {
            String key = parser.getParsingContext() == null ? null : parser.getParsingContext().getCurrentName();
            return new MalformedRecordException("a key appears twice in one JSON object", readRecordId(record),
                    key);
        }
        JsonLocation location = e instanceof JacksonException je ? je.getLocation() : parser.currentLocation();
        long column = location == null ? -1 : location.getColumnNr();
        String where = column > 0 ? " near column " + column : "";
        return new MalformedRecordException("malformed JSON" + where, readRecordId(record), null);
    }

    private static String readRecordId(RawRecord record) {
        return record.recordIdKind == ValueKind.STRING && TextRules.isAcceptableRecordId(record.recordId)
                ? record.recordId : null;
    }
}
