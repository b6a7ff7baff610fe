package org.creditgate.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The line splitter alone, against the obvious unbounded reference: any body, any line limit (down to one byte),
 * any chunking (down to one byte per chunk, empty chunks included) gives the same lines, numbers and oversized
 * reports. Runs its seed corpus (NdjsonLineSplitterFuzzTestInputs/) in every build; set JAZZER_FUZZ=1 to fuzz.
 *
 * <p>The input's last four bytes choose the line limit and the chunking; the rest is the body.
 */
class NdjsonLineSplitterFuzzTest {

    @FuzzTest
    void splitsLikeTheReference(FuzzedDataProvider data) {
        int maxLineBytes = data.consumeInt(1, 300);
        int maxChunk = data.consumeInt(0, 70);
        int seed = data.consumeByte();
        byte[] body = data.consumeRemainingAsBytes();

        List<ReferenceLines.Line> lines = new ArrayList<>();
        NdjsonLineSplitter splitter = new NdjsonLineSplitter(maxLineBytes, new NdjsonLineSplitter.Listener() {
            @Override
            public void onLine(long lineNumber, byte[] buf, int off, int len) {
                lines.add(new ReferenceLines.Line(lineNumber, Arrays.copyOfRange(buf, off, off + len)));
            }

            @Override
            public void onOversizedLine(long lineNumber) {
                lines.add(new ReferenceLines.Line(lineNumber, null));
            }
        });
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int off = 0; off < body.length; ) {
            // chunks of 0 to maxChunk bytes, fed from a larger array at an offset, as a network buffer would be
            int size = Math.min(body.length - off, maxChunk == 0 ? 1 : random.nextInt(maxChunk + 1));
            byte[] chunk = new byte[size + 4];
            System.arraycopy(body, off, chunk, 2, size);
            splitter.feed(chunk, 2, size);
            off += size;
        }
        splitter.end();

        assertThat(lines).containsExactlyElementsOf(ReferenceLines.split(body, maxLineBytes));
    }
}
