package org.creditgate.collect;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 well-formedness (RFC 3629): no overlong forms, no encoded surrogates, nothing above U+10FFFF.
 * Checked before parsing so that no malformed byte sequence reaches the store, wherever it sits in the line.
 */
final class Utf8 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {
    }

    static boolean isWellFormed(byte[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int b = buf[i];
            if (b >= 0) {
                // ASCII runs (keys, codes, dates, punctuation) are skipped eight bytes at a time
                while (i + Long.BYTES <= end && ((long) LONGS.get(buf, i) & HIGH_BITS) == 0) {
                    i += Long.BYTES;
                }
                if (i < end && buf[i] >= 0) {
                    i++;
                }
                continue;
            }
            b &= 0xFF;
            if (b < 0xC2) {
                // a stray continuation byte, or the lead of an overlong two-byte form
                return false;
            }
            if (b < 0xE0) {
                if (i + 1 >= end || !isContinuation(buf[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (b < 0xF0) {
                if (i + 2 >= end) {
                    return false;
                }
                int b1 = buf[i + 1] & 0xFF;
                if (!isContinuation(b1) || !isContinuation(buf[i + 2])
                        || b == 0xE0 && b1 < 0xA0      // overlong
                        || b == 0xED && b1 >= 0xA0) {  // a UTF-16 surrogate
                    return false;
                }
                i += 3;
            } else if (b < 0xF5) {
                if (i + 3 >= end) {
                    return false;
                }
                int b1 = buf[i + 1] & 0xFF;
                if (!isContinuation(b1) || !isContinuation(buf[i + 2]) || !isContinuation(buf[i + 3])
                        || b == 0xF0 && b1 < 0x90      // overlong
                        || b == 0xF4 && b1 >= 0x90) {  // above U+10FFFF
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean isContinuation(int b) {
        return (b & 0xC0) == 0x80;
    }
}
