package org.creditgate.collect;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Encodes new versions in PostgreSQL's binary COPY format, in the column order of {@link #COLUMNS}: the rows of
 * one batch become the data of a single {@code COPY ... FROM STDIN (FORMAT binary)}. The data is handed to the
 * COPY in pieces of about {@value #FLUSH_BYTES} bytes as it is encoded, so the buffer does not grow with the batch
 * (a batch may hold megabytes of records, and every writer thread keeps its buffer) and PostgreSQL starts loading
 * while the rest is encoded.
 *
 * <p>Binary, not text: the canonical data goes in as the UTF-8 bytes the validator made and hashed, with no
 * escaping of backslashes or tabs, and numbers, dates and the submission id go in without being printed and
 * parsed. The format: a signature and two zero words, then per row the number of fields and each field as its
 * length (-1 for NULL) and its bytes, then -1 (PostgreSQL documentation, "COPY", "Binary Format").
 */
final class VersionCopy {

    static final String COLUMNS = "provider, category, record_id, version, action, subject_type, subject_code, "
            + "data, content_hash, period_start, period_end, submission_id";
    private static final short FIELDS = 12;

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** jsonb's binary form: a version byte, then the JSON text. */
    private static final byte JSONB_VERSION = 1;
    /** PostgreSQL counts dates in days from 2000-01-01. */
    private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();

    /** Encoded data is handed on once the buffer holds this much. */
    private static final int FLUSH_BYTES = 256 << 10;
    private static final int BUFFER_BYTES = FLUSH_BYTES + (64 << 10);
    /** A buffer grown past this by one large record (a line may be up to 1 MiB) is not kept for the next batch. */
    private static final int MAX_KEPT_BUFFER_BYTES = 4 << 20;
    private static final ThreadLocal<ByteBuilder> BUFFERS =
            ThreadLocal.withInitial(() -> new ByteBuilder(BUFFER_BYTES));

    /** Where the encoded data goes, a piece at a time: the bytes are valid only during the call. */
    @FunctionalInterface
    interface Sink {
        void write(byte[] bytes, int offset, int length) throws SQLException;
    }

    private VersionCopy() {
    }

    /**
     * Encodes the rows, which all carry their data ({@link VersionRow#copiesPrevious()} is false), into the sink:
     * the whole COPY data, header to trailer, in order.
     */
    static void encode(String provider, String category, UUID submissionId, List<VersionRow> rows, Sink sink)
            throws SQLException {
        ByteBuilder out = BUFFERS.get();
        if (out.array().length > MAX_KEPT_BUFFER_BYTES) {
            out = new ByteBuilder(BUFFER_BYTES);
            BUFFERS.set(out);
        }
        out.setLength(0);
        out.append(SIGNATURE);
        putInt(out, 0);
        putInt(out, 0);
        byte[] providerBytes = provider.getBytes(StandardCharsets.UTF_8);
        byte[] categoryBytes = category.getBytes(StandardCharsets.UTF_8);
        for (VersionRow row : rows) {
            if (row.copiesPrevious()) {
                throw new IllegalArgumentException("record " + row.recordId() + " has no data of its own to copy");
            }
            putShort(out, FIELDS);
            putBytes(out, providerBytes);
            putBytes(out, categoryBytes);
            putText(out, row.recordId());
            putInt(out, 4);
            putInt(out, row.version());
            putText(out, row.action().wireName());
            putText(out, row.subjectType().wireName());
            putText(out, row.subjectCode());
            putInt(out, row.data().length + 1);
            out.append(JSONB_VERSION);
            out.append(row.data());
            putBytes(out, row.contentHash());
            putDate(out, row.periodStart());
            putDate(out, row.periodEnd());
            putInt(out, 16);
            putLong(out, submissionId.getMostSignificantBits());
            putLong(out, submissionId.getLeastSignificantBits());
            if (out.length() >= FLUSH_BYTES) {
                sink.write(out.array(), 0, out.length());
                out.setLength(0);
            }
        }
        putShort(out, (short) -1);
        sink.write(out.array(), 0, out.length());
        out.setLength(0);
    }

    private static void putBytes(ByteBuilder out, byte[] bytes) {
        putInt(out, bytes.length);
        out.append(bytes);
    }

    /** The UTF-8 of the text, its length written in front once it is known. */
    private static void putText(ByteBuilder out, String text) {
        int lengthAt = out.length();
        putInt(out, 0);
        out.appendUtf8(text);
        int length = out.length() - lengthAt - 4;
        byte[] bytes = out.array();
        bytes[lengthAt] = (byte) (length >>> 24);
        bytes[lengthAt + 1] = (byte) (length >>> 16);
        bytes[lengthAt + 2] = (byte) (length >>> 8);
        bytes[lengthAt + 3] = (byte) length;
    }

    private static void putDate(ByteBuilder out, LocalDate date) {
        if (date == null) {
            putInt(out, -1);
            return;
        }
        putInt(out, 4);
        putInt(out, Math.toIntExact(date.toEpochDay() - POSTGRES_EPOCH_DAY));
    }

    private static void putShort(ByteBuilder out, short value) {
        out.ensure(2);
        out.append((byte) (value >>> 8)).append((byte) value);
    }

    private static void putInt(ByteBuilder out, int value) {
        out.ensure(4);
        out.append((byte) (value >>> 24)).append((byte) (value >>> 16)).append((byte) (value >>> 8))
                .append((byte) value);
    }

    private static void putLong(ByteBuilder out, long value) {
        putInt(out, (int) (value >>> 32));
        putInt(out, (int) value);
    }
}
