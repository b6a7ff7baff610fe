package org.creditgate.collect;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Cuts a streamed NDJSON body into lines as its chunks arrive, in memory bounded by {@code maxLineBytes} plus
 * one chunk, whatever the size of the body.
 *
 * <p>Line numbers count every line from 1, blank ones included, as a text editor does, so that the numbers in
 * error reports point at the provider's own file. A line is what precedes a {@code '\n'}; a trailing {@code '\r'}
 * is dropped (CRLF files). Lines holding only JSON whitespace are skipped. A final line without {@code '\n'} is
 * emitted by {@link #end()}.
 *
 * <p>A line longer than {@code maxLineBytes} is reported once, by number, as soon as it is known to be too long;
 * its bytes are then discarded up to the next {@code '\n'} rather than buffered.
 *
 * <p>Not thread-safe: one instance per body, fed in order.
 */
public final class NdjsonLineSplitter {

    /** Receives the lines of a body, in order. */
    public interface Listener {

        /**
         * A complete, non-blank line, without its terminator. The bytes are valid only during the call: the
         * splitter reuses its buffer and the caller's chunk.
         */
        void onLine(long lineNumber, byte[] buf, int off, int len);

        /** A line longer than the limit; its content is not delivered. */
        void onOversizedLine(long lineNumber);
    }

    private static final int INITIAL_BUFFER = 8 * 1024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long NEWLINES = '\n' * ONES;

    private final int maxLineBytes;
    private final Listener listener;

    /** The start of a line that began in an earlier chunk. Holds at most maxLineBytes + 1 bytes (room for '\r'). */
    private byte[] pending;
    private int pendingLength;
    /** Inside an oversized line, already reported: drop bytes up to the next '\n'. */
    private boolean discarding;
    private long lineNumber;
    private boolean ended;

    public NdjsonLineSplitter(int maxLineBytes, Listener listener) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive");
        }
        this.maxLineBytes = maxLineBytes;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.pending = new byte[Math.min(INITIAL_BUFFER, maxLineBytes + 1)];
    }

    /** Feeds the next chunk of the body; lines it completes are emitted before this returns. */
    public void feed(byte[] chunk, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        if (ended) {
            throw new IllegalStateException("the body has already ended");
        }
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int newline = indexOfNewline(chunk, i, end);
            if (discarding) {
                if (newline < 0) {
                    return;
                }
                discarding = false;
                i = newline + 1;
                continue;
            }
            if (newline >= 0 && pendingLength == 0) {
                // the common case: the whole line is in this chunk, hand it over without copying
                completeLine(chunk, i, newline - i);
                i = newline + 1;
                continue;
            }
            int segmentEnd = newline < 0 ? end : newline;
            int segmentLength = segmentEnd - i;
            if ((long) pendingLength + segmentLength > maxLineBytes + 1L) {
                pendingLength = 0;
                listener.onOversizedLine(++lineNumber);
                if (newline < 0) {
                    discarding = true;
                    return;
                }
                i = newline + 1;
                continue;
            }
            append(chunk, i, segmentLength);
            if (newline < 0) {
                return;
            }
            int lineLength = pendingLength;
            pendingLength = 0;
            completeLine(pending, 0, lineLength);
            i = newline + 1;
        }
    }

    /** The body is complete: emits a last line that had no '\n'. */
    public void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (discarding) {
            discarding = false;
            return;
        }
        if (pendingLength > 0) {
            int lineLength = pendingLength;
            pendingLength = 0;
            completeLine(pending, 0, lineLength);
        }
    }

    /** Lines seen so far, blank and oversized ones included. */
    public long lineCount() {
        return lineNumber;
    }

    /** The size of the line buffer, which must stay within the limit whatever is fed. */
    int bufferCapacity() {
        return pending.length;
    }

    private void completeLine(byte[] buf, int off, int len) {
        long number = ++lineNumber;
        if (len > 0 && buf[off + len - 1] == '\r') {
            len--;
        }
        if (len > maxLineBytes) {
            listener.onOversizedLine(number);
        } else if (!isBlank(buf, off, len)) {
            listener.onLine(number, buf, off, len);
        }
    }

    private void append(byte[] chunk, int off, int len) {
        int needed = pendingLength + len;
        if (needed > pending.length) {
            int grown = (int) Math.min(Math.max((long) pending.length * 2, needed), maxLineBytes + 1L);
            byte[] larger = new byte[grown];
            System.arraycopy(pending, 0, larger, 0, pendingLength);
            pending = larger;
        }
        System.arraycopy(chunk, off, pending, pendingLength, len);
        pendingLength = needed;
    }

    /** Eight bytes at a time: a line is hundreds of bytes, and every byte of the body passes here. */
    private static int indexOfNewline(byte[] buf, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(buf, i) ^ NEWLINES;
            // the high bit of the first zero byte, that is of the first '\n' (later bytes may be marked wrongly)
            long found = (word - ONES) & ~word & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(byte[] buf, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
