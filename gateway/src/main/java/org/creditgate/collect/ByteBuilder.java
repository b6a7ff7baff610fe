package org.creditgate.collect;

import java.util.Arrays;

/** A growable byte array, the byte counterpart of a StringBuilder. Not thread-safe: one per thread, reused. */
final class ByteBuilder {

    private byte[] bytes;
    private int length;

    ByteBuilder(int capacity) {
        this.bytes = new byte[capacity];
    }

    int length() {
        return length;
    }

    void setLength(int length) {
        this.length = length;
    }

    /** The backing array: valid up to {@link #length()}, and only until the next append. */
    byte[] array() {
        return bytes;
    }

    byte[] copyOfRange(int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }

    ByteBuilder append(byte b) {
        ensure(1);
        bytes[length++] = b;
        return this;
    }

    ByteBuilder append(byte[] src) {
        return append(src, 0, src.length);
    }

    ByteBuilder append(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, bytes, length, len);
        length += len;
        return this;
    }

    /** Makes room for {@code more} bytes after the current length. */
    void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    /** Appends the UTF-8 encoding of the text; a lone surrogate becomes '?', as String.getBytes makes it. */
    ByteBuilder appendUtf8(CharSequence text) {
        return appendUtf8(text, 0, text.length());
    }

    /** Appends the UTF-8 encoding of {@code text[from, to)}, which does not cut a surrogate pair in two. */
    ByteBuilder appendUtf8(CharSequence text, int from, int to) {
        int n = to;
        ensure((to - from) * 3);
        byte[] out = bytes;
        int at = length;
        for (int i = from; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[at++] = (byte) c;
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | c >> 6);
                out[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                out[at++] = (byte) (0xF0 | cp >> 18);
                out[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[at++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                out[at++] = '?';
            } else {
                out[at++] = (byte) (0xE0 | c >> 12);
                out[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[at++] = (byte) (0x80 | c & 0x3F);
            }
        }
        length = at;
        return this;
    }
}
