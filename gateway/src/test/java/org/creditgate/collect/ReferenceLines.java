package org.creditgate.collect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The obvious, unbounded way to split an NDJSON body, as the submission contract reads: the fuzz tests hold the
 * streaming splitter to it.
 */
final class ReferenceLines {

    /** A line as it must be delivered: its number, and its content, or null for a line over the limit. */
    record Line(long number, byte[] content) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Line line && line.number == number && Arrays.equals(line.content, content);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(number) * 31 + Arrays.hashCode(content);
        }

        @Override
        public String toString() {
            return number + ":" + (content == null ? "<oversized>" : new String(content));
        }
    }

    private ReferenceLines() {
    }

    /** Lines end at '\n' (a '\r' before it is dropped); blank lines are left out but still numbered. */
    static List<Line> split(byte[] body, int maxLineBytes) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        long number = 0;
        while (start < body.length) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            number++;
            int contentEnd = end > start && body[end - 1] == '\r' ? end - 1 : end;
            byte[] content = Arrays.copyOfRange(body, start, contentEnd);
            if (content.length > maxLineBytes) {
                lines.add(new Line(number, null));
            } else if (!isBlank(content)) {
                lines.add(new Line(number, content));
            }
            start = end + 1;
        }
        return lines;
    }

    private static boolean isBlank(byte[] content) {
        for (byte b : content) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
