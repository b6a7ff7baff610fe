package org.creditgate.subject;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.IntPredicate;
import org.creditgate.catalog.Mask;
import org.junit.jupiter.api.DisplayName;

/**
 * The masks never let a masked-away character through.
 *
 * <p>"The output never contains 4 consecutive characters of the masked part" is not a sound property as a substring
 * search: a kept part may repeat a masked one ({@code 1111111111111111111} keeps {@code 1111}), and a value may hold
 * stars itself. What is sound, and stronger, is to compare position by position: the spec says which code points a
 * mask may keep; the result is either {@link Masking#REDACTED} or has exactly as many code points as the value, with
 * every masked position a star and every kept position the value's own code point. And because a mask could still
 * leak through its choice of shape, a twin of the value, with every masked code point replaced by a different one of
 * the same class (an ASCII digit by another digit, anything else by something else, sometimes changing its width in
 * UTF-16), must be masked to the very same result: the result depends on the masked part only through its length
 * and digit pattern.
 *
 * <p>Runs on the committed seeds in {@code MaskingFuzzTestInputs/} during {@code ./mvnw test}; {@code JAZZER_FUZZ=1}
 * fuzzes.
 */
class MaskingFuzzTest {

    private static final int STAR = '*';
    private static final DateTimeFormatter CATALOG_DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    @FuzzTest
    @DisplayName("person_name, id_number and phone show nothing of the masked part but its length and digit pattern")
    void masksKeepOnlyWhatTheSpecKeeps(FuzzedDataProvider data) {
        String value = FuzzValues.string(data);
        boolean changeWidth = data.consumeBoolean();
        int[] codePoints = value.codePoints().toArray();

        for (Mask mask : new Mask[] {Mask.PERSON_NAME, Mask.ID_NUMBER, Mask.PHONE}) {
            IntPredicate masked = maskedPositions(mask, value, codePoints.length);
            String result = Masking.apply(mask, value);
            assertAlignedOrRedacted(mask, value, codePoints, masked, result);
            String twin = twin(codePoints, masked, changeWidth);
            assertThat(Masking.apply(mask, twin))
                    .as("%s of %s and of its twin %s", mask, FuzzValues.escaped(value), FuzzValues.escaped(twin))
                    .isEqualTo(result);
        }
        assertThat(Masking.apply(Mask.FULL, value)).isEqualTo(value);
        assertThat(Masking.apply(Mask.HIDDEN, value)).isNull();
    }

    @FuzzTest
    @DisplayName("year_only gives the year of a real YYYY-MM-DD date, and a fixed mask for anything else")
    void yearOnlyKeepsOnlyTheYear(FuzzedDataProvider data) {
        String value = data.consumeBoolean() ? FuzzValues.dateLike(data) : FuzzValues.string(data);
        String result = Masking.yearOnly(value);
        if (value.isEmpty()) {
            assertThat(result).isEmpty();
        } else if (isCatalogDate(value)) {
            assertThat(result).isEqualTo(value.substring(0, 4));
        } else {
            assertThat(result).as(FuzzValues.escaped(value)).isEqualTo(Masking.REDACTED);
        }
    }

    /** The positions a mask must hide, from the catalog's rules; everything else it keeps (or it redacts all). */
    private static IntPredicate maskedPositions(Mask mask, String value, int count) {
        switch (mask) {
            case PERSON_NAME:
                return i -> i >= 1 || count == 1;
            case ID_NUMBER:
                return i -> count < 15 || (i >= 6 && i < count - 4);
            case PHONE:
                boolean mobile = count == 11 && value.chars().allMatch(MaskingFuzzTest::isAsciiDigit);
                boolean endsInFourDigits = count >= 8
                        && value.substring(value.length() - 4).chars().allMatch(MaskingFuzzTest::isAsciiDigit);
                return i -> !((mobile && i < 3) || ((mobile || endsInFourDigits) && i >= count - 4));
            default:
                throw new IllegalArgumentException(mask.toString());
        }
    }

    private static void assertAlignedOrRedacted(Mask mask, String value, int[] codePoints, IntPredicate masked,
            String result) {
        if (result.equals(Masking.REDACTED) && !value.isEmpty()) {
            return;
        }
        int[] out = result.codePoints().toArray();
        assertThat(out.length).as("%s of %s: %s, code point count", mask, FuzzValues.escaped(value), FuzzValues.escaped(result))
                .isEqualTo(codePoints.length);
        for (int i = 0; i < out.length; i++) {
            int expected = masked.test(i) ? STAR : codePoints[i];
            assertThat(out[i]).as("%s of %s: %s, code point %d", mask, FuzzValues.escaped(value), FuzzValues.escaped(result), i)
                    .isEqualTo(expected);
        }
    }

    /** The value with every masked code point replaced by a different one of the same class. */
    private static String twin(int[] codePoints, IntPredicate masked, boolean changeWidth) {
        int[] twin = codePoints.clone();
        for (int i = 0; i < twin.length; i++) {
            if (masked.test(i)) {
                twin[i] = otherOfSameClass(twin[i], changeWidth);
            }
        }
        return new String(twin, 0, twin.length);
    }

    /**
     * A different code point of the same class. The replacements are never surrogates' halves on their own, so they
     * cannot pair up with a lone surrogate kept next to them and change the code point count.
     */
    private static int otherOfSameClass(int codePoint, boolean changeWidth) {
        if (isAsciiDigit(codePoint)) {
            return '0' + (codePoint - '0' + 1) % 10;
        }
        boolean supplementary = Character.isSupplementaryCodePoint(codePoint);
        if (supplementary == changeWidth) {
            return codePoint == 'a' ? 'b' : 'a';
        }
        return codePoint == 0x20000 ? 0x20001 : 0x20000;
    }

    private static boolean isCatalogDate(String value) {
        if (!value.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            return false;
        }
        try {
            LocalDate.parse(value, CATALOG_DATE);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
