package org.creditgate.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NdjsonLineSplitterTest {

    /** Records what the splitter emits as "n:content" and "n:TOO_LARGE". */
    private static final class Recorder implements NdjsonLineSplitter.Listener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onLine(long lineNumber, byte[] buf, int off, int len) {
            events.add(lineNumber + ":" + new String(buf, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void onOversizedLine(long lineNumber) {
            events.add(lineNumber + ":TOO_LARGE");
        }
    }

    private static List<String> split(int maxLineBytes, byte[] input, int... cuts) {
        Recorder recorder = new Recorder();
        NdjsonLineSplitter splitter = new NdjsonLineSplitter(maxLineBytes, recorder);
        int from = 0;
        for (int cut : cuts) {
            splitter.feed(input, from, cut - from);
            from = cut;
        }
        splitter.feed(input, from, input.length - from);
        splitter.end();
        return recorder.events;
    }

    private static List<String> split(int maxLineBytes, String input) {
        return split(maxLineBytes, input.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("emits each line with its number, without the newline")
    void emitsLines() {
        assertThat(split(100, "{\"a\":1}\n{\"b\":2}\n")).containsExactly("1:{\"a\":1}", "2:{\"b\":2}");
    }

    @Test
    @DisplayName("finds each newline wherever it falls in the eight-byte words it is searched by, among any bytes")
    void newlineAtEveryOffset() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        // no white space among them: a line of any of these bytes is not blank
        byte[] neighbours = {0x0B, 0x0C, 0x00, (byte) 0x8A, (byte) 0x8B, (byte) 0xFF, 'x', 0x01, 0x1A};
        for (int n = 0; n < 2_000; n++) {
            byte[] body = new byte[1 + random.nextInt(40)];
            List<String> expected = new ArrayList<>();
            int start = 0;
            long line = 0;
            for (int i = 0; i < body.length; i++) {
                body[i] = random.nextInt(6) == 0 ? (byte) '\n' : neighbours[random.nextInt(neighbours.length)];
            }
            for (int i = 0; i <= body.length; i++) {
                if (i == body.length || body[i] == '\n') {
                    line++;
                    if (i > start) {
                        expected.add(line + ":" + new String(body, start, i - start, StandardCharsets.ISO_8859_1));
                    }
                    start = i + 1;
                }
            }
            Recorder recorder = new Recorder();
            NdjsonLineSplitter splitter = new NdjsonLineSplitter(100, new NdjsonLineSplitter.Listener() {
                @Override
                public void onLine(long lineNumber, byte[] buf, int off, int len) {
                    recorder.events.add(lineNumber + ":" + new String(buf, off, len, StandardCharsets.ISO_8859_1));
                }

                @Override
                public void onOversizedLine(long lineNumber) {
                    recorder.onOversizedLine(lineNumber);
                }
            });
            int cut = random.nextInt(body.length + 1);
            splitter.feed(body, 0, cut);
            splitter.feed(body, cut, body.length - cut);
            splitter.end();
            assertThat(recorder.events).as(java.util.HexFormat.of().formatHex(body)).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("a final line without newline is emitted at end()")
    void finalLineWithoutNewline() {
        assertThat(split(100, "one\ntwo")).containsExactly("1:one", "2:two");
    }

    @Test
    @DisplayName("nothing at all, or only newlines, emits nothing")
    void emptyBody() {
        assertThat(split(100, "")).isEmpty();
        assertThat(split(100, "\n\n\r\n")).isEmpty();
    }

    @Test
    @DisplayName("CRLF line ends lose their carriage return; one inside a line stays")
    void crlf() {
        assertThat(split(100, "one\r\ntwo\r\nthree\r")).containsExactly("1:one", "2:two", "3:three");
        assertThat(split(100, "a\rb\n")).containsExactly("1:a\rb");
    }

    @Test
    @DisplayName("empty and whitespace-only lines are skipped but still counted")
    void blankLinesCounted() {
        assertThat(split(100, "\none\n   \n\t \r\n\ntwo\n \n"))
                .containsExactly("2:one", "6:two");
    }

    @Test
    @DisplayName("every way of cutting the body into three chunks gives the same lines")
    void chunkBoundariesAnywhere() {
        byte[] input = bytes("\n{\"a\":\"一\"}\r\n  \nTOO-LONG-LINE-HERE\n{\"b\":2}\r\nxyz\r\n\r\nlast");
        List<String> expected = List.of("2:{\"a\":\"一\"}", "4:TOO_LARGE", "5:{\"b\":2}", "6:xyz", "8:last");
        assertThat(split(12, input)).isEqualTo(expected);
        for (int i = 0; i <= input.length; i++) {
            for (int j = i; j <= input.length; j++) {
                assertThat(split(12, input, i, j)).as("cut at %d and %d", i, j).isEqualTo(expected);
            }
        }
    }

    @Test
    @DisplayName("fed one byte at a time, it gives the same lines")
    void oneByteAtATime() {
        byte[] input = bytes("{\"a\":1}\r\n\n0123456789012345\nok\n");
        int[] cuts = new int[input.length - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        assertThat(split(10, input, cuts)).containsExactly("1:{\"a\":1}", "3:TOO_LARGE", "4:ok");
    }

    @Test
    @DisplayName("an oversized line in the middle is reported once, and the lines after it come through")
    void oversizedInTheMiddle() {
        String longLine = "x".repeat(50);
        assertThat(split(10, "first\n" + longLine + "\nsecond\nthird\n"))
                .containsExactly("1:first", "2:TOO_LARGE", "3:second", "4:third");
        assertThat(split(10, bytes("first\n" + longLine + "\nsecond\n"), 8, 20, 40, 57))
                .containsExactly("1:first", "2:TOO_LARGE", "3:second");
    }

    @Test
    @DisplayName("an oversized final line without newline is reported")
    void oversizedFinalLine() {
        assertThat(split(10, "ok\n" + "y".repeat(11))).containsExactly("1:ok", "2:TOO_LARGE");
        assertThat(split(10, bytes("ok\n" + "y".repeat(40)), 5, 9, 30)).containsExactly("1:ok", "2:TOO_LARGE");
    }

    @Test
    @DisplayName("the limit counts the content: exactly max bytes passes (with or without CR), one more does not")
    void limitIsExact() {
        String max = "m".repeat(10);
        assertThat(split(10, max + "\n" + max + "\r\n" + max + "n\n" + max))
                .containsExactly("1:" + max, "2:" + max, "3:TOO_LARGE", "4:" + max);
        // the same, with every line crossing chunk boundaries
        byte[] input = bytes(max + "\n" + max + "\r\n" + max + "n\r\n" + max);
        assertThat(split(10, input, 3, 14, 25, 37))
                .containsExactly("1:" + max, "2:" + max, "3:TOO_LARGE", "4:" + max);
    }

    @Test
    @DisplayName("an oversized line is not buffered: the buffer never outgrows the limit")
    void oversizedLineIsNotBuffered() {
        Recorder recorder = new Recorder();
        NdjsonLineSplitter splitter = new NdjsonLineSplitter(100_000, recorder);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'z');
        for (int i = 0; i < 200; i++) {  // a 13 MB line
            splitter.feed(chunk, 0, chunk.length);
        }
        splitter.feed(bytes("\n{}\n"), 0, 4);
        splitter.end();
        assertThat(recorder.events).containsExactly("1:TOO_LARGE", "2:{}");
        assertThat(splitter.bufferCapacity()).isLessThanOrEqualTo(100_001);
    }

    @Test
    @DisplayName("a line spanning chunks is delivered whole, and the buffer is reused for the next one")
    void lineAcrossChunks() {
        Recorder recorder = new Recorder();
        NdjsonLineSplitter splitter = new NdjsonLineSplitter(1 << 20, recorder);
        String big = "b".repeat(20_000);
        byte[] input = bytes(big + "\n" + big.toUpperCase() + "\n");
        for (int off = 0; off < input.length; off += 7_000) {
            splitter.feed(input, off, Math.min(7_000, input.length - off));
        }
        splitter.end();
        assertThat(recorder.events).containsExactly("1:" + big, "2:" + big.toUpperCase());
        assertThat(splitter.bufferCapacity()).isLessThan(2 * 20_001);
        assertThat(splitter.lineCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("feeding after end() is a programming error; end() twice is harmless")
    void afterEnd() {
        Recorder recorder = new Recorder();
        NdjsonLineSplitter splitter = new NdjsonLineSplitter(10, recorder);
        splitter.feed(bytes("a"), 0, 1);
        splitter.end();
        splitter.end();
        assertThat(recorder.events).containsExactly("1:a");
        assertThatThrownBy(() -> splitter.feed(bytes("b"), 0, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("feeding honours the offset and length of the chunk")
    void offsetAndLength() {
        byte[] chunk = bytes("xxone\ntwo\nyy");
        Recorder recorder = new Recorder();
        NdjsonLineSplitter splitter = new NdjsonLineSplitter(10, recorder);
        splitter.feed(chunk, 2, 8);
        splitter.end();
        assertThat(recorder.events).containsExactly("1:one", "2:two");
    }
}
