package org.creditgate.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Utf8Test {

    /** The JDK's decoder, which refuses overlong forms, surrogates and code points above U+10FFFF. */
    private static boolean jdkAccepts(byte[] bytes, int off, int len) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, off, len));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    @DisplayName("agrees with the JDK's strict decoder on a million random, UTF-8-like byte strings")
    void agreesWithTheJdk() {
        SplittableRandom random = new SplittableRandom(20260230);
        byte[] pieces = {0x41, 0x7F, (byte) 0x80, (byte) 0xBF, (byte) 0xC0, (byte) 0xC1, (byte) 0xC2, (byte) 0xDF,
            (byte) 0xE0, (byte) 0xE4, (byte) 0xED, (byte) 0xEF, (byte) 0xF0, (byte) 0xF4, (byte) 0xF5, (byte) 0xFF,
            (byte) 0x90, (byte) 0x9F, (byte) 0xA0, (byte) 0x8F};
        for (int n = 0; n < 1_000_000; n++) {
            byte[] bytes = new byte[random.nextInt(24)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : pieces[random.nextInt(pieces.length)];
            }
            int off = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int len = bytes.length - off == 0 ? 0 : random.nextInt(bytes.length - off + 1);
            assertThat(Utf8.isWellFormed(bytes, off, len)).as("%s", java.util.HexFormat.of().formatHex(bytes))
                    .isEqualTo(jdkAccepts(bytes, off, len));
        }
    }

    @Test
    @DisplayName("long ASCII runs, read eight bytes at a time, still see a bad byte anywhere and stop at the end")
    void asciiRuns() {
        byte[] text = "0123456789abcdefghijklmnopqrstuvwxyz一二三".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.isWellFormed(text, 0, text.length)).isTrue();
        for (int i = 0; i < text.length; i++) {
            byte[] bad = text.clone();
            bad[i] = (byte) 0xFF;
            assertThat(Utf8.isWellFormed(bad, 0, bad.length)).as("0xFF at %d", i).isFalse();
            // a bad byte just outside the range is not read (the range may still cut a character in two)
            assertThat(Utf8.isWellFormed(bad, 0, i)).as("range ending before %d", i)
                    .isEqualTo(i <= 36 || (i - 36) % 3 == 0);
        }
    }
}
