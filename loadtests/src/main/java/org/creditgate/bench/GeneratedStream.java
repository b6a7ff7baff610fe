package org.creditgate.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An input stream whose lines are generated as it is read, a chunk at a time: a body of any size costs the
 * memory of one chunk, for the HTTP client and for COPY alike.
 */
public final class GeneratedStream extends InputStream {

    /** The lines of a stream, in order. */
    interface Lines {
        /** Appends the next line, newline included; false when there is none. */
        boolean appendNext(StringBuilder out);
    }

    private static final int CHUNK_CHARS = 64 * 1024;

    private final Lines lines;
    private final StringBuilder text = new StringBuilder(CHUNK_CHARS + 8 * 1024);
    private byte[] chunk = new byte[0];
    private int position;
    private boolean exhausted;
    private long bytesRead;

    GeneratedStream(Lines lines) {
        this.lines = lines;
    }

    /** The lines {@code 0..count-1} of a submission. */
    static GeneratedStream ndjson(RecordGenerator generator, long count) {
        long[] next = {0};
        return new GeneratedStream(out -> {
            if (next[0] == count) {
                return false;
            }
            generator.appendNdjsonLine(out, next[0]++);
            return true;
        });
    }

    /** The record_versions rows of the valid lines among {@code 0..count-1}, in COPY text format. */
    static GeneratedStream copyRows(RecordGenerator generator, long count, String provider,
                                    UUID submissionId) {
        long[] next = {0};
        return new GeneratedStream(out -> {
            while (next[0] < count && !RecordGenerator.isValid(next[0])) {
                next[0]++;
            }
            if (next[0] == count) {
                return false;
            }
            generator.appendCopyRow(out, next[0]++, provider, submissionId);
            return true;
        });
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public int read() {
        if (position == chunk.length && !refill()) {
            return -1;
        }
        bytesRead++;
        return chunk[position++] & 0xff;
    }

    @Override
    public int read(byte[] into, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position == chunk.length && !refill()) {
            return -1;
        }
        int n = Math.min(len, chunk.length - position);
        System.arraycopy(chunk, position, into, off, n);
        position += n;
        bytesRead += n;
        return n;
    }

    private boolean refill() {
        if (exhausted) {
            return false;
        }
        text.setLength(0);
        while (text.length() < CHUNK_CHARS) {
            if (!lines.appendNext(text)) {
                exhausted = true;
                break;
            }
        }
        chunk = text.toString().getBytes(StandardCharsets.UTF_8);
        position = 0;
        return chunk.length > 0;
    }
}
